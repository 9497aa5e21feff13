#!/usr/bin/env python3
"""Stand-alone checker for DumpSentry rule files (rules/*.yaml).

Until `dumpsentry rules check` exists this is the gate for every rule file.
It checks, per rule:
  * schema: required fields, known keys, id format, ids unique across ALL files
    given (pass every file, or none for rules/*.yaml), severity, references;
  * the pattern compiles in PCRE2 and in Hyperscan/Vectorscan (block mode);
  * no lookarounds / backreferences / atomic groups / possessive quantifiers / \\K
    (with an `anchor:`, these and the literal start are checked on the anchor, which is
    what Vectorscan compiles; the pattern is PCRE2's alone);
  * every repeat is bounded and the maximum match width is finite (<= 13000);
  * the pattern starts with a literal (or small class / alternation of literals);
  * every example yields the same secret (group `secret_group`, default 1) via
    PCRE2 plain, NUL-terminated, embedded in random non-text bytes, and directly
    adjacent to random non-ASCII/control bytes; Hyperscan reports a match end
    for it too; the secret passes min_entropy, allowlist, global stopwords and
    the structural validator;
  * every negative example yields no finding (no match, or vetoed by
    min_entropy / allowlist / global stopwords / validator with on_invalid: drop).

Usage: scripts/check-rules.py [-v] [rules/foo.yaml ...]
Needs: pyyaml, pcre2 (PyPI `pcre2`, fallback: `regex`), hyperscan.
    python3 -m venv .venv-rules && .venv-rules/bin/pip install pyyaml pcre2 hyperscan
Exit status 1 on any failure.
"""
import base64
import binascii
import glob
import json
import math
import os
import random
import re
import sys
import zlib

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_c
except ImportError:  # pragma: no cover
    import sre_parse
    import sre_constants as sre_c

import yaml

try:
    import pcre2
    HAVE_PCRE2 = True
except ImportError:  # pragma: no cover
    import regex as pcre2  # type: ignore
    HAVE_PCRE2 = False

try:
    import hyperscan
except ImportError:  # pragma: no cover
    hyperscan = None


class SystemVectorscan:
    """The system libhs (Debian libvectorscan5, the library the engine links) through ctypes.

    Preferred over the PyPI `hyperscan` wheel: its bundled library misses matches, e.g.
    '(?i)(?:x-api-token|logz[a-z0-9_ .-]{0,30}api[_ .-]?token)[\\x22\\s:=]{1,5}([0-9a-f]{8}-[0-9a-f]{4})'
    finds nothing once 20+ bytes precede 'X-API-TOKEN: 51885119-4fd1', where vectorscan 5.4.9 does.
    Same surface as the parts of `hyperscan.Database` used here: compile(...) and scan(...).
    """
    HS_MODE_BLOCK = 1
    HS_FLAG_PREFILTER = 128
    _lib = None

    @classmethod
    def load(cls):
        import ctypes
        try:
            lib = ctypes.CDLL("libhs.so.5")
        except OSError:
            return False
        cls.CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint, ctypes.c_ulonglong, ctypes.c_ulonglong,
                                  ctypes.c_uint, ctypes.c_void_p)
        lib.hs_compile.argtypes = [ctypes.c_char_p, ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p,
                                   ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
        lib.hs_alloc_scratch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.hs_scan.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint, ctypes.c_uint,
                                ctypes.c_void_p, cls.CB, ctypes.c_void_p]
        lib.hs_free_compile_error.argtypes = [ctypes.c_void_p]
        cls._lib = lib
        return True

    def __init__(self, mode=1):
        self.db = None
        self.scratch = None

    def compile(self, expressions, ids=None, elements=1, flags=None):
        import ctypes

        class CErr(ctypes.Structure):
            _fields_ = [("message", ctypes.c_char_p), ("expression", ctypes.c_int)]
        db, err = ctypes.c_void_p(), ctypes.c_void_p()
        rc = self._lib.hs_compile(expressions[0], (flags or [0])[0], self.HS_MODE_BLOCK, None,
                                  ctypes.byref(db), ctypes.byref(err))
        if rc != 0:
            msg = ctypes.cast(err, ctypes.POINTER(CErr)).contents.message.decode(errors="replace")
            self._lib.hs_free_compile_error(err)
            raise RuntimeError(msg)
        self.db = db
        self.scratch = ctypes.c_void_p()
        if self._lib.hs_alloc_scratch(db, ctypes.byref(self.scratch)) != 0:
            raise RuntimeError("hs_alloc_scratch failed")

    def scan(self, data, match_event_handler):
        cb = self.CB(lambda i, frm, to, fl, ctx: match_event_handler(i, frm, to, fl, None) or 0)
        self._lib.hs_scan(self.db, data, len(data), 0, self.scratch, cb, None)


