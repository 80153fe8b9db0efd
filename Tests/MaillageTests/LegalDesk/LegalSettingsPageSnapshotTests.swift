import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The settings page rendered from page models built by hand (no database).
@Suite("Legal desk settings page snapshots", .snapshots(record: PageRenderer.record))
struct LegalSettingsPageSnapshotTests {
    typealias D = SnapshotData

    @Test("settings: filled, and refused with both errors")
    func settings() async throws {
        let ok = LegalSettingsPage(form: .init(promised_days: "5", reopen_days: "30"), errors: FieldErrors(),
                                   action: "/juridique/parametres", homeHref: "/juridique/statistiques", updatedAt: nil)
        let form = LegalSettingsForm(promised_days: "0", reopen_days: "400")
        let refused = LegalSettingsPage(form: form, errors: form.validate().1, action: "/juridique/parametres",
                                        homeHref: "/juridique/statistiques", updatedAt: nil)
        let html1 = try await PageRenderer.render("legal/settings", title: "Paramètres de l'appui juridique", ok, user: D.admin)
        assertSnapshot(of: html1, as: .lines, named: "filled")
        let html2 = try await PageRenderer.render("legal/settings", title: "Paramètres de l'appui juridique", refused, user: D.admin)
        assertSnapshot(of: html2, as: .lines, named: "refused")
    }
}
