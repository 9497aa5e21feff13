import BigInt
import Foundation

/// Tests the words at given positions for completing one known public key: a prime factor of an
/// RSA modulus, or the scalar of an EC point. Each position is read in both byte orders.
///
/// Arithmetic is the cost, so cheap byte filters reject what cannot be the value first: a prime
/// factor of a balanced modulus has exactly half its bit length and is odd; a scalar lies in
/// 1..order−1; and neither holds more than a few zero bytes (pointers, small integers, UTF-16 text
/// and zero pages all do). Values already tested are skipped. At most `KnownKeySearch.maxTestsPerKey`
/// arithmetic tests run; then `exhausted` is set.
struct CandidateTester {
    let rule: DetectorRule
    private(set) var found: [(secret: [UInt8], key: KeyInfo)] = []
    private(set) var exhausted = false
    private var tests = 0
    private var tested = Set<[UInt8]>()
    private let key: KnownPublicKey
    /// Bytes of a candidate (a prime of half the modulus size, or a field-size scalar).
    private let width: Int
    /// Most significant byte of a candidate must be at least this (RSA: the top bit of a prime of
    /// exactly half the modulus bits).
    private let minimumTopByte: UInt8
    private let maxZeroBytes: Int
    private let modulus: BigUInt
    private let exponent: BigUInt
    private let order: [UInt8]

    init(key: KnownPublicKey) {
        self.key = key
        switch key.material {
        case .rsa(let n, let e):
            rule = KnownKeySearch.rsaFactorRule
            modulus = BigUInt(Data(n))
            exponent = BigUInt(Data(e))
            let primeBits = (modulus.bitWidth + 1) / 2
            width = (primeBits + 7) / 8
            minimumTopByte = UInt8(1) << UInt8((primeBits + 7) % 8)
            maxZeroBytes = 4 + width / 32
            order = []
        case .ec(let curve, _):
            rule = KnownKeySearch.ecScalarRule
            modulus = 0
            exponent = 0
            width = curve.fieldSize
            minimumTopByte = 0
            // P-521's top byte is 0 or 1; the rest of a scalar is random.
            maxZeroBytes = 3 + (curve == .p521 ? 1 : 0)
            let orderValue = curve.order ?? 0
            let orderBytes = [UInt8](orderValue.serialize())
            order = [UInt8](repeating: 0, count: max(0, width - orderBytes.count)) + orderBytes
        }
    }

    var isDone: Bool { exhausted || !found.isEmpty }

    /// Tests the `width` bytes at `position`, big-endian and little-endian.
    mutating func test(_ bytes: UnsafeRawBufferPointer, at position: Int) {
        guard !isDone, position >= 0, position + width <= bytes.count else { return }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + width)])
        var zeros = 0
        for byte in raw where byte == 0 { zeros += 1 }
        guard zeros <= maxZeroBytes else { return }
        testValue(Array(raw))
        if !isDone { testValue(Array(raw.reversed())) }
    }

    private mutating func testValue(_ value: [UInt8]) {
        switch key.material {
        case .rsa:
            guard value[0] >= minimumTopByte, value[value.count - 1] & 1 == 1 else { return }
        case .ec:
            guard !Self.lexicographicallyBelow(order, value), value != order, value.contains(where: { $0 != 0 }) else { return }
        }
        guard tested.insert(value).inserted else { return }
        tests += 1
        if tests > KnownKeySearch.maxTestsPerKey {
            exhausted = true
            return
        }
        switch key.material {
        case .rsa:
            let p = BigUInt(Data(value))
            guard p > 1, p < modulus else { return }
            let (q, remainder) = modulus.quotientAndRemainder(dividingBy: p)
            guard remainder.isZero, q > 1 else { return }
            let info = RSAKeyMath.check(modulus: modulus, publicExponent: exponent, prime1: p, prime2: q, privateExponent: nil)
            found.append(([UInt8](p.serialize()), info))
            found.append(([UInt8](q.serialize()), info))
        case .ec(let curve, let point):
            let info = ECKeyMath.check(curve: curve.rawValue, privateScalar: value, publicPoint: point)
            guard info.validated else { return }
            found.append((value, info))
        }
    }

    /// True when `a` < `b`, both big-endian of the same width.
    private static func lexicographicallyBelow(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.lexicographicallyPrecedes(b)
    }
}
