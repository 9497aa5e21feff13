#!/usr/bin/env python3
"""Generates samples/: small dump-like files with FAKE secrets at known offsets, and
samples/MANIFEST.json listing each (file, offset, length, encoding, rule). Every secret here is
generated (random, with the provider's format and checksum) or a key generated on the spot;
none is or was a real credential. Deterministic: the same script gives the same bytes, except the
generated private key (regenerated only with --new-key)."""
import base64, json, os, pathlib, random, string, sys, zlib

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "samples"
out.mkdir(exist_ok=True)
rng = random.Random(20261129)
ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase

def rand(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))

def base62(value, width):
    digits = ""
    while True:
        digits = B62[value % 62] + digits
        value //= 62
        if value == 0:
            break
    return digits.rjust(width, "0")

def github_token():
    body = rand(ALNUM, 30)
    return "ghp_" + body + base62(zlib.crc32(body.encode()), 6)

def aws_key_id():
    return "AKIA" + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)

def slack_bot():
    return f"xoxb-{rand(string.digits, 12)}-{rand(string.digits, 13)}-{rand(ALNUM, 24)}"

def stripe_live():
    return "sk_live_" + rand(ALNUM, 24)

def noise(n):
    # Heap-like filler: bytes that are not text, with a few zero runs.
    return bytes(rng.choice(range(0x80, 0x100)) if rng.random() > 0.1 else 0 for _ in range(n))

class Dump:
    def __init__(self, name, size):
        self.name, self.data, self.planted = name, bytearray(noise(size)), []

    def plant(self, offset, context, secret, rule, encoding="ascii"):
        text = context + secret
        if encoding == "ascii":
            raw, unit = text.encode() + b"\0", 1
        else:
            raw = text.encode("utf-16-le" if encoding == "utf16le" else "utf-16-be") + b"\0\0"
            unit = 2
        if encoding == "utf16be":
            pass
        self.data[offset:offset + len(raw)] = raw
        start = offset + len(context) * unit
        self.planted.append({"file": self.name, "offset": start, "length": len(secret) * unit,
                             "encoding": encoding, "rule_id": rule})

    def save(self):
        (out / self.name).write_bytes(bytes(self.data))
        return self.planted

manifest = []

heap = Dump("heap-ascii.bin", 96 * 1024)
heap.plant(4096, "GITHUB_TOKEN=", github_token(), "github.pat-classic")
heap.plant(20000, "aws_access_key_id=", aws_key_id(), "aws.access-key-id")
heap.plant(40000, "SLACK_BOT_TOKEN=", slack_bot(), "slack.bot-token")
heap.plant(65534, "stripe.api_key=", stripe_live(), "stripe.secret-key")   # straddles 64 KiB
manifest += heap.save()

wide = Dump("heap-utf16.bin", 64 * 1024)
wide.plant(2048, "GITHUB_TOKEN=", github_token(), "github.pat-classic", "utf16le")
wide.plant(30000, "aws_access_key_id=", aws_key_id(), "aws.access-key-id", "utf16le")
wide.plant(50000, "SLACK_BOT_TOKEN=", slack_bot(), "slack.bot-token", "utf16be")
manifest += wide.save()

# A generated RSA key, as DER, the way a process keeps it after parsing PEM.
key_path = out / "keys.bin"
if "--new-key" in sys.argv or not key_path.exists():
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives import serialization
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption())
    blob = bytearray(noise(32 * 1024))
    blob[8192:8192 + len(der)] = der
    key_path.write_bytes(bytes(blob))
    (out / "keys.json").write_text(json.dumps({"offset": 8192, "length": len(der)}) + "\n")
info = json.loads((out / "keys.json").read_text())
manifest.append({"file": "keys.bin", "offset": info["offset"], "length": info["length"],
                 "encoding": "binary", "rule_id": "key.rsa-pkcs1-der"})

(out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
print(f"wrote {len(manifest)} planted secrets in {out}")
