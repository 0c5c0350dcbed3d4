"""URLs: fetched with httpx, refusing private, loopback and link-local addresses.

Each hop's host is resolved once, every address is vetted, and the connection goes to a
vetted address (the original name travels in the Host header and, for https, as the TLS
server name), so a DNS answer that changes between the check and the connection (DNS
rebinding) cannot reach a private address. Proxies from the environment are ignored, and
``timeout`` bounds the whole fetch: redirects and the body read included."""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from claimledger.errors import FetchError

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
USER_AGENT = "claimledger/0.1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, NAT64, IPv4-compatible, Teredo)."""
    found = []
    if addr.ipv4_mapped is not None:
        found.append(addr.ipv4_mapped)
    if addr in _SIX_TO_FOUR and addr.sixtofour is not None:
        found.append(addr.sixtofour)
    if addr in _NAT64 or addr in _IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    if addr.teredo is not None:
        found.extend(addr.teredo)
    return found


def is_public(addr: IPAddress) -> bool:
    """True when ``addr`` and every IPv4 address embedded in it are globally routable."""
    if not addr.is_global or addr.is_multicast:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        return all(v4.is_global and not v4.is_multicast for v4 in _embedded_ipv4(addr))
    return True


def resolve(url: str, allow_private: bool = False) -> list[IPAddress]:
    """The addresses of ``url``'s host, each vetted unless ``allow_private``; refuses with the reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs are fetched", source=url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: invalid port", source=url) from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FetchError(f"{url}: host not found ({reason})", source=url) from None
    addrs: list[IPAddress] = []
    for info in infos:
        if info[0] not in (socket.AF_INET, socket.AF_INET6):
            continue
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not allow_private and not is_public(addr):
            shown = ", ".join([str(addr)] + [f"carrying {v4}" for v4 in _embedded_ipv4(addr)]
                              if isinstance(addr, ipaddress.IPv6Address) else [str(addr)])
            raise FetchError(f"{url}: refused, {parts.hostname} is a private-network address ({shown})",
                             source=url)
        if addr not in addrs:
            addrs.append(addr)
    if not addrs:
        raise FetchError(f"{url}: host not found (no IPv4 or IPv6 address)", source=url)
    return addrs


def check_public(url: str) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    resolve(url)


def build_request(client: httpx.Client, url: str, addr: IPAddress, timeout: float) -> httpx.Request:
    """A GET of ``url`` sent to ``addr``: Host header and TLS server name stay the URL's host."""
    import httpx

    target = httpx.URL(url)
    hostname = target.raw_host.decode("ascii")
    extensions: dict = {"timeout": httpx.Timeout(timeout).as_dict()}
    if target.scheme == "https":
        extensions["sni_hostname"] = hostname
    headers = {"Host": target.netloc.decode("ascii"), "User-Agent": USER_AGENT}
    return client.build_request("GET", target.copy_with(host=str(addr)), headers=headers,
                                extensions=extensions)


def fetch(url: str, max_bytes: int, timeout: float, allow_private: bool = False) -> tuple[bytes, str]:
    """(body, content type) of ``url``; every redirect hop is resolved and checked again."""
    import httpx  # lazy: most runs read local files and need not pay for the import

    deadline = time.monotonic() + timeout

    def remaining(current: str) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{current}: timed out (the {timeout:g}-second fetch limit)", source=current)
        return left

    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            addrs = resolve(url, allow_private)
            resp = None
            last: Exception | None = None
            for addr in addrs:
                request = build_request(client, url, addr, remaining(url))
                try:
                    resp = client.send(request, stream=True)
                    break
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    last = exc
                except httpx.HTTPError as exc:
                    raise FetchError(_describe(url, exc), source=url) from None
            if resp is None:
                raise FetchError(_describe(url, last), source=url)
            try:
                if resp.is_redirect:
                    location = resp.headers.get("location", "")
                    try:
                        url = str(httpx.URL(url).join(location))
                    except (httpx.InvalidURL, ValueError):
                        raise FetchError(f"{url}: bad redirect location {location[:120]!r}", source=url) from None
                    continue
                if resp.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {resp.status_code}", source=url)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchError(f"{url}: larger than the {max_bytes:,}-byte limit", source=url)
                    remaining(url)
                return bytes(body), resp.headers.get("content-type", "")
            except httpx.HTTPError as exc:
                raise FetchError(_describe(url, exc), source=url) from None
            finally:
                resp.close()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects", source=url)


def _describe(url: str, exc: Exception | None) -> str:
    text = " ".join(str(exc or "").split())[:160]
    return f"{url}: {type(exc).__name__} {text}".strip()
