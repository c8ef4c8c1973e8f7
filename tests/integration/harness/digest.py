"""HTTP/SIP digest authentication (RFC 7616 / RFC 8760): parse challenges, compute MD5 and SHA-256 answers."""
import hashlib
import os
import re

_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}

# auth-param = token "=" ( token / quoted-string )
_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)\s*(?:,|$)')


def parse_challenge(value):
    """'Digest realm="x", nonce="y", ...' -> {'scheme': 'Digest', 'realm': 'x', ...} (keys lower-cased)."""
    value = value.strip()
    scheme, _, rest = value.partition(" ")
    params = {"scheme": scheme}
    pos = 0
    rest = rest.strip()
    while pos < len(rest):
        m = _PARAM.match(rest, pos)
        if not m or m.end() == pos:
            raise ValueError(f"bad auth-param list at {pos}: {rest!r}")
        name, raw = m.group(1).lower(), m.group(2)
        if raw.startswith('"'):
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params[name] = raw
        pos = m.end()
    return params


def hash_hex(algorithm, text):
    try:
        fn = _HASHES[algorithm.upper()]
    except KeyError:
        raise ValueError(f"unsupported digest algorithm {algorithm!r}") from None
    return fn(text.encode("utf-8")).hexdigest()


def ha1(algorithm, user, realm, password):
    return hash_hex(algorithm, f"{user}:{realm}:{password}")


def response(algorithm, user, realm, password, method, uri, nonce, nc=None, cnonce=None, qop=None):
    """The request-digest: with qop=auth H(HA1:nonce:nc:cnonce:qop:HA2), without qop H(HA1:nonce:HA2)."""
    a1 = ha1(algorithm, user, realm, password)
    a2 = hash_hex(algorithm, f"{method}:{uri}")
    if qop:
        return hash_hex(algorithm, f"{a1}:{nonce}:{nc}:{cnonce}:{qop}:{a2}")
    return hash_hex(algorithm, f"{a1}:{nonce}:{a2}")


def authorization(challenge, user, password, method, uri, nc=1, cnonce=None, header="Authorization"):
    """The header line answering `challenge` (a parse_challenge() dict) with qop=auth when offered."""
    algorithm = challenge.get("algorithm", "MD5")
    realm = challenge["realm"]
    nonce = challenge["nonce"]
    qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
    qop = "auth" if "auth" in qops else None
    cnonce = cnonce or os.urandom(8).hex()
    ncs = f"{nc:08x}"
    digest = response(algorithm, user, realm, password, method, uri, nonce,
                      ncs if qop else None, cnonce if qop else None, qop)
    parts = [f'username="{user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
             f'response="{digest}"', f"algorithm={algorithm}"]
    if qop:
        parts += [f"qop={qop}", f"nc={ncs}", f'cnonce="{cnonce}"']
    if "opaque" in challenge:
        parts.append(f'opaque="{challenge["opaque"]}"')
    return f"{header}: Digest " + ", ".join(parts)