if SystemVectorscan.load():
    SystemVectorscan.Database = SystemVectorscan
    hyperscan = SystemVectorscan  # noqa: F811 — same interface, the engine's own library

ID_RE = re.compile(r'^[a-z0-9]+(\.[a-z0-9-]+)+$')
SEVERITIES = {"critical", "high", "medium", "low"}
KNOWN_KEYS = {"id", "name", "severity", "pattern", "secret_group", "min_entropy",
              "validate", "on_invalid", "on_placeholder_shape", "anchor", "allowlist", "examples",
              "negative_examples", "references", "description", "tags", "confidence"}
REQUIRED = ["id", "name", "severity", "pattern", "examples", "negative_examples", "references"]
VALIDATORS = {"github-crc32", "npm-token", "pypi-token", "jwt", "aws-key-id", "slack-token"}
MAX_WIDTH = 13000
MAX_REPEAT = 12000

# --------------------------------------------------------------------------- helpers

def entropy(s: bytes) -> float:
    if not s:
        return 0.0
    counts = {}
    for b in s:
        counts[b] = counts.get(b, 0) + 1
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(n: int, width: int = 6) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def crc_tail_ok(tok: str) -> bool:
    head, tail = tok[:-6], tok[-6:]
    return base62(zlib.crc32(head.encode()) & 0xFFFFFFFF) == tail


def b64decode_any(s: str):
    s = s.strip()
    t = s.replace("-", "+").replace("_", "/")
    t += "=" * (-len(t) % 4)
    return base64.b64decode(t, validate=True)


