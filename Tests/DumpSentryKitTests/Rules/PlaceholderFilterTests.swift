import Testing
@testable import DumpSentryKit

@Suite("Placeholder filter")
struct PlaceholderFilterTests {
    @Test(arguments: ["${DB_PASSWORD}", "%(password)s", "$(cat /run/secret)", "#{vault_token}", "{{ secret }}"])
    func templatesAreNotSecrets(text: String) {
        #expect(PlaceholderFilter.isPlaceholder(Array(text.utf8)))
    }

    /// Generated random keys contain `%(` or `$(` followed by punctuation by chance (a Django key here, fake).
    @Test(arguments: ["q7^%(^+=gr@cu@v9-v7ulhbk2s3!w&39w4+n3*k", "Zk2$(!x9Lq4w#Vb8Np3r"])
    func punctuationAfterAnOpenerIsNotATemplate(text: String) {
        #expect(!PlaceholderFilter.isPlaceholder(Array(text.utf8)))
    }
}
