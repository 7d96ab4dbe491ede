"""A title holding bidi controls is shown in its own span: it cannot reverse " — SeekDesk" or
anything else shown next to it, and the stored title is never changed."""

from __future__ import annotations

from app.core.titles import FSI, LRI, PDF, PDI, RLE, RLO, balanced, shown_title


def test_a_plain_title_is_shown_as_it_is():
    assert shown_title("Which is greater, 9.9 or 9.11?") == "Which is greater, 9.9 or 9.11?"
    assert shown_title("番茄炒蛋怎么做") == "番茄炒蛋怎么做"  # left to right: nothing to fence


def test_a_right_to_left_override_is_closed_and_fenced_in():
    title = f"{RLO}gnp.exe"
    shown = shown_title(title)
    assert shown == f"{FSI}{RLO}gnp.exe{PDF}{PDI}"
    assert title == f"{RLO}gnp.exe"  # (a str: what the history holds stays as it was)


def test_a_right_to_left_title_is_fenced_in_so_the_app_name_stays_on_its_side():
    assert shown_title("שלום עולם") == f"{FSI}שלום עולם{PDI}"


def test_stray_closers_cannot_close_what_surrounds_the_title():
    assert balanced(f"a{PDI}b{PDF}c") == "abc"
    assert shown_title(f"x{PDI} — fake") == f"{FSI}x — fake{PDI}"


def test_nested_controls_are_kept_and_what_is_left_open_is_closed_in_order():
    assert balanced(f"{LRI}a{RLE}b{PDI}c{RLO}d") == f"{LRI}a{RLE}b{PDI}c{RLO}d{PDF}"
    assert balanced(f"{RLE}a{PDF}b") == f"{RLE}a{PDF}b"  # already balanced: unchanged
