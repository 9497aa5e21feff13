#!/usr/bin/env python3
"""Writes rules/private-keys.yaml: text private-key formats with random (non-functional) example
bodies: random bytes in each format's framing, never a real key. Rerun to regenerate."""
import base64, os, secrets, textwrap, json

def b64lines(raw, width=64):
    return "\n".join(textwrap.wrap(base64.b64encode(raw).decode(), width))

def q(s):  # YAML double-quoted scalar
    return json.dumps(s, ensure_ascii=False)

R = secrets.token_bytes
rsa_body = b64lines(b"\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00" + R(600))
ec_body = b64lines(b"\x30\x77\x02\x01\x01\x04\x20" + R(100))
pk8_body = b64lines(b"\x30\x82\x04\xbe\x02\x01\x00\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00" + R(500))
enc_pk8 = b64lines(b"\x30\x82\x05\x1c\x30\x4e\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x05\x0d" + R(400))
legacy_enc = b64lines(R(600))
ossh_plain = b64lines(b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01" + R(300), 70)
ossh_enc = b64lines(b"openssh-key-v1\x00\x00\x00\x00\x0aaes256-ctr\x00\x00\x00\x06bcrypt" + R(300), 70)
pgp_body = b64lines(b"\x95\x03\xc6\x04" + R(700))
pgp_crc = base64.b64encode(R(3)).decode()

rsa = f"-----BEGIN RSA PRIVATE KEY-----\n{rsa_body}\n-----END RSA PRIVATE KEY-----\n"
rsa_crlf_escaped = "-----BEGIN PRIVATE KEY-----\\r\\n" + pk8_body.replace("\n", "\\r\\n") + "\\r\\n-----END PRIVATE KEY-----"
java_concat = '"-----BEGIN EC PRIVATE KEY-----" +\n' + "".join(f'"{l}" +\n' for l in ec_body.split("\n")) + '"-----END EC PRIVATE KEY-----"'
rules = []

def rule(rid, name, sev, pattern, examples, negatives, refs, extra=""):
    out = [f"- id: {rid}", f"  name: {q(name)}", f"  severity: {sev}", f"  pattern: '{pattern}'"]
    if extra:
        out.append(extra.rstrip("\n"))
    out.append("  examples:")
    out += [f"    - {q(e)}" for e in examples]
    out.append("  negative_examples:")
    out += [f"    - {q(e)}" for e in negatives]
    out.append(f"  references: {json.dumps(refs)}")
    rules.append("\n".join(out) + "\n")

BODY = r"[A-Za-z0-9+/=\s\x22''\\,;]{40,12000}"
rule("pem.private-key", "PEM private key (RSA / EC / DSA / PKCS#8, unencrypted) — the key itself: signs, decrypts, impersonates its owner",
     "critical", r"(-----BEGIN (?:RSA |EC |DSA )?PRIVATE KEY-----" + BODY + r"-----END (?:RSA |EC |DSA )?PRIVATE KEY-----)",
     [rsa, "key = " + rsa_crlf_escaped, java_concat],
     ["-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN PUBLIC KEY-----\n" + pk8_body + "\n-----END PUBLIC KEY-----"],
     ["https://www.rfc-editor.org/rfc/rfc7468#section-10", "https://www.rfc-editor.org/rfc/rfc5915"])

rule("pem.private-key-legacy-encrypted", "PEM private key, legacy OpenSSL encryption (Proc-Type: 4,ENCRYPTED) — the key, protected only by its passphrase",
     "medium", r"(-----BEGIN (?:RSA|EC|DSA) PRIVATE KEY-----\s{1,4}Proc-Type: 4,ENCRYPTED\s{1,4}DEK-Info: [A-Z0-9-]{3,30},[A-Fa-f0-9]{16,32}\s{1,8}[A-Za-z0-9+/=\s]{40,12000}-----END (?:RSA|EC|DSA) PRIVATE KEY-----)",
     ["-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC," + secrets.token_hex(16).upper() + "\n\n" + legacy_enc + "\n-----END RSA PRIVATE KEY-----\n"],
     ["-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,<iv>\n\n...\n-----END RSA PRIVATE KEY-----"],
     ["https://www.rfc-editor.org/rfc/rfc1421", "https://docs.openssl.org/3.0/man3/PEM_read_bio_PrivateKey/"])

rule("pem.encrypted-private-key", "PEM PKCS#8 encrypted private key — the key, protected only by its passphrase",
     "medium", r"(-----BEGIN ENCRYPTED PRIVATE KEY-----" + BODY + r"-----END ENCRYPTED PRIVATE KEY-----)",
     ["-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + enc_pk8 + "\n-----END ENCRYPTED PRIVATE KEY-----\n"],
     ["-----BEGIN ENCRYPTED PRIVATE KEY-----\n-----END ENCRYPTED PRIVATE KEY-----"],
     ["https://www.rfc-editor.org/rfc/rfc5958#section-3", "https://www.rfc-editor.org/rfc/rfc7468#section-11"])

SEP = r"[\s\x22''+,\\rn]{1,12}"
OBODY = r"[A-Za-z0-9+/=\s\x22''\\,;]{20,12000}"
rule("ssh.openssh-private-key", "OpenSSH private key, unencrypted — logs in anywhere the matching public key is authorized",
     "critical", r"(-----BEGIN (?:OPENSSH|RSA|EC|DSA) PRIVATE KEY-----" + SEP + r"b3BlbnNzaC1rZXktdjEAAAAABG5vbmU" + OBODY + r"-----END (?:OPENSSH|RSA|EC|DSA) PRIVATE KEY-----)",
     ["-----BEGIN OPENSSH PRIVATE KEY-----\n" + ossh_plain + "\n-----END OPENSSH PRIVATE KEY-----\n"],
     ["-----BEGIN OPENSSH PRIVATE KEY-----\n" + ossh_enc + "\n-----END OPENSSH PRIVATE KEY-----\n"],
     ["https://cvsweb.openbsd.org/src/usr.bin/ssh/PROTOCOL.key?annotate=HEAD"])

rule("ssh.openssh-private-key-encrypted", "OpenSSH private key, passphrase-encrypted (aes/chacha + bcrypt KDF) — the key, protected only by its passphrase",
     "medium", r"(-----BEGIN OPENSSH PRIVATE KEY-----" + SEP + r"b3BlbnNzaC1rZXktdjEAAAAA(?:CmFlc|FmFlc|HWNoYWNo|CjNkZXMt)" + OBODY + r"-----END OPENSSH PRIVATE KEY-----)",
     ["-----BEGIN OPENSSH PRIVATE KEY-----\n" + ossh_enc + "\n-----END OPENSSH PRIVATE KEY-----\n"],
     ["-----BEGIN OPENSSH PRIVATE KEY-----\n" + ossh_plain + "\n-----END OPENSSH PRIVATE KEY-----\n"],
     ["https://cvsweb.openbsd.org/src/usr.bin/ssh/PROTOCOL.key?annotate=HEAD"])

b64pem = base64.b64encode(rsa.encode()).decode()
b64pem_ossh = base64.b64encode(("-----BEGIN OPENSSH PRIVATE KEY-----\n" + ossh_plain + "\n-----END OPENSSH PRIVATE KEY-----\n").encode()).decode()
rule("pem.private-key-base64", "Base64-encoded PEM private key (e.g. in a Kubernetes secret or env var) — the key itself",
     "critical", r"(LS0tLS1CRUdJTiB(?:SU0EgUFJJVkFURSBLRVktLS0tL|FQyBQUklWQVRFIEtFWS0tLS0t|EU0EgUFJJVkFURSBLRVktLS0tL|PUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0|QUklWQVRFIEtFWS0tLS0t|FTkNSWVBURUQgUFJJVkFURSBLRVktLS0tL)[A-Za-z0-9+/]{100,12000}={0,2})",
     ["PRIVATE_KEY_B64=" + b64pem, '  tls.key: "' + b64pem + '"', "id_ed25519: " + b64pem_ossh],
     ["LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0K" + base64.b64encode(R(120)).decode()],
     ["https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets"])

rule("pgp.private-key-block", "OpenPGP private key block — signs and decrypts as the key owner (if not passphrase-protected)",
     "high", r"(-----BEGIN PGP PRIVATE KEY BLOCK-----[\r\n]{1,4}(?:[A-Za-z][A-Za-z-]{0,20}: [\x20-\x7e]{0,200}[\r\n]{1,2}){0,6}[\r\n]{0,2}[A-Za-z0-9+/=\s]{40,11000}-----END PGP PRIVATE KEY BLOCK-----)",
     ["-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: fake test key\n\n" + pgp_body + "\n=" + pgp_crc + "\n-----END PGP PRIVATE KEY BLOCK-----\n"],
     ["-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + pgp_body + "\n=" + pgp_crc + "\n-----END PGP PUBLIC KEY BLOCK-----\n"],
     ["https://www.rfc-editor.org/rfc/rfc9580#section-6.2"])

pub = b64lines(b"\x00\x00\x00\x07ssh-rsa" + R(270), 64)
priv = b64lines(R(600), 64)
def ppk(ver, enc):
    lines = [f"PuTTY-User-Key-File-{ver}: ssh-rsa", f"Encryption: {enc}", "Comment: rsa-key-20240101",
             f"Public-Lines: {len(pub.splitlines())}", pub]
    if ver == 3 and enc != "none":
        lines += ["Key-Derivation: Argon2id", "Argon2-Memory: 8192", "Argon2-Passes: 13", "Argon2-Parallelism: 1", "Argon2-Salt: " + secrets.token_hex(16)]
    lines += [f"Private-Lines: {len(priv.splitlines())}", priv, "Private-MAC: " + secrets.token_hex(32 if ver == 3 else 20)]
    return "\n".join(lines) + "\n"
rule("putty.private-key", "PuTTY private key file (.ppk), unencrypted — logs in anywhere the matching public key is authorized",
     "critical", r"(PuTTY-User-Key-File-[23]: [a-z0-9-]{3,40}[\r\n]{1,2}Encryption: none[\r\n]{1,2}[\x20-\x7e\r\n]{10,3000}Private-Lines: [0-9]{1,3}[\r\n]{1,2}[A-Za-z0-9+/=\r\n]{40,7000}Private-MAC: [0-9a-f]{40,64})",
     [ppk(3, "none"), ppk(2, "none").replace("\n", "\r\n")],
     [ppk(3, "aes256-cbc")],
     ["https://the.earth.li/~sgtatham/putty/0.80/htmldoc/AppendixC.html"])
rule("putty.private-key-encrypted", "PuTTY private key file (.ppk), passphrase-encrypted — the key, protected only by its passphrase",
     "medium", r"(PuTTY-User-Key-File-[23]: [a-z0-9-]{3,40}[\r\n]{1,2}Encryption: aes256-cbc[\r\n]{1,2}[\x20-\x7e\r\n]{10,3000}Private-Lines: [0-9]{1,3}[\r\n]{1,2}[A-Za-z0-9+/=\r\n]{40,7000}Private-MAC: [0-9a-f]{40,64})",
     [ppk(3, "aes256-cbc"), ppk(2, "aes256-cbc")],
     [ppk(3, "none")],
     ["https://the.earth.li/~sgtatham/putty/0.80/htmldoc/AppendixC.html"])

rule("ssh.ssh2-private-key", "SSH.com / Tectia (SECSH) private key — logs in where the matching public key is authorized (if not passphrase-protected)",
     "high", r"(---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----[\r\n]{1,2}(?:[A-Za-z-]{1,30}: [\x20-\x7e]{0,200}[\r\n]{1,2}){0,6}[A-Za-z0-9+/=\s]{40,11000}---- END SSH2 ENCRYPTED PRIVATE KEY ----)",
     ["---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"2048-bit rsa, test@host\"\n" + b64lines(b"\x3f\x6f\xf9\xeb" + R(600), 70) + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n"],
     ["---- BEGIN SSH2 PUBLIC KEY ----\n" + b64lines(R(270), 70) + "\n---- END SSH2 PUBLIC KEY ----\n"],
     ["https://www.rfc-editor.org/rfc/rfc4716"])

wg = base64.b64encode(R(32)).decode()
wg2 = base64.b64encode(R(32)).decode()
rule("wireguard.private-key", "WireGuard interface private key — joins the VPN as that peer",
     "critical", r"(?i)PrivateKey\s{0,5}=\s{0,5}([A-Za-z0-9+/]{42}[A-Za-z0-9+/]=)",
     ["[Interface]\nAddress = 10.200.200.3/32\nPrivateKey = " + wg + "\nDNS = 10.200.200.1\n"],
     ["[Interface]\nPrivateKey = <client-private-key>\n", "PrivateKey = (hidden)"],
     ["https://www.wireguard.com/quickstart/", "https://man7.org/linux/man-pages/man8/wg.8.html"],
     extra="  validate: base64-length:32\n")
rule("wireguard.preshared-key", "WireGuard preshared key — adds the symmetric layer of the tunnel between two peers",
     "high", r"(?i)PresharedKey\s{0,5}=\s{0,5}([A-Za-z0-9+/]{42}[A-Za-z0-9+/]=)",
     ["[Peer]\nPublicKey = " + wg2 + "\nPresharedKey = " + wg + "\nAllowedIPs = 0.0.0.0/0\n"],
     ["PresharedKey = <psk>"],
     ["https://man7.org/linux/man-pages/man8/wg.8.html"],
     extra="  validate: base64-length:32\n")

BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
age = "AGE-SECRET-KEY-1" + "".join(secrets.choice(BECH) for _ in range(58)).upper()
rule("age.secret-key", "age identity (X25519 secret key, AGE-SECRET-KEY-1…) — decrypts every file encrypted to its recipient",
     "critical", r"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b",
     ["# created: 2024-01-01T00:00:00Z\n# public key: age1" + "".join(secrets.choice(BECH) for _ in range(58)) + "\n" + age + "\n", age],
     ["age1" + "".join(secrets.choice(BECH) for _ in range(58)), "AGE-SECRET-KEY-1XXXX"],
     ["https://github.com/C2SP/C2SP/blob/main/age.md#the-x25519-recipient-type"])

d = base64.b64encode(R(256)).decode()
rule("dotnet.rsa-xml-private-key", ".NET RSA private key in XML (<RSAKeyValue> with <D>) — the key itself",
     "critical", r"(<RSAKeyValue>[\x09\x0a\x0d\x20-\x7e]{0,3000}<D>)([A-Za-z0-9+/]{40,1400}={0,2})",
     ["<RSAKeyValue><Modulus>" + base64.b64encode(R(256)).decode() + "</Modulus><Exponent>AQAB</Exponent><P>" + base64.b64encode(R(128)).decode() + "</P><D>" + d + "</D></RSAKeyValue>"],
     ["<RSAKeyValue><Modulus>" + base64.b64encode(R(256)).decode() + "</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>"],
     ["https://learn.microsoft.com/en-us/dotnet/api/system.security.cryptography.rsa.toxmlstring"],
     extra="  secret_group: 2\n")

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "rules", "private-keys.yaml"), "w") as f:
    f.write("# Text private keys (rules engineer TWO). Generated by scripts/gen-private-key-rules.py:\n"
            "# example bodies are random bytes in each format's framing, not usable keys.\n\n")
    f.write("\n".join(rules))
