#!/usr/bin/env python3
"""Writes the small seed corpora in Fuzz/corpus/<target>/ for scripts/fuzz.sh.

Every seed is generated here (no real dump is copied): minidumps with each stream the parser
reads, ELF cores in both classes and byte orders, HPROF and Windows crash dump headers; small
YAML rule files and gitleaks TOML configs using every field the loaders read; chunk-scanner
cases (a parameter header, then bytes with fake tokens). Contents are arbitrary filler bytes and
obviously fake tokens, never real secrets. Run from anywhere: python3 Fuzz/make-seeds.py
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def filler(n, seed):
    return bytes((seed * 31 + i * 7) & 0xFF for i in range(n))


def minidump(full=True):
    blobs = b""
    header_size = 32
    memory = [(0x401000, filler(64, 1)), (0x10000000, filler(64, 2))]
    stack = (0x7FFD0000, filler(128, 3))
    mem64 = [(0x60000000, filler(32, 4))]
    layout = []  # (va, size, rva)
    offset = header_size
    for va, data in memory + [stack]:
        layout.append((va, len(data), offset))
        blobs += data
        offset += len(data)
    mem64_base = offset
    for _, data in mem64:
        blobs += data
        offset += len(data)
    name = "C:\\app\\app.exe".encode("utf-16-le")
    name_rva = offset
    blobs += struct.pack("<I", len(name)) + name + b"\0\0"
    offset += 4 + len(name) + 2

    streams = []
    streams.append((3, struct.pack("<I", 1) + struct.pack("<IIIIQQII", 77, 0, 0, 0, 0, stack[0], len(stack[1]), layout[2][2]) + struct.pack("<II", 0, 0)))
    streams.append((4, struct.pack("<I", 1) + struct.pack("<QIIII", 0x400000, 0x10000, 0, 0, name_rva) + bytes(108 - 24)))
    streams.append((5, struct.pack("<I", len(layout)) + b"".join(struct.pack("<QII", va, size, rva) for va, size, rva in layout)))
    streams.append((7, struct.pack("<HHHBBIIII", 9, 6, 0, 4, 1, 10, 0, 19041, 0x8201) + bytes(56 - 24)))
    if full:
        streams.append((9, struct.pack("<QQ", len(mem64), mem64_base) + b"".join(struct.pack("<QQ", va, len(d)) for va, d in mem64)))
        streams.append((15, struct.pack("<III", 24, 1, 4242) + bytes(12)))
        info = struct.pack("<QQIIQIIII", 0x10000000, 0x10000000, 4, 0, 0x1000, 0x1000, 4, 0x20000, 0)
        streams.append((16, struct.pack("<IIQ", 16, 48, 1) + info))
        streams.append((0x47670004, b"Name:\tapp\nPid:\t4242\n"))
        streams.append((0x47670005, b'DISTRIB_DESCRIPTION="Test OS"\n'))
        streams.append((0x47670006, b"/bin/app\0--flag\0"))
        streams.append((0x47670007, b"HOME=/root\0LANG=C\0"))
        streams.append((0x47670009, b"10000000-10001000 rw-p 00000000 00:00 0 [heap]\n00400000-00410000 r-xp 00000000 08:01 1 /bin/app\n"))

    body = b""
    directory = []
    data_start = header_size + len(blobs)
    for kind, data in streams:
        while (data_start + len(body)) % 4:
            body += b"\0"
        directory.append((kind, len(data), data_start + len(body)))
        body += data
    while (data_start + len(body)) % 4:
        body += b"\0"
    dir_rva = data_start + len(body)
    directory_bytes = b"".join(struct.pack("<III", *entry) for entry in directory)
    header = struct.pack("<IIIIIIQ", 0x504D444D, 0xA793, len(directory), dir_rva, 0, 0, 0)
    return header + blobs + body + directory_bytes


def elf_core(wide=True, big=False, machine=62):
    e = ">" if big else "<"
    word = "Q" if wide else "I"

    def note(kind, desc):
        name = b"CORE\0"
        pad = lambda b: b + bytes((-len(b)) % 4)
        return struct.pack(e + "III", len(name), len(desc), kind) + pad(name) + pad(desc)

    stack = 0x7FFC0000000 if wide else 0xBF000000
    psinfo_size = 136 if wide else 128
    psinfo = bytes(psinfo_size - 112) + struct.pack(e + "IIII", 4242, 1, 4242, 4242) + b"app".ljust(16, b"\0") + b"app --x".ljust(80, b"\0")
    status_size = 336 if wide else 144
    status = bytearray(status_size)
    struct.pack_into(e + "I", status, 32 if wide else 24, 4242)
    if wide and machine == 62:
        struct.pack_into(e + "Q", status, 264, stack + 0x10)
    high = 0x7F0000000000 if wide else 0xB7000000
    files = [(0x400000, 0x401000, 0, b"/bin/app"), (high, high + 0x1000, 0, b"/lib/libc.so.6")]
    nt_file = struct.pack(e + word * 2, len(files), 4096)
    nt_file += b"".join(struct.pack(e + word * 3, s, t, o) for s, t, o, _ in files)
    nt_file += b"".join(p + b"\0" for *_, p in files)
    notes = note(3, psinfo) + note(1, bytes(status)) + note(0x46494C45, nt_file)

    segments = [(0x400000, 5, filler(64, 5)), (high, 5, filler(32, 6)), (stack, 6, filler(64, 7))]
    ehsize, phentsize = (64, 56) if wide else (52, 32)
    phnum = 1 + len(segments)
    note_off = ehsize + phnum * phentsize
    data_off = note_off + len(notes)
    offsets = []
    for _, _, data in segments:
        offsets.append(data_off)
        data_off += len(data)

    ident = b"\x7fELF" + bytes([2 if wide else 1, 2 if big else 1, 1, 0]) + bytes(8)
    if wide:
        header = ident + struct.pack(e + "HHIQQQIHHHHHH", 4, machine, 1, 0, ehsize, 0, 0, ehsize, phentsize, phnum, 0, 0, 0)
    else:
        header = ident + struct.pack(e + "HHIIIIIHHHHHH", 4, machine, 1, 0, ehsize, 0, 0, ehsize, phentsize, phnum, 0, 0, 0)

    def phdr(kind, flags, off, va, filesz, memsz):
        if wide:
            return struct.pack(e + "IIQQQQQQ", kind, flags, off, va, 0, filesz, memsz, 4096)
        return struct.pack(e + "IIIIIIII", kind, off, va, 0, filesz, memsz, flags, 4096)

    table = phdr(4, 0, note_off, 0, len(notes), 0)
    for (va, flags, data), off in zip(segments, offsets):
        table += phdr(1, flags, off, va, len(data), len(data))
    return header + table + notes + b"".join(d for *_, d in segments)


def hprof():
    record = struct.pack(">BIIQ", 1, 0, 8 + 5, 42) + b"hello"
    return b"JAVA PROFILE 1.0.2\0" + struct.pack(">IQ", 8, 1700000000000) + record


def windows_crashdump(wide=True):
    size = 0x2000 if wide else 0x1000
    data = bytearray(size)
    data[0:8] = b"PAGEDU64" if wide else b"PAGEDUMP"
    struct.pack_into("<II", data, 8, 0xF, 19041)
    struct.pack_into("<III", data, 48 if wide else 32, 0x8664 if wide else 0x14C, 4, 0xD1)
    struct.pack_into("<I", data, 0xF98 if wide else 0xF88, 1)
    return bytes(data) + filler(256, 8)


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


seeds = {
    "minidump": {"full.dmp": minidump(True), "small.dmp": minidump(False)},
    "elf-core": {"le64.core": elf_core(), "be32.core": elf_core(False, True, 20), "le32.core": elf_core(False, False, 3)},
    "hprof": {"heap.hprof": hprof()},
    "windows-crashdump": {"du64.dmp": windows_crashdump(True), "dump32.dmp": windows_crashdump(False)},
}
seeds["dump-layout"] = {f"{t}-{n}": d for t, files in seeds.items() for n, d in files.items()}

RULE_FILE = rb"""# fuzz seed: every field the YAML rule loader reads
- id: fuzz.token
  name: Fuzz seed token
  severity: high
  pattern: '\b(fzt_[A-Za-z0-9]{24})\b'
  secret_group: 1
  min_entropy: 3.0
  validate: github-crc32
  on_invalid: drop
  keywords: [fzt_]
  description: a fake token format for fuzz seeds
  allowlist:
    regexes: ['^fzt_0+$']
    stopwords: [example]
  examples: ['token=fzt_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3P']
  negative_examples: ['fzt_000000000000000000000000']
  references: ['https://example.invalid/fuzz']
