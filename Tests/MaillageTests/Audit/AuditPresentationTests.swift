import Foundation
import MaillageCore
import Testing
@testable import Maillage

@Suite("Journal in French: kinds, field labels, values")
struct AuditPresentationTests {
    /// The text with its no-break spaces (plain or narrow) as plain spaces: what a reader sees.
    func seen(_ s: String?) -> String? { s.map { $0.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ") } }

    @Test("an answer change shows indicator labels and French values (« 9,6 », « renvoyée »), only changed fields")
    func answerChange() {
        // setup
        let before = ["permanents_etp": "9.5", "turnover_eur": "250000", "_statut": "submitted", "_type": "PROXIM"]
        let after = ["permanents_etp": "9.6", "turnover_eur": "250000", "_statut": "returned", "_type": "PROXIM",
                     "_commentaire": "Vérifiez les heures."]
        // MUT
        let changes = AuditPresentation.changes(of: SurveyAnswer.auditEntity, before: before, after: after)
        // validate
        #expect(AuditPresentation.kindLabel(SurveyAnswer.auditEntity) == "Réponse à l'Observatoire")
        #expect(changes.map(\.field) == ["Commentaire de renvoi", "Statut", "ETP des permanents"])
        let etp = try! #require(changes.first { $0.field == "ETP des permanents" })
        #expect(seen(etp.before.text) == "9,5 ETP" && seen(etp.after.text) == "9,6 ETP")
        let status = try! #require(changes.first { $0.field == "Statut" })
        #expect(status.before.text == "transmise" && status.after.text == "renvoyée")
        #expect(changes.first { $0.field == "Commentaire de renvoi" }?.before.text == "—")
        #expect(!changes.contains { $0.field.contains("turnover") || $0.field == "Chiffre d'affaires HT" })
        #expect(AuditPresentation.value("PROXIM", key: "_type", of: SurveyAnswer.auditEntity) == "Proxim'")
        #expect(seen(AuditPresentation.value("250000", key: "turnover_eur", of: SurveyAnswer.auditEntity)) == "250 000,00 €")
        #expect(seen(AuditPresentation.value("1250.5", key: "insertion_hours", of: SurveyAnswer.auditEntity)) == "1 250,5 h")
    }

    @Test("a legal question's step: its structure and its jurist by name, not by id")
    func legalQuestionNames() {
        let structure = UUID(), jurist = UUID()
        var names = AuditNames()
        names.structures[structure] = "Emploi Solidaire 44"
        names.users[jurist] = "Jordan Juriste <juriste@exemple.fr>"
        #expect(AuditPresentation.value(structure.uuidString, key: "structure", of: "legal.question.take", names: names) == "Emploi Solidaire 44")
        #expect(AuditPresentation.value(jurist.uuidString, key: "juriste", of: "legal.question.assign", names: names) == "Jordan Juriste <juriste@exemple.fr>")
        #expect(AuditNames.userFields.contains("juriste"))
    }

    @Test("a campaign change: « clôturée », cost in euros as its label, dates dd/MM/yyyy, divisors folded when long")
    func campaignChange() {
        // setup
        let divisors = Campaign.json(CampaignDefaults.divisors)
        let before = ["annee": "2024", "statut": "open", "cout_etp_chomeur": "18300.00", "cloture": "2025-05-31", "diviseurs": "{}"]
        let after = ["annee": "2024", "statut": "closed", "cout_etp_chomeur": "18500.00", "cloture": "2025-06-15", "diviseurs": divisors]
        // MUT
        let changes = AuditPresentation.changes(of: Campaign.auditEntity, before: before, after: after)
        // validate
        let byField = Dictionary(uniqueKeysWithValues: changes.map { ($0.field, $0) })
        #expect(byField["Statut"]?.before.text == "ouverte")
        #expect(byField["Statut"]?.after.text == "clôturée")
        #expect(seen(byField["Coût annuel d'un ETP au chômage"]?.after.text) == "18 500,00 €")
        #expect(byField["Clôture"]?.before.text == "31/05/2025" && byField["Clôture"]?.after.text == "15/06/2025")
        #expect(byField["Année des données"] == nil)
        #expect(!changes.contains { $0.field == "cout_etp_chomeur" || $0.field == "statut" })
        let divisorsChange = try! #require(byField["Heures annuelles d'un ETP par type"])
        #expect(seen(divisorsChange.after.text)!.hasPrefix("AI : 1 607 h ; ACI : 1 820 h"))
        #expect(seen(divisorsChange.after.text)!.contains("Proxim' : 1 607 h"))
        #expect(divisorsChange.after.text.count > AuditPresentation.foldAbove)
        #expect(divisorsChange.after.summary?.hasSuffix("…") == true)
        #expect(byField["Statut"]?.after.summary == nil)
    }

    @Test("register records: types by short name, statuses, roles, booleans; ids by the record's name")
    func registerRecords() {
        // setup
        let parent = UUID(), user = UUID(), delegation = UUID()
        var names = AuditNames()
        names.structures[parent] = "Groupe Solidaire Caen"
        names.users[user] = "Camille Martin <camille@exemple.fr>"
        names.delegations[delegation] = "Pays de la Loire"
        // MUT
        let structure = AuditPresentation.changes(of: "structure", before: ["types": "AI", "ges_parent": ""],
                                                  after: ["types": "AI,PROXIM", "ges_parent": parent.uuidString], names: names)
        let role = AuditPresentation.changes(of: "role", before: [:], after: [
            "utilisateur": user.uuidString, "role": "regional_delegate", "delegation": delegation.uuidString, "structure": ""], names: names)
        // validate
        #expect(structure.first { $0.field == "Types" }?.after.text == "AI, Proxim'")
        #expect(structure.first { $0.field == "GES de rattachement" }?.after.text == "Groupe Solidaire Caen")
        #expect(role.first { $0.field == "Utilisateur" }?.after.text == "Camille Martin <camille@exemple.fr>")
        #expect(role.first { $0.field == "Rôle" }?.after.text == Role.regionalDelegate.label)
        #expect(role.first { $0.field == "Délégation" }?.after.text == "Pays de la Loire")
        #expect(!role.contains { $0.field == "Structure" })
        #expect(AuditPresentation.value("associe", key: "statut", of: "adhesion") == "associé")
        #expect(AuditPresentation.value("2020-01-01", key: "date_adhesion", of: "adhesion") == "01/01/2020")
        #expect(AuditPresentation.value("non", key: "actif", of: "utilisateur") == "non")
        #expect(AuditPresentation.fieldLabel("actif", of: "utilisateur") == "Compte actif")
        // an id nobody knows stays as it is
        let unknown = UUID().uuidString
        #expect(AuditPresentation.value(unknown, key: "structure", of: "adhesion", names: names) == unknown)
    }

    @Test("an unknown kind or field falls back to its raw key and value, never fails")
    func unknownFallsBack() {
        // MUT
        let changes = AuditPresentation.changes(of: "facture", before: ["montant_ht": "12.5", "payee": "false"],
                                                after: ["montant_ht": "13.75", "payee": "true", "echeance": "2026-02-30"])
        // validate
        #expect(AuditPresentation.kindLabel("facture") == "facture")
        let byField = Dictionary(uniqueKeysWithValues: changes.map { ($0.field, $0) })
        #expect(byField["montant_ht"]?.after.text == "13,75")
        #expect(byField["payee"]?.before.text == "non" && byField["payee"]?.after.text == "oui")
        #expect(byField["echeance"]?.after.text == "2026-02-30")  // not a real day: shown as stored
        #expect(AuditPresentation.value("{not json", key: "diviseurs", of: "campagne") == "{not json")
        #expect(AuditPresentation.value("abc", key: "permanents_etp", of: SurveyAnswer.auditEntity) == "abc")
    }
}