def validate(name: str, secret: str) -> bool:
    try:
        if name == "github-crc32":
            if secret.startswith("github_pat_"):
                return True  # fine-grained PATs carry no public checksum scheme
            return bool(re.fullmatch(r"gh[pousr]_[A-Za-z0-9]{36}", secret)) and crc_tail_ok(secret)
        if name == "npm-token":
            return bool(re.fullmatch(r"npm_[A-Za-z0-9]{36}", secret)) and crc_tail_ok(secret)
        if name == "pypi-token":
            if not secret.startswith("pypi-"):
                return False
            body = secret[5:]
            raw = b64decode_any(body[: len(body) - len(body) % 4] or body)
            return b"pypi.org" in raw
        if name == "jwt":
            head = secret.split(".")[0]
            obj = json.loads(b64decode_any(head))
            return isinstance(obj, dict) and "alg" in obj
        if name == "aws-key-id":
            return bool(re.fullmatch(r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z2-7]{16}", secret))
        if name == "slack-token":
            return bool(re.fullmatch(r"xox[abpr]-[0-9]{6,13}-[0-9]{6,13}(-[0-9]{6,13})?-[A-Za-z0-9]{24,34}", secret)) or \
                bool(re.fullmatch(r"xox[abpr]-[0-9]{6,13}-[0-9]{6,13}-[A-Za-z0-9]{24,34}", secret))
        m = re.fullmatch(r"base64-length:(\d+)", name)
        if m:
            return len(b64decode_any(secret)) == int(m.group(1))
        m = re.fullmatch(r"hex-length:(\d+)", name)
        if m:
            return len(binascii.unhexlify(secret)) == int(m.group(1))
    except Exception:
        return False
    raise ValueError(f"unknown validator {name}")


def validator_known(name) -> bool:
    return isinstance(name, str) and (name in VALIDATORS or re.fullmatch(r"(base64|hex)-length:\d+", name) is not None)


GLOBAL_STOP_CI = ["example"]
# PlaceholderFilter.stopwords (markers: always a veto), besides "example".
GLOBAL_MARKERS = ["your-", "your_", "yourtoken", "yourkey", "placeholder", "redacted", "changeme",
                  "dummy", "insert", "xxxxxxxx", "********", "4ec39hqlyjwdarjtt1zdp7dc"]


def global_veto(secret: str, case_insensitive: bool):
    """Approximation of the engine's global placeholder list."""
    s = secret
    if "${" in s or "{{" in s or re.search(r"<[^<>]{0,80}>", s):
        return "placeholder (${ / {{ / <..>)"
    if ("example" in s.lower()) if case_insensitive else ("EXAMPLE" in s):
        return "EXAMPLE"
    for word in GLOBAL_MARKERS:
        if word in s.lower():
            return word
    body = re.split(r"[_\-.$]", s)[-1] if re.search(r"[_\-.$]", s) else s
    for cand in {s, body}:
        if len(cand) >= 8 and (set(cand) <= set("xX") or set(cand) <= set("0")):
            return "all-x/all-0 body"
    return None


# --------------------------------------------------------------------------- pattern analysis

def analyse(pattern: str):
    """Returns list of problems found by walking Python's parse of the pattern."""
    problems = []
    forbidden_text = [(r"\\K", "\\K"), (r"\(\?>", "atomic group"), (r"\(\?=", "lookahead"),
                      (r"\(\?!", "negative lookahead"), (r"\(\?<=", "lookbehind"),
                      (r"\(\?<!", "negative lookbehind"), (r"\\[1-9]", "backreference"), (r"\\g", "backreference"), (r"\\k<", "backreference")]
    for rx, what in forbidden_text:
        if re.search(rx, pattern):
            problems.append(f"forbidden construct: {what}")
    try:
        tree = sre_parse.parse(pattern)
    except Exception as e:
        problems.append(f"pattern not analysable (Python parser: {e}); keep to plain PCRE syntax")
        return problems, None

    def walk(sub):
        for op, av in sub:
            if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
                lo, hi, item = av
                if hi == sre_c.MAXREPEAT:
                    problems.append("unbounded repeat (* or + or {m,}) — bound it with {m,n}")
                elif hi > MAX_REPEAT:
                    problems.append(f"repeat bound {hi} > {MAX_REPEAT}")
                if str(op) == "POSSESSIVE_REPEAT":
                    problems.append("forbidden construct: possessive quantifier")
                walk(item)
            elif op == sre_c.SUBPATTERN:
                walk(av[-1])
            elif op == sre_c.BRANCH:
                for b in av[1]:
                    walk(b)
            elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                problems.append("forbidden construct: lookaround")
            elif op in (sre_c.GROUPREF, sre_c.GROUPREF_EXISTS):
                problems.append("forbidden construct: backreference / conditional")
            elif str(op) == "ATOMIC_GROUP":
                problems.append("forbidden construct: atomic group")
                walk(av)
    walk(tree)
    lo, hi = tree.getwidth()
    if hi >= sre_c.MAXREPEAT:
        problems.append("maximum match width is unbounded")
    elif hi > MAX_WIDTH:
        problems.append(f"maximum match width {hi} > {MAX_WIDTH}")
    if lo == 0:
        problems.append("pattern can match the empty string")
    # literal anchor
    plen = literal_prefix(tree)
    if plen < 2:
        problems.append(f"pattern must start with a literal prefix/keyword (guaranteed literal prefix is {plen} chars)")
    return problems, hi


def literal_prefix(sub) -> int:
    """Guaranteed literal-ish prefix length (min over alternation branches); zero-width
    \\b / ^ and inline flags are skipped; a class of <= 4 chars counts as a literal."""
    n = 0
    for op, av in sub:
        if op == sre_c.AT:
            continue
        if op == sre_c.LITERAL:
            n += 1
            continue
        if op == sre_c.IN:
            size = 0
            for cop, cav in av:
                if cop == sre_c.LITERAL:
                    size += 1
                elif cop == sre_c.RANGE:
                    size += cav[1] - cav[0] + 1
                else:
                    size += 100
            if size <= 4:
                n += 1
                continue
            return n
        if op == sre_c.SUBPATTERN:
            inner = literal_prefix(av[-1])
            lo, hi = av[-1].getwidth()
            n += inner
            if inner < lo or lo != hi:  # group not fully literal: stop after its prefix
                return n
            continue
        if op == sre_c.BRANCH:
            vals = [literal_prefix(b) for b in av[1]]
            return n + min(vals)
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            lo, hi, item = av
            if lo >= 1:
                return n + literal_prefix(item)
            return n
        return n
    return n


# --------------------------------------------------------------------------- disguises

RNG = random.Random(0xD5)
NONTEXT = bytes([b for b in range(256) if b < 0x20 or b >= 0x7F])


def rand_nontext(k: int) -> bytes:
    return bytes(RNG.choice(NONTEXT) for _ in range(k))


def rand_any(k: int) -> bytes:
    return bytes(RNG.randrange(256) for _ in range(k))


def disguises(ex: bytes):
    yield "plain", ex
    yield "NUL-terminated", b"\x00" + ex + b"\x00"
    yield "in random bytes", rand_any(64) + b"\x00" + ex + b"\x00" + rand_any(64)
    yield "adjacent non-text bytes", rand_nontext(16) + ex + rand_nontext(16)
    yield "followed by high byte", b"\x01" + ex + b"\xc3\xa9\x00"


# --------------------------------------------------------------------------- checking

class Rule:
    def __init__(self, d, path):
        self.d = d
        self.path = path
        self.id = d.get("id")
        self.group = d.get("secret_group", 1)
        self.cre = None
        self.hsdb = None


def compile_pcre(pattern: str):
    if HAVE_PCRE2:
        # jit=False: the JIT bundled with PyPI pcre2 0.7.1 (PCRE2 10.47) misses matches,
        # e.g. '(?:vonage|nexmo)[a-z_]{0,3}t' on 'nexmo_at'; the interpreter and the
        # system libpcre2-8 10.42 (with or without JIT) find them.
        return pcre2.compile(pattern.encode(), jit=False)
    return pcre2.compile(pattern.encode())


def pcre_search_all(cre, data: bytes):
    if HAVE_PCRE2:
        return list(cre.finditer(data))
    return list(cre.finditer(data, overlapped=False))


def secret_spans(rule: Rule, data: bytes):
    out = []
    for m in pcre_search_all(rule.cre, data):
        try:
            s = m.group(rule.group)
            if s:
                out.append((s, m.end(rule.group)))
        except Exception:
            pass
    return out


def secrets_of(rule: Rule, data: bytes):
    out = []
    for m in pcre_search_all(rule.cre, data):
        try:
            s = m.group(rule.group)
        except Exception:
            s = None
        if s:
            out.append(s)
    return out


def veto_reason(rule: Rule, secret: bytes, positive: bool):
    d = rule.d
    try:
        s = secret.decode("utf-8")
    except UnicodeDecodeError:
        s = secret.decode("latin-1")
    me = d.get("min_entropy")
    if me is not None and entropy(secret) < float(me):
        return f"entropy {entropy(secret):.2f} < min_entropy {me}"
    al = d.get("allowlist") or {}
    for rx in al.get("regexes", []) or []:
        if compile_pcre(rx).search(secret):
            return f"allowlist regex {rx!r}"
    for sw in al.get("stopwords", []) or []:
        if sw.lower() in s.lower():
            return f"stopword {sw!r}"
    g = global_veto(s, case_insensitive=positive)
    if g:
        return f"global stopword: {g}"
    v = d.get("validate")
    if v:
        if not validate(v, s):
            if positive or d.get("on_invalid", "lower") == "drop":
                return f"validator {v} fails"
    return None


def hs_ends(rule: Rule, data: bytes):
    ends = []
    def cb(id_, frm, to, flags, ctx):
        ends.append(to)
        return 0
    rule.hsdb.scan(data, match_event_handler=cb)
    return ends


def check_rule(rule: Rule, errs, warns):
    d = rule.d
    rid = rule.id
    for k in REQUIRED:
        if k not in d or d[k] in (None, "", []):
            errs.append(f"missing/empty required field '{k}'")
    for k in d:
        if k not in KNOWN_KEYS:
            errs.append(f"unknown key '{k}'")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        errs.append(f"id {rid!r} does not match {ID_RE.pattern}")
    if d.get("severity") not in SEVERITIES:
        errs.append(f"severity {d.get('severity')!r} not in {sorted(SEVERITIES)}")
    for k in ("examples", "negative_examples", "references"):
        if k in d and not (isinstance(d[k], list) and all(isinstance(x, str) for x in d[k])):
            errs.append(f"'{k}' must be a list of strings")
    for ref in d.get("references") or []:
        if not re.match(r"^https?://\S+$", str(ref)):
            errs.append(f"reference {ref!r} is not a URL")
    if "on_invalid" in d and d["on_invalid"] not in ("lower", "drop"):
        errs.append("on_invalid must be lower|drop")
    if "on_placeholder_shape" in d and d["on_placeholder_shape"] not in ("lower", "drop"):
        errs.append("on_placeholder_shape must be lower|drop")
    if "validate" in d and not validator_known(d["validate"]):
        errs.append(f"unknown validator {d['validate']!r}")
    if "min_entropy" in d and not isinstance(d["min_entropy"], (int, float)):
        errs.append("min_entropy must be a number")
    if not isinstance(rule.group, int) or rule.group < 0:
        errs.append("secret_group must be a non-negative integer")
    al = d.get("allowlist")
    if al is not None:
        if not isinstance(al, dict) or set(al) - {"regexes", "stopwords"}:
            errs.append("allowlist may only hold 'regexes' and 'stopwords'")
        else:
            for rx in al.get("regexes", []) or []:
                try:
                    compile_pcre(rx)
                except Exception as e:
                    errs.append(f"allowlist regex {rx!r} does not compile: {e}")
    pat = d.get("pattern")
    if not isinstance(pat, str):
        return
    # PCRE2
    try:
        rule.cre = compile_pcre(pat)
    except Exception as e:
        errs.append(f"PCRE2 compile error: {e}")
        return
    ngroups = rule.cre.groups
    if isinstance(rule.group, int) and rule.group > ngroups:
        errs.append(f"secret_group {rule.group} but pattern has {ngroups} groups")
        return
    # structural analysis
    problems, width = analyse(pat)
    anchor = d.get("anchor")
    if isinstance(anchor, str):
        # Vectorscan sees the anchor, so the hygiene rules are the anchor's; PCRE2 alone runs
        # the pattern, which may look around and need not start with a literal.
        pcre_only = ("lookahead", "lookbehind", "lookaround", "literal prefix")
        problems = [p for p in problems if not any(w in p for w in pcre_only)]
        problems += [f"anchor: {p}" for p in analyse(anchor)[0]]
    errs.extend(problems)
    # Hyperscan / Vectorscan
    scanned = anchor if isinstance(anchor, str) else pat
    if hyperscan is not None:
        try:
            db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            db.compile(expressions=[scanned.encode()], ids=[0], elements=1, flags=[0])
            rule.hsdb = db
        except Exception as e:
            try:
                db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
                db.compile(expressions=[scanned.encode()], ids=[0], elements=1, flags=[hyperscan.HS_FLAG_PREFILTER])
                rule.hsdb = db
                warns.append(f"Hyperscan compiles it only with HS_FLAG_PREFILTER ({e})")
            except Exception as e2:
                errs.append(f"Hyperscan compile error: {e2}")
    # examples
    for ex in d.get("examples") or []:
        if not isinstance(ex, str):
            continue
        exb = ex.encode("utf-8")
        base = secrets_of(rule, exb)
        if not base:
            errs.append(f"example yields no secret: {ex!r}")
            continue
        # the secret the rule should report: the first non-vetoed one
        good = [s for s in base if veto_reason(rule, s, True) is None]
        if not good:
            errs.append(f"example's secret vetoed ({veto_reason(rule, base[0], True)}): {ex!r}")
            continue
        secret = good[0]
        end = [e for s_, e in secret_spans(rule, exb) if s_ == secret][0]
        if exb[end:end + 1] == b"@" and re.match(rb"[A-Za-z0-9]", exb[end + 1:end + 2]):
            # URL userinfo (scheme://user:password@host): '@' and the host delimit the
            # password by definition, so the cut goes after the host's first character
            end += 2
        cut = exb[:end]
        trials = list(disguises(exb)) + [
            ("cut right after the secret, NUL", b"\x00" + cut + b"\x00" + exb[end:]),
            ("cut right after the secret, non-text bytes", rand_nontext(8) + cut + rand_nontext(8)),
        ]
        for name, data in trials:
            got = secrets_of(rule, data)
            if secret not in got:
                errs.append(f"example [{name}] does not yield secret {secret!r} (got {got!r}): {ex!r}")
                break
            if rule.hsdb is not None:
                if not hs_ends(rule, data):
                    errs.append(f"example [{name}] gives no Hyperscan match: {ex!r}")
                    break
    for ex in d.get("negative_examples") or []:
        if not isinstance(ex, str):
            continue
        exb = ex.encode("utf-8")
        for name, data in [("plain", exb), ("NUL-terminated", b"\x00" + exb + b"\x00")]:
            reported = [s for s in secrets_of(rule, data) if veto_reason(rule, s, False) is None]
            if reported:
                errs.append(f"negative example [{name}] yields finding {reported[0]!r}: {ex!r}")
                break


def load(paths):
    rules = []
    file_errs = {}
    for p in paths:
        try:
            with open(p, encoding="utf-8") as f:
                data = yaml.safe_load(f)
        except Exception as e:
            file_errs.setdefault(p, []).append(f"YAML error: {e}")
            continue
        if not isinstance(data, list):
            file_errs.setdefault(p, []).append("top level must be a list of rules")
            continue
        for i, d in enumerate(data):
            if not isinstance(d, dict):
                file_errs.setdefault(p, []).append(f"entry {i} is not a mapping")
                continue
            rules.append(Rule(d, p))
    return rules, file_errs


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = args or sorted(glob.glob(os.path.join(root, "rules", "*.yaml")) +
                           glob.glob(os.path.join(root, "rules", "**", "*.yaml"), recursive=True))
    paths = list(dict.fromkeys(paths))
    if not HAVE_PCRE2:
        print("warning: PyPI 'pcre2' not available, using 'regex' module instead", file=sys.stderr)
    if hyperscan is None:
        print("warning: hyperscan module not available, Vectorscan compatibility NOT checked", file=sys.stderr)
    rules, file_errs = load(paths)
    seen = {}
    failed = 0
    per_file = {}
    for r in rules:
        errs, warns = [], []
        if r.id in seen:
            errs.append(f"duplicate id (also in {seen[r.id]})")
        else:
            seen[r.id] = r.path
        try:
            check_rule(r, errs, warns)
        except Exception as e:  # never let one rule crash the run
            errs.append(f"checker crashed: {type(e).__name__}: {e}")
        per_file.setdefault(r.path, []).append((r, errs, warns))
    total = 0
    for p in paths:
        rel = os.path.relpath(p, root)
        entries = per_file.get(p, [])
        ferrs = file_errs.get(p, [])
        bad = [e for e in entries if e[1]]
        total += len(entries)
        status = "FAIL" if (bad or ferrs) else "ok"
        print(f"{rel}: {len(entries)} rules, {len(bad)} failing [{status}]")
        for e in ferrs:
            print(f"  {e}")
            failed += 1
        for r, errs, warns in entries:
            for e in errs:
                print(f"  {r.id}: {e}")
            if verbose or errs:
                for w in warns:
                    print(f"  {r.id}: warning: {w}")
            failed += bool(errs)
    print(f"total: {total} rules in {len(paths)} files, {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
