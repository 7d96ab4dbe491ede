"""Regions: every request address exactly as the Model Studio page gives it, and workspace IDs
and base URLs that could carry the key to someone else's host refused before any URL exists."""

from __future__ import annotations

import pytest

from app.core import protocols
from app.core.regions import (
    REGIONS,
    ConfigError,
    get_region,
    resolve_endpoint,
    validate_base_url,
    validate_workspace_id,
    workspace_warning,
)

WS = "ws-756pfhanyfvqhdkw"  # the shape of a real workspace ID

# The seed's "HTTP request address" lines, verbatim, with {WorkspaceId} where it has one.
SEED_ADDRESSES = {
    (
        "cn-beijing",
        "openai",
    ): "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",
    (
        "us-east-1",
        "openai",
    ): "https://dashscope-us.aliyuncs.com/compatible-mode/v1/chat/completions",
    ("ap-southeast-1", "openai"): (
        "https://{WorkspaceId}.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1/chat/completions"
    ),
    ("eu-central-1", "openai"): (
        "https://{WorkspaceId}.eu-central-1.maas.aliyuncs.com/compatible-mode/v1/chat/completions"
    ),
    ("ap-northeast-1", "openai"): (
        "https://{WorkspaceId}.ap-northeast-1.maas.aliyuncs.com/compatible-mode/v1/chat/completions"
    ),
    ("cn-beijing", "dashscope"): (
        "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"
    ),
    ("us-east-1", "dashscope"): (
        "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/text-generation/generation"
    ),
    ("ap-southeast-1", "dashscope"): (
        "https://{WorkspaceId}.ap-southeast-1.maas.aliyuncs.com"
        "/api/v1/services/aigc/text-generation/generation"
    ),
    ("eu-central-1", "dashscope"): (
        "https://{WorkspaceId}.eu-central-1.maas.aliyuncs.com"
        "/api/v1/services/aigc/text-generation/generation"
    ),
    ("ap-northeast-1", "dashscope"): (
        "https://{WorkspaceId}.ap-northeast-1.maas.aliyuncs.com"
        "/api/v1/services/aigc/text-generation/generation"
    ),
}


def test_the_five_regions_of_the_seed_and_nothing_else():
    assert [r.id for r in REGIONS] == [
        "cn-beijing",
        "us-east-1",
        "ap-southeast-1",
        "eu-central-1",
        "ap-northeast-1",
    ]
    assert [r.name for r in REGIONS] == [
        "China (Beijing)",
        "US (Virginia)",
        "Singapore",
        "Germany (Frankfurt)",
        "Japan (Tokyo)",
    ]


@pytest.mark.parametrize(("region", "api"), sorted(SEED_ADDRESSES))
def test_every_region_and_api_posts_to_the_address_the_seed_gives(region, api):
    expected = SEED_ADDRESSES[region, api]
    workspace = WS if "{WorkspaceId}" in expected else None
    endpoint = resolve_endpoint(region, api, workspace)
    assert endpoint.url == expected.replace("{WorkspaceId}", WS)
    assert endpoint.region == region
    assert endpoint.api == api


def test_the_api_paths_are_the_seeds():
    assert protocols.get("openai").path == "/compatible-mode/v1/chat/completions"
    assert protocols.get("dashscope").path == "/api/v1/services/aigc/text-generation/generation"


@pytest.mark.parametrize("api", list(protocols.names()))
def test_beijing_also_offers_the_workspace_host_form(api):
    endpoint = resolve_endpoint("cn-beijing", api, WS)
    assert endpoint.root == f"https://{WS}.cn-beijing.maas.aliyuncs.com"


def test_virginia_has_no_workspace_host_so_a_workspace_there_is_unused():
    endpoint = resolve_endpoint("us-east-1", "openai", WS)
    assert endpoint.root == "https://dashscope-us.aliyuncs.com"


@pytest.mark.parametrize("region", ["ap-southeast-1", "eu-central-1", "ap-northeast-1"])
@pytest.mark.parametrize("workspace", [None, "", "   "])
def test_a_workspace_region_without_a_workspace_is_a_clear_configuration_error(region, workspace):
    with pytest.raises(ConfigError) as caught:
        resolve_endpoint(region, "openai", workspace)
    message = str(caught.value)
    assert get_region(region).name in message
    assert "workspace ID" in message
    assert "--workspace" in message


