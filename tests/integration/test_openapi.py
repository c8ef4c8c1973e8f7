"""kernel/admin/openapi.yaml against the daemon and the sources: every documented operation is served
(by a handler, not the admin server's own 404/405) with a documented status, every route the kernel
and the modules register is documented, and the file hangs together (path parameters, $refs)."""
import random
import re

import pytest
import yaml

from harness import paths
from harness.phone import Phone

SPEC_FILE = paths.source_dir() / "kernel" / "admin" / "openapi.yaml"
METHODS = ("get", "put", "post", "patch", "delete")
# What kernel/admin/admin_server.cpp answers itself when no route takes a request.
SERVER_NOT_FOUND = {"error": "no such resource"}
SERVER_NOT_ALLOWED = {"error": "method not allowed"}
# Served by admin_server.cpp before any route lookup (an unknown method there is the server's 404).
BUILT_IN_PATHS = {"/api/v1/health", "/metrics"}

# Harmless values for path parameters: nothing by these names exists, so the handler answers its own
# 404 (or 400) and changes nothing; write bodies are {} (an import or options change of nothing).
PLACEHOLDERS = {"id": {"/api/v1/devices": "dev-openapi-none", "/api/v1/calls": "999999",
                       "/api/v1/kpml/collections": "999999"},
                "dn": "2999", "n": "999", "mailbox": "2999", "name": "openapi-none", "user": "openapi-none"}
# Values that do exist once test_documented_reads_answer_200_with_documented_fields has set them up.
EXISTING = {"id": {"/api/v1/devices": "dev-1001"}, "dn": "1001", "n": "1", "mailbox": "1001", "name": "pstn",
            "user": "1001"}


def spec():
    with open(SPEC_FILE) as f:
        return yaml.safe_load(f)


def operations(document):
    return [(path, method) for path, item in document["paths"].items() for method in METHODS if method in item]


def concrete(path, values=PLACEHOLDERS):
    """The path with its parameters filled from `values`; None when one has no value there."""
    missing = []

    def value(m):
        v = values.get(m.group(1))
        if isinstance(v, dict):
            v = next((val for prefix, val in v.items() if path.startswith(prefix + "/")), None)
        if v is None:
            missing.append(m.group(1))
            return ""
        return v
    out = re.sub(r"\{([^}]+)\}", value, path)
    return None if missing else out


