"""``seekdesk history …`` as a user types it: list, search, show, export, import, delete,
backups, restore."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.history import HistoryStore, MessageStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def saved(isolated_dirs):
    with HistoryStore.open() as store:
        bread = store.create_conversation(
            "Sourdough notes", "deepseek-v4-pro", "cn-beijing", "openai"
        )
        store.add_user_message(bread.id, "My starter smells like acetone")
        reply = store.start_assistant_message(bread.id, model="deepseek-v4-pro")
        store.finish_message(
            reply.id,
            MessageStatus.COMPLETE,
            text="It is hungry: feed it twice a day.",
            thinking="Acetone means the yeast ran out of food.",
        )
        cats = store.create_conversation("猫的问题", "qwen3-max", "cn-beijing", "dashscope")
        store.add_user_message(cats.id, "我的猫不吃饭怎么办？")
    return bread.id, cats.id


def test_list_shows_conversations_newest_first(saved, capsys):
    assert main(["history", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "猫的问题" in lines[0] and "Sourdough notes" in lines[1]
    assert main(["history", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["title"], r["messages"]) for r in rows] == [("猫的问题", 1), ("Sourdough notes", 2)]


def test_an_empty_history_says_so(isolated_dirs, capsys):
    assert main(["history", "list"]) == 0
    assert "No conversations yet" in capsys.readouterr().out


def test_search_finds_english_and_short_chinese_queries_with_marks(saved, capsys):
    assert main(["history", "search", "yeast", "ran"]) == 0
    out = capsys.readouterr().out
    assert "Sourdough notes" in out and "[yeast]" in out and "[ran]" in out
    assert main(["history", "search", "猫"]) == 0
    out = capsys.readouterr().out
    assert "[猫]" in out and "Sourdough" not in out
    assert main(["history", "search", "nothing-like-this"]) == 0
    assert "Nothing found" in capsys.readouterr().out


def test_show_prints_the_conversation_with_its_thinking(saved, capsys):
    bread, _ = saved
    assert main(["history", "show", str(bread)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Sourdough notes")
    assert "Acetone means the yeast" in out and "It is hungry" in out
    assert main(["history", "show", "999"]) == 2
    assert "no conversation 999" in capsys.readouterr().err


def test_export_then_import_elsewhere_then_again_adds_nothing(saved, capsys, tmp_path, monkeypatch):
    out_file = tmp_path / "all.json"
    assert main(["history", "export", "--all", "--format", "json", "-o", str(out_file)]) == 0
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert document["format"] == "seekdesk-history" and len(document["conversations"]) == 2

    monkeypatch.setenv("SEEKDESK_DATA_DIR", str(tmp_path / "other-machine"))
    capsys.readouterr()
    assert main(["history", "import", str(out_file)]) == 0
    assert "Imported 2 conversation(s) (3 messages); 0 already present" in capsys.readouterr().out
    assert main(["history", "import", str(out_file)]) == 0
    assert "Imported 0 conversation(s)" in capsys.readouterr().out
    assert main(["history", "search", "twice a day"]) == 0
    assert "Sourdough notes" in capsys.readouterr().out


def test_export_one_conversation_as_markdown_to_stdout(saved, capsys):
    bread, _ = saved
    assert main(["history", "export", str(bread), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Sourdough notes") and "<summary>Thinking</summary>" in out
    assert "猫" not in out


def test_import_of_a_chatgpt_export(isolated_dirs, capsys):
    assert main(["history", "import", str(FIXTURES / "chatgpt_conversations.json")]) == 0
    assert "Imported 2 conversation(s) (8 messages)" in capsys.readouterr().out  # every branch
    assert main(["history", "search", "hydration"]) == 0
    assert "Sourdough starter help" in capsys.readouterr().out


def test_import_of_a_file_that_is_not_an_export_is_refused(isolated_dirs, capsys, tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"notes": []}', encoding="utf-8")
    assert main(["history", "import", str(bad)]) == 2
    assert "neither" in capsys.readouterr().err


def test_delete_removes_a_conversation(saved, capsys):
    bread, _ = saved
    assert main(["history", "delete", str(bread)]) == 0
    assert "Deleted conversation" in capsys.readouterr().out
    assert main(["history", "delete", str(bread)]) == 2
    assert main(["history", "search", "acetone"]) == 0
    assert "Nothing found" in capsys.readouterr().out


def test_backups_are_listed_and_one_can_be_restored(saved, capsys):
    bread, _ = saved
    assert main(["history", "backups"]) == 0
    assert "daily" in capsys.readouterr().out
    with HistoryStore.open() as store:
        (daily,) = store.backups()
    assert main(["history", "delete", str(bread)]) == 0
    capsys.readouterr()
    assert main(["history", "restore", str(daily.path)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore" in out
    assert main(["history", "list"]) == 0
    assert "Sourdough notes" in capsys.readouterr().out
    assert main(["history", "backups"]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_a_damaged_history_is_reported_on_stderr(isolated_dirs, capsys):
    data, _ = isolated_dirs
    data.mkdir(parents=True, exist_ok=True)
    (data / "history.sqlite3").write_bytes(b"\x00garbage" * 1000)
    assert main(["history", "list"]) == 0
    err = capsys.readouterr().err
    assert "damaged" in err and "history.sqlite3.corrupt-" in err


def test_the_real_command_runs(saved):
    result = subprocess.run(
        [sys.executable, "-m", "app", "history", "search", "数据库", "acetone"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Nothing found" in result.stdout


def test_a_history_held_by_another_program_is_reported_with_what_to_do(saved, capsys, monkeypatch):
    import sqlite3

    from app.core import paths
    from app.core.errors import HINTS, ErrorKind
    from app.core.history import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)  # not 15 s of waiting in a test
    bread, _ = saved
    other = sqlite3.connect(paths.data_dir() / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        status = main(["history", "delete", str(bread)])
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert status == 2
    err = capsys.readouterr().err
    assert "database is locked" in err and HINTS[ErrorKind.STORAGE_LOCKED] in err
    assert "Traceback" not in err
    assert main(["history", "show", str(bread)]) == 0  # still there
