"""Every object that carries the API key on its way to the service shows it masked when it is
turned into text (a log line, a traceback, an f-string, a debugger's repr): never the key."""

from __future__ import annotations

from app.core.client import ClientOptions, prepare_request
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn
from app.core.secrets import KeySource, ResolvedKey
from app.core.session import SessionConfig

KEY = "sk-0123456789abcdef0123456789abcdef"


def text_forms(obj: object) -> list[str]:
    return [repr(obj), str(obj), f"{obj}", f"{obj!r}", repr([obj]), str({"k": obj})]


def test_no_request_object_shows_the_key_as_text():
    endpoint = resolve_endpoint("cn-beijing", "openai")
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "hi"),))
    objects = [
        prepare_request(request, endpoint, KEY),
        SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro"),
        ResolvedKey(KEY, KeySource.ENVIRONMENT),
        ClientOptions(),
        request,
        endpoint,
    ]
    from app.cli.ask_config import AskConfig

    objects.append(AskConfig(endpoint=endpoint, request=request, read_timeout=30, api_key=KEY))
    for obj in objects:
        for form in text_forms(obj):
            assert KEY not in form, type(obj).__name__
            assert KEY[3:-4] not in form, type(obj).__name__
    # The request as shown still says what would be sent, with the key masked.
    shown = repr(objects[0])
    assert "Bearer ***" in shown and endpoint.url in shown
