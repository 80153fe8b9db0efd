import Foundation
import MaillageCore
import Testing

/// Websites are shown as links on the public directory: only http(s) with a real host.
@Suite struct WebAddressTests {
    @Test(arguments: [
        ("https://www.exemple.fr", "https://www.exemple.fr"),
        ("http://relais-emploi.org/contact?x=1#haut", "http://relais-emploi.org/contact?x=1#haut"),
        ("  HTTPS://Exemple.FR  ", "https://Exemple.FR"),
        ("www.exemple.fr", "https://www.exemple.fr"),
        ("exemple.fr/nous-contacter", "https://exemple.fr/nous-contacter"),
        ("https://élan-emploi.fr", "https://élan-emploi.fr"),
        ("https://exemple.fr:8443/", "https://exemple.fr:8443/"),
    ])
    func acceptsAndNormalises(_ raw: String, _ stored: String) {
        #expect(WebAddress.check(raw) == .success(stored))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "javascript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "mailto:contact@exemple.fr",
        "ftp://exemple.fr", "//evil.example", "https://", "https:exemple.fr", "https://localhost",
        "https://exemple", "https://exemple.fr.", "https://-exemple.fr", "https://banque.fr@evil.example",
        "https://[::1]/", "https://exemple.fr:99999", "https://exemple.fr:", "https://exem ple.fr",
        "https://exemple.fr/a b", "https://exemple.fr/\u{0}", "https://exemple.fr\n/x", "https://exemple.fr/\u{202E}lmth.exe",
        "https://exemple.fr/\"onmouseover=alert(1)", "https://exemple.fr/<script>", "exemple.fr:8080",
    ])
    func refuses(_ raw: String) {
        guard case .failure(let refusal) = WebAddress.check(raw) else {
            Issue.record("accepted: \(raw)")
            return
        }
        #expect(!refusal.message.isEmpty)
    }

    @Test func lengthIsBounded() {
        let host = "https://exemple.fr/"
        let fits = host + String(repeating: "a", count: WebAddress.maxLength - host.count)
        #expect(WebAddress.check(fits) == .success(fits))
        #expect(WebAddress.check(fits + "a") != .success(fits + "a"))
        // the https:// added to a bare address counts too
        let bare = "exemple.fr/" + String(repeating: "a", count: WebAddress.maxLength - 11)
        #expect(WebAddress.link(bare) == nil)
    }

    @Test func linkIsOnlyForSafeStoredValues() {
        #expect(WebAddress.link("javascript:alert(1)") == nil)
        #expect(WebAddress.link(nil) == nil)
        #expect(WebAddress.link("https://exemple.fr") == "https://exemple.fr")
        #expect(WebAddress.link("www.exemple.fr") == "https://www.exemple.fr")
    }
}
