"""Screenshots of the usage view (light, dark, Simplified Chinese) for a human to look at.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m tests.ui.usage.shots``. PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``. The history is a throwaway one: 30 days
of three models, a deleted conversation, prices for two of the models. The Chinese is the shipped
catalogue's.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def build_history(now: float) -> None:
    from app.core.events import Usage
    from app.core.history import HistoryStore, MessageStatus
    from app.core.usage.prices import PriceTable, make_price

    rng = random.Random(15)
    titles = ["Sourdough notes", "分布式数据库的一致性", "Trip to Kyoto", "Refactor the parser"]
    with HistoryStore.open() as store:
        convs = [
            store.create_conversation(t, "deepseek-v4-pro", "cn-beijing", "openai") for t in titles
        ]
        for day in range(30):
            for _ in range(rng.randint(2, 9)):
                conv = rng.choice(convs)
                at = now - day * 86400 - rng.randint(0, 40000)
                model = rng.choice(("deepseek-v4-pro", "deepseek-v4-flash", "deepseek-v3.2"))
                store.add_user_message(conv.id, "prompt", created_at=at)
                row = store.start_assistant_message(conv.id, model=model, started_at=at)
                inp = rng.randint(500, 9000)
                out = rng.randint(200, 3000)
                store.finish_message(
                    row.id,
                    MessageStatus.COMPLETE,
                    text="answer",
                    thinking="",
                    usage=Usage(inp, out, out // 2, rng.randint(0, inp // 2)),
                    finished_at=at + 5,
                    daily_backup=False,
                )
        store.delete_conversation(convs[2].id)
    PriceTable(
        [
            make_price("deepseek-v4-pro", "*", "CNY", 4, 16, 1, "2026-11-01"),
            make_price("deepseek-v4-flash", "*", "CNY", 1, 2, 0.2, "2026-11-01"),
        ]
    ).save()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="seekdesk-usage-shots-"))
    os.environ["SEEKDESK_CONFIG_DIR"] = str(scratch / "config")
    os.environ["SEEKDESK_DATA_DIR"] = str(scratch / "data")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from app.core.history import HistoryStore
    from app.ui.app import dark_palette, install_translations, light_palette
    from app.ui.usage.view import UsageView
    from tests.ui.screenshots import artifacts_dir

    now = dt.datetime(2026, 11, 30, 18, 0).timestamp()
    build_history(now)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    out = artifacts_dir()
    store = HistoryStore.open()
    written = []
    for name, palette, chinese, stacking in (
        ("light", light_palette, False, 0),
        ("dark", dark_palette, False, 1),
        ("zh_CN", light_palette, True, 0),
    ):
        app.setPalette(palette())
        qt_own: list = []
        QLocale.setDefault(QLocale("en_US"))
        if chinese:
            QLocale.setDefault(QLocale("zh_CN"))
            qt_own = install_translations(app, QLocale("zh_CN"))  # Qt's and SeekDesk's .qm
        view = UsageView(store, now=now)
        view.stack_combo.setCurrentIndex(stacking)
        view.show()
        deadline = 0
        while view.figures is None and deadline < 2000:
            app.processEvents()
            import time

            time.sleep(0.01)
            deadline += 1
        view.tabs.setCurrentIndex(1 if name == "dark" else 0)
        app.processEvents()
        path = out / f"usage-view-{name}.png"
        view.grab().save(str(path))
        written.append(path)
        if name != "dark":
            prices = view.edit_prices()
            app.processEvents()
            path = out / f"usage-prices-{name}.png"
            prices.grab().save(str(path))
            written.append(path)
            prices.close()
        view.close()
        view.deleteLater()
        app.processEvents()
        for extra in qt_own:
            app.removeTranslator(extra)
    store.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
