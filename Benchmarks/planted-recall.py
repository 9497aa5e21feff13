#!/usr/bin/env python3
"""How many of a generated dump's planted secrets one tool's report found.
Usage: planted-recall.py DUMP TOOL REPORT [STDERR_LOG]
DUMP is one file (from make-dump.py) or a directory (from make-small-files.py, whose entries name
their file relative to it). TOOL is dumpsentry (JSON Lines, matched by file, byte offset and encoding), kingfisher (its `--format json`
envelope) or betterleaks (its `-o FILE.json` array), both matched by the secret's value: they
report lines and columns, which mean little in a binary file. The planted values are read back from
the dump at the offsets in DUMP.planted.json (`make-dump.py` writes it), up to the NUL that ends
them. Prints: planted found ascii_found utf16le_found reported scanned_bytes (the bytes the tool says
it scanned, from its report or its log; -1 when it does not say), so a peer that skipped the file as
binary or too large shows."""
import json, os, re, sys

dump, tool, report = sys.argv[1:4]
log = sys.argv[4] if len(sys.argv) > 4 else None
is_directory = os.path.isdir(dump)
planted = json.load(open(dump.rstrip("/") + ".planted.json"))
for secret in planted:
    secret.setdefault("path", "")


def value_at(f, offset, encoding):
    f.seek(offset)
    raw = f.read(512)
    if encoding == "utf16le":
        units = [raw[i:i + 2] for i in range(0, len(raw) - 1, 2)]
        return b"".join(u for u in units[:units.index(b"\0\0")]).decode("utf-16-le")
    return raw[:raw.index(b"\0")].decode("ascii")


for secret in planted:
    if "value" not in secret:
        with open(os.path.join(dump, secret["path"]) if is_directory else dump, "rb") as f:
            secret["value"] = value_at(f, secret["offset"], secret["encoding"])


def findings():
    text = open(report, encoding="utf-8", errors="replace").read()
    if tool == "dumpsentry":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if not text.strip():
        return []
    document = json.loads(text)
    if tool == "kingfisher":
        return document.get("findings", []) if isinstance(document, dict) else document
    if tool == "betterleaks":
        return document.get("findings", []) if isinstance(document, dict) else document
    sys.exit(f"unknown tool {tool}")


def scanned_bytes():
    if tool == "dumpsentry":   # it scans every byte or reports an error (exit status 2)
        if is_directory:
            return sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(dump) for n in names)
        return os.path.getsize(dump)
    if tool == "kingfisher":
        document = json.loads(open(report).read() or "{}")
        return document.get("metadata", {}).get("summary", {}).get("bytes_scanned", -1)
    if log and os.path.exists(log):   # betterleaks logs "scanned ~N bytes (...)"
        found = re.findall(r"scanned ~(\d+) bytes", re.sub(r"\x1b\[[0-9;]*m", "", open(log, errors="replace").read()))
        if found:
            return int(found[-1])
    return -1


reported = findings()
if tool == "dumpsentry":
    prefix = dump.rstrip("/") + "/" if is_directory else dump
    seen = {(f["path"][len(prefix):] if is_directory else "", f["offset"], f["encoding"]) for f in reported}
    hit = [s for s in planted if (s["path"], s["offset"], s["encoding"]) in seen]
else:
    def value(f):
        if tool == "kingfisher":
            return f.get("finding", {}).get("snippet", "")
        match = f.get("match", {})
        return match.get("value") or match.get("full") or f.get("Secret", "")
    values = [value(f) for f in reported]
    # A value is found if a reported secret contains it (a peer may report a wider match).
    hit = [s for s in planted if any(s["value"] in v for v in values if v)]
print(len(planted), len(hit), sum(s["encoding"] == "ascii" for s in hit),
      sum(s["encoding"] == "utf16le" for s in hit), len(reported), scanned_bytes())
