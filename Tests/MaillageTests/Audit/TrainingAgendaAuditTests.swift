import Foundation
import Testing
@testable import Maillage

@Suite("Journal: agenda and training entries in French")
struct TrainingAgendaAuditTests {
    @Test("an event's snapshot reads with French labels, kinds, audiences, statuses and delegation names")
    func event() {
        // setup
        let delegation = UUID()
        var names = AuditNames()
        names.delegations[delegation] = "Pays de la Loire"
        let before = ["titre": "Réunion", "statut": "planned", "public": "public", "delegation": ""]
        let after = ["titre": "Réunion", "statut": "cancelled", "public": "board", "delegation": delegation.uuidString]
        // MUT
        let changes = AuditPresentation.changes(of: AgendaService.entity, before: before, after: after, names: names)
        // validate
        let byField = Dictionary(uniqueKeysWithValues: changes.map { ($0.field, $0) })
        #expect(byField["Statut"]?.after.text == EventStatus.cancelled.label)
        #expect(byField["Public"]?.after.text == EventAudience.board.label)
        #expect(byField["Délégation"]?.after.text == "Pays de la Loire")
        #expect(byField["Titre"] == nil)
        #expect(!changes.contains { ["statut", "public", "delegation"].contains($0.field) })
    }

    @Test("a session's and a registration's snapshots read in French, on every kind of entry")
    func training() {
        // setup
        let structure = UUID()
        var names = AuditNames()
        names.structures[structure] = "Relais Emploi Nantes"
        // MUT
        let session = AuditPresentation.changes(of: "training.session.cancel", before: ["statut": "confirmed", "type": "inter"],
                                                after: ["statut": "cancelled", "type": "intra", "structure": structure.uuidString,
                                                        "motif_annulation": "Formateur absent"], names: names)
        let course = AuditPresentation.changes(of: "training.course", before: ["theme": "finance", "prix": "300.00"],
                                               after: ["theme": "quality", "prix": "350.00"], names: names)
        let registration = AuditPresentation.changes(of: "training.registration.promote", before: ["statut": "En attente"],
                                                     after: ["statut": "Confirmée"], names: names)
        // validate
        let s = Dictionary(uniqueKeysWithValues: session.map { ($0.field, $0) })
        #expect(s["Statut"]?.after.text == SessionStatus.cancelled.label)
        #expect(s["Type de session"]?.after.text == SessionKind.intra.label)
        #expect(s["Structure"]?.after.text == "Relais Emploi Nantes")
        #expect(s["Motif de l'annulation"]?.after.text == "Formateur absent")
        #expect(course.first { $0.field == "Thème" }?.after.text == TrainingTheme.quality.label)
        #expect(course.contains { $0.field == "Prix par stagiaire" })
        #expect(registration.map(\.field) == ["Statut"])
        #expect(AuditPresentation.kindLabel("training.registration.promote") == "Sortie de liste d'attente d'une formation")
    }
}
