import BigInt
import Foundation
import Testing
@testable import DumpSentryKit

@Suite("Key math")
struct KeyMathTests {
    @Test(arguments: ["p256", "p384", "p521", "ed25519", "x25519"])
    func ecScalarAloneDescribesItsPublicKey(name: String) throws {
        let key = try #require(try KeyFixtures.shared.get().key(name))
        let curve = try #require(key.curve)
        let info = ECKeyMath.check(curve: curve, privateScalar: key.secret, publicPoint: nil)
        #expect(info.validated)
        #expect(info.publicKeySHA256 == key.spkiSHA256)
        #expect(info.jwkThumbprint == key.jwk)
    }

    @Test func ecScalarOutOfRangeIsNotValidated() throws {
        let order = [UInt8](repeating: 0xff, count: 32)
        #expect(!ECKeyMath.check(curve: "P-256", privateScalar: order, publicPoint: nil).validated)
        #expect(!ECKeyMath.check(curve: "P-256", privateScalar: [0], publicPoint: nil).validated)
        #expect(!ECKeyMath.check(curve: "P-256", privateScalar: [UInt8](repeating: 1, count: 33), publicPoint: nil).validated)
    }

    @Test func rsaRelations() {
        // Textbook numbers: p = 61, q = 53, n = 3233, e = 17, d = 413 (λ = 780).
        let valid = RSAKeyMath.check(modulus: 3233, publicExponent: 17, prime1: 61, prime2: 53, privateExponent: 413)
        #expect(valid.validated)
        #expect(!RSAKeyMath.check(modulus: 3233, publicExponent: 17, prime1: 61, prime2: 59, privateExponent: 413).validated)
        #expect(!RSAKeyMath.check(modulus: 3233, publicExponent: 17, prime1: 61, prime2: 53, privateExponent: 414).validated)
        // d alone: checked by a round trip modulo n.
        #expect(RSAKeyMath.check(modulus: 3233, publicExponent: 17, prime1: nil, prime2: nil, privateExponent: 413).validated)
        #expect(!RSAKeyMath.check(modulus: 3233, publicExponent: 17, prime1: nil, prime2: nil, privateExponent: 415).validated)
        // Nothing private: nothing to validate.
        #expect(!RSAKeyMath.check(modulus: 3233, publicExponent: 17, prime1: nil, prime2: nil, privateExponent: nil).validated)
    }

    @Test func derReaderStaysInsideItsSlice() {
        // A length far past the buffer, then a valid INTEGER 0.
        let bytes: [UInt8] = [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]
        bytes.withUnsafeBytes { buffer in
            var reader = DERReader(buffer, range: 0..<buffer.count)
            #expect(reader.read() == nil)
            #expect(reader.position == 0)
            var inner = DERReader(buffer, range: 6..<9)
            #expect(inner.readSmallInteger() == 0)
            #expect(inner.isAtEnd)
            // The INTEGER's content lies outside this slice.
            var short = DERReader(buffer, range: 6..<8)
            #expect(short.read() == nil)
            let clamped = DERReader(buffer, range: 7..<100)
            #expect(clamped.end == buffer.count)
        }
        let indefinite: [UInt8] = [0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00]
        indefinite.withUnsafeBytes { buffer in
            var reader = DERReader(buffer, range: 0..<buffer.count)
            #expect(reader.read() == nil)
        }
    }
}
