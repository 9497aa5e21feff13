import Crypto
import Foundation

/// RFC 7638 JWK thumbprints: base64url (no padding) of the SHA-256 of the JWK's required members,
/// in lexicographic order, with no whitespace — the value JWKS `kid`s are often derived from.
enum JWKThumbprint {
    static func rsa(modulus: [UInt8], publicExponent: [UInt8]) -> String {
        thumbprint(#"{"e":"\#(base64url(minimal(publicExponent)))","kty":"RSA","n":"\#(base64url(minimal(modulus)))"}"#)
    }

    /// `x` and `y` are the fixed-size field elements of the point.
    static func ec(curve: ECCurve, x: [UInt8], y: [UInt8]) -> String {
        thumbprint(#"{"crv":"\#(curve.rawValue)","kty":"EC","x":"\#(base64url(x))","y":"\#(base64url(y))"}"#)
    }

    /// Ed25519 / X25519 keys (RFC 8037).
    static func okp(curve: ECCurve, publicKey: [UInt8]) -> String {
        thumbprint(#"{"crv":"\#(curve.rawValue)","kty":"OKP","x":"\#(base64url(publicKey))"}"#)
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    private static func thumbprint(_ json: String) -> String {
        base64url(Array(SHA256.hash(data: Array(json.utf8))))
    }

    /// RFC 7518 integers are the minimal big-endian octets.
    private static func minimal(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array(bytes.drop { $0 == 0 })
        return digits.isEmpty ? [0] : digits
    }
}
