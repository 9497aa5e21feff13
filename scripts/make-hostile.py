#!/usr/bin/env python3
"""Generates the crafted hostile-input corpus: dumps with lying headers, degenerate files, hostile
names, bad rule files, and (with --slow) huge directory trees. Every dump case carries a FAKE
token in a readable part, which a scan must still find. Writes DIR/manifest.json:
[{"name", "kind": "scan"|"rules", "path", "expect_token_offset" (or null), "slow"}].
Usage: make-hostile.py DIR [--slow]"""
import json, os, random, struct, sys, zlib, gzip, io, zipfile

out = sys.argv[1]
slow = "--slow" in sys.argv
os.makedirs(out, exist_ok=True)
rng = random.Random(8)
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

def token():
    body = "".join(rng.choice(ALNUM) for _ in range(30))
    value, digits = zlib.crc32(body.encode()), ""
    while True:
        digits = B62[value % 62] + digits
        value //= 62
        if value == 0:
            break
    return ("ghp_" + body + digits.rjust(6, "0")).encode()

manifest = []
def add(name, data, offset, kind="scan", slow_case=False):
    path = os.path.join(out, name)
    with open(path, "wb") as f:
        f.write(data)
    manifest.append({"name": name, "kind": kind, "path": name, "suffix": name, "expect_token_offset": offset, "slow": slow_case})

def with_token(header, size=8192):
    data = bytearray(header) + bytearray(max(0, size - len(header)))
    at = len(header) + 1024
    t = b"\0GITHUB_TOKEN=" + token() + b"\0"
    data[at:at + len(t)] = t
    return bytes(data), at + 14

# --- minidumps: 32-byte header, then a stream directory of 12-byte entries.
def minidump(streams, nstreams=None, dir_rva=32, extra=b""):
    header = struct.pack("<4sIIIIIQ", b"MDMP", 0xA793, len(streams) if nstreams is None else nstreams, dir_rva, 0, 0, 0)
    directory = b"".join(struct.pack("<III", t, s, r) for t, s, r in streams)
    return header + directory + extra

cases = [
    ("huge-stream-count", minidump([], nstreams=0xFFFFFFFF)),
    ("dir-past-eof", minidump([(5, 16, 40)], dir_rva=0x7FFFFFF0)),
    ("memlist-huge-count", minidump([(5, 20, 44)], extra=struct.pack("<I", 0xFFFFFFF) + struct.pack("<QII", 0x1000, 0x100, 4096))),
    ("memlist-range-past-eof", minidump([(5, 20, 44)], extra=struct.pack("<I", 1) + struct.pack("<QII", 0x1000, 0xFFFFFFF0, 4096))),
    ("memlist-rva-past-eof", minidump([(5, 20, 44)], extra=struct.pack("<I", 1) + struct.pack("<QII", 0x1000, 0x100, 0xFFFFFF00))),
    ("memlist-overlapping", minidump([(5, 52, 44)], extra=struct.pack("<I", 3) + b"".join(struct.pack("<QII", 0x1000, 0x2000, 4096) for _ in range(3)))),
    ("memlist-wrapping-va", minidump([(5, 20, 44)], extra=struct.pack("<I", 1) + struct.pack("<QII", 0xFFFFFFFFFFFFF000, 0x2000, 4096))),
    ("mem64-huge-count", minidump([(9, 32, 44)], extra=struct.pack("<QQ", 0xFFFFFFFFFFFF, 4096) + struct.pack("<QQ", 0x1000, 0xFFFFFFFFFFFF))),
    ("modules-huge-count", minidump([(4, 4, 44)], extra=struct.pack("<I", 0xFFFFFFFF))),
    ("module-name-absurd", minidump([(4, 112, 44)], extra=struct.pack("<I", 1) + struct.pack("<QII", 0x400000, 0x1000, 0) + b"\0" * 8 + struct.pack("<I", 200) + b"\0" * 80)),
    ("threads-huge-count", minidump([(3, 4, 44)], extra=struct.pack("<I", 0x7FFFFFFF))),
    ("self-referencing-dir", minidump([(5, 12, 32)] * 4)),
    ("every-stream-type", minidump([(t, 64, 32) for t in range(0, 64)])),
    ("meminfo-huge", minidump([(16, 16, 44)], extra=struct.pack("<IIQ", 16, 48, 0xFFFFFFFFFFFF))),
    ("breakpad-streams-garbage", minidump([(0x47670006, 0xFFFFFF, 44), (0x47670007, 0xFFFF, 44), (0x47670009, 7, 44)])),
    ("truncated-header", b"MDMP\x93\xa7"),
    ("stream-size-zero", minidump([(5, 0, 0), (4, 0, 0), (3, 0, 0)])),
]
for i in range(24):
    data = bytearray(minidump([(5, 20, 44), (4, 4, 64), (3, 4, 68)], extra=struct.pack("<I", 2) + struct.pack("<QII", 0x1000, 0x4000, 4096)))
    for _ in range(8):
        data[rng.randrange(4, len(data))] = rng.randrange(256)
    cases.append((f"minidump-mutant-{i:02}", bytes(data)))
