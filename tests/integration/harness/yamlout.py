"""A small YAML emitter for plain config data (dict, list, str, int, bool), so tests need no dumper."""
import json
import re

# Scalars written unquoted: things that YAML would read back as the same string.
_PLAIN = re.compile(r"^[A-Za-z_/$.][A-Za-z0-9_./:${}@+-]*$")
_SPECIAL = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}
_NUMERIC = re.compile(r"^[-+]?(\.?[0-9]|0x|0o|\.inf|\.nan)", re.IGNORECASE)


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value is None:
        return "null"
    if not isinstance(value, str):
        raise TypeError(f"cannot emit {type(value).__name__} as YAML")
    if _PLAIN.match(value) and value.lower() not in _SPECIAL and not _NUMERIC.match(value):
        return value
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def _emit(value, indent, out):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            out[-1] += " {}"
            return
        for key, item in value.items():
            out.append(f"{pad}{scalar(str(key))}:")
            if isinstance(item, (dict, list)) and item:
                _emit(item, indent + 1, out)
            elif isinstance(item, (dict, list)):
                out[-1] += " {}" if isinstance(item, dict) else " []"
            else:
                out[-1] += " " + scalar(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                first = True
                for key, sub in item.items():
                    lead = f"{pad}- " if first else f"{pad}  "
                    first = False
                    out.append(f"{lead}{scalar(str(key))}:")
                    if isinstance(sub, (dict, list)) and sub:
                        _emit(sub, indent + 2, out)
                    elif isinstance(sub, (dict, list)):
                        out[-1] += " {}" if isinstance(sub, dict) else " []"
                    else:
                        out[-1] += " " + scalar(sub)
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}- " + ("{}" if isinstance(item, dict) else "[]"))
            else:
                out.append(f"{pad}- {scalar(item)}")
    else:
        out.append(pad + scalar(value))


def dump(value):
    """YAML text for `value` (a dict at the top)."""
    out = []
    _emit(value, 0, out)
    return "\n".join(out) + "\n"
