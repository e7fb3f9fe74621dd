"""The preview's web server: the standard library's ThreadingHTTPServer, read-only, on the loopback.

It answers five kinds of address and nothing else:
  /               the preview page (and /serve.css, /serve.js beside it)
  /status.json    what the page draws (see state.Preview.status)
  /pages/SHA/N.png page N of the paged file whose bytes hash to SHA, as a picture
  /files/NAME     a file of the last good build, by the name the build gave it
Files come from memory (state.Preview), looked up by their exact name: no path a request
gives is ever opened, so `..`, `%2e%2e`, absolute paths and links out of the folder all find
nothing (404). There is no listing, and only GET and HEAD are served (anything else: 405).
On the loopback a request must name this server as its Host, so a web page elsewhere cannot
reach it through a name that resolves to 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import json
import mimetypes
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from generator.serve import page
from generator.serve.pictures import page_png
from generator.serve.state import Preview

PAGE_CSP = "default-src 'self'; img-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'"
FILE_CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'"
PICTURE = re.compile(r"/pages/([0-9a-f]{64})/([0-9]{1,5})\.png")
OWN = {
    "/": (page.PAGE.encode(), "text/html; charset=utf-8"),
    "/serve.css": (page.STYLE.encode(), "text/css; charset=utf-8"),
    "/serve.js": (page.SCRIPT.encode(), "text/javascript; charset=utf-8"),
}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # a browser's open connection must not keep packgen from stopping

    def __init__(self, address: tuple[str, int], preview: Preview):
        self.preview = preview
        super().__init__(address, Handler)
        host, port = str(self.server_address[0]), int(self.server_address[1])
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        # the names a browser on this computer gives; served to the network (--host), any name
        loopback = {f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        self.hosts: set[str] | None = loopback if f"{host}:{port}" in loopback | {f"::1:{port}"} else None

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="packgen serve", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "packgen-serve"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows the builds, not every picture the page asks for

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _refuse_method(self) -> None:
        self._send(
            HTTPStatus.METHOD_NOT_ALLOWED,
            b"packgen serve only shows the build; it changes nothing.\n",
            "text/plain; charset=utf-8",
            extra={"Allow": "GET, HEAD"},
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def _answer(self, body: bool) -> None:
        if self.server.hosts is not None and self.headers.get("Host", "") not in self.server.hosts:
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, b"not this server\n", "text/plain", body=body)
        path = urlsplit(self.path).path
        if path in OWN:
            data, kind = OWN[path]
            return self._send(HTTPStatus.OK, data, kind, body=body, csp=PAGE_CSP)
        if path == "/status.json":
            data = json.dumps(self.server.preview.status()).encode()
            return self._send(HTTPStatus.OK, data, "application/json", body=body)
        picture = PICTURE.fullmatch(path)
        if picture:
            shown = self.server.preview.by_sha(picture[1])
            png = page_png(shown.sha256, shown.data, int(picture[2])) if shown and shown.paged else None
            if png is not None:
                return self._send(HTTPStatus.OK, png, "image/png", body=body, immutable=True)
        elif path.startswith("/files/"):
            shown = self.server.preview.file(unquote(path.removeprefix("/files/")))
            if shown is not None:
                kind = mimetypes.guess_type(shown.filename)[0] or "application/octet-stream"
                kind += "; charset=utf-8" if kind.startswith("text/") else ""
                return self._send(HTTPStatus.OK, shown.data, kind, body=body, csp=FILE_CSP)
        self._send(HTTPStatus.NOT_FOUND, b"not a file of this build\n", "text/plain; charset=utf-8", body=body)

    def _send(
        self,
        status: HTTPStatus,
        data: bytes,
        kind: str,
        body: bool = True,
        csp: str | None = None,
        immutable: bool = False,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "max-age=31536000, immutable" if immutable else "no-store")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)