for name, header in cases:
    data, offset = with_token(header)
    add(f"md-{name}.dmp", data, offset)

# --- ELF cores
def elf64(phnum, phoff=64, entries=b"", cls=2, data_enc=1):
    ident = b"\x7fELF" + bytes([cls, data_enc, 1, 0]) + b"\0" * 8
    end = "<" if data_enc == 1 else ">"
    return ident + struct.pack(end + "HHIQQQIHHHHHH", 4, 62, 1, 0, phoff, 0, 0, 64, 56, phnum, 64, 0, 0) + entries

def phdr(type_, offset, filesz, vaddr=0x1000, memsz=None):
    return struct.pack("<IIQQQQQQ", type_, 4, offset, vaddr, 0, filesz, filesz if memsz is None else memsz, 4096)

elf_cases = [
    ("phnum-65535-truncated", elf64(65535)),
    ("phoff-past-eof", elf64(4, phoff=0x7FFFFFFFFFFF)),
    ("load-past-eof", elf64(1, entries=phdr(1, 0x10000000, 0x1000))),
    ("load-huge-filesz", elf64(1, entries=phdr(1, 0, 0xFFFFFFFFFFFFFFFF))),
    ("note-absurd-size", elf64(1, entries=phdr(4, 120, 0xFFFFFFFF)) + struct.pack("<III", 0xFFFFFFF0, 0xFFFFFFF0, 1)),
    ("note-namesz-overflow", elf64(1, entries=phdr(4, 120, 64)) + struct.pack("<III", 0xFFFFFFFF, 4, 0x46494c45) + b"CORE"),
    ("nt-file-huge-count", elf64(1, entries=phdr(4, 120, 64)) + struct.pack("<III", 5, 32, 0x46494c45) + b"CORE\0\0\0\0" + struct.pack("<QQ", 0xFFFFFFFFFFFF, 4096)),
    ("class32-says-64", elf64(2, entries=phdr(1, 0, 4096) * 2, cls=1)),
    ("big-endian-garbage", elf64(3, data_enc=2)),
    ("overlapping-loads", elf64(3, entries=phdr(1, 0, 8192) + phdr(1, 0, 8192) + phdr(1, 4096, 8192))),
    ("wrapping-vaddr", elf64(1, entries=phdr(1, 0, 8192, vaddr=0xFFFFFFFFFFFFF000))),
    ("memsz-less-than-filesz", elf64(1, entries=phdr(1, 0, 8192, memsz=16))),
    ("pn-xnum", elf64(0xFFFF)),
]
for i in range(12):
    data = bytearray(elf64(2, entries=phdr(1, 0, 8192) + phdr(4, 176, 64)))
    for _ in range(6):
        data[rng.randrange(16, len(data))] = rng.randrange(256)
    elf_cases.append((f"mutant-{i:02}", bytes(data)))
for name, header in elf_cases:
    data, offset = with_token(header)
    add(f"elf-{name}.core", data, offset)

# --- degenerate files
add("empty.bin", b"", None)
add("one-byte.bin", b"\x00", None)
add("one-byte-text.bin", b"g", None)
add("all-ff.bin", b"\xff" * 65536, None)
add("all-zero.bin", b"\0" * (1 << 20), None)
add("utf16-storm.bin", ("password=" * 5000).encode("utf-16-le"), None)
add("keyword-storm.bin", b"password=" * 200000, None)
data, offset = with_token(b"")
add("token-at-end.bin", data[: offset + 40], offset)
for i in range(8):
    data, offset = with_token(b"\x7fELF" if i % 2 else b"MDMP", size=4096 + i * 977)
    add(f"magic-prefix-{i}.bin", data, offset)

# --- compressed and archived (scanned raw until decompression is supported; never a crash)
bomb = io.BytesIO()
with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9) as f:
    f.write(b"\0" * (64 << 20))
add("bomb-64m.gz", bomb.getvalue(), None)
zipped = io.BytesIO()
with zipfile.ZipFile(zipped, "w") as z:
    payload, offset = with_token(b"")
    z.writestr("../../etc/evil", payload)
    z.writestr("/abs/path\nwith-newline\x1b[31m", payload)
