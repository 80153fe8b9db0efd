import Foundation
import MaillageCore
import SnapshotTesting
import Testing
import Vapor
@testable import Maillage

/// The new and edit forms of a resource from page models built by hand: a refused new resource
/// (errors next to the fields, the summary on top) and the edit form.
@Suite("Library form page snapshots", .snapshots(record: PageRenderer.record))
struct LibraryFormPageSnapshotTests {
    typealias D = SnapshotData

    @Test("new resource refused; edit form")
    func forms() async throws {
        let form = LibraryResourceForm(title: "", description: "Un guide.", kind: "guide", theme: "legal", audience: "members",
                                       comment: "Première édition")
        var (_, errors) = form.validate()
        errors.add("resource_file", "« facture.pdf » n'est ni un PDF, ni un document Word, Excel ou OpenDocument, ni une image PNG ou JPEG : ce type de fichier n'est pas accepté.")
        let new = LibraryPages.form(heading: "Nouvelle ressource", isNew: true, action: SiteURL.library(.createResource).path,
                                    cancelHref: SiteURL.library(.home).path, submitLabel: "Ajouter la ressource",
                                    form: form.shown, errors: errors)
        let newHTML = try await PageRenderer.render("library/form", title: "Nouvelle ressource", new, user: D.admin,
                                                    path: SiteURL.library(.newResource).path)
        #expect(newHTML.contains("Le formulaire contient 2 erreurs") && newHTML.contains("id=\"resource_title-error\""))
        #expect(newHTML.contains("enctype=\"multipart/form-data\""))
        let stored = LibraryResourceForm(title: "Guide des marchés publics", description: "Répondre à un marché.\nAvec une clause.",
                                         kind: "model", theme: "economic", audience: "public")
        let edit = LibraryPages.form(heading: "Modifier « Guide des marchés publics »", isNew: false,
                                     action: LibraryURL.updateResource(D.uuid(1)).path, cancelHref: LibraryURL.resource(D.uuid(1)).path,
                                     submitLabel: "Enregistrer", form: stored.shown, errors: FieldErrors())
        let editHTML = try await PageRenderer.render("library/form", title: "Modifier une ressource", edit, user: D.admin,
                                                     path: LibraryURL.editResource(D.uuid(1)).path)
        #expect(!editHTML.contains("resource_file") && editHTML.contains("<option value=\"model\" selected>"))
        assertSnapshot(of: newHTML, as: .lines, named: "new-refused")
        assertSnapshot(of: editHTML, as: .lines, named: "edit")
    }
}
