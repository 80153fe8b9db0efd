import Foundation
import MaillageCore

/// The delegates' mock audits (« audits blancs »): one some weeks before an initial audit (more
/// often in the PDL, where the demo delegate holds them), and for members engaged in the approach,
/// with strengths, findings and the recommendations that answer them.
extension DemoQuality {
    static func mockAudits(_ written: [Written], ctx: Context, rng: inout DemoRandom) -> [MockAudit] {
        let today = ctx.today
        var out: [MockAudit] = []
        for w in written {
            let s = w.plan.structure, code = w.plan.standard.code
            guard s.id != ctx.target?.id, ["CEDRE", "CEDRE-ISO", "CAP-RSE"].contains(code) else { continue }
            let mine = ctx.managed.contains(s.id!)
            let often = ctx.isPDL(s) ? 0.7 : 0.35
            var held: Day?
            var readiness = MockAuditReadiness.almost
            switch w.plan.fate {
            case .engaged(let since, let audit):
                if audit != nil, mine || rng.chance(0.8) {
                    held = between(max(since.adding(days: 20), today.adding(days: -75)), today.adding(days: -3), rng: &rng)
                    readiness = rng.chance(0.25) ? .ready : rng.chance(0.8) ? .almost : .notReady
                } else if audit == nil, rng.chance(0.5) {
                    held = between(since.adding(days: 30), today.adding(days: -3), rng: &rng)
                    readiness = rng.chance(0.6) ? .notReady : .almost
                }
            case .withdrawnEngaged(let since, let on):
                if rng.chance(0.5) {
                    held = between(since.adding(days: 30), on.adding(days: -10), rng: &rng)
                    readiness = .notReady
                }
            default:
                if let a = w.initialAudit, a.year >= 2018, mine || rng.chance(often) {
                    held = a.adding(days: -Int.random(in: 20...60, using: &rng))
                    readiness = rng.chance(0.55) ? .ready : .almost
                }
            }
            let engagedOn = Day(iso: w.certification.engagedOn)
            guard let day = held, today > day, engagedOn.map({ day > $0 }) ?? true else { continue }
            let who = ctx.delegateOf(s)
            let m = MockAudit()
            m.id = UUID()
            m.$structure.id = s.id!
            m.$standard.id = w.plan.standard.id!
            m.heldOn = day.iso
            m.$auditorUser.id = who.id
            m.auditorName = who.name
            m.readiness = readiness.rawValue
            let gaps = code == "CAP-RSE" ? rseGaps : cedreGaps
            let count = readiness == .ready ? 1 : readiness == .almost ? Int.random(in: 2...3, using: &rng) : Int.random(in: 3...4, using: &rng)
            let chosen = Array(gaps.shuffled(using: &rng).prefix(count))
            m.strengths = Array((code == "CAP-RSE" ? rseStrengths : cedreStrengths).shuffled(using: &rng).prefix(readiness == .notReady ? 1 : 2))
                .joined(separator: "\n")
            m.findings = chosen.map(\.finding).joined(separator: "\n")
            var advice = chosen.map(\.advice)
            if readiness != .ready { advice.append(rng.pick(followUps)) }
            m.recommendations = advice.joined(separator: "\n")
            out.append(m)
        }
        return out
    }

    static let cedreStrengths = [
        "Accueil formalisé : livret d'accueil à jour, remis et commenté à chaque entrée en parcours.",
        "Engagements réciproques signés pour presque tous les salariés en parcours, revus en entretien.",
        "Référente qualité identifiée, disponible et soutenue par la direction.",
        "Partenariats solides avec le service public de l'emploi et les organismes de formation du territoire.",
        "Tableau de bord des sorties tenu à jour et présenté au conseil d'administration.",
        "Équipe d'encadrement stable, réunions de coordination hebdomadaires tracées.",
        "Mises à disposition bien préparées : fiches de poste et consignes de sécurité remises aux clients.",
    ]
    static let cedreGaps: [(finding: String, advice: String)] = [
        ("Bilans d'engagements réciproques non tracés dans 4 dossiers sur les 12 consultés.",
         "Tenir un échéancier des bilans d'engagements et les planifier à trois mois."),
        ("Aucune procédure écrite pour les réclamations des clients ; les réclamations reçues ne sont pas enregistrées.",
         "Rédiger la procédure de traitement des réclamations et ouvrir un registre."),
        ("Pas de revue de direction depuis plus d'un an.",
         "Tenir une revue de direction avant l'audit, avec un compte rendu et des décisions datées."),
        ("Plan de formation des salariés en parcours sans lien avec les besoins repérés aux diagnostics.",
         "Relier chaque action de formation à un besoin noté dans le diagnostic d'entrée."),
        ("Enquêtes de satisfaction des clients envoyées mais jamais exploitées.",
         "Analyser les retours une fois par an et en tirer deux ou trois actions."),
        ("Fiches de poste des permanents non mises à jour depuis la réorganisation.",
         "Mettre à jour les fiches de poste et les faire valider en réunion d'équipe."),
        ("Pas d'indicateur de suivi des sorties vers l'emploi durable.",
         "Suivre chaque trimestre les sorties dynamiques et les présenter au conseil d'administration."),
        ("Évaluation des risques absente pour deux missions de mise à disposition.",
         "Joindre l'évaluation des risques du poste à chaque contrat de mise à disposition."),
        ("Documents qualité en plusieurs versions, sans date ni indice de révision.",
         "Mettre en place une liste des documents en vigueur avec leur date de révision."),
    ]
    static let rseStrengths = [
        "Projet associatif explicite sur l'utilité sociale et territoriale.",
        "Tri des déchets en place sur l'atelier et dans les locaux.",
        "Dialogue régulier avec les salariés en parcours sur leurs conditions de travail.",
    ]
    static let rseGaps: [(finding: String, advice: String)] = [
        ("Parties prenantes non identifiées ni consultées sur la démarche RSE.",
         "Cartographier les parties prenantes et les réunir une fois par an."),
        ("Aucun suivi des consommations d'énergie des locaux et des véhicules.",
         "Relever les consommations chaque mois et fixer un objectif de réduction."),
        ("Achats sans critère social ou environnemental.",
         "Ajouter deux critères responsables aux achats de fournitures et d'équipements."),
        ("Document unique d'évaluation des risques non révisé depuis trois ans.",
         "Réviser le document unique avec les encadrants et le présenter au CSE."),
    ]
    static let followUps = [
        "Programmer un second audit blanc un mois avant l'audit.",
        "Faire suivre au référent qualité le module « Entrer dans la démarche qualité CEDRE ».",
        "Faire le point avec la délégation dans six semaines sur les écarts levés.",
    ]
}
