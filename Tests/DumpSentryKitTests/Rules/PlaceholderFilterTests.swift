import Testing
@testable import DumpSentryKit

@Suite("Placeholder filter")
struct PlaceholderFilterTests {
    @Test(arguments: ["${DB_PASSWORD}", "%(password)s", "$(cat /run/secret)", "#{vault_token}", "{{ secret }}"])
    func templatesAreNotSecrets(text: String) {
        #expect(PlaceholderFilter.isPlaceholder(Array(text.utf8)))
        #expect(PlaceholderFilter.reason(Array(text.utf8))?.kind == .marker)
    }

    /// Generated random keys contain `%(` or `$(` followed by punctuation by chance (a Django key here, fake).
    @Test(arguments: ["q7^%(^+=gr@cu@v9-v7ulhbk2s3!w&39w4+n3*k", "Zk2$(!x9Lq4w#Vb8Np3r"])
    func punctuationAfterAnOpenerIsNotATemplate(text: String) {
        #expect(!PlaceholderFilter.isPlaceholder(Array(text.utf8)))
    }

    /// Words, masks and templates are markers: what a person writes to say "no value here".
    @Test(arguments: ["tkn_EXAMPLEq7Lm2Xw4Zt8Rb1", "tkn_xxxxxxxxxxxxxxxxxxxxxxxx", "tkn_000000000000000000000000",
                      "tkn_************************", "<YOUR_TOKEN>", "your_api_token_goes_here"])
    func markersAreMarkers(text: String) {
        #expect(PlaceholderFilter.reason(Array(text.utf8))?.kind == .marker)
    }

    /// Counting runs, alphabet runs and one dominant character are shapes, each named for the finding's detail.
    @Test(arguments: [("tkn_1234567890QWZRTYPLKM", "counting run"), ("tkn_Q7v90123456789ABCDEF", "counting run"),
                      ("tkn_ABCDEFGHIJKLMNOPQ7v9", "alphabet run"), ("tkn_aaaaaaaaaaaaaaaaaaaaaaQ7", "one character")])
    func shapesAreShapes(text: String, description: String) {
        #expect(PlaceholderFilter.reason(Array(text.utf8)) == PlaceholderFilter.Reason(kind: .shape, description: description))
    }

    @Test func randomTokensAreNeither() {
        #expect(PlaceholderFilter.reason(Array("tkn_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3P".utf8)) == nil)
    }
}
