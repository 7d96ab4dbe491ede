"""The self-test's words, shared by its two halves (``app.selftest`` runs the steps and
reports them; ``app.ui.selftest_driver`` drives the window): the prompt it sends, the names of
its steps, and the two records a step ends with."""

from __future__ import annotations

from dataclasses import dataclass

PROMPT = "SeekDesk self-test: please answer with one short sentence."
#: In order: the window opened, the endpoint answered, the answer is on screen, it is saved.
STEPS = ("window", "request", "answer", "saved")


@dataclass(frozen=True, slots=True)
class StepFailed:
    """The step that failed (one of ``STEPS``) and why, in words."""

    step: str
    reason: str


@dataclass(frozen=True, slots=True)
class Shown:
    """What the window showed for the reply: its stored message id and its answer text."""

    message_id: int
    answer: str
