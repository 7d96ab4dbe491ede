"""Every row of the Model Studio error table (shared/protocol.md) becomes the failure a user can
act on: the right kind, a sentence saying what to do, and retried automatically only where
waiting helps."""

from __future__ import annotations

import errno
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from app.core import crashlog, paths
from app.core.errors import (
    HINTS,
    SENTENCES,
    Action,
    ClassifiedError,
    ErrorKind,
    classify,
    failure_for,
    make_failure,
)
from app.core.failure_sentences import DETAILS

KINDS_PY = Path(__file__).resolve().parents[2] / "app" / "core" / "failure_kinds.py"
SENTENCES_PY = KINDS_PY.with_name("failure_sentences.py")

K = ErrorKind

# (HTTP status, code, message, kind, retried automatically) — one line per code of each row.
ERROR_TABLE = [
    # 400 InvalidParameter / invalid_parameter_error
    (400, "InvalidParameter", "Range of input length should be [1, 98304]", K.BAD_PARAMETER, False),
    (
        400,
        "invalid_parameter_error",
        "<400> InternalError.Algo.InvalidParameter",
        K.BAD_PARAMETER,
        False,
    ),
    (
        400,
        "InvalidParameter.NotSupportEnableThinking",
        "The model deepseek-v3 does not support enable_thinking",
        K.BAD_PARAMETER,
        False,
    ),
    (400, "InvalidParameter", "Model not exist.", K.MODEL_NOT_FOUND, False),
    # 400 DataInspectionFailed / data_inspection_failed
    (
        400,
        "DataInspectionFailed",
        "Input data may contain inappropriate content.",
        K.CONTENT_FILTERED,
        False,
    ),
    (
        400,
        "data_inspection_failed",
        "Output data may contain inappropriate content.",
        K.CONTENT_FILTERED,
        False,
    ),
    # 400 Arrearage
    (
        400,
        "Arrearage",
        "Access denied, please make sure your account is in good standing.",
        K.QUOTA,
        False,
    ),
    # 401 InvalidApiKey / invalid_api_key
    (401, "InvalidApiKey", "Invalid API-key provided.", K.INVALID_KEY, False),
    (401, "invalid_api_key", "Incorrect API key provided.", K.INVALID_KEY, False),
    # 401 NOT AUTHORIZED (workspace)
    (
        401,
        "NOT AUTHORIZED",
        "Access denied: Either you are not authorized to access this workspace",
        K.NO_ACCESS,
        False,
    ),
    # 403 AccessDenied / access_denied / AccessDenied.Unpurchased
    (403, "AccessDenied", "Access denied.", K.NO_ACCESS, False),
    (403, "access_denied", "Access denied.", K.NO_ACCESS, False),
    (403, "AccessDenied.Unpurchased", "Access to model denied.", K.NO_ACCESS, False),
    # 403 Model/Workspace/App.AccessDenied
    (403, "Model.AccessDenied", "Model access denied.", K.NO_ACCESS, False),
    (403, "Workspace.AccessDenied", "Workspace access denied.", K.NO_ACCESS, False),
    (403, "App.AccessDenied", "App access denied.", K.NO_ACCESS, False),
    # 403 AllocationQuota.FreeTierOnly
    (
        403,
        "AllocationQuota.FreeTierOnly",
        "The free tier of the model has been exhausted.",
        K.QUOTA,
        False,
    ),
    # 404 ModelNotFound / model_not_found / model_not_supported / WorkSpaceNotFound
    (404, "ModelNotFound", "Model not found.", K.MODEL_NOT_FOUND, False),
    (404, "model_not_found", "The model `deepseek-v9` does not exist.", K.MODEL_NOT_FOUND, False),
    (
        404,
        "model_not_supported",
        "Unsupported model for OpenAI compatibility mode.",
        K.MODEL_NOT_FOUND,
        False,
    ),
    (404, "WorkSpaceNotFound", "WorkSpace can not be found.", K.NO_ACCESS, False),
    # 429 throttles that clear by themselves
    (429, "Throttling", "Requests throttling triggered.", K.RATE_LIMITED, True),
    (
        429,
        "Throttling.RateQuota",
        "Requests rate limit exceeded, please try again later.",
        K.RATE_LIMITED,
        True,
    ),
    (429, "LimitRequests", "You exceeded your current requests list.", K.RATE_LIMITED, True),
    (429, "limit_requests", "You exceeded your current requests list.", K.RATE_LIMITED, True),
    (429, "Throttling.BurstRate", "Request rate increased too quickly.", K.RATE_LIMITED, True),
    (429, "limit_burst_rate", "Request rate increased too quickly.", K.RATE_LIMITED, True),
    (
        429,
        "Throttling.AllocationQuota",
        "Allocated quota exceeded, please increase your quota limit.",
        K.RATE_LIMITED,
        True,
    ),
    (429, "insufficient_quota", "You exceeded your current quota.", K.RATE_LIMITED, True),
    # 429 that waiting does not fix
    (429, "Throttling.AllocationQuota", "Free allocated quota exceeded.", K.QUOTA, False),
    (429, "PrepaidBillOverdue", "The prepaid bill is overdue.", K.QUOTA, False),
    (429, "PostpaidBillOverdue", "The postpaid bill is overdue.", K.QUOTA, False),
    (429, "CommodityNotPurchased", "Commodity has not purchased yet.", K.QUOTA, False),
    # 500 server faults
    (
        500,
        "InternalError",
        "An internal error has occured, please try again later.",
        K.SERVER_ERROR,
        True,
    ),
    (500, "internal_error", "An internal error has occured.", K.SERVER_ERROR, True),
    (
        500,
        "InternalError.Algo",
        "An internal error has occured during algorithm execution.",
        K.SERVER_ERROR,
        True,
    ),
    (500, "SystemError", "An system error has occured.", K.SERVER_ERROR, True),
    (500, "ModelServiceFailed", "Failed to request model service.", K.SERVER_ERROR, True),
    # 500 RequestTimeOut
    (500, "RequestTimeOut", "Request timed out, please try again later.", K.TIMEOUT, False),
    # 503 capacity
    (
        503,
        "ModelServingError",
        "Too many requests. Your requests are being throttled.",
        K.SERVER_ERROR,
        True,
    ),
    (
        503,
        "ModelUnavailable",
        "Model is unavailable, please try again later.",
        K.SERVER_ERROR,
        True,
    ),
]