@pytest.mark.parametrize(
    ("alias", "region_id"),
    [
        ("beijing", "cn-beijing"),
        ("Beijing", "cn-beijing"),
        ("virginia", "us-east-1"),
        ("singapore", "ap-southeast-1"),
        ("frankfurt", "eu-central-1"),
        ("TOKYO", "ap-northeast-1"),
        ("cn-beijing", "cn-beijing"),
        (" ap-northeast-1 ", "ap-northeast-1"),
    ],
)
def test_city_names_are_accepted_as_region_aliases(alias, region_id):
    assert get_region(alias).id == region_id


def test_an_unknown_region_lists_the_choices():
    with pytest.raises(ConfigError) as caught:
        get_region("hongkong")
    message = str(caught.value)
    for region in REGIONS:
        assert region.id in message


HOSTILE_WORKSPACES = [
    "ws.evil.com",  # dot: another domain
    "evil.com/x",  # slash: a path
    "ws-1:443",  # colon: a port
    "user@evil.com",  # @: user info, the real host after it
    "ws#frag",  # fragment
    "ws?q=1",  # query
    "ws%2eevil",  # percent-encoding
    "ws 1",  # space
    "wś-1",  # non-ASCII
    "ｗｓ-1",  # full-width look-alikes
    "ws\n1",  # control character
    "",  # empty label
    ".",  # empty labels around a dot
    "-ws",  # leading hyphen
    "ws-",  # trailing hyphen
    "a" * 64,  # longer than a DNS label
    "token-plan",  # reserved host label, not a workspace
]


@pytest.mark.parametrize("workspace", HOSTILE_WORKSPACES)
def test_hostile_workspace_ids_are_refused(workspace):
    with pytest.raises(ConfigError):
        validate_workspace_id(workspace)


@pytest.mark.parametrize("workspace", [w for w in HOSTILE_WORKSPACES if w.strip()])
@pytest.mark.parametrize("region", ["cn-beijing", "ap-southeast-1", "eu-central-1"])
def test_no_url_is_built_from_a_hostile_workspace_id(workspace, region):
    with pytest.raises(ConfigError):
        resolve_endpoint(region, "openai", workspace)


@pytest.mark.parametrize(
    "workspace", [WS, "llm-k4l6h7dcie932cqo", "a", "a" * 63, "ws-1", "WS-ABC", "0-0"]
)
def test_any_single_dns_label_is_accepted(workspace):
    assert validate_workspace_id(workspace) == workspace


def test_the_workspace_host_is_lower_case():
    endpoint = resolve_endpoint("ap-southeast-1", "openai", "WS-756PFHANYFVQHDKW")
    assert endpoint.root == f"https://{WS}.ap-southeast-1.maas.aliyuncs.com"


def test_a_label_that_does_not_look_like_a_workspace_only_warns():
    assert workspace_warning(WS) is None
    assert workspace_warning("llm-hxfupix3oo63uw6d") is None
    assert "does not look like a workspace ID" in (workspace_warning("myworkspace") or "")


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("https://gateway.example.com", "https://gateway.example.com"),
        ("https://gateway.example.com/", "https://gateway.example.com"),
        ("https://gateway.example.com/dashscope/", "https://gateway.example.com/dashscope"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:9000/prefix", "http://localhost:9000/prefix"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("http://127.8.9.10", "http://127.8.9.10"),
    ],
)
def test_a_base_url_is_https_or_http_to_loopback(url, root):
    assert validate_base_url(url) == root


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",  # the key in clear text over the internet
        "http://10.0.0.1:8080",  # private is not loopback
        "http://127.0.0.1.evil.com",  # looks local, is not
        "http://localhost.evil.com",
        "ftp://example.com",
        "file:///etc/passwd",
        "example.com",
        "https://",
        "https://user:pw@example.com",
        "https://example.com@evil.com",
        "https://example.com/?a=1",
        "https://example.com/#x",
        "https://example.com:99999",
    ],
)
def test_other_base_urls_are_refused(url):
    with pytest.raises(ConfigError):
        validate_base_url(url)


@pytest.mark.parametrize("api", list(protocols.names()))
def test_a_base_url_replaces_scheme_and_host_and_keeps_its_path_prefix(api):
    endpoint = resolve_endpoint("ap-southeast-1", api, None, "http://127.0.0.1:5000/proxy/")
    assert endpoint.url == "http://127.0.0.1:5000/proxy" + protocols.get(api).path
    assert endpoint.region == "ap-southeast-1"  # the region still chooses the key
