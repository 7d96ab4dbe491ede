"""The five Model Studio regions of the seed, their endpoints, and workspace-ID checks.

The path under an endpoint root belongs to the API dialect (``protocols``); an ``Endpoint`` is a
root plus the name of a registered dialect.

A workspace ID is pasted by the user and ends up inside a host name, so it is validated as exactly
one DNS label before any URL is built: a dot, slash, ``@`` or ``#`` there could send the key to a
host of someone else's choosing.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.core import protocols
from app.core.protocols.dialect import QT_TRANSLATE_NOOP  # region names: the window's language
from app.core.sentences import Term, notice

_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_LIKELY_WORKSPACE = re.compile(r"^(?:llm|ws)-[a-z0-9]{16}$")
#: A reserved host label of Token/Coding Plan keys, not a workspace.
_RESERVED_LABELS = frozenset({"token-plan"})


#: What is wrong with a workspace ID or a base URL (the window says it in the user's language;
#: ``{value}`` and ``{url}`` are the text given, quoted).
NEEDS_WORKSPACE = QT_TRANSLATE_NOOP(
    "Notice",
    "{region} needs a workspace ID: copy it from the Model Studio console (it looks like "
    "ws-xxxxxxxxxxxxxxxx) and set it with --workspace or 'seekdesk config set workspace ID'.",
)
WORKSPACE_EMPTY = QT_TRANSLATE_NOOP("Notice", "The workspace ID is empty.")
WORKSPACE_INVALID = QT_TRANSLATE_NOOP(
    "Notice",
    "{value} is not a valid workspace ID: use only letters, digits and hyphens (no dots, "
    "slashes, colons, spaces or other characters), at most 63, not starting or ending with a "
    "hyphen.",
)
WORKSPACE_RESERVED = QT_TRANSLATE_NOOP(
    "Notice", "{value} is a reserved Model Studio host label, not a workspace ID."
)
URL_INVALID = QT_TRANSLATE_NOOP("Notice", "Base URL {url} is not a valid URL: {error}.")
URL_NO_HOST = QT_TRANSLATE_NOOP(
    "Notice", "Base URL {url} must start with https:// and name a host."
)
URL_EXTRAS = QT_TRANSLATE_NOOP(
    "Notice", "Base URL {url} must not contain user info, a query or a fragment."
)
URL_PLAIN_HTTP = QT_TRANSLATE_NOOP(
    "Notice",
    "Base URL {url} uses plain HTTP to a non-local host; your API key would travel unencrypted. "
    "Use https://, or http:// only to 127.0.0.1 or localhost.",
)


class ConfigError(ValueError):
    """The configuration cannot produce a request; nothing was sent. It says what to fix."""


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    #: Fixed host, or None where every request goes to the workspace host.
    host: str | None
    #: Whether the workspace host form exists here (required when ``host`` is None).
    workspace_host: bool
    aliases: tuple[str, ...] = ()

    @property
    def needs_workspace(self) -> bool:
        return self.host is None

    def root(self, workspace: str | None = None) -> str:
        """The endpoint root (scheme and host) for this region, validating the workspace ID."""
        workspace = (workspace or "").strip()
        if workspace:
            if not self.workspace_host:
                # Virginia has no workspace host in the seed; a workspace there is simply unused.
                return f"https://{self.host}"
            validate_workspace_id(workspace)
            return f"https://{workspace.lower()}.{self.id}.maas.aliyuncs.com"
        if self.host is None:
            raise ConfigError(notice(NEEDS_WORKSPACE, region=Term("Setting", self.name)))
        return f"https://{self.host}"


REGIONS: tuple[Region, ...] = (
    Region("cn-beijing", QT_TRANSLATE_NOOP("Setting", "China (Beijing)"),
           "dashscope.aliyuncs.com", True, ("beijing", "china", "cn")),
    Region("us-east-1", QT_TRANSLATE_NOOP("Setting", "US (Virginia)"),
           "dashscope-us.aliyuncs.com", False, ("virginia", "us")),
    Region("ap-southeast-1", QT_TRANSLATE_NOOP("Setting", "Singapore"),
           None, True, ("singapore", "sg")),
    Region("eu-central-1", QT_TRANSLATE_NOOP("Setting", "Germany (Frankfurt)"),
           None, True, ("frankfurt", "germany", "de")),
    Region("ap-northeast-1", QT_TRANSLATE_NOOP("Setting", "Japan (Tokyo)"),
           None, True, ("tokyo", "japan", "jp")),
)  # fmt: skip
DEFAULT_REGION = "cn-beijing"
_BY_NAME: dict[str, Region] = {}
for _r in REGIONS:
    _BY_NAME[_r.id] = _r
    for _a in _r.aliases:
        _BY_NAME[_a] = _r


def get_region(name: str) -> Region:
    """Look a region up by id or city alias, case-insensitively."""
    region = _BY_NAME.get(name.strip().lower())
    if region is None:
        choices = ", ".join(f"{r.id} ({r.aliases[0]})" for r in REGIONS)
        raise ConfigError(f"Unknown region {name!r}. Choose one of: {choices}.")
    return region


def workspace_of_host(host: str) -> str | None:
    """The workspace ID a Model Studio workspace host carries (``<ws>.<region>.maas...``),
    None for any other host: a connection failure there may be a mistyped workspace ID."""
    labels = host.lower().split(".")
    regions = {region.id for region in REGIONS}
    if len(labels) >= 5 and labels[1] in regions and labels[2:] == ["maas", "aliyuncs", "com"]:
        return labels[0]
    return None


def validate_workspace_id(value: str) -> str:
    """Return the workspace ID if it is one DNS label, else raise ConfigError saying why."""
    if not value:
        raise ConfigError(notice(WORKSPACE_EMPTY))
    if not value.isascii() or not _LABEL.fullmatch(value):
        raise ConfigError(notice(WORKSPACE_INVALID, value=repr(value)))
    if value.lower() in _RESERVED_LABELS:
        raise ConfigError(notice(WORKSPACE_RESERVED, value=repr(value)))
    return value


def workspace_warning(value: str) -> str | None:
    """A soft warning for IDs that are valid labels but do not look like real workspace IDs."""
    if value and not _LIKELY_WORKSPACE.fullmatch(value):
        return "This does not look like a workspace ID (they look like ws-xxxxxxxxxxxxxxxx)."
    return None


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    # Only the name "localhost" and literal loopback addresses: a "*.localhost" name may be
    # looked up in DNS by an ordinary resolver and reach another machine.
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


#: The environment variable whose endpoint root replaces every region's host.
BASE_URL_ENV = "SEEKDESK_BASE_URL"


def base_url_override(environ: Mapping[str, str] | None = None) -> str | None:
    """``SEEKDESK_BASE_URL`` (stripped), or None when unset or blank: the one place it is read.
    ``resolve_endpoint`` validates it (``validate_base_url``) like a ``--base-url``."""
    value = (os.environ if environ is None else environ).get(BASE_URL_ENV, "")
    return value.strip() or None


def validate_base_url(url: str) -> str:
    """Check an endpoint root given with --base-url / SEEKDESK_BASE_URL and normalise it.

    The key travels with every request, so only HTTPS leaves the machine; plain HTTP is allowed to
    loopback alone (tests, local gateways). Query strings, fragments and user-info are refused.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise ConfigError(notice(URL_INVALID, url=repr(url), error=str(exc))) from None
    del port
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError(notice(URL_NO_HOST, url=repr(url)))
    if parts.username or parts.password or parts.query or parts.fragment or "@" in parts.netloc:
        raise ConfigError(notice(URL_EXTRAS, url=repr(url)))
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise ConfigError(notice(URL_PLAIN_HTTP, url=repr(url)))
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where requests go: an endpoint root (scheme, host, optional path prefix) and the name
    of the API dialect spoken there."""

    root: str
    api: str
    region: str

    @property
    def dialect(self) -> protocols.Dialect:
        return protocols.get(self.api)

    @property
    def url(self) -> str:
        return self.root + self.dialect.path


def resolve_endpoint(
    region: str, api: str, workspace: str | None = None, base_url: str | None = None
) -> Endpoint:
    """Build the endpoint for a region and API, or for a base-URL override (validated)."""
    reg = get_region(region)
    try:
        api = protocols.canonical(api)
    except protocols.UnknownDialect as exc:
        raise ConfigError(str(exc)) from None
    if base_url:
        return Endpoint(validate_base_url(base_url), api, reg.id)
    return Endpoint(reg.root(workspace), api, reg.id)
