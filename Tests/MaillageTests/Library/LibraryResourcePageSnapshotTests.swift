import Foundation
import MaillageCore
import SnapshotTesting
import Testing
import Vapor
@testable import Maillage

/// A resource's page from a page model built by hand: as a member (read and download), and as
/// a publisher whose new version was refused (the error next to the file field).
@Suite("Library resource page snapshots", .snapshots(record: PageRenderer.record))
struct LibraryResourcePageSnapshotTests {
    typealias D = SnapshotData

    static func page(publisher: Bool, errors: FieldErrors = FieldErrors()) -> LibraryResourcePage {
        let id = D.uuid(1)
        let t = FrenchFormat.thinSpace
        let v2 = LibraryResourcePage.Version(number: "Version 2", date: "02/03/2026", by: "Jordan Juriste", comment: "Mise à jour 2026",
                                             fileName: "guide-2026.pdf", file: "PDF, 1,2\(t)Mo",
                                             href: LibraryURL.versionDownload(id, D.uuid(12)).path, current: true)
        let v1 = LibraryResourcePage.Version(number: "Version 1", date: "15/01/2025", by: "Camille Martin", comment: "",
                                             fileName: "guide.pdf", file: "PDF, 980\(t)Ko",
                                             href: LibraryURL.versionDownload(id, D.uuid(11)).path, current: false)
        let current = LibraryResourcePage.Version(number: v2.number, date: v2.date, by: v2.by, comment: v2.comment, fileName: v2.fileName,
                                              file: v2.file, href: LibraryURL.download(id).path, current: true)
        var page = LibraryResourcePage(
            title: "Guide des marchés publics", description: ["Répondre à un marché avec une clause d'insertion.", "Deuxième paragraphe."],
            kind: "Guide", theme: "Juridique", audience: "Adhérents", membersOnly: true, current: current, versions: [v2, v1],
            listHref: SiteURL.library(.home).path, editHref: publisher ? LibraryURL.editResource(id).path : nil,
            versionAction: publisher ? LibraryURL.addVersion(id).path : nil)
        page.errors = errors
        page.comment = publisher && !errors.isEmpty ? "Édition 2027" : ""
        return page
    }

    @Test("resource: as a member; as a publisher with a refused new version")
    func resource() async throws {
        let member = try await PageRenderer.render("library/resource", title: "Guide des marchés publics", Self.page(publisher: false),
                                                   user: D.manager, path: LibraryURL.resource(D.uuid(1)).path)
        #expect(!member.contains("version-form") && member.contains("Historique des versions"))
        var errors = FieldErrors()
        errors.add("version_file", "« photo.png » est un PDF, pas une image PNG : renommez-le ou choisissez le bon fichier.")
        let publisher = try await PageRenderer.render("library/resource", title: "Guide des marchés publics",
                                                      Self.page(publisher: true, errors: errors), user: D.admin,
                                                      path: LibraryURL.resource(D.uuid(1)).path)
        #expect(publisher.contains("id=\"version_file-error\"") && publisher.contains("Le formulaire contient 1 erreur"))
        assertSnapshot(of: member, as: .lines, named: "member")
        assertSnapshot(of: publisher, as: .lines, named: "publisher-refused-version")
    }
}
