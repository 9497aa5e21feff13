#!/usr/bin/env python3
"""Generates throwaway TEST KEYS for DumpSentry's key-detector tests and prints them as JSON.

Every key is freshly generated on each run, exists only in the test process's memory and is never
used anywhere: these are not credentials. The tests plant the encodings in random bytes and check
that the detectors find them and compute the same public-key fingerprints as `cryptography` does.

Usage: make-key-fixtures.py > fixtures.json
"""
import base64
import datetime
import hashlib
import json
import os
import struct

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa, x25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

DER = serialization.Encoding.DER
PEM = serialization.Encoding.PEM
PASSWORD = b"test-only-password"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk_thumbprint(members):
    text = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(text.encode()).digest())


def int_bytes(value, size=None):
    size = size or max(1, (value.bit_length() + 7) // 8)
    return value.to_bytes(size, "big")


def spki(key):
    return key.public_key().public_bytes(DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def private(key, fmt, encryption=None):
    return key.private_bytes(DER, fmt, encryption or serialization.NoEncryption())


def ssh_string(data):
    return struct.pack(">I", len(data)) + data


def openssh(key, encrypted=False):
    pem = key.private_bytes(PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption())
    body = b"".join(line for line in pem.splitlines() if not line.startswith(b"-----"))
    blob = base64.b64decode(body)
    if not encrypted:
        return blob
    # cryptography needs the bcrypt module to encrypt; the detector only reads the container, so
    # rebuild it as aes256-ctr/bcrypt with a random (undecryptable) private section.
    fields, pos = [], len(b"openssh-key-v1\0")
    for _ in range(3):
        (n,) = struct.unpack_from(">I", blob, pos)
        fields.append(blob[pos + 4:pos + 4 + n])
        pos += 4 + n
    pos += 4
    (n,) = struct.unpack_from(">I", blob, pos)
    public = blob[pos + 4:pos + 4 + n]
    pos += 4 + n
    (n,) = struct.unpack_from(">I", blob, pos)
    sealed = os.urandom((n + 15) // 16 * 16)
    return (b"openssh-key-v1\0" + ssh_string(b"aes256-ctr") + ssh_string(b"bcrypt")
            + ssh_string(ssh_string(os.urandom(16)) + struct.pack(">I", 16))
            + struct.pack(">I", 1) + ssh_string(public) + ssh_string(sealed))


def certificate(key, sign_key):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dumpsentry test key")])
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    algorithm = None if isinstance(sign_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(sign_key, algorithm))


def entry(name, key, formats, **facts):
    out = {"name": name, "spkiSHA256": hashlib.sha256(spki(key)).hexdigest(),
           "spki": spki(key).hex(), "formats": {k: v.hex() for k, v in formats.items()}}
    out.update(facts)
    return out


def rsa_entry():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.private_numbers()
    pub = numbers.public_numbers
    enc = serialization.BestAvailableEncryption(PASSWORD)
    formats = {
        "pkcs1": private(key, serialization.PrivateFormat.TraditionalOpenSSL),
        "pkcs8": private(key, serialization.PrivateFormat.PKCS8),
        "pkcs8Encrypted": private(key, serialization.PrivateFormat.PKCS8, enc),
        "openssh": openssh(key),
        "opensshEncrypted": openssh(key, encrypted=True),
        "certificate": certificate(key, key).public_bytes(DER),
        "pkcs12": pkcs12.serialize_key_and_certificates(b"test", key, certificate(key, key), None, enc),
    }
    return entry("rsa2048", key, formats, algorithm="rsa", bits=2048,
                 secret=int_bytes(numbers.d).hex(), p=int_bytes(numbers.p).hex(),
                 jwk=jwk_thumbprint({"e": b64url(int_bytes(pub.e)), "kty": "RSA", "n": b64url(int_bytes(pub.n))}))


def der(tag, content):
    size = len(content)
    header = bytes([size]) if size < 0x80 else bytes([0x80 | ((size.bit_length() + 7) // 8)]) + int_bytes(size)
    return bytes([tag]) + header + content


def der_int(value):
    raw = int_bytes(value)
    return der(0x02, (b"\0" + raw) if raw[0] & 0x80 else raw)


def der_seq(*parts):
    return der(0x30, b"".join(parts))


def rsa_multiprime_entry():
    """A three-prime RSA key (PKCS#1 version 1 with OtherPrimeInfos), assembled by hand from the
    primes of two generated keys: `cryptography` cannot make or serialize multi-prime keys. The
    third prime has 1019 bits, so the modulus has 3066 or 3067: its DER INTEGER has no leading
    zero octet, the case 1 in 20 such keys of three 1024-bit primes had, which the detector missed."""
    first = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_numbers()
    third = rsa.generate_private_key(public_exponent=65537, key_size=2038).private_numbers().p
    p, q, r, e = first.p, first.q, third, 65537
    n = p * q * r
    lam = 1
    for prime in (p, q, r):
        lam = lam * (prime - 1) // __import__("math").gcd(lam, prime - 1)
    d = pow(e, -1, lam)
    pkcs1 = der_seq(der_int(1), der_int(n), der_int(e), der_int(d), der_int(p), der_int(q),
                    der_int(d % (p - 1)), der_int(d % (q - 1)), der_int(pow(q, -1, p)),
                    der_seq(der_seq(der_int(r), der_int(d % (r - 1)), der_int(pow(p * q, -1, r)))))
    rsa_oid = der_seq(der(0x06, bytes.fromhex("2a864886f70d010101")), b"\x05\x00")
    pkcs8 = der_seq(der_int(0), rsa_oid, der(0x04, pkcs1))
    public = rsa.RSAPublicNumbers(e, n).public_key()
    spki_der = public.public_bytes(DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return {"name": "rsa3prime", "spkiSHA256": hashlib.sha256(spki_der).hexdigest(), "spki": spki_der.hex(),
            "formats": {"pkcs1": pkcs1.hex(), "pkcs8": pkcs8.hex()}, "algorithm": "rsa", "bits": n.bit_length(),
            "secret": int_bytes(d).hex(), "p": int_bytes(p).hex(),
            "jwk": jwk_thumbprint({"e": b64url(int_bytes(e)), "kty": "RSA", "n": b64url(int_bytes(n))})}


def ec_entry(name, curve, jwk_name, size, openssh_ok=True):
    key = ec.generate_private_key(curve)
    nums = key.private_numbers()
    pub = nums.public_numbers
    formats = {
        "sec1": private(key, serialization.PrivateFormat.TraditionalOpenSSL),
        "pkcs8": private(key, serialization.PrivateFormat.PKCS8),
    }
    if openssh_ok:
        formats["openssh"] = openssh(key)
    return entry(name, key, formats, algorithm="ec", curve=jwk_name, secret=int_bytes(nums.private_value, size).hex(),
                 jwk=jwk_thumbprint({"crv": jwk_name, "kty": "EC", "x": b64url(int_bytes(pub.x, size)),
                                     "y": b64url(int_bytes(pub.y, size))}))


def okp_entry(name, key, crv, openssh_ok):
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    formats = {"pkcs8": private(key, serialization.PrivateFormat.PKCS8)}
    if openssh_ok:
        formats["openssh"] = openssh(key)
    return entry(name, key, formats, algorithm=crv.lower(), curve=crv, secret=raw.hex(),
                 jwk=jwk_thumbprint({"crv": crv, "kty": "OKP", "x": b64url(pub)}))


def dsa_entry():
    key = dsa.generate_private_key(key_size=2048)
    formats = {"pkcs8": private(key, serialization.PrivateFormat.PKCS8)}
    return entry("dsa2048", key, formats, algorithm="dsa", bits=2048,
                 secret=int_bytes(key.private_numbers().x).hex())


def java_utf(text):
    data = text.encode()
    return struct.pack(">H", len(data)) + data


def java_keystore(magic, entries):
    """A JKS/JCEKS file: the key entry's protected key is random bytes in an EncryptedPrivateKeyInfo
    (these tests parse the container, not Sun's key protector)."""
    body = struct.pack(">III", magic, 2, len(entries))
    for tag, alias, cert in entries:
        body += struct.pack(">I", tag) + java_utf(alias) + struct.pack(">Q", 1700000000000)
        if tag == 1:
            protected = bytes.fromhex("3082014c300e060a2b060104012a021101010500048201") + b"\x38" + os.urandom(0x138)
            body += struct.pack(">I", len(protected)) + protected + struct.pack(">I", 1)
        body += java_utf("X.509") + struct.pack(">I", len(cert)) + cert
    password = "".join(c for c in PASSWORD.decode()).encode("utf-16-be")
    return body + hashlib.sha1(password + b"Mighty Aphrodite" + body).digest()


def main():
    rsa_key = rsa_entry()
    entries = [
        rsa_key,
        rsa_multiprime_entry(),
        ec_entry("p256", ec.SECP256R1(), "P-256", 32),
        ec_entry("p384", ec.SECP384R1(), "P-384", 48),
        ec_entry("p521", ec.SECP521R1(), "P-521", 66),
        ec_entry("secp256k1", ec.SECP256K1(), "secp256k1", 32, openssh_ok=False),
        okp_entry("ed25519", ed25519.Ed25519PrivateKey.generate(), "Ed25519", True),
        okp_entry("x25519", x25519.X25519PrivateKey.generate(), "X25519", False),
        dsa_entry(),
    ]
    cert = bytes.fromhex(rsa_key["formats"]["certificate"])
    stores = {
        "jks": java_keystore(0xFEEDFEED, [(1, "mykey", cert)]).hex(),
        "jksTrustOnly": java_keystore(0xFEEDFEED, [(2, "ca", cert)]).hex(),
        "jceks": java_keystore(0xCECECECE, [(2, "ca", cert), (1, "mykey", cert)]).hex(),
    }
    json.dump({"keys": entries, "stores": stores}, os.sys.stdout)


if __name__ == "__main__":
    main()