@pytest.mark.parametrize(("status", "code", "message", "kind", "retryable"), ERROR_TABLE)
def test_every_row_of_the_error_table_is_classified(status, code, message, kind, retryable):
    assert classify(status, code, message) is kind
    failure = make_failure(status=status, code=code, message=message, request_id="req-1")
    assert failure.kind is kind
    assert failure.retryable is retryable
    assert failure.status == status
    assert failure.code == code
    assert failure.message == message  # the service's own words are shown
    assert failure.request_id == "req-1"
    assert failure.hint  # and a sentence saying what to do


@pytest.mark.parametrize(("status", "code", "message", "kind", "retryable"), ERROR_TABLE)
def test_codes_are_matched_whatever_their_case(status, code, message, kind, retryable):
    assert classify(status, code.upper(), message) is kind
    assert classify(status, code.lower(), message) is kind


def test_mid_stream_errors_without_an_http_error_status_are_classified_by_code():
    # An error frame inside a 200 stream: the status is the HTTP_STATUS line's, or none.
    assert classify(None, "DataInspectionFailed", "Output data may contain…") is K.CONTENT_FILTERED
    assert classify(200, "Throttling.AllocationQuota", "") is K.RATE_LIMITED
    assert classify(None, "InvalidParameter", "") is K.BAD_PARAMETER


@pytest.mark.parametrize(
    ("status", "kind", "retryable"),
    [
        (400, K.BAD_PARAMETER, False),
        (401, K.INVALID_KEY, False),
        (403, K.NO_ACCESS, False),
        (404, K.MODEL_NOT_FOUND, False),
        (408, K.TIMEOUT, False),
        (413, K.BAD_PARAMETER, False),
        (429, K.RATE_LIMITED, True),
        (500, K.SERVER_ERROR, True),
        (502, K.SERVER_ERROR, True),
        (503, K.SERVER_ERROR, True),
        (504, K.SERVER_ERROR, True),
        (501, K.SERVER_ERROR, False),
    ],
)
def test_a_bare_status_without_a_readable_body_still_gives_a_clear_failure(status, kind, retryable):
    # e.g. an HTML page from a proxy: no code, no JSON message.
    failure = make_failure(status=status)
    assert failure.kind is kind
    assert failure.retryable is retryable
    assert failure.message == failure.hint  # SeekDesk's own sentence where the service gave none


def test_the_invalid_key_sentence_says_a_key_works_only_in_its_own_region():
    hint = make_failure(status=401, code="InvalidApiKey").hint
    assert "region" in hint
    assert "key" in hint


def test_a_delisted_model_names_its_replacement():
    failure = make_failure(status=404, code="ModelNotFound", model="deepseek-r1")
    assert failure.kind is K.MODEL_NOT_FOUND
    assert failure.replacement == "qwen3.7-max"
    assert "deepseek-r1" in failure.hint
    assert "qwen3.7-max" in failure.hint
    assert "July 9, 2026" in failure.hint
    assert failure.actions == (Action.SWITCH_MODEL, Action.RETRY)


def test_an_unknown_missing_model_is_named_without_inventing_a_replacement():
    failure = make_failure(status=404, code="model_not_found", model="deepseek-v9")
    assert failure.replacement is None
    assert "deepseek-v9" in failure.hint


def test_retry_after_is_part_of_the_rate_limit_sentence():
    failure = make_failure(status=429, code="Throttling.RateQuota", retry_after=7)
    assert failure.retry_after == 7
    assert "7 s" in failure.hint