def resolve(document, node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for key in node["$ref"][2:].split("/"):
            target = target[key]
        node = target
    return node


def properties(document, schema):
    schema = resolve(document, schema)
    out = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        out.update(properties(document, part))
    return out


def undocumented_fields(document, schema, value, where):
    """Members of a JSON answer its schema does not list (free-form objects are not checked)."""
    schema = resolve(document, schema)
    problems = []
    if isinstance(value, dict):
        props = properties(document, schema)
        for key, member in value.items() if props else ():
            if key not in props:
                problems.append(f"{where}.{key}")
            else:
                problems += undocumented_fields(document, props[key], member, f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value[:5]):
            problems += undocumented_fields(document, schema["items"], item, f"{where}[{i}]")
    return problems


def send(d, method, path, body=None):
    """(status, parsed JSON or text), with the bearer token."""
    return d.admin().request(method, path, body=body)


# --- the routes the sources register ---------------------------------------------------------------

def _cpp_files(folder):
    return sorted(p for p in (paths.source_dir() / folder).rglob("*") if p.suffix in (".cpp", ".hpp", ".h"))


def _kernel_routes():
    out = set()
    for f in _cpp_files("kernel"):
        text = f.read_text()
        out |= set(re.findall(r'routes\.add\(\s*"([A-Z]+)",\s*"(/[^"]*)"', text))
        for path, method in re.findall(r'path == "(/[^"]*)" && method == "([A-Z]+)"', text):
            out.add((method, path))
    return out


def _resolve(expr, module_text, depth=0):
    """A path argument of admin_route as text: a literal, a constant defined in the module, or a
    concatenation of those (std::string(kPrefix) + "/import")."""
    expr = expr.strip()
    expr = re.sub(r"\.c_str\(\)$", "", expr)
    parts = [p.strip() for p in re.split(r"\+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", expr)]
    out = ""
    for part in parts:
        part = re.sub(r"^std::string\((.*)\)$", r"\1", part).strip()
        if part.startswith('"') and part.endswith('"'):
            out += part[1:-1]
            continue
        m = re.search(r"\b" + re.escape(part) + r"\s*=\s*([^;]+);", module_text)
        if not m or depth > 3 or not re.fullmatch(r"[A-Za-z_]\w*", part):
            raise AssertionError(f"cannot resolve the admin route path {expr!r}")
        out += _resolve(m.group(1), module_text, depth + 1)
    return out


def _module_routes():
    """(method, prefix) of every admin_route() call under modules/; fails on one it cannot read."""
    out = set()
    for module in sorted(p for p in (paths.source_dir() / "modules").iterdir() if p.is_dir()):
        files = _cpp_files(module.relative_to(paths.source_dir()))
        module_text = "\n".join(f.read_text() for f in files)
        calls = re.findall(r"admin_route\(([^;]*?)\)\s*!=", module_text, re.S)
        assert len(calls) == module_text.count("admin_route("), f"{module.name}: an admin_route call not parsed"
        for call in calls:
            args = [a.strip() for a in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", call)]
            method_expr, path_expr = args[1], args[2]
            if re.fullmatch(r'"[A-Z]+"', method_expr):
                methods = {method_expr.strip('"')}
            else:  # a table of {"METHOD", handler} entries walked in a loop
                methods = set(re.findall(r'\{\s*"(GET|PUT|POST|PATCH|DELETE)",', module_text))
                assert methods, f"{module.name}: cannot tell the methods of admin_route({call})"
            for method in methods:
                out.add((method, _resolve(path_expr, module_text)))
    return out


def _covered(document, method, prefix):
    """Some documented path with this method is the prefix itself or below it."""
    for path, item in document["paths"].items():
        under = path == prefix or path.startswith(prefix if prefix.endswith("/") else prefix + "/")
        if under and method.lower() in item:
            return True
    return False


def test_every_registered_route_is_documented():
    kernel, modules = _kernel_routes(), _module_routes()
    # The scan itself works: routes known to exist are found in both places.
    assert {("GET", "/api/v1/devices"), ("DELETE", "/api/v1/calls"), ("GET", "/api/v1/health")} <= kernel, kernel
    assert {("GET", "/api/v1/transfers"), ("POST", "/api/v1/kpml/collections"), ("GET", "/api/v1/billing"),
            ("POST", "/api/v1/cesid/import"), ("GET", "/api/v1/media")} <= modules, modules
    document = spec()
    missing = sorted(f"{m} {p}" for m, p in kernel | modules if not _covered(document, m, p))
    assert not missing, f"registered in the sources but not in {SPEC_FILE.name}: {missing}"


def test_the_document_hangs_together():
    document = spec()
    assert document["openapi"].startswith("3.")
    problems = []
    for path, item in document["paths"].items():
        assert path.startswith("/api/v1/") or path == "/metrics", path
        templated = set(re.findall(r"\{([^}]+)\}", path))
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            declared = {p["name"] for p in item.get("parameters", []) + op.get("parameters", [])
                        if p.get("in") == "path"}
            if declared != templated:
                problems.append(f"{method.upper()} {path}: path parameters {sorted(declared)} != {sorted(templated)}")
            if not op.get("summary") or not op.get("responses"):
                problems.append(f"{method.upper()} {path}: no summary or no responses")
    text = SPEC_FILE.read_text()
    for ref in sorted(set(re.findall(r'\$ref: "#/([^"]+)"', text))):
        node = document
        for key in ref.split("/"):
            node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            problems.append(f"$ref #/{ref} does not resolve")
    assert not problems, "\n".join(problems)


# --- the daemon serves what the document says -------------------------------------------------------

@pytest.fixture
def full_daemon(make_daemon):
    """The sample module set with the media relay enabled too (every module's routes present)."""
    base = random.randrange(61000, 64600, 2)
    relay = {"bind_address": "127.0.0.1", "port_min": base, "port_max": base + 19, "media_threads": 1}
    return make_daemon(modules={"srtp-media": {"enabled": True, "required": True, "config": relay}})


def test_every_documented_operation_is_served(full_daemon):
    document = spec()
    ops = operations(document)
    assert len(ops) >= 40, ops
    problems = []
    for path, method in ops:
        url = concrete(path)
        assert url is not None, f"no placeholder for a parameter of {path}"
        op = document["paths"][path][method]
        body = {} if method in ("put", "post", "patch") else None
        status, answer = send(full_daemon, method.upper(), url, body)
        where = f"{method.upper()} {url} -> {status} {answer!r}"
        if status == 405 or answer in (SERVER_NOT_FOUND, SERVER_NOT_ALLOWED):
            problems.append(f"not served: {where}")
            continue
        if str(status) not in op["responses"]:
            problems.append(f"undocumented status: {where} (documented {sorted(op['responses'])})")
        if path not in BUILT_IN_PATHS:
            # The path is known to the router (another method is the server's 405), so a 404 above came
            # from the handler, never from the router.
            probe, probe_answer = send(full_daemon, "OPTIONS", url)
            if (probe, probe_answer) != (405, SERVER_NOT_ALLOWED):
                problems.append(f"OPTIONS {url} -> {probe} {probe_answer!r}: the router does not know the path")
    assert not problems, "\n".join(problems)
    assert full_daemon.running


def test_documented_reads_answer_200_with_documented_fields(full_daemon):
    """Every GET, on things that exist, is 200, and every member of its JSON answer is documented in
    the operation's schema (when it has one)."""
    admin = full_daemon.admin()
    with full_daemon.sip("udp") as c:  # a registration, a CESID entry and a mailbox state to read back
        assert Phone(c, "1001", "secret1001").register(expires=300).status == 200
        assert admin.request("PUT", "/api/v1/cesid/1001", body={"cesid": "6135550101"})[0] in (200, 201)
        assert admin.request("PUT", "/api/v1/mwi/1001", body={"new": 1, "old": 0})[0] == 200
        document = spec()
        problems = []
        checked = 0
        for path, method in operations(document):
            url = concrete(path, EXISTING)
            if method != "get" or url is None:
                continue
            status, answer = send(full_daemon, "GET", url)
            checked += 1
            if status != 200:
                problems.append(f"GET {url} -> {status} {answer!r}")
                continue
            response = resolve(document, document["paths"][path]["get"]["responses"]["200"])
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if schema is not None:
                problems += [f"GET {url}: undocumented member {m}" for m in undocumented_fields(document, schema,
                                                                                                  answer, "")]
        # A digit collection (its SUBSCRIBE goes to this phone, which never answers), read and cancelled.
        post = document["paths"]["/api/v1/kpml/collections"]["post"]["responses"]["201"]
        status, made = admin.request("POST", "/api/v1/kpml/collections",
                                     body={"dn": "1001", "pattern": "x{4}", "timeout_ms": 5000})
        assert status == 201, made
        problems += [f"POST kpml: undocumented member {m}"
                     for m in undocumented_fields(document, post["content"]["application/json"]["schema"], made, "")]
        status, shown = admin.get(f"/api/v1/kpml/collections/{made['id']}")
        assert status == 200 and shown["id"] == made["id"], shown
        status, cancelled = admin.request("DELETE", f"/api/v1/kpml/collections/{made['id']}")
        assert status == 200 and cancelled["state"] == "finished" and cancelled["code"] == 487, cancelled
    assert checked >= 20, checked
    assert not problems, "\n".join(problems)


def test_the_router_refusals_look_as_the_test_expects(full_daemon):
    """What the checks above tell apart: the server's own 404 and 405 bodies."""
    assert send(full_daemon, "GET", "/api/v1/openapi-no-such-thing") == (404, SERVER_NOT_FOUND)
    assert send(full_daemon, "PUT", "/api/v1/transfers") == (405, SERVER_NOT_ALLOWED)
    # A handler's own 404 reads differently, even under a module prefix.
    status, body = send(full_daemon, "GET", "/api/v1/billing/openapi-none")
    assert status == 404 and body != SERVER_NOT_FOUND, body
