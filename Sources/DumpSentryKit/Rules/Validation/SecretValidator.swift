import Foundation

/// Offline structural checks a rule can declare with `validate:`. None touches the network.
public enum SecretValidator: Sendable, Hashable {
    /// GitHub/npm-style tokens: the last 6 characters are the base62 CRC32 of the random part.
    case crc32Tail
    /// PyPI macaroon: base64 body that decodes and names pypi.org.
    case pypiToken
    /// JSON Web Token: the header decodes to JSON with `alg`.
    case jwt
    /// AWS key id: 20 characters, base32 body.
    case awsKeyID
    /// Slack token: `xox?-` then dash-separated parts with numeric ids.
    case slackToken
    /// The body decodes as base64 to exactly N bytes.
    case base64Length(Int)
    /// The body decodes as hex to exactly N bytes.
    case hexLength(Int)

    /// Parses a rule's `validate:` value.
    public init?(spec: String) {
        switch spec {
        case "github-crc32", "npm-token": self = .crc32Tail
        case "pypi-token": self = .pypiToken
        case "jwt": self = .jwt
        case "aws-key-id": self = .awsKeyID
        case "slack-token": self = .slackToken
        default:
            let parts = spec.split(separator: ":")
            guard parts.count == 2, let count = Int(parts[1]), count > 0 else { return nil }
            switch parts[0] {
            case "base64-length": self = .base64Length(count)
            case "hex-length": self = .hexLength(count)
            default: return nil
            }
        }
    }

    /// The outcome: valid or not, and facts worth reporting (never secret material).
    public struct Outcome: Sendable, Hashable {
        public var isValid: Bool
        public var details: [String: String]
    }

    public func validate(_ secret: [UInt8]) -> Outcome {
        switch self {
        case .crc32Tail: Outcome(isValid: Self.checkCRC32Tail(secret), details: [:])
        case .pypiToken: Outcome(isValid: Self.checkPyPI(secret), details: [:])
        case .jwt: JWTInspector.inspect(secret)
        case .awsKeyID: Outcome(isValid: Self.checkAWSKeyID(secret), details: [:])
        case .slackToken: Outcome(isValid: Self.checkSlack(secret), details: [:])
        case .base64Length(let n): Outcome(isValid: Base64Body.decode(secret)?.count == n, details: [:])
        case .hexLength(let n): Outcome(isValid: Self.hexByteCount(secret) == n, details: [:])
        }
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func base62(_ value: UInt32, width: Int) -> [UInt8] {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(base62[Int(rest % 62)])
            rest /= 62
        } while rest > 0
        while digits.count < width { digits.append(0x30) }
        return digits.reversed()
    }

    static func checkCRC32Tail(_ secret: [UInt8]) -> Bool {
        // `ghp_<30 random><6 checksum>`; the checksum is over the random part (some generators
        // include the prefix), so accept either.
        guard secret.count > 7, let underscore = secret.lastIndex(of: 0x5f) else { return false }
        let body = Array(secret[(underscore + 1)...])
        guard body.count > 6 else { return false }
        let random = Array(body.dropLast(6))
        let tail = Array(body.suffix(6))
        let head = Array(secret[..<(secret.count - 6)])
        return base62(CRC32.checksum(random), width: 6) == tail || base62(CRC32.checksum(head), width: 6) == tail
    }

    static func checkPyPI(_ secret: [UInt8]) -> Bool {
        guard secret.starts(with: Array("pypi-".utf8)),
              let decoded = Base64Body.decode(Array(secret.dropFirst(5))) else { return false }
        return decoded.firstRange(of: Array("pypi.org".utf8)) != nil
    }

    static func checkAWSKeyID(_ secret: [UInt8]) -> Bool {
        guard secret.count == 20 else { return false }
        return secret.dropFirst(4).allSatisfy { (0x41...0x5a).contains($0) || (0x32...0x37).contains($0) }
    }

    static func checkSlack(_ secret: [UInt8]) -> Bool {
        let parts = secret.split(separator: 0x2d, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].starts(with: Array("xox".utf8)) else { return false }
        // xoxb-<team id>-<bot id>-<secret>; xoxp-<team>-<user>-<id>-<secret>: the ids are digits.
        let ids = parts.dropFirst().dropLast()
        return ids.allSatisfy { !$0.isEmpty && $0.allSatisfy { (0x30...0x39).contains($0) } }
    }

    static func hexByteCount(_ secret: [UInt8]) -> Int? {
        guard secret.count % 2 == 0, secret.allSatisfy({ HexDigit.value($0) != nil }) else { return nil }
        return secret.count / 2
    }
}

/// One hex digit's value.
enum HexDigit {
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
