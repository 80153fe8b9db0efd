import Foundation
import Vapor

/// The help pages: one short page per section, written for the person's roles (a member
/// manager does not read the delegate's validation steps, and the other way round).
enum HelpSection: String, CaseIterable, Sendable {
    case annuaire, adhesions, observatoire, cotisations, juridique, ressources, `import`, comptes
    case formations
    case agenda
    case qualite, accompagnement

    var title: String {
        switch self {
        case .annuaire: "Annuaire"
        case .adhesions: "Adhésions"
        case .observatoire: "Observatoire"
        case .cotisations: "Cotisations"
        case .juridique: "Appui juridique"
        case .ressources: "Ressources"
        case .import: "Import"
        case .comptes: "Comptes"
        case .formations: "Formations"
        case .agenda: "Agenda"
        case .qualite: "Qualité"
        case .accompagnement: "Accompagnement"
        }
    }

    var summary: String {
        switch self {
        case .annuaire: "Trouver une structure, filtrer la liste, l'exporter."
        case .adhesions: "Lire et tenir à jour la fiche d'une structure et ses périodes d'adhésion."
        case .observatoire: "Répondre au questionnaire annuel, suivre et valider les réponses, lire les résultats."
        case .cotisations: "Comprendre son appel de cotisation, payer, suivre les encaissements, relancer et exporter."
        case .juridique: "Poser une question aux juristes, suivre le délai promis, lire les fiches et les statistiques."
        case .ressources: "Guides, modèles de contrats et documents du réseau : chercher, télécharger, publier une version."
        case .import: "Charger un fichier d'adhérents : aperçu, corrections, application."
        case .comptes: "Mot de passe, sessions, jetons d'API et, pour l'administration, comptes et rôles."
        case .formations: "Catalogue, sessions, inscriptions, émargement, attestations, avis et chiffres de l'organisme de formation."
        case .agenda: "Événements du réseau, vue par mois, inscriptions et abonnements iCalendar."
        case .qualite: "Certifications et audits, échéances, chiffres de l'année, auto-diagnostic CAP et plan d'actions."
        case .accompagnement: "Accompagnements des adhérents par programme, journées d'intervention des délégations et leurs chiffres."
        }
    }

    var icon: Icon {
        switch self {
        case .annuaire: .users
        case .adhesions: .check
        case .observatoire: .chart
        case .cotisations: .check
        case .juridique: .scale
        case .ressources: .book
        case .import: .upload
        case .comptes: .settings
        case .formations: .graduation
        case .agenda: .calendar
        case .qualite: .check
        case .accompagnement: .map
        }
    }

    /// The section a page belongs to, from its path: the header's « Aide » opens its help.
    static func of(path: String) -> HelpSection? {
        let parts = path.split(separator: "/").map(String.init)
        guard let first = parts.first else { return nil }
        switch first {
        case "aide": return parts.count > 1 ? HelpSection(rawValue: parts[1]) : nil
        case "annuaire", "delegations", "export": return .annuaire
        case "adherents": return parts.count == 1 || parts[1] == "nouveau" ? .annuaire : .adhesions
        case "observatoire": return .observatoire
        case "cotisations": return .cotisations
        case "juridique": return .juridique
        case "ressources": return .ressources
        case "import": return .import
        case "compte", "admin": return .comptes
        case "formations": return .formations
        case "agenda": return .agenda
        case "qualite": return .qualite
        case "accompagnement": return .accompagnement
        default: return nil
        }
    }
}

enum HelpController {
    struct Item: Encodable, Sendable {
        let title: String
        let summary: String
        let href: String
        let icon: String
        let current: Bool
    }

    struct HelpPage: Encodable, Sendable {
        let heading: String
        let sections: [Item]
        /// Which parts of the text apply: an administrator reads them all.
        let admin: Bool
        let delegate: Bool
        let member: Bool
        /// The pages the text points to, when the person may open them (`req.link(to:)`).
        let links: [String: String]
        let contactHref: String?
        let contactLabel: String?
    }

    static func index(_ req: Request) async throws -> Response {
        try await req.renderPage("help/index", title: "Aide", page(req, current: nil))
    }

    static func section(_ req: Request) async throws -> Response {
        guard let slug = req.parameters.get("section"), let section = HelpSection(rawValue: slug) else {
            throw Abort(.notFound, reason: "Cette page d'aide n'existe pas. Les rubriques d'aide sont listées sur la page « Aide ».")
        }
        return try await req.renderPage("help/" + section.rawValue, title: "Aide · " + section.title, page(req, current: section))
    }

    static func page(_ req: Request, current: HelpSection?) throws -> HelpPage {
        let user = try req.requireUser()
        let links: [String: SiteURL] = [
            "home": .home, "directory": .directory, "publicDirectory": .publicDirectory, "delegations": .delegations,
            "newStructure": .newStructure, "observatory": .observatory, "dues": .dues(.home), "legal": .legal(.home), "legalNotes": .legal(.notes), "legalStatistics": .legal(.statistics), "library": .library(.home), "importMembers": .importMembers,
            "account": .account, "users": .users, "auditLog": .auditLog, "help": .help, "openAPI": .openAPI,
            "quality": .quality(.home), "qualityFigures": .quality(.figures), "qualityFollowUp": .quality(.followUp), "support": .support(.home), "supportFigures": .support(.figures),
        ]
        let theme = req.application.theme
        return HelpPage(
            heading: current.map { "Aide · " + $0.title } ?? "Aide",
            sections: HelpSection.allCases.compactMap { s in
                req.link(to: .helpSection(s.rawValue)).map {
                    Item(title: s.title, summary: s.summary, href: $0, icon: s.icon.rawValue, current: s == current)
                }
            },
            admin: user.isNationalAdmin,
            delegate: user.has(.regionalDelegate),
            member: user.has(.memberManager),
            links: links.compactMapValues { req.link(to: $0) },
            contactHref: theme?.contact?.href,
            contactLabel: theme?.contact?.label)
    }
}
