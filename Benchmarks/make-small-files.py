#!/usr/bin/env python3
"""Writes a directory of many small files (default 100,000 of 1-64 KiB, in folders of 1,000): logs and
config-like text, random binary, UTF-16LE text, zero-and-code pages; every 50th file holds one fake
secret, listed with its path (relative to DIR), offset and encoding in DIR.planted.json (beside DIR,
so it is not scanned). Text files end a secret with a newline, the others with a NUL.
Usage: make-small-files.py DIR [COUNT]"""
import json, os, random, string, sys

root = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(11)
ALNUM = string.ascii_letters + string.digits
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

# Pools sliced at random places: generating 3 GiB byte by byte in Python takes far too long.
RANDOM_POOL = os.urandom(4 << 20)
words = "the of and to in is for on that by this with from at as are be or an it request response user session config value error warning info debug retry cache timeout".split()
TEXT_POOL = "".join(f"2026-11-29T11:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z {rng.choice(['INFO', 'WARN', 'DEBUG'])} "
                    + " ".join(rng.choice(words) for _ in range(rng.randrange(6, 20))) + "\n" for _ in range(40_000))
CODE = bytes([0x48, 0x89, 0xe5, 0x41, 0x57, 0x41, 0x56, 0x53, 0x48, 0x83, 0xec, 0x28, 0xe8, 0, 0, 0, 0, 0xc3, 0x0f, 0x1f, 0x44, 0, 0, 0x90])


def pool_slice(pool, n):
    start = rng.randrange(0, len(pool) - n)
    return pool[start:start + n]


def fake_secret():
    if rng.random() < 0.5:
        return "GITLAB_TOKEN=", "glpat-" + "".join(rng.choice(ALNUM) for _ in range(20))
    return "aws_access_key_id=", "AKIA" + "".join(rng.choice(BASE32) for _ in range(16))


planted = []
total = 0
for i in range(count):
    size = rng.randint(1024, 65536)
    kind = rng.choices(["log", "bin", "u16", "core"], weights=[5, 3, 1, 1])[0]
    if kind == "log":
        content = bytearray(pool_slice(TEXT_POOL, size).encode())
    elif kind == "bin":
        content = bytearray(pool_slice(RANDOM_POOL, size))
    elif kind == "u16":
        content = bytearray(pool_slice(TEXT_POOL, size // 2).encode("utf-16-le"))
    else:
        content = bytearray(size // 2) + bytearray((CODE * (size // len(CODE) + 1))[:size - size // 2])
    relative = f"d{i // 1000:03d}/f{i:06d}.{kind}"
    if i % 50 == 7:
        context, value = fake_secret()
        encoding = "utf16le" if kind == "u16" else "ascii"
        terminator = "\n" if kind in ("log", "u16") else "\0"
        raw = (context + value + terminator).encode("utf-16-le" if encoding == "utf16le" else "ascii")
        unit = 2 if encoding == "utf16le" else 1
        at = rng.randrange(0, len(content) - len(raw)) & ~1
        content[at:at + len(raw)] = raw
        planted.append({"path": relative, "offset": at + len(context) * unit, "encoding": encoding,
                        "secret_prefix": value[:4], "value": value})
    os.makedirs(os.path.join(root, os.path.dirname(relative)), exist_ok=True)
    with open(os.path.join(root, relative), "wb") as f:
        f.write(content)
    total += len(content)
with open(root.rstrip("/") + ".planted.json", "w") as f:
    json.dump(planted, f)
print(f"{root}: {count} files, {total} bytes, {len(planted)} planted secrets")
