"""A one-answer Model Studio stand-in on 127.0.0.1, for ``seekdesk --self-test`` without a URL.

A self-test must not spend the user's key or quota, and must work offline, yet it should
exercise the real path: HTTP on a socket, the streaming parser, the window, the history. So
when no ``--base-url`` is given the self-test serves this: every POST gets one streamed reply in
the OpenAI-compatible shape of ``shared/protocol.md`` (a thinking delta, answer deltas that
echo a fixed sentence, a finish chunk, a usage chunk, ``[DONE]``), or in the DashScope native
shape when the native path is asked for. Only loopback, only for the life of the self-test.
"""

from __future__ import annotations

import json
import threading
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

NATIVE_PATH = "/api/v1/services/aigc/text-generation/generation"
THINKING = "The self-test asks for a short answer."
ANSWER_WORDS = ("SeekDesk ", "self-test ", "answer: ", "all ", "parts ", "work.")
ANSWER = "".join(ANSWER_WORDS)


def _openai_frames(model: str, request_id: str) -> list[dict[str, Any]]:
    base = {"id": f"chatcmpl-{request_id}", "object": "chat.completion.chunk",
            "created": 0, "model": model, "system_fingerprint": None}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    frames = [chunk({"role": "assistant", "content": None, "reasoning_content": ""}),
              chunk({"content": None, "reasoning_content": THINKING})]
    frames += [chunk({"content": word, "reasoning_content": None}) for word in ANSWER_WORDS]
    frames.append(chunk({"content": ""}, "stop"))
    frames.append({**base, "choices": [], "usage": {
        "prompt_tokens": 8, "completion_tokens": 14, "total_tokens": 22,
        "completion_tokens_details": {"reasoning_tokens": 8}}})
    return frames


def _native_frames(request_id: str) -> list[dict[str, Any]]:
    usage = {"input_tokens": 8, "output_tokens": 14, "total_tokens": 22,
             "output_tokens_details": {"reasoning_tokens": 8}}
    parts = [("", THINKING, "null")] + [(w, "", "null") for w in ANSWER_WORDS] + [("", "", "stop")]
    return [
        {"output": {"choices": [{"message": {"content": content, "reasoning_content": thinking,
                                             "role": "assistant"}, "finish_reason": finish}]},
         "usage": usage, "request_id": request_id}
        for content, thinking, finish in parts
    ]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: stderr is the report's
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = {}
        request_id = str(uuid.uuid4())
        native = self.path.rstrip("/").endswith(NATIVE_PATH)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream;charset=utf-8")
        self.send_header("x-request-id", request_id)
        self.send_header("Connection", "close")
        self.end_headers()
        if native:
            frames = [
                f"id:{n}\nevent:result\n:HTTP_STATUS/200\ndata:{json.dumps(f)}\n\n"
                for n, f in enumerate(_native_frames(request_id), 1)
            ]
        else:
            model = str(body.get("model") or "deepseek-v4-pro")
            frames = [f"data: {json.dumps(f)}\n\n" for f in _openai_frames(model, request_id)]
            frames.append("data: [DONE]\n\n")
        for frame in frames:
            self.wfile.write(frame.encode("utf-8"))
            self.wfile.flush()
        self.close_connection = True


class SelfTestEndpoint:
    """``with SelfTestEndpoint() as endpoint: endpoint.base_url`` (a free port on 127.0.0.1)."""

    def __init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="seekdesk-selftest-endpoint", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> SelfTestEndpoint:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
