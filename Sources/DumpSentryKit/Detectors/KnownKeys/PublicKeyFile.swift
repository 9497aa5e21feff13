import Foundation

/// Reads the public keys named with `--public-key`: PEM or DER X.509 certificates (a PEM file may
/// hold a chain), PEM or DER SubjectPublicKeyInfo (`PUBLIC KEY`), PKCS#1 `RSA PUBLIC KEY`, and
/// JWK / JWKS JSON (RSA `n`/`e`, EC `crv`/`x`/`y` on P-256, P-384, P-521).
public enum PublicKeyFile {
    /// Every usable key in the file; throws when the file cannot be read or holds none.
    public static func load(path: String) throws(PublicKeyFileError) -> [KnownPublicKey] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PublicKeyFileError(path: path, message: "cannot read file")
        }
        let bytes = [UInt8](data)
        let origin = "--public-key \(path)"
        var materials: [KnownPublicKey.Material] = []
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        if text.contains("-----BEGIN ") {
            materials = try pem(bytes, path: path)
        } else if bytes.first(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) == UInt8(ascii: "{") {
            materials = try jwks(data, path: path)
        } else if let material = der(bytes) {
            materials = [material]
        } else {
            throw PublicKeyFileError(path: path, message: "not a PEM or DER certificate, public key, or JWKS JSON")
        }
        let keys = materials.compactMap { KnownPublicKey($0, origin: origin) }
        guard !keys.isEmpty else {
            throw PublicKeyFileError(path: path, message: "no RSA (512–16384 bits) or P-256/P-384/P-521 public key in it")
        }
        return keys
    }

    /// A certificate, SubjectPublicKeyInfo or RSAPublicKey spanning the whole buffer.
    static func der(_ bytes: [UInt8]) -> KnownPublicKey.Material? {
        bytes.withUnsafeBytes { raw in
            for parse in [PublicKeyDERParser.certificate, PublicKeyDERParser.subjectPublicKeyInfo] {
                if let parsed = parse(raw, 0), parsed.range == 0..<raw.count { return parsed.material }
            }
            if let parsed = PublicKeyDERParser.rsaPublicKey(raw, range: 0..<raw.count), parsed.range == 0..<raw.count {
                return parsed.material
            }
            return nil
        }
    }

    private static func pem(_ bytes: [UInt8], path: String) throws(PublicKeyFileError) -> [KnownPublicKey.Material] {
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        var materials: [KnownPublicKey.Material] = []
        var label: Substring?
        var body = ""
        var sawPrivate = false
        for line in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                label = line.dropFirst(11).dropLast(5)
                body = ""
            } else if line.hasPrefix("-----END "), let current = label {
                label = nil
                if current.contains("PRIVATE") { sawPrivate = true; continue }
                guard ["CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE", "PUBLIC KEY", "RSA PUBLIC KEY"].contains(current) else { continue }
                guard let decoded = Data(base64Encoded: body) else {
                    throw PublicKeyFileError(path: path, message: "PEM block '\(current)' is not valid base64")
                }
                let der = [UInt8](decoded)
                let parsed: PublicKeyDERParser.Parsed? = der.withUnsafeBytes { raw in
                    switch current {
                    case "PUBLIC KEY": PublicKeyDERParser.subjectPublicKeyInfo(raw, at: 0)
                    case "RSA PUBLIC KEY": PublicKeyDERParser.rsaPublicKey(raw, range: 0..<raw.count)
                    default: PublicKeyDERParser.certificate(raw, at: 0)
                    }
                }
                guard let parsed else {
                    throw PublicKeyFileError(path: path, message: "PEM block '\(current)' holds no RSA or EC public key DumpSentry can read")
                }
                materials.append(parsed.material)
            } else if label != nil, !line.contains(":") {
                body += line   // RFC 1421 headers (Proc-Type: …) are not base64
            }
        }
        if materials.isEmpty && sawPrivate {
            throw PublicKeyFileError(path: path, message: "holds a private key, not a certificate or public key")
        }
        return materials
    }

    private static func jwks(_ data: Data, path: String) throws(PublicKeyFileError) -> [KnownPublicKey.Material] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw PublicKeyFileError(path: path, message: "not valid JSON: \(error.localizedDescription)")
        }
        guard let top = object as? [String: Any] else {
            throw PublicKeyFileError(path: path, message: "JSON is not a JWK or JWKS object")
        }
        let entries = (top["keys"] as? [[String: Any]]) ?? [top]
        return entries.compactMap(jwk)
    }

    /// One JWK; nil for key types the search cannot use (oct, OKP, unknown curves).
    static func jwk(_ entry: [String: Any]) -> KnownPublicKey.Material? {
        func field(_ name: String) -> [UInt8]? { (entry[name] as? String).flatMap(base64url) }
        switch entry["kty"] as? String {
        case "RSA":
            guard let n = field("n"), let e = field("e") else { return nil }
            return .rsa(modulus: n, publicExponent: e)
        case "EC":
            guard let name = entry["crv"] as? String, let curve = ECCurve(name: name),
                  let x = field("x"), let y = field("y"),
                  x.count <= curve.fieldSize, y.count <= curve.fieldSize else { return nil }
            let pad = { (value: [UInt8]) in [UInt8](repeating: 0, count: curve.fieldSize - value.count) + value }
            return .ec(curve: curve, point: [0x04] + pad(x) + pad(y))
        default:
            return nil
        }
    }

    static func base64url(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
