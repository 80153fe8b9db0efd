import Fluent
import Foundation
import MaillageCore

/// The demo's catalogue: about 60 courses across the eight themes (the federation's catalogue
/// holds « une soixantaine » of them, 13 new in one year), some certifying, some for members only,
/// and four packs of ordered courses.
extension DemoTraining {
    struct CourseSpec: Sendable {
        let code: String
        let title: String
        let theme: TrainingTheme
        /// Length in days (0: one half-day, remote).
        let days: Int
        var certifying = false
        var members = false
        var format: CourseFormat = .both
        /// Entered the catalogue in the year the demo is loaded.
        var new = false
    }

    static let courses: [CourseSpec] = [
        .init(code: "ETI-01", title: "Encadrant technique d'insertion : les fondamentaux", theme: .supervision, days: 3, certifying: true),
        .init(code: "ETI-02", title: "Organiser la production et transmettre les savoir-faire", theme: .supervision, days: 2, certifying: true),
        .init(code: "ETI-03", title: "Évaluer les compétences en situation de travail", theme: .supervision, days: 2, certifying: true),
        .init(code: "ETI-04", title: "Santé, sécurité et prévention des risques sur le chantier", theme: .supervision, days: 2, certifying: true),
        .init(code: "ETI-05", title: "Gérer les tensions et les conflits dans l'équipe de production", theme: .supervision, days: 2),
        .init(code: "ETI-06", title: "Encadrer des salariés en parcours dans les services à la personne", theme: .supervision, days: 2, new: true),
        .init(code: "ETI-07", title: "Le geste professionnel : de la consigne à l'autonomie", theme: .supervision, days: 1, new: true),
        .init(code: "ASP-01", title: "Accompagnement socioprofessionnel : posture et méthodes", theme: .support, days: 3),
        .init(code: "ASP-02", title: "Conduire l'entretien d'accueil et le diagnostic partagé", theme: .support, days: 2),
        .init(code: "ASP-03", title: "Lever les freins périphériques à l'emploi : mobilité, logement, santé", theme: .support, days: 2),
        .init(code: "ASP-04", title: "Construire le projet professionnel avec la personne", theme: .support, days: 2),
        .init(code: "ASP-05", title: "Relations entreprises et mises en situation professionnelle", theme: .support, days: 2),
        .init(code: "ASP-06", title: "Savoirs de base et lutte contre l'illettrisme en parcours", theme: .support, days: 2),
        .init(code: "ASP-07", title: "Accompagner les publics en situation de handicap", theme: .support, days: 1, new: true),
        .init(code: "ASP-08", title: "Préparer la sortie : emploi durable et formation qualifiante", theme: .support, days: 1),
        .init(code: "ASP-09", title: "Le numérique au service de l'accompagnement", theme: .support, days: 1, new: true),
        .init(code: "CIP-01", title: "Conseiller en insertion professionnelle : prise de poste", theme: .support, days: 3, certifying: true, members: true),
        .init(code: "DRT-01", title: "Droit du travail en IAE : contrats et parcours", theme: .hr, days: 2),
        .init(code: "DRT-02", title: "Le CDDI et la mise à disposition : règles et pratiques", theme: .hr, days: 1),
        .init(code: "DRT-03", title: "Temps de travail, absences et congés des salariés en parcours", theme: .hr, days: 1),
        .init(code: "DRT-04", title: "Rupture du contrat et procédure disciplinaire", theme: .hr, days: 1, members: true),
        .init(code: "DRT-05", title: "La convention collective des ateliers et chantiers d'insertion", theme: .hr, days: 1, members: true),
        .init(code: "DRT-06", title: "Actualité sociale de l'année : ce qui change pour les SIAE", theme: .hr, days: 0, members: true, format: .inter, new: true),
        .init(code: "RH-01", title: "Construire le plan de développement des compétences", theme: .hr, days: 2),
        .init(code: "RH-02", title: "Mobiliser les financements de la formation avec l'OPCO", theme: .hr, days: 1),
        .init(code: "RH-03", title: "Entretiens professionnels et gestion des parcours des permanents", theme: .hr, days: 1),
        .init(code: "RH-04", title: "Prévenir les risques psychosociaux", theme: .hr, days: 2, new: true),
        .init(code: "MGT-01", title: "Prendre ses fonctions de direction d'une SIAE", theme: .management, days: 3, members: true),
        .init(code: "MGT-02", title: "Animer une équipe de permanents", theme: .management, days: 2),
        .init(code: "MGT-03", title: "Conduire le changement dans une structure d'insertion", theme: .management, days: 2),
        .init(code: "MGT-04", title: "Manager à distance et en multisite", theme: .management, days: 1, new: true),
        .init(code: "MGT-05", title: "Prendre la parole et animer une réunion", theme: .management, days: 1),
        .init(code: "MGT-06", title: "Coordonner un groupe économique solidaire", theme: .management, days: 2, members: true),
        .init(code: "FIN-01", title: "Gestion financière d'une SIAE : lire ses comptes", theme: .finance, days: 2),
        .init(code: "FIN-02", title: "Construire et suivre son budget prévisionnel", theme: .finance, days: 2),
        .init(code: "FIN-03", title: "Les aides au poste et le dialogue de gestion", theme: .finance, days: 1),
        .init(code: "FIN-04", title: "Calculer ses coûts de revient et fixer ses prix", theme: .finance, days: 2),
        .init(code: "FIN-05", title: "Trésorerie : anticiper et négocier avec ses financeurs", theme: .finance, days: 1, members: true),
        .init(code: "FIN-06", title: "Diagnostic financier partagé : méthode et outils", theme: .finance, days: 1, members: true, new: true),
        .init(code: "FIN-07", title: "Paie et charges sociales des contrats aidés", theme: .finance, days: 1),
        .init(code: "QUA-01", title: "Entrer dans la démarche qualité CEDRE", theme: .quality, days: 2, members: true),
        .init(code: "QUA-02", title: "Piloter le système de management de la qualité CEDRE ISO 9001", theme: .quality, days: 2, members: true),
        .init(code: "QUA-03", title: "Auditeur interne croisé CEDRE ISO", theme: .quality, days: 3, certifying: true, members: true),
        .init(code: "QUA-04", title: "Engager sa structure dans une démarche RSE : CAP RSE", theme: .quality, days: 2, members: true),
        .init(code: "QUA-05", title: "Préparer l'audit Qualiopi", theme: .quality, days: 1),
        .init(code: "QUA-06", title: "Mesurer et valoriser son utilité sociale", theme: .quality, days: 2, new: true),
        .init(code: "DEV-01", title: "Marchés publics et clauses sociales : répondre à un appel d'offres", theme: .development, days: 2),
        .init(code: "DEV-02", title: "Élaborer un plan d'action commercial", theme: .development, days: 2),
        .init(code: "DEV-03", title: "Développer une nouvelle activité : de l'idée au modèle économique", theme: .development, days: 2),
        .init(code: "DEV-04", title: "Coopérer sur son territoire : PTCE et partenariats", theme: .development, days: 1, new: true),
        .init(code: "DEV-05", title: "Communiquer sur son action : outils et réseaux sociaux", theme: .development, days: 1),
        .init(code: "DEV-06", title: "Relation client dans les services aux particuliers", theme: .development, days: 1),
        .init(code: "DEV-07", title: "Achats responsables : se faire connaître des acheteurs privés", theme: .development, days: 0, format: .inter, new: true),
        .init(code: "GOV-01", title: "Gouvernance associative : rôles du bureau et du conseil", theme: .governance, days: 1, members: true),
        .init(code: "GOV-02", title: "Le projet associatif : l'écrire et le faire vivre", theme: .governance, days: 1),
        .init(code: "GOV-03", title: "Administrateur bénévole d'une structure d'insertion", theme: .governance, days: 1, members: true),
        .init(code: "GOV-04", title: "Relations entre direction et conseil d'administration", theme: .governance, days: 1, members: true),
        .init(code: "GOV-05", title: "Rapport d'activité et assemblée générale", theme: .governance, days: 0, format: .inter, new: true),
        .init(code: "GOV-06", title: "Associer les salariés en parcours à la vie de la structure", theme: .governance, days: 1, new: true),
        .init(code: "GOV-07", title: "Fusions, groupements et coopérations entre associations", theme: .governance, days: 2, members: true),
    ]

