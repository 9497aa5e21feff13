/// Builds the few DER encodings key fingerprints need (SubjectPublicKeyInfo): tag-length-value
/// with minimal lengths and minimal unsigned INTEGERs.
enum DEREncoder {
    static func element(tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] {
        element(tag: 0x30, parts.flatMap { $0 })
    }

    /// An INTEGER from big-endian magnitude bytes: leading zeros dropped, one zero octet added
    /// when the high bit is set so that it stays positive.
    static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var digits = Array(magnitude.drop { $0 == 0 })
        if digits.isEmpty { digits = [0] }
        if let first = digits.first, first & 0x80 != 0 { digits.insert(0, at: 0) }
        return element(tag: 0x02, digits)
    }

    /// An OBJECT IDENTIFIER from its already-encoded body.
    static func objectIdentifier(_ body: [UInt8]) -> [UInt8] {
        element(tag: 0x06, body)
    }

    static let null: [UInt8] = [0x05, 0x00]

    /// A BIT STRING with no unused bits.
    static func bitString(_ content: [UInt8]) -> [UInt8] {
        element(tag: 0x03, [0x00] + content)
    }

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var octets: [UInt8] = []
        var rest = count
        while rest > 0 {
            octets.insert(UInt8(rest & 0xff), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }
}
