"""URLs: fetched with httpx, refusing private, loopback and link-local addresses."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from claimledger.errors import FetchError

MAX_REDIRECTS = 5


def check_public(url: str) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs are fetched", source=url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: host not found ({exc.strerror})", source=url) from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global:
            raise FetchError(f"{url}: refused, {parts.hostname} is a private-network address ({addr})",
                             source=url)


def fetch(url: str, max_bytes: int, timeout: float, allow_private: bool = False) -> tuple[bytes, str]:
    """(body, content type) of ``url``; every redirect hop is checked again."""
    import httpx  # lazy: most runs read local files and need not pay for the import

    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if not allow_private:
                check_public(url)
            try:
                with client.stream("GET", url, headers={"User-Agent": "claimledger/0.1"}) as resp:
                    if resp.is_redirect:
                        url = str(resp.url.join(resp.headers.get("location", "")))
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"{url}: HTTP {resp.status_code}", source=url)
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise FetchError(f"{url}: larger than the {max_bytes:,}-byte limit", source=url)
                    return bytes(body), resp.headers.get("content-type", "")
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__} {exc}".strip(), source=url) from None
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects", source=url)
