import Foundation

/// Decodes base64 or base64url text, with or without padding; nil if it is neither.
enum Base64Body {
    static func decode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        var normalized = [UInt8]()
        normalized.reserveCapacity(text.count + 3)
        for byte in text {
            switch byte {
            case 0x2d: normalized.append(0x2b)          // '-' → '+'
            case 0x5f: normalized.append(0x2f)          // '_' → '/'
            case 0x3d: continue                         // padding is re-added below
            default: normalized.append(byte)
            }
        }
        while normalized.count % 4 != 0 { normalized.append(0x3d) }
        guard let data = Data(base64Encoded: Data(normalized)) else { return nil }
        return [UInt8](data)
    }
}