@pytest.mark.parametrize(
    ("kind", "retryable"),
    [
        (K.TIMEOUT, False),
        (K.NETWORK, True),
        (K.CONNECTION_DROPPED, False),  # never retried: the answer had started, it would bill twice
        (K.MALFORMED_STREAM, False),
    ],
)
def test_transport_failures_have_their_own_kinds(kind, retryable):
    failure = make_failure(kind=kind)
    assert failure.kind is kind
    assert failure.retryable is retryable
    assert failure.hint == HINTS[kind]
    assert Action.RETRY in failure.actions


def test_the_dropped_connection_sentence_says_the_partial_text_is_kept():
    assert "kept" in HINTS[K.CONNECTION_DROPPED]


def test_every_kind_has_a_sentence_and_a_way_out():
    for kind in ErrorKind:
        failure = make_failure(kind=kind)
        assert HINTS[kind].endswith(".")
        assert failure.actions
    # Fix the key, then Retry: every failed request can be asked again.
    assert make_failure(kind=K.INVALID_KEY).actions == (Action.OPEN_SETTINGS, Action.RETRY)


# --- exceptions raised during a turn --------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), K.STORAGE_FULL),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), K.STORAGE_FULL),
        (OSError(errno.EROFS, "Read-only file system"), K.STORAGE_READ_ONLY),
        (PermissionError(errno.EACCES, "Permission denied"), K.STORAGE_READ_ONLY),
        (OSError(errno.EIO, "Input/output error"), K.STORAGE_UNAVAILABLE),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), K.NETWORK),
        (TimeoutError(), K.TIMEOUT),
    ],
)
def test_operating_system_errors_are_said_as_what_they_are(error, kind, isolated_dirs):
    failure = failure_for(error)
    assert failure.kind is kind
    assert failure.hint == HINTS[kind]
    assert not paths.log_file().exists()  # the environment's fault: no bug report


def test_an_exception_that_knows_its_kind_keeps_it():
    class Locked(ClassifiedError):
        kind = K.STORAGE_LOCKED

    failure = failure_for(Locked("The history could not be saved: database is locked."))
    assert failure.kind is K.STORAGE_LOCKED
    assert failure.message == "The history could not be saved: database is locked."


def _crash(message: str) -> ValueError:
    try:
        raise ValueError(message)
    except ValueError as exc:
        return exc


def test_a_bug_is_an_internal_error_with_its_traceback_in_the_log(isolated_dirs):
    failure = failure_for(_crash("unexpected reply shape"))

    assert failure.kind is K.INTERNAL
    assert failure.hint.startswith("SeekDesk hit an internal error")
    assert "network" in failure.hint  # says plainly it is not a network problem
    log = paths.log_file()
    assert log.parent == paths.data_dir() / "logs"
    assert str(log) in failure.message and "unexpected reply shape" in failure.message
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "ValueError: unexpected reply shape" in text


def test_the_key_never_reaches_the_log_or_the_message(isolated_dirs):
    key = "sk-live-0123456789abcdefSECRET"
    other = "sk-0ther0123456789"
    crash = _crash(
        f"request failed: headers={{'Authorization': 'Bearer {key}'}} key={key} also {other} "
        "api_key=plainsecret123"
    )

    failure = failure_for(crash, secrets=[key])

    text = paths.log_file().read_text(encoding="utf-8")
    for where in (text, failure.message):
        assert key not in where and "SECRET" not in where
        assert other not in where and "plainsecret123" not in where
        assert "request failed" in where


def test_the_same_crash_reported_twice_is_logged_once(isolated_dirs):
    crash = _crash("once")
    failure_for(crash)
    failure_for(crash)
    assert paths.log_file().read_text(encoding="utf-8").count("ValueError: once") == 1


def test_the_log_is_size_capped(isolated_dirs):
    for n in range(40):
        failure_for(_crash(f"crash {n} " + "x" * 100_000))
    logs = sorted(paths.log_file().parent.iterdir())
    assert len(logs) <= 1 + crashlog.BACKUPS
    assert all(f.stat().st_size <= crashlog.MAX_BYTES + 110_000 for f in logs)
    assert "crash 39 " in paths.log_file().read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="needs pyside6-lupdate")
def test_every_sentence_is_extracted_for_translators_from_this_one_place(tmp_path):
    """The hints are written once, in failure_kinds (the sentences that name something, beside
    them); lupdate finds each under the "Failure" context."""
    catalogue = tmp_path / "hints.ts"
    subprocess.run(
        ["pyside6-lupdate", "-silent", str(KINDS_PY), str(SENTENCES_PY), "-ts", str(catalogue)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    root = ET.parse(catalogue).getroot()
    found = {
        message.findtext("source")
        for context in root.findall("context")
        if context.findtext("name") == "Failure"
        for message in context.findall("message")
    }
    assert found == set(HINTS.values()) | set(SENTENCES) | set(DETAILS)  # + the ones naming things


def test_a_bug_is_still_reported_when_its_log_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be")
    monkeypatch.setenv("SEEKDESK_DATA_DIR", str(blocker))

    failure = failure_for(_crash("while the disk is in trouble"))

    assert failure.kind is K.INTERNAL
    assert "the log could not be written" in failure.message
    assert "while the disk is in trouble" in failure.message
