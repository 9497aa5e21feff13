#!/usr/bin/env python3
"""Writes a dump-like benchmark file: random regions, zero pages, code-like bytes, ASCII and
UTF-16LE text, and fake secrets planted at known places (listed in <file>.planted.json).
Usage: make-dump.py PATH SIZE_MIB"""
import json, os, random, string, sys, zlib

path, size_mib = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits

def base62(value, width):
    digits = ""
    while True:
        digits = B62[value % 62] + digits
        value //= 62
        if value == 0:
            return digits.rjust(width, "0")

def secret(kind):
    if kind == "github":
        body = "".join(rng.choice(ALNUM) for _ in range(30))
        return "GITHUB_TOKEN=", "ghp_" + body + base62(zlib.crc32(body.encode()), 6)
    if kind == "aws":
        return "aws_access_key_id=", "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    return "SLACK_BOT_TOKEN=", f"xoxb-{rng.randrange(10**11, 10**12)}-{rng.randrange(10**12, 10**13)}-" + "".join(rng.choice(ALNUM) for _ in range(24))

words = "the of and to in is for on that by this with from at as are be or an it process thread module heap stack request response user session config value error warning info debug".split()
# One 64 KiB block of text, rotated per use: generating 1 GiB word by word takes minutes.
TEXT_BLOCK = (" ".join(rng.choice(words) for _ in range(16000)) + "\n") * 2

def text(n):
    reps = n // (len(TEXT_BLOCK) // 2) + 2
    start = rng.randrange(0, len(TEXT_BLOCK) // 2)
    return (TEXT_BLOCK[start:] + TEXT_BLOCK * reps)[:n]

code = bytes([0x48, 0x89, 0xe5, 0x41, 0x57, 0x41, 0x56, 0x53, 0x48, 0x83, 0xec, 0x28, 0xe8, 0x00, 0x00, 0x00, 0x00, 0xc3, 0x0f, 0x1f, 0x44, 0x00, 0x00, 0x90])
block = 1 << 20
planted = []
with open(path, "wb") as f:
    for i in range(size_mib):
        kind = i % 8
        if kind in (0, 1, 2):
            chunk = bytearray(os.urandom(block))
        elif kind == 3:
            chunk = bytearray(block)
        elif kind == 4:
            chunk = bytearray((code * (block // len(code) + 1))[:block])
        elif kind in (5, 6):
            chunk = bytearray(text(block).encode())
        else:
            chunk = bytearray(text(block // 2).encode("utf-16-le"))
        if i % 16 == 5 or i % 16 == 7:
            context, value = secret(rng.choice(["github", "aws", "slack"]))
            at = rng.randrange(1024, block - 1024) & ~1
            encoding = "utf16le" if kind == 7 else "ascii"
            raw = (context + value).encode("utf-16-le" if encoding == "utf16le" else "ascii") + b"\0\0"
            chunk[at:at + len(raw)] = raw
            unit = 2 if encoding == "utf16le" else 1
            planted.append({"offset": i * block + at + len(context) * unit, "encoding": encoding, "secret_prefix": value[:4]})
        f.write(chunk)
with open(path + ".planted.json", "w") as f:
    json.dump(planted, f)
print(f"{path}: {size_mib} MiB, {len(planted)} planted secrets")
