"""Free loopback ports, reserved across concurrently running test processes with lock files."""
import atexit
import errno
import os
import random
import socket
import tempfile
from pathlib import Path

# Below Linux's ephemeral range (32768-60999), so client sockets bound to port 0 never take them.
_LOW, _HIGH = 20000, 32700
_LOCK_DIR = Path(tempfile.gettempdir()) / "lineside-test-ports"
_MAX_TRIES = 500
_mine = []


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _bindable(port):
    """True when both UDP and TCP can bind 127.0.0.1:port right now."""
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        finally:
            s.close()
    return True


def _lock(port):
    _LOCK_DIR.mkdir(exist_ok=True)
    path = _LOCK_DIR / str(port)
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except OSError as e:
            if e.errno != errno.EEXIST:
                raise
            try:
                owner = int(path.read_text().strip() or "0")
            except (OSError, ValueError):
                owner = 0
            if owner and _pid_alive(owner):
                return False
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            continue
        with os.fdopen(fd, "w") as f:
            f.write(str(os.getpid()))
        _mine.append(path)
        return True
    return False


def reserve_port(rng=random.SystemRandom()):
    """A port on 127.0.0.1 free for UDP and TCP, not handed to any other live test process."""
    for _ in range(_MAX_TRIES):
        port = rng.randrange(_LOW, _HIGH)
        if _bindable(port) and _lock(port):
            return port
    raise RuntimeError(f"no free loopback port found in {_MAX_TRIES} tries")


def reserve_ports(count):
    return [reserve_port() for _ in range(count)]


@atexit.register
def _release_all():
    for path in _mine:
        try:
            path.unlink()
        except OSError:
            pass
