import Foundation
import Testing
@testable import DumpSentryKit

@Suite("Base64 DER keys without PEM armour")
struct Base64DERKeyDetectorTests {
    enum Layout: String, CaseIterable {
        case singleLine, lineBreaks, jsonEscapes
    }

    static var cases: [(String, String, Layout)] {
        guard case .success(let fixtures) = KeyFixtures.shared else { return [("missing", "fixtures", .singleLine)] }
        return fixtures.keys.flatMap { key in
            ["pkcs1", "pkcs8", "sec1"].filter { key.formats[$0] != nil }.flatMap { format in
                Layout.allCases.map { (key.name, format, $0) }
            }
        }
    }

    static func text(_ der: [UInt8], layout: Layout) -> String {
        let base64 = Data(der).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        switch layout {
        case .singleLine: return base64
        case .lineBreaks: return lines.joined(separator: "\n")
        case .jsonEscapes: return lines.joined(separator: "\\n")
        }
    }

    @Test(arguments: cases)
    func findsKeyInJSON(name: String, format: String, layout: Layout) throws {
        let key = try #require(try KeyFixtures.shared.get().key(name))
        let der = try #require(key.formats[format])
        let body = Self.text(der, layout: layout)
        let prefix = #"{"type":"service_account","private_key":""#
        let document = Array((prefix + body + #"","client_id":"1"}"#).utf8)
        let found = AnchorScan.structures(in: document, detectors: [Base64DERKeyDetector()])
        #expect(found.count == 1, "\(name) \(format) \(layout)")
        let structure = try #require(found.first)
        #expect(structure.ruleID == "key.der-base64")
        #expect(structure.range == prefix.utf8.count..<(prefix.utf8.count + body.utf8.count))
        #expect(structure.key?.publicKeySHA256 == key.spkiSHA256)
        #expect(structure.secret == key.secret)
        #expect(structure.key?.validated == (name != "secp256k1"))
    }

    @Test func pemArmouredKeyIsLeftToThePEMRule() throws {
        let der = try #require(try KeyFixtures.shared.get().key("rsa2048")?.formats["pkcs8"])
        let pem = "-----BEGIN PRIVATE KEY-----\n" + Self.text(der, layout: .lineBreaks) + "\n-----END PRIVATE KEY-----\n"
        #expect(AnchorScan.structures(in: Array(pem.utf8), detectors: [Base64DERKeyDetector()]).isEmpty)
    }

    @Test func truncatedBase64IsNotAFinding() throws {
        let der = try #require(try KeyFixtures.shared.get().key("rsa2048")?.formats["pkcs8"])
        let body = Self.text(der, layout: .singleLine)
        let cut = "\"" + body.prefix(body.count / 2) + "\""
        #expect(AnchorScan.structures(in: Array(cut.utf8), detectors: [Base64DERKeyDetector()]).isEmpty)
    }
}