- id: fuzz.numbers
  name: Numbers as text
  severity: low
  pattern: 'n=([0-9]{6})'
  examples: [123456, 1.5, true]
"""

RULES_MAPPING = rb"""rules:
  - id: fuzz.mapped
    name: "Rules under a 'rules' key"
    severity: medium
    pattern: "k=([a-z]{8})"
    examples: ["k=abcdefgh"]
"""

GITLEAKS = rb"""title = "fuzz seed"
[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "fuzz-token"
description = "Fuzz seed token"
regex = '''\b(fzt_[a-z0-9]{24})(?:[\x60'"\s;]|\\[nr]|$)'''
secretGroup = 1
entropy = 3.5
keywords = ["fzt_", 'lit', 0x1F, 1e3, -2, true,]
[rules.allowlist]
regexTarget = "secret"
regexes = ['^fzt_0+$']
stopwords = ["example"]

[[rules]]
id = "two.groups"
regex = "a=([0-9]{8})|b=([a-z]{8})"
path = '''\.env$'''
[[rules.allowlists]]
condition = "AND"
paths = ['vendor/']
stopwords = ["x"]

[[rules]]
id = "path-only"
path = '''\.key$'''

[allowlist]
description = @MULTILINE@
regexes = ['(?i)^0+$']
inline = { a = 1, b.c = "d" }

[[allowlists]]
targetRules = ["fuzz-token"]
stopwords = ["fixture"]
""".replace(b"@MULTILINE@", b'"""multi\nline"""')


def chunk_case(flags, size_seed, plants, body):
    """A chunk-scanner case as ChunkScannerFuzz.swift reads it: flags (workers - 1 in bits 0-1,
    streamed in bit 2, plant count in bits 3-5, any chunk size in bit 6), a 16-bit chunk size
    seed, (example, encoding, position) per plant, then the bytes planted into."""
    out = bytes([flags]) + struct.pack("<H", size_seed)
    for example, encoding, position in plants:
        out += struct.pack("<H", example) + bytes([encoding]) + struct.pack("<H", position)
    return out + body


seeds["rule-file"] = {"fields.yaml": RULE_FILE, "mapping.yaml": RULES_MAPPING, "empty.yaml": b""}
seeds["gitleaks-config"] = {"fields.toml": GITLEAKS, "minimal.toml": b"[[rules]]\nid = 'x'\nregex = 'tok_[a-z]{8}'\n"}
seeds["chunk-scanner"] = {
    "ascii.bin": chunk_case(0x09, 7, [(0, 0, 40)], filler(200, 9)),
    "utf16.bin": chunk_case(0x12, 50, [(3, 1, 10), (11, 2, 150)], filler(300, 10)),
    "streamed.bin": chunk_case(0x5F, 999, [(5, 0, 0), (6, 1, 64), (7, 2, 128)], filler(500, 11)),
    "text.bin": chunk_case(0x00, 1, [], b"password = 'Tr0ub4dor&3xQ' ghp_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga2Jk7e\0"),
}
for target, files in seeds.items():
    for name, data in files.items():
        write(target, name, data)
