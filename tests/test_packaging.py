"""An installed SeekDesk has every module and resource a checkout has."""

from __future__ import annotations

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_every_app_package_is_listed_for_installation():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "app").rglob("__init__.py")
    }
    assert on_disk <= listed, f"missing from pyproject packages: {sorted(on_disk - listed)}"


def test_resources_the_window_loads_are_declared_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["seekdesk_resources"]
    shipped = {p for pattern in patterns for p in (ROOT / "resources").glob(pattern)}
    assert ROOT / "resources" / "seekdesk.svg" in shipped
    assert ROOT / "resources" / "translations" / "seekdesk_zh_CN.qm" in shipped
