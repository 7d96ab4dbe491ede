"""Screenshots of an answer with math, for a human: inline and display formulas, a matrix, an
aligned derivation, a broken formula, money, and a wide table, in the chat view.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/render/shots_math.py`` (and again
with ``QT_SCALE_FACTOR=2`` for 2x; not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: ``math-<theme>-<scale>x.png``.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QApplication

from app.core.history.records import Message, MessageStatus
from app.ui.app import dark_palette, light_palette
from app.ui.chat.chat_view import ChatView
from app.ui.render import math_images, math_jobs
from tests.ui.screenshots import artifacts_dir

ANSWER = r"""The derivative of \(f(x) = x^2 \sin x\) is \(f'(x) = 2x\sin x + x^2\cos x\), and
$\lim_{x \to 0} \frac{\sin x}{x} = 1$ for $x \in \mathbb{R}$; the plan costs $5 or $10.

$$
\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}
$$

The eigenvalues of
\[
A = \begin{pmatrix} 2 & 1 \\ 1 & 2 \end{pmatrix}
\]
solve \(\det(A - \lambda I) = 0\):

\[
\begin{aligned}
\det(A - \lambda I) &= (2 - \lambda)^2 - 1 \\
&= \lambda^2 - 4\lambda + 3 = (\lambda - 1)(\lambda - 3)
\end{aligned}
\]

so \(\boxed{\lambda_1 = 1,\ \lambda_2 = 3}\). A typo such as $\frac{1}{$ stays as source.

| quantity | symbol | value | unit | note on the measurement and the uncertainty of each value |
|---|---|---|---|---|
| mass | $m$ | 9.109e-31 | kg | electron rest mass, CODATA 2018, exact to the digits shown |
| charge | $e$ | 1.602e-19 | C | elementary charge, exact by the 2019 SI definition |
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, theme):
    app = QApplication.instance()
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    view = ChatView()
    view.resize(760, 900)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    reply = Message(
        id=2, conversation_id=1, role="assistant", text=ANSWER, thinking="",
        status=MessageStatus.COMPLETE, model="deepseek-v4-pro", parameters={}, usage=None,
        request_id=None, created_at=1_750_000_000.0, started_at=None, first_token_at=None,
        answer_started_at=None, finished_at=None, failure_kind=None, failure_message=None,
        failure_code=None, failure_status=None,
    )  # fmt: skip
    view.set_messages([reply], False)
    qtbot.waitUntil(
        lambda: math_jobs.pending() == 0 and math_images.waiting() == 0, timeout=20_000
    )
    qtbot.wait(300)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    view.grab().save(str(artifacts_dir() / f"math-{theme}-{scale}x.png"))
