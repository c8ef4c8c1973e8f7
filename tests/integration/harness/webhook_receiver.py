"""A webhook receiver for notification tests: an HTTP(S) server on 127.0.0.1 in a thread that records
every POST (path, headers, JSON body) and answers with a set status."""
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class WebhookReceiver:
    """`with WebhookReceiver() as hook:` then configure hook.url; hook.wait(n) returns the posts."""

    def __init__(self, status=200, tls_cert=None, tls_key=None):
        self.status = status
        self.posts = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                with receiver._lock:
                    receiver.posts.append({"path": self.path, "headers": dict(self.headers), "raw": raw,
                                           "json": body})
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.tls = tls_cert is not None
        if self.tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(tls_cert), str(tls_key))
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       daemon=True)

    def url(self, path="/hook"):
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def wait(self, n=1, timeout=10.0, event=None):
        """Wait (bounded) for n posts (of JSON "event" == event, when given); returns those posts."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                got = [p for p in self.posts if event is None or (p["json"] or {}).get("event") == event]
            if len(got) >= n or time.monotonic() > deadline:
                return got
            time.sleep(0.05)
