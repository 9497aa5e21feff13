#!/usr/bin/env python3
"""Replace @@<code><len>@@ markers in rule files with random fake values (in place).

Used while authoring rule examples so that every example secret is freshly
generated in the provider's documented alphabet, never a real credential.
Codes: A=[A-Za-z0-9] a=[a-z0-9] U=[A-Z0-9] l=[a-z] L=[A-Za-z] h=hex lower
H=hex upper d=digits b=base64url B=base64 std u=UUID (length ignored)
c=bech32 (age) X=printable password chars.
Usage: scripts/fill-fakes.py rules/foo.yaml [...]
"""
import re, secrets, string, sys, uuid

SETS = {
    "A": string.ascii_letters + string.digits,
    "a": string.ascii_lowercase + string.digits,
    "U": string.ascii_uppercase + string.digits,
    "l": string.ascii_lowercase,
    "L": string.ascii_letters,
    "h": "0123456789abcdef",
    "H": "0123456789ABCDEF",
    "d": string.digits,
    "b": string.ascii_letters + string.digits + "-_",
    "B": string.ascii_letters + string.digits + "+/",
    "c": "qpzry9x8gf2tvdw0s3jn54khce6mua7l",
    "X": string.ascii_letters + string.digits + "!#%*+-.:=?@^_~",
}

def fake(code, n):
    if code == "u":
        return str(uuid.uuid4())
    alphabet = SETS[code]
    s = "".join(secrets.choice(alphabet) for _ in range(n))
    if code in ("B", "b", "A", "L", "X"):
        # keep fakes from starting/ending with a separator or looking like a placeholder
        s = secrets.choice(string.ascii_letters) + s[1:]
    return s

def main():
    pat = re.compile(r"@@([AaUlLhHdbBcuX])(\d*)@@")
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        new, n = pat.subn(lambda m: fake(m.group(1), int(m.group(2) or 0)), text)
        if n:
            open(path, "w", encoding="utf-8").write(new)
        print(f"{path}: {n} markers filled")

if __name__ == "__main__":
    main()
