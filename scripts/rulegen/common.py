"""Helpers for the rule generators in scripts/rulegen/.

The generators wrote rules/*.yaml with freshly generated FAKE example values
(random strings in each provider's documented format, seeded so the output is
stable). The YAML files are the source of truth afterwards: they were edited
after generation (`on_placeholder_shape`, `anchor:`, tightened patterns), so a
generator refuses to overwrite an existing file. Write to a new path and
compare, e.g. `python3 scripts/rulegen/cloud.py /tmp/cloud.yaml`.
"""
import base64
import random
import string
import uuid as _uuid
import zlib

RNG = random.Random(20240611)

ALNUM = string.ascii_letters + string.digits
LOWER = string.ascii_lowercase
LOWALNUM = string.ascii_lowercase + string.digits
UPALNUM = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
UPHEX = "0123456789ABCDEF"
B32 = string.ascii_uppercase + "234567"
B32L = string.ascii_lowercase + "234567"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def r(cs, n):
    """Random string of n chars from charset cs; never starts or ends with - or _."""
    s = "".join(RNG.choice(cs) for _ in range(n))
    if n >= 2:
        safe = [c for c in cs if c.isalnum()]
        s = RNG.choice(safe) + s[1:-1] + RNG.choice(safe)
    return s


def hexs(n):
    return r(HEX, n)


def uuid():
    return str(_uuid.UUID(int=RNG.getrandbits(128), version=4))


def b64(nbytes, url=False, pad=True):
    raw = bytes(RNG.getrandbits(8) for _ in range(nbytes))
    s = (base64.urlsafe_b64encode(raw) if url else base64.b64encode(raw)).decode()
    return s if pad else s.rstrip("=")


def base62(n, width=6):
    out = ""
    while n:
        n, rem = divmod(n, 62)
        out = B62[rem] + out
    return out.rjust(width, "0")


def crc_token(prefix, total=36):
    """GitHub / npm style: prefix + (total-6) random base62 + base62(crc32(prefix+body))."""
    body = r(ALNUM, total - 6)
    return prefix + body + base62(zlib.crc32((prefix + body).encode()) & 0xFFFFFFFF)


def pypi_token():
    raw = b"\x02\x01\x08pypi.org\x02\x25\x08\x01\x12\x20" + bytes(RNG.getrandbits(8) for _ in range(90))
    return "pypi-" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def jwt_like(payload_json=None):
    import json
    head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    pl = payload_json or json.dumps({"sub": uuid(), "iat": 1700000000 + RNG.randrange(10**7)})
    body = base64.urlsafe_b64encode(pl.encode()).decode().rstrip("=")
    return f"{head}.{body}.{b64(32, url=True, pad=False)}"


def q(s):
    """YAML scalar: single-quoted, or JSON (= YAML double-quoted) if it holds control chars."""
    import json
    if any(ord(c) < 0x20 for c in str(s)):
        return json.dumps(str(s), ensure_ascii=False)
    return "'" + str(s).replace("'", "''") + "'"


ORDER = ["id", "name", "severity", "pattern", "secret_group", "min_entropy", "validate",
         "on_invalid", "on_placeholder_shape", "anchor", "allowlist", "examples", "negative_examples", "references"]


def emit(path, header, rules):
    seen = set()
    out = [f"# {line}" if line else "#" for line in header.strip().splitlines()]
    out.append("")
    for rule in rules:
        assert rule["id"] not in seen, rule["id"]
        seen.add(rule["id"])
        extra = set(rule) - set(ORDER)
        assert not extra, (rule["id"], extra)
        first = True
        for k in ORDER:
            if k not in rule:
                continue
            v = rule[k]
            lead = "- " if first else "  "
            first = False
            if k == "allowlist":
                out.append(f"{lead}allowlist:")
                for ak in ("regexes", "stopwords"):
                    if ak in v:
                        out.append(f"    {ak}: [" + ", ".join(q(x) for x in v[ak]) + "]")
            elif isinstance(v, list):
                out.append(f"{lead}{k}:")
                for x in v:
                    out.append(f"    - {q(x)}")
            elif isinstance(v, (int, float)):
                out.append(f"{lead}{k}: {v}")
            else:
                out.append(f"{lead}{k}: {q(v)}")
        out.append("")
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write("\n".join(out))
    except FileExistsError:
        raise SystemExit(f"{path} exists: the rule files are the source of truth and were edited after "
                         "generation; write to a new path and compare")
    return len(rules)


# Frequently used pattern pieces.
SEP = r"[\x22'\s:=>]{1,24}"          # between a keyword and its value: quotes, blanks, : = =>
GAP = r"[\w.-]{0,30}"               # rest of an identifier after the keyword (AWS_SECRET_..._KEY)
UUID_RX = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UUID_RXI = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def rule(id, name, severity, pattern, examples, negatives, refs, **kw):
    d = {"id": id, "name": name, "severity": severity, "pattern": pattern,
         "examples": examples, "negative_examples": negatives,
         "references": refs if isinstance(refs, list) else [refs]}
    d.update(kw)
    return d


def ctx_rule(id, name, severity, keywords, secret_rx, make, refs, negatives=(), *, keys=None, gap=GAP, **kw):
    """A context-keyword rule: (?i:keywords) + identifier rest + separator + secret.
    `make` returns one fake secret; `keys` are the sample variable names used in examples."""
    pattern = rf"(?i:{keywords}){gap}{SEP}({secret_rx})"
    keys = keys or []
    exs = []
    for i, k in enumerate(keys):
        v = make()
        if i % 3 == 0:
            exs.append(f"{k}={v}")
        elif i % 3 == 1:
            exs.append(f'"{k}": "{v}"')
        else:
            exs.append(f"{k}: '{v}'")
    return rule(id, name, severity, pattern, exs, list(negatives), refs, **kw)


def re_escape(s):
    """Escape regex metacharacters of a literal prefix (keeps '-' and '_' readable)."""
    return "".join("\\" + c if c in r".^$*+?{}[]\|()" else c for c in s)