    /// Packs: ordered courses.
    static let packs: [(code: String, title: String, description: String, members: Bool, courses: [String])] = [
        ("PACK-ETI", "Parcours encadrant technique", "Le parcours certifiant d'encadrant technique d'insertion, module après module.",
         false, ["ETI-01", "ETI-02", "ETI-03", "ETI-04"]),
        ("PACK-CIP", "Pack conseiller en insertion professionnelle", "Les modules de l'accompagnement, de l'accueil à la sortie.",
         false, ["CIP-01", "ASP-02", "ASP-04", "ASP-08"]),
        ("PACK-DIR", "Pack direction de SIAE", "Prendre la direction d'une structure : management, finances, gouvernance.",
         true, ["MGT-01", "FIN-01", "FIN-02", "GOV-04"]),
        ("PACK-QUA", "Pack qualité et RSE", "De la démarche CEDRE à la certification et à la RSE.",
         true, ["QUA-01", "QUA-02", "QUA-04"]),
    ]

    /// Writes the courses and the packs; the courses by code.
    static func writeCatalogue(on db: any Database, today: Day, rng: inout DemoRandom) async throws -> [String: TrainingCourse] {
        var byCode: [String: TrainingCourse] = [:]
        var models: [TrainingCourse] = []
        for spec in courses {
            let c = TrainingCourse()
            c.id = UUID()
            c.code = spec.code
            c.title = spec.title
            c.theme = spec.theme.rawValue
            c.objectives = "À l'issue de la formation, les participants sauront situer les enjeux du thème « \(spec.theme.label) » dans leur structure et appliquer les méthodes vues en atelier."
            c.prerequisites = spec.code.hasSuffix("-01") ? "Aucun." : "Être en poste dans une structure de l'insertion par l'activité économique."
            c.audience = audience(spec.theme)
            c.durationMinutes = spec.days == 0 ? 180 : spec.days * 420
            c.priceCents = spec.days == 0 ? 9_000 : Int64(spec.days) * (spec.members ? 32_000 : 38_000)
            c.intraDayPriceCents = spec.format == .inter ? nil : 115_000
            c.format = spec.format.rawValue
            c.certifying = spec.certifying
            c.visibility = (spec.members ? CourseVisibility.members : .public).rawValue
            c.active = !["DRT-03", "DEV-06"].contains(spec.code)
            c.introducedYear = spec.new ? today.year : today.year - 1 - Int.random(in: 0...9, using: &rng)
            models.append(c)
            byCode[spec.code] = c
        }
        try await models.create(on: db)
        for p in packs {
            let pack = TrainingPack()
            pack.code = p.code
            pack.title = p.title
            pack.description = p.description
            pack.visibility = (p.members ? CourseVisibility.members : .public).rawValue
            pack.active = true
            try await pack.create(on: db)
            for (i, code) in p.courses.enumerated() {
                try await TrainingPackCourse(packID: pack.requireID(), courseID: byCode[code]!.requireID(), position: i + 1).create(on: db)
            }
        }
        return byCode
    }

    static func audience(_ theme: TrainingTheme) -> String {
        switch theme {
        case .supervision: "Encadrants techniques, chefs d'équipe et responsables de production."
        case .support: "Conseillers en insertion professionnelle, accompagnateurs socioprofessionnels."
        case .hr: "Responsables des ressources humaines, directions, assistants administratifs."
        case .management: "Directions et cadres de structures d'insertion."
        case .finance: "Directions, comptables et responsables administratifs et financiers."
        case .quality: "Référents qualité, directions."
        case .development: "Directions, chargés de développement et de relations entreprises."
        case .governance: "Administrateurs bénévoles et directions."
        }
    }
}
