"""The DashScope native dialect (``/api/v1/services/aigc/text-generation/generation``).

Request: ``input.messages`` and ``parameters`` with ``result_format: "message"`` and
``incremental_output: true`` (without it each event repeats the whole text so far, and with
thinking on the service refuses the request), plus ``X-DashScope-SSE: enable``.

Stream: ``id:N`` / ``event:result`` / ``:HTTP_STATUS/200`` / ``data:{…}`` events (no space after
the colons), ``output.choices[0].message.{reasoning_content,content}``, ``finish_reason`` the
STRING ``"null"`` until a terminal one, cumulative ``usage`` on every event, and no end marker:
the terminal finish_reason, then the connection closes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.events import AnswerDelta, Event, ThinkingDelta
from app.core.protocols.built_in import DASHSCOPE
from app.core.protocols.dialect import Dialect
from app.core.protocols.shared import StreamParser, delta_text, messages
from app.core.request import ChatRequest

HEADERS: Mapping[str, str] = {"Accept": "text/event-stream", "X-DashScope-SSE": "enable"}


def build_body(request: ChatRequest) -> dict[str, Any]:
    """The JSON body for one streamed generation."""
    options = request.rules()
    parameters: dict[str, Any] = {"result_format": "message", "incremental_output": True}
    if options.enable_thinking is not None:
        parameters["enable_thinking"] = options.enable_thinking
    if options.reasoning_effort is not None:
        parameters["reasoning_effort"] = options.reasoning_effort
    parameters.update(options.parameters)
    return {
        "model": request.model,
        "input": {"messages": messages(request)},
        "parameters": parameters,
    }


class DashScopeStreamParser(StreamParser):
    """Native events → deltas; the terminal finish_reason → Usage, Finished at once."""

    def _on_chunk(self, obj: Mapping[str, Any]) -> list[Event]:
        self._note_usage(obj.get("usage"))
        output = obj.get("output")
        if not isinstance(output, dict):
            return []
        events: list[Event] = []
        reason: Any = output.get("finish_reason")
        choices = output.get("choices")
        if isinstance(choices, list) and choices and isinstance(choices[0], dict):
            choice = choices[0]
            message = choice.get("message")
            if isinstance(message, dict):
                thinking = delta_text(message.get("reasoning_content"))
                if thinking:
                    events.append(ThinkingDelta(thinking))
                answer = delta_text(message.get("content"))
                if answer:
                    events.append(AnswerDelta(answer))
            reason = choice.get("finish_reason", reason)
        elif "text" in output:  # result_format "text", defensively
            answer = delta_text(output.get("text"))
            if answer:
                events.append(AnswerDelta(answer))
        if self._note_finish(reason):
            events.extend(self._finish())
        return events

    def _on_done(self) -> list[Event]:
        return []  # "[DONE]" means nothing in the native API


DIALECT = Dialect(
    name=DASHSCOPE.name,
    label=DASHSCOPE.label,
    summary=DASHSCOPE.summary,
    path="/api/v1/services/aigc/text-generation/generation",
    headers=HEADERS,
    build_body=build_body,
    parser=DashScopeStreamParser,
)
