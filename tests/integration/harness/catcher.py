"""Collects SIP responses a server routes by Via: the sender's own socket plus 127.0.0.1 listeners on the
sent-by ports of foreign Via headers (5060 by default), UDP and TCP, so stray answers are seen too."""
import re
import selectors
import socket
import threading
import time

_STATUS = re.compile(rb"^SIP/2\.0 (\d{3})")
_CALL_ID = re.compile(rb"(?im)^(?:call-id|i)[ \t]*:[ \t]*(\S+)")


def status_of(data):
    m = _STATUS.match(data)
    return int(m.group(1)) if m else None


def call_id_of(data):
    m = _CALL_ID.search(data)
    return m.group(1) if m else None


class Catcher:
    """Background collector. `seen` holds (time, where, bytes) for every datagram / stream chunk."""

    def __init__(self, udp_ports=(5060, 5050, 5070), tcp_ports=(5060,)):
        self.sel = selectors.DefaultSelector()
        self.seen = []
        self.lock = threading.Lock()
        self.sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sender.bind(("127.0.0.1", 0))
        self.sender.setblocking(False)
        self.sel.register(self.sender, selectors.EVENT_READ, "sender")
        self.unavailable = []
        for port in udp_ports:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind(("127.0.0.1", port))
            except OSError as e:
                self.unavailable.append(f"udp/{port}: {e}")
                s.close()
                continue
            s.setblocking(False)
            self.sel.register(s, selectors.EVENT_READ, f"udp/{port}")
        for port in tcp_ports:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
                s.listen(16)
            except OSError as e:
                self.unavailable.append(f"tcp/{port}: {e}")
                s.close()
                continue
            s.setblocking(False)
            self.sel.register(s, selectors.EVENT_READ, ("listen", port))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
        for key in list(self.sel.get_map().values()):
            key.fileobj.close()
        self.sel.close()

    def _loop(self):
        while not self._stop.is_set():
            for key, _ in self.sel.select(0.1):
                where = key.data
                sock = key.fileobj
                try:
                    if isinstance(where, tuple) and where[0] == "listen":
                        conn, _ = sock.accept()
                        conn.setblocking(False)
                        self.sel.register(conn, selectors.EVENT_READ, f"tcp/{where[1]}")
                        continue
                    if where.startswith("tcp/"):
                        data = sock.recv(65536)
                        if not data:
                            self.sel.unregister(sock)
                            sock.close()
                            continue
                    else:
                        data, _ = sock.recvfrom(70000)
                except (BlockingIOError, ConnectionError):
                    continue
                with self.lock:
                    self.seen.append((time.monotonic(), where, data))

    def send(self, data, addr):
        self.sender.sendto(data, addr)

    def mark(self):
        with self.lock:
            return len(self.seen)

    def since(self, mark):
        with self.lock:
            return list(self.seen[mark:])


def statuses_in(data):
    """Every response status code at the start of a line in `data` (a stream chunk may hold several)."""
    return [int(s) for s in re.findall(rb"(?m)^SIP/2\.0 (\d{3}) ", data)]
