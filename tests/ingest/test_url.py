"""URL fetching. Traffic goes only to 127.0.0.1 servers started here; other hosts are resolved
by a patched ``socket.getaddrinfo`` and connections to anything but 127.0.0.1 are refused."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimledger.config import Settings
from claimledger.ingest import ingest
from claimledger.ingest.url import build_request, fetch, is_public
from claimledger.records import Failure, RawArticle

PUBLIC = "93.184.216.34"  # a global address; connections to it are redirected to the local server


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/latin":
            self._send(200, "text/plain; charset=ISO-8859-1", "Caf\u00e9 owner said 4 died.".encode("latin-1"))
        elif self.path == "/feed":
            self._send(200, "application/rss+xml; charset=iso-8859-1",
                       ('<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\u00e9 Wire</title><item>'
                        "<title>T</title><link>https://w.example/1</link><description>Ten were hurt."
                        "</description></item></channel></rss>").encode("latin-1"))
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n")
        elif self.path == "/host":
            self._send(200, "text/plain", f"Host was {self.headers.get('Host')}".encode())
        elif self.path.startswith("/redirect?to="):
            self._send(302, "text/plain", b"moved", {"Location": self.path.split("=", 1)[1]})
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            end = time.monotonic() + 6
            try:
                while time.monotonic() < end:
                    self.wfile.write(b"1\r\nx\r\n")
                    self.wfile.flush()
                    time.sleep(0.1)
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        else:
            self._send(404, "text/plain", b"no")


@pytest.fixture()
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Names resolve from ``answers`` (a list per name, one answer per call, the last repeated);
    connections go to 127.0.0.1 only (PUBLIC is mapped to it); everything is logged."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection
    state: dict[str, list] = {"answers": {}, "lookups": [], "connects": []}  # type: ignore[dict-item]

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        state["lookups"].append(host)
        answers = state["answers"].get(host)  # type: ignore[union-attr]
        if answers is None:
            if host in ("127.0.0.1", PUBLIC):
                return real_getaddrinfo("127.0.0.1", port, *args, **kwargs)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addr = answers.pop(0) if len(answers) > 1 else answers[0]
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        sockaddr = (addr, port, 0, 0) if family == socket.AF_INET6 else (addr, port)
        return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr)]

    def create_connection(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        host, port = address[0], address[1]
        state["connects"].append(host)
        if host in (PUBLIC, "127.0.0.1"):
            return real_connect(("127.0.0.1", port), *args, **kwargs)
        raise ConnectionRefusedError(f"test: no connection to {host}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return state  # type: ignore[return-value]


def test_dns_rebinding_connects_to_the_vetted_address(server: int, fake_dns: dict) -> None:
    fake_dns["answers"]["rebind.test"] = [PUBLIC, "127.0.0.1"]  # public for the check, loopback after
    body, ctype = fetch(f"http://rebind.test:{server}/host", 10_000, 5.0)
    assert body == f"Host was rebind.test:{server}".encode()
    assert fake_dns["lookups"].count("rebind.test") == 1
    assert fake_dns["connects"] == [PUBLIC]


def test_every_redirect_hop_is_resolved_and_vetted(server: int, fake_dns: dict) -> None:
    fake_dns["answers"]["pub.test"] = [PUBLIC]
    fake_dns["answers"]["inside.test"] = ["10.0.0.5"]
    url = f"http://pub.test:{server}/redirect?to=http://inside.test:{server}/host"
    (item,) = list(ingest(url, Settings()))
    assert isinstance(item, Failure)
    assert "refused" in item.error and "inside.test" in item.error and "10.0.0.5" in item.error
    assert fake_dns["connects"] == [PUBLIC]


def test_redirect_to_a_public_host_is_followed(server: int, fake_dns: dict) -> None:
    fake_dns["answers"]["pub.test"] = [PUBLIC]
    fake_dns["answers"]["other.test"] = [PUBLIC]
    body, _ = fetch(f"http://pub.test:{server}/redirect?to=http://other.test:{server}/host", 10_000, 5.0)
    assert body == f"Host was other.test:{server}".encode()


@pytest.mark.parametrize("addr", ["::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::1", "2002:a00:1::",
                                  "64:ff9b::7f00:1", "64:ff9b::a00:1", "::7f00:1", "::a00:1",
                                  "127.0.0.1", "169.254.169.254", "::1", "fe80::1", "fc00::1", "100.64.0.1",
                                  "2001:0:4136:e378:8000:63bf:80ff:fffe"])
def test_addresses_that_embed_private_ipv4_are_refused(addr: str, fake_dns: dict) -> None:
    assert not is_public(ipaddress.ip_address(addr))
    fake_dns["answers"]["sneaky.test"] = [addr]
    (item,) = list(ingest("http://sneaky.test/", Settings()))
    assert isinstance(item, Failure) and "refused" in item.error and "sneaky.test" in item.error
    assert fake_dns["connects"] == []


def test_one_bad_address_among_many_refuses(fake_dns: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def two(host, port, *a, **k):  # type: ignore[no-untyped-def]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, port)),
                (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::ffff:192.168.1.1", port, 0, 0))]

    monkeypatch.setattr(socket, "getaddrinfo", two)
    (item,) = list(ingest("http://mixed.test/", Settings()))
    assert isinstance(item, Failure) and "192.168.1.1" in item.error
    assert fake_dns["connects"] == []


@pytest.mark.parametrize("addr", [PUBLIC, "::ffff:8.8.8.8", "2002:808:808::1", "2606:4700::1111"])
def test_public_addresses_pass(addr: str) -> None:
    assert is_public(ipaddress.ip_address(addr))


def test_https_request_keeps_the_name_for_tls_and_host() -> None:
    import httpx

    with httpx.Client(trust_env=False) as client:
        req = build_request(client, "https://news.example:8443/a?b=1", ipaddress.ip_address("2606:4700::1111"), 3.0)
    assert str(req.url) == "https://[2606:4700::1111]:8443/a?b=1"
    assert req.headers["Host"] == "news.example:8443"
    assert req.extensions["sni_hostname"] == "news.example"
    assert req.extensions["timeout"]["read"] == 3.0


def test_http_request_has_no_sni() -> None:
    import httpx

    with httpx.Client(trust_env=False) as client:
        req = build_request(client, "http://news.example/a", ipaddress.ip_address(PUBLIC), 3.0)
    assert str(req.url) == f"http://{PUBLIC}/a" and req.headers["Host"] == "news.example"
    assert "sni_hostname" not in req.extensions


def test_proxy_environment_is_ignored(server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    body, _ = fetch(f"http://127.0.0.1:{server}/host", 10_000, 5.0, allow_private=True)
    assert body.startswith(b"Host was 127.0.0.1")


def test_timeout_covers_the_whole_body_read(server: int) -> None:
    start = time.monotonic()
    (item,) = list(ingest(f"http://127.0.0.1:{server}/trickle",
                          Settings(fetch_timeout=1.0, allow_private_urls=True)))
    elapsed = time.monotonic() - start
    assert isinstance(item, Failure) and "timed out" in item.error and "/trickle" in item.error
    assert elapsed < 3.0


def test_content_type_charset_is_honoured(server: int) -> None:
    (item,) = list(ingest(f"http://127.0.0.1:{server}/latin", Settings(allow_private_urls=True)))
    assert isinstance(item, RawArticle) and item.media_type == "text"
    assert item.content == "Caf\u00e9 owner said 4 died."


def test_http_errors_are_one_line_failures(server: int) -> None:
    (item,) = list(ingest(f"http://127.0.0.1:{server}/missing", Settings(allow_private_urls=True)))
    assert isinstance(item, Failure) and "HTTP 404" in item.error and "\n" not in item.error


def test_private_urls_still_refused_by_default(server: int) -> None:
    (item,) = list(ingest(f"http://127.0.0.1:{server}/host", Settings()))
    assert isinstance(item, Failure) and "refused" in item.error


def test_feed_over_http(server: int) -> None:
    (item,) = list(ingest(f"http://127.0.0.1:{server}/feed", Settings(allow_private_urls=True)))
    assert isinstance(item, RawArticle) and item.outlet == "Caf\u00e9 Wire" and "Ten were hurt" in item.content


def test_non_text_content_type_is_refused(server: int) -> None:
    (item,) = list(ingest(f"http://127.0.0.1:{server}/image", Settings(allow_private_urls=True)))
    assert isinstance(item, Failure) and "image/png" in item.error and "CL002" in item.error
