import Foundation

/// Test-only keys, generated afresh by python3's `cryptography` package when the tests first ask
/// for them (never committed, never real): RSA 1024/2048, EC P-256/384/521, DSA 1024/2048, as
/// big-endian byte strings.
struct BlobTestKeys: Sendable {
    struct RSA: Sendable {
        var n, e, p, q, d, dp, dq, qinv: [UInt8]
        /// e⁻¹ mod λ(n), which a blob without d is fingerprinted by (OpenSSL uses φ below 2048 bits).
        var dLambda: [UInt8]
        var bits: Int
    }

    struct EC: Sendable {
        var curve: String
        var size: Int
        var d, x, y: [UInt8]
    }

    struct DSA: Sendable {
        var p, q, g, x, y: [UInt8]
        var bits: Int
    }

    var rsa1024: RSA
    var rsa2048: RSA
    var ec: [EC]
    var dsa1024: DSA
    var dsa2048: DSA

    /// Generated once per test process.
    static let shared: Result<BlobTestKeys, GenerationError> = generate()

    struct GenerationError: Error, CustomStringConvertible {
        var description: String
    }

    static let script = #"""
    import json, math
    from cryptography.hazmat.primitives.asymmetric import rsa, ec, dsa
    out = {}
    for bits in (1024, 2048):
        k = rsa.generate_private_key(public_exponent=65537, key_size=bits).private_numbers()
        e = k.public_numbers.e
        out["rsa%d" % bits] = {name: format(value, "x") for name, value in dict(
            n=k.public_numbers.n, e=e, p=k.p, q=k.q, d=k.d, dp=k.dmp1, dq=k.dmq1, qinv=k.iqmp,
            dLambda=pow(e, -1, math.lcm(k.p - 1, k.q - 1))).items()}
    for name, curve in (("P-256", ec.SECP256R1()), ("P-384", ec.SECP384R1()), ("P-521", ec.SECP521R1())):
        k = ec.generate_private_key(curve).private_numbers()
        out[name] = {"d": format(k.private_value, "x"), "x": format(k.public_numbers.x, "x"),
                     "y": format(k.public_numbers.y, "x")}
    for bits in (1024, 2048):
        k = dsa.generate_private_key(key_size=bits).private_numbers()
        params = k.public_numbers.parameter_numbers
        out["dsa%d" % bits] = {"p": format(params.p, "x"), "q": format(params.q, "x"), "g": format(params.g, "x"),
                               "x": format(k.x, "x"), "y": format(k.public_numbers.y, "x")}
    print(json.dumps(out))
    """#

    static func generate() -> Result<BlobTestKeys, GenerationError> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(GenerationError(description: "cannot run python3: \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(GenerationError(description: "python3 cryptography failed: \(message)"))
        }
        let json: [String: [String: String]]
        do {
            json = try JSONDecoder().decode([String: [String: String]].self, from: data)
        } catch {
            return .failure(GenerationError(description: "unreadable key JSON: \(error)"))
        }
        func value(_ key: String, _ field: String) -> [UInt8] { bytes(hex: json[key]?[field] ?? "") }
        func rsa(_ bits: Int) -> RSA {
            let key = "rsa\(bits)"
            return RSA(n: value(key, "n"), e: value(key, "e"), p: value(key, "p"), q: value(key, "q"),
                       d: value(key, "d"), dp: value(key, "dp"), dq: value(key, "dq"), qinv: value(key, "qinv"),
                       dLambda: value(key, "dLambda"), bits: bits)
        }
        func dsa(_ bits: Int) -> DSA {
            let key = "dsa\(bits)"
            return DSA(p: value(key, "p"), q: value(key, "q"), g: value(key, "g"), x: value(key, "x"),
                       y: value(key, "y"), bits: bits)
        }
        let curves = [("P-256", 32), ("P-384", 48), ("P-521", 66)].map { curve, size in
            EC(curve: curve, size: size, d: value(curve, "d"), x: value(curve, "x"), y: value(curve, "y"))
        }
        return .success(BlobTestKeys(rsa1024: rsa(1024), rsa2048: rsa(2048), ec: curves,
                                     dsa1024: dsa(1024), dsa2048: dsa(2048)))
    }

    /// Big-endian minimal bytes of a hex number.
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array((hex.count % 2 == 1 ? "0" + hex : hex).utf8)
        var out: [UInt8] = []
        var index = 0
        while index + 1 < digits.count {
            out.append(UInt8(hexDigit(digits[index]) << 4 | hexDigit(digits[index + 1])))
            index += 2
        }
        return Array(out.drop { $0 == 0 })
    }

    private static func hexDigit(_ character: UInt8) -> UInt8 {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: 0
        }
    }
}
