"""Client for the admin HTTP API (bearer token, JSON) over loopback with urllib."""
import json
import urllib.error
import urllib.request


class AdminClient:
    def __init__(self, host, port, token):
        self.base = f"http://{host}:{port}"
        self.token = token

    def request(self, method, path, token=..., body=None, timeout=10):
        """(status, parsed JSON or text). token=None sends no Authorization header."""
        token = self.token if token is ... else token
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if token is not None:
            req.add_header("Authorization", f"Bearer {token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        text = raw.decode("utf-8", errors="replace")
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def registrations(self, user=None):
        """The registrations list; asserts the envelope (200, list, count == len)."""
        path = "/api/v1/registrations" + (f"?user={user}" if user is not None else "")
        status, body = self.get(path)
        assert status == 200, f"GET {path} -> {status}: {body!r}"
        assert isinstance(body, dict) and isinstance(body.get("registrations"), list), body
        assert body.get("count") == len(body["registrations"]), body
        return body["registrations"]


def binding_for(registrations, contact_uri):
    """The registration whose contact is `contact_uri` (angle brackets and header params ignored)."""
    for reg in registrations:
        contact = str(reg.get("contact", "")).strip()
        if contact.startswith("<"):
            contact = contact[1:].split(">", 1)[0]
        if contact == contact_uri or contact.split(";", 1)[0] == contact_uri.split(";", 1)[0]:
            return reg
    return None
