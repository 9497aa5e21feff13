/* A process that holds key material the way a TLS server does, for DumpSentry's real-process dump
 * test (Tests/DumpSentryKitTests/Detectors/OpenSSLProcessDumpTests.swift), which compiles it with
 * `cc openssl-holder.c -lcrypto`, runs it, waits for "ready", dumps it with gcore and kills it.
 *
 * It holds: a fresh RSA-2048 key (OpenSSL keeps n, p, q, ... as BIGNUMs), a DER copy of that
 * private key in a heap buffer, a self-signed certificate for it (DER, in memory), an AES-256
 * encryption context after one EVP encryption (the expanded key schedule), and a fake Slack token
 * as a UTF-16LE string. Every secret is random per run; nothing here is a real credential.
 *
 * Usage: openssl-holder PUBLIC-KEY-PEM-OUT
 * Prints: "aes-key HEX", "token TOKEN", then "ready", then sleeps until killed. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fail(const char *what) {
    fprintf(stderr, "openssl-holder: %s failed\n", what);
    exit(1);
}

/* Random characters from `alphabet`, without modulo bias worth worrying about in a test. */
static void random_text(char *out, size_t count, const char *alphabet) {
    unsigned char raw[64];
    size_t size = strlen(alphabet);
    if (count > sizeof raw || RAND_bytes(raw, (int)count) != 1) fail("RAND_bytes");
    for (size_t i = 0; i < count; i++) out[i] = alphabet[raw[i] % size];
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: openssl-holder PUBLIC-KEY-PEM-OUT\n");
        return 2;
    }
    EVP_PKEY *key = EVP_RSA_gen(2048);
    if (!key) fail("EVP_RSA_gen");

    /* A DER copy of the private key (PKCS#1 RSAPrivateKey), kept in the heap. */
    unsigned char *private_der = NULL;
    int private_length = i2d_PrivateKey(key, &private_der);
    if (private_length <= 0) fail("i2d_PrivateKey");

    /* A self-signed certificate for the key, kept as DER. */
    X509 *certificate = X509_new();
    if (!certificate) fail("X509_new");
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 86400);
    X509_set_pubkey(certificate, key);
    X509_NAME *name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"dumpsentry.test", -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    if (X509_sign(certificate, key, EVP_sha256()) <= 0) fail("X509_sign");
    unsigned char *certificate_der = NULL;
    if (i2d_X509(certificate, &certificate_der) <= 0) fail("i2d_X509");

    /* One AES-256-CBC encryption; the context (and its key schedule) stays alive. */
    unsigned char aes_key[32], iv[16], plain[64] = "DumpSentry test plaintext", cipher[96];
    int written = 0;
    if (RAND_bytes(aes_key, sizeof aes_key) != 1 || RAND_bytes(iv, sizeof iv) != 1) fail("RAND_bytes");
    EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new();
    if (!context || EVP_EncryptInit_ex(context, EVP_aes_256_cbc(), NULL, aes_key, iv) != 1 ||
        EVP_EncryptUpdate(context, cipher, &written, plain, sizeof plain) != 1) fail("EVP_Encrypt");

    /* A fake Slack bot token, held as UTF-16LE (as Windows, .NET and Java programs hold text). */
    char token[64] = "xoxb-";
    random_text(token + 5, 12, "0123456789");
    token[17] = '-';
    random_text(token + 18, 13, "0123456789");
    token[31] = '-';
    random_text(token + 32, 24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    token[56] = 0;
    size_t token_length = strlen(token);
    uint16_t *wide = calloc(token_length + 1, sizeof *wide);
    if (!wide) fail("calloc");
    for (size_t i = 0; i < token_length; i++) wide[i] = (uint16_t)(unsigned char)token[i];

    FILE *out = fopen(argv[1], "w");
    if (!out || PEM_write_PUBKEY(out, key) != 1 || fclose(out) != 0) fail("PEM_write_PUBKEY");

    printf("aes-key ");
    for (size_t i = 0; i < sizeof aes_key; i++) printf("%02x", aes_key[i]);
    /* The ASCII copy of the token is wiped: only the UTF-16 one should remain to be found. */
    printf("\ntoken %s\nready\n", token);
    fflush(stdout);
    memset(token, 0, sizeof token);

    for (;;) pause();
    /* Not reached; the buffers stay referenced for the dump. */
    free(wide);
    return (int)(private_der[0] + certificate_der[0] + cipher[0]);
}
