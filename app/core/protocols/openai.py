"""The OpenAI-compatible dialect (``/compatible-mode/v1/chat/completions``).

Request: ``stream: true`` with ``stream_options.include_usage`` so token counts arrive in a last
chunk whose ``choices`` is empty; ``enable_thinking`` and ``reasoning_effort`` are top-level
fields (the OpenAI Python SDK sends the former through ``extra_body``, which ends up top level).

Stream: ``data: {chunk}`` frames, ``delta.reasoning_content`` for thinking and ``delta.content``
for the answer (null, "" and absent alike), ``finish_reason`` JSON null until the finish chunk,
usage in its own ``choices: []`` chunk, then ``data: [DONE]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.events import AnswerDelta, Event, ThinkingDelta
from app.core.protocols.built_in import OPENAI
from app.core.protocols.dialect import Dialect
from app.core.protocols.shared import StreamParser, delta_text, messages
from app.core.request import ChatRequest

#: Headers beyond the common ones (Authorization, Content-Type, User-Agent).
HEADERS: Mapping[str, str] = {"Accept": "text/event-stream"}


def build_body(request: ChatRequest) -> dict[str, Any]:
    """The JSON body for one streamed chat completion."""
    options = request.rules()
    body: dict[str, Any] = {
        "model": request.model,
        "messages": messages(request),
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    if options.enable_thinking is not None:
        body["enable_thinking"] = options.enable_thinking
    if options.reasoning_effort is not None:
        body["reasoning_effort"] = options.reasoning_effort
    body.update(options.parameters)
    return body


class OpenAIStreamParser(StreamParser):
    """Chunks of ``chat.completion.chunk`` → deltas; ``[DONE]`` (or EOF after a terminal
    finish_reason) → Usage, Finished."""

    def _on_chunk(self, obj: Mapping[str, Any]) -> list[Event]:
        chunk_id = obj.get("id")
        if isinstance(chunk_id, str) and chunk_id.startswith("chatcmpl-") and len(chunk_id) > 9:
            self._chunk_request_id = chunk_id.removeprefix("chatcmpl-")
        self._note_usage(obj.get("usage"))
        events: list[Event] = []
        choices = obj.get("choices")
        if isinstance(choices, list) and choices and isinstance(choices[0], dict):
            choice = choices[0]
            delta: Any = choice.get("delta")
            if not isinstance(delta, dict):
                delta = choice.get("message") if isinstance(choice.get("message"), dict) else {}
            thinking = delta_text(delta.get("reasoning_content"))
            if thinking:
                events.append(ThinkingDelta(thinking))
            answer = delta_text(delta.get("content"))
            if answer:
                events.append(AnswerDelta(answer))
            self._note_finish(choice.get("finish_reason"))
        return events


DIALECT = Dialect(
    name=OPENAI.name,
    label=OPENAI.label,
    summary=OPENAI.summary,
    path="/compatible-mode/v1/chat/completions",
    headers=HEADERS,
    build_body=build_body,
    parser=OpenAIStreamParser,
)