add("zip-traversal-names.zip", zipped.getvalue(), None)
add("truncated.gz", bomb.getvalue()[:100], None)

# --- hostile names (newline, ANSI escape, invalid UTF-8)
for i, raw in enumerate([b"new\nline.bin", b"esc\x1b[2J\x1b[31mred.bin", b"bad-\xff\xfe-utf8.bin"]):
    data, offset = with_token(b"")
    path = os.path.join(os.fsencode(out), raw)
    with open(path, "wb") as f:
        f.write(data)
    # The manifest names it by its ASCII tail: the full name is not valid JSON text.
    manifest.append({"name": f"hostile-name-{i}", "kind": "scan", "path": None, "suffix": raw[-8:].decode("ascii", "replace"), "expect_token_offset": offset, "slow": False})

# --- rule files that must be refused (or checked) quickly, with a clear message
rules = {
    "catastrophic": "- id: bad.catastrophic\n  name: x\n  severity: low\n  pattern: '(a{1,30}){1,30}b'\n  examples: ['aab']\n  negative_examples: ['c']\n  references: ['https://x.invalid']\n",
    "invalid-regex": "- id: bad.regex\n  name: x\n  severity: low\n  pattern: '(unclosed'\n",
    "huge-repeat": "- id: bad.huge\n  name: x\n  severity: low\n  pattern: 'a{0,100000}b{0,100000}c{0,100000}'\n",
    "unknown-field": "- id: bad.field\n  name: x\n  severity: low\n  pattern: 'x'\n  colour: red\n",
    "bad-severity": "- id: bad.severity\n  name: x\n  severity: apocalyptic\n  pattern: 'x'\n",
    "bad-id": "- id: 'Bad ID!'\n  name: x\n  severity: low\n  pattern: 'x'\n",
    "not-a-list": "rules: 7\n",
    "not-yaml": "- id: [unclosed\n",
    "duplicate-ids": "- id: a.b\n  name: x\n  severity: low\n  pattern: 'x'\n- id: a.b\n  name: y\n  severity: low\n  pattern: 'y'\n",
    "empty-pattern": "- id: bad.empty\n  name: x\n  severity: low\n  pattern: ''\n",
    "group-out-of-range": "- id: bad.group\n  name: x\n  severity: low\n  pattern: '(x)'\n  secret_group: 7\n",
    "binary-garbage": "\xff\xfe\x00\x01garbage",
}
# Nine lines that expand to 10^9 nodes through aliases ("billion laughs").
rules["alias-bomb"] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
# gitleaks TOML nested or dotted far deeper than any config (the parser recurses per level).
toml_rules = {
    "toml-deep-arrays": "a = " + "[" * 20000 + "]" * 20000 + "\n",
    "toml-deep-inline-tables": "a = " + "{b=" * 20000 + "1" + "}" * 20000 + "\n",
    "toml-long-dotted-key": ".".join(f"k{i}" for i in range(20000)) + " = 1\n",
}
for name, text in toml_rules.items():
    path = os.path.join(out, f"rules-{name}.toml")
    with open(path, "w") as f:
        f.write(text)
    manifest.append({"name": f"rules-{name}", "kind": "rules", "path": f"rules-{name}.toml", "suffix": f"rules-{name}.toml", "expect_token_offset": None, "slow": False})
for name, text in rules.items():
    path = os.path.join(out, f"rules-{name}.yaml")
    with open(path, "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    manifest.append({"name": f"rules-{name}", "kind": "rules", "path": f"rules-{name}.yaml", "suffix": f"rules-{name}.yaml", "expect_token_offset": None, "slow": False})

if slow:
    deep = os.path.join(out, "deep")
    os.makedirs(deep, exist_ok=True)
    fd = os.open(deep, os.O_RDONLY)
    for _ in range(10000):   # 10,000 levels, created relative to the parent (paths get too long)
        os.mkdir("d", dir_fd=fd)
        child = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    data, offset = with_token(b"")
    leaf = os.open("leaf.bin", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(leaf, data)
    os.close(leaf)
    os.close(fd)
    manifest.append({"name": "deep-10000", "kind": "scan", "path": "deep", "suffix": "leaf.bin", "expect_token_offset": offset, "slow": True})
    wide = os.path.join(out, "wide")
    os.makedirs(wide, exist_ok=True)
    for i in range(100000):
        with open(os.path.join(wide, f"f{i:06}"), "wb") as f:
            f.write(b"x")
    manifest.append({"name": "wide-100000", "kind": "scan", "path": "wide", "suffix": "wide", "expect_token_offset": None, "slow": True})

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(f"{len(manifest)} hostile cases in {out}")
