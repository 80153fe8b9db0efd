import Fluent
import Foundation
import MaillageCore

/// The demo's resource library (issue #12): 30 guides, model contracts, notes and templates, public
/// or for members, each with one to three versions (real small PDF, DOCX and XLSX files built by
/// `DemoFiles`), indexed for search. `storeFiles` writes the bytes of the legal desk's and the
/// library's demo files into the file store once the database is loaded.
enum DemoLibrary {
    struct Resource {
        let title: String
        let description: String
        let kind: ResourceKind
        let theme: ResourceTheme
        let audience: ResourceAudience
        let file: FileKind
        /// One comment per version (the first is usually empty).
        let versions: [String]
    }

    static let resources: [Resource] = [
        Resource(title: "Guide de la commande publique socialement responsable", description: "Comprendre les clauses sociales, les marchés réservés et répondre en groupement : le guide de la fédération pour les structures d'insertion.", kind: .guide, theme: .legal, audience: .public, file: .pdf, versions: ["", "Mise à jour du Code de la commande publique", "Exemples de groupements ajoutés"]),
        Resource(title: "Modèle de CDDI à temps partiel", description: "Contrat à durée déterminée d'insertion de quatre mois à 26 heures par semaine, avec les clauses d'accompagnement et de suspension.", kind: .model, theme: .legal, audience: .members, file: .docx, versions: ["", "Clause de période d'essai corrigée"]),
        Resource(title: "Modèle de contrat de mise à disposition (association intermédiaire)", description: "Contrat entre l'association intermédiaire et l'utilisateur : durée, tâches, conditions de travail, facturation.", kind: .model, theme: .legal, audience: .members, file: .docx, versions: ["", "Rappel de la limite des 480 heures"]),
        Resource(title: "Modèle d'avenant de renouvellement de CDDI", description: "Avenant pour renouveler un CDDI dans la limite de 24 mois de parcours.", kind: .model, theme: .legal, audience: .members, file: .docx, versions: [""]),
        Resource(title: "Modèle de convention de prêt de véhicule", description: "Convention entre la structure et le salarié pour le prêt d'un véhicule : usage, assurance, infractions.", kind: .model, theme: .legal, audience: .members, file: .docx, versions: [""]),
        Resource(title: "Note : le CDI inclusion des seniors", description: "Conditions, aide au poste et démarches du CDI inclusion des salariés de 57 ans et plus.", kind: .note, theme: .legal, audience: .members, file: .pdf, versions: ["", "Précisions de la DGEFP"]),
        Resource(title: "Note : la réforme des congés payés pendant la maladie", description: "Ce que change la loi du 22 avril 2024 pour l'acquisition et le report des congés.", kind: .note, theme: .legal, audience: .members, file: .pdf, versions: [""]),
        Resource(title: "Tableau de suivi des heures de mise à disposition", description: "Classeur pour suivre par salarié et par utilisateur les heures de mise à disposition sur 24 mois glissants.", kind: .template, theme: .legal, audience: .members, file: .xlsx, versions: ["", "Colonne des dérogations ajoutée"]),
        Resource(title: "Registre des traitements de données (RGPD)", description: "Modèle de registre des traitements adapté aux structures d'insertion : recrutement, accompagnement, paie.", kind: .template, theme: .legal, audience: .members, file: .xlsx, versions: [""]),
        Resource(title: "Guide de l'employeur de l'IAE", description: "Les obligations de l'employeur dans l'insertion par l'activité économique : contrats, durée du travail, santé, formation.", kind: .guide, theme: .legal, audience: .public, file: .pdf, versions: ["", "Édition 2025", "Édition 2026"]),
        Resource(title: "Guide du développement d'activités solidaires", description: "De l'idée au plan d'action commercial : étapes, outils et exemples de structures du réseau.", kind: .guide, theme: .economic, audience: .public, file: .pdf, versions: ["", "Nouveaux exemples"]),
        Resource(title: "Modèle de plan d'action commercial", description: "Classeur pour construire son plan d'action commercial : cibles, offres, actions, calendrier.", kind: .template, theme: .economic, audience: .members, file: .xlsx, versions: [""]),
        Resource(title: "Kit création d'activités", description: "Fiches pratiques pour accompagner les porteurs de projet dans la création d'activités durables sur le territoire.", kind: .guide, theme: .economic, audience: .members, file: .pdf, versions: ["", "Fiche financement ajoutée"]),
        Resource(title: "Modèle de budget prévisionnel d'un atelier chantier", description: "Budget prévisionnel sur trois ans avec aide au poste, ventes et subventions.", kind: .template, theme: .economic, audience: .members, file: .xlsx, versions: ["", "Taux 2026"]),
        Resource(title: "Note : le fonds de garantie FG2I", description: "Comment mobiliser la garantie du fonds FG2I pour un prêt bancaire.", kind: .note, theme: .economic, audience: .members, file: .pdf, versions: [""]),
        Resource(title: "Guide des achats responsables pour les entreprises", description: "À destination des entreprises clientes : travailler avec les structures d'insertion du territoire.", kind: .guide, theme: .economic, audience: .public, file: .pdf, versions: [""]),
        Resource(title: "Modèle de convention de partenariat avec une entreprise", description: "Convention cadre entre une structure d'insertion et une entreprise partenaire (RSE, stages, recrutements).", kind: .model, theme: .economic, audience: .members, file: .docx, versions: [""]),
        Resource(title: "Référentiel CEDRE ISO 9001", description: "Le référentiel qualité du réseau, adossé à la norme ISO 9001, et ses exigences propres.", kind: .guide, theme: .quality, audience: .members, file: .pdf, versions: ["", "Version 2025 du référentiel"]),
        Resource(title: "Grille d'autodiagnostic CAP RSE", description: "Classeur d'autoévaluation de la responsabilité sociétale de la structure, par thème.", kind: .template, theme: .quality, audience: .members, file: .xlsx, versions: ["", "Questions sur l'environnement ajoutées"]),
        Resource(title: "Modèle de questionnaire de satisfaction des salariés", description: "Questionnaire annuel de satisfaction des salariés en parcours, prêt à imprimer.", kind: .template, theme: .quality, audience: .members, file: .docx, versions: [""]),
        Resource(title: "Guide de l'évaluation de l'utilité sociale", description: "Démarche et indicateurs pour évaluer et valoriser l'utilité sociale territoriale.", kind: .guide, theme: .quality, audience: .public, file: .pdf, versions: [""]),
        Resource(title: "Note : préparer l'audit de certification", description: "Les étapes avant l'audit : revue de direction, audits internes, actions correctives.", kind: .note, theme: .quality, audience: .members, file: .pdf, versions: [""]),
        Resource(title: "Modèle de procédure d'accueil des nouveaux salariés", description: "Procédure d'accueil et livret du salarié, à adapter à la structure.", kind: .template, theme: .quality, audience: .members, file: .docx, versions: ["", "Partie santé et sécurité complétée"]),
        Resource(title: "Charte graphique du réseau", description: "Logos, couleurs et règles d'usage de la marque pour les adhérents.", kind: .guide, theme: .communication, audience: .members, file: .pdf, versions: ["", "Nouveau logo"]),
        Resource(title: "Modèle de communiqué de presse", description: "Communiqué type pour annoncer un événement ou un nouveau service de la structure.", kind: .template, theme: .communication, audience: .members, file: .docx, versions: [""]),
        Resource(title: "Kit de présentation du réseau", description: "Présentation du réseau et de ses chiffres clés pour les partenaires et financeurs.", kind: .guide, theme: .communication, audience: .public, file: .pdf, versions: ["", "Chiffres 2025"]),
        Resource(title: "Rapport d'activité type", description: "Trame de rapport d'activité annuel : chiffres, parcours, témoignages.", kind: .template, theme: .communication, audience: .members, file: .docx, versions: [""]),
        Resource(title: "Tableau des chiffres clés pour les financeurs", description: "Classeur des indicateurs à présenter aux financeurs : ETP, sorties, heures travaillées.", kind: .template, theme: .communication, audience: .members, file: .xlsx, versions: [""]),
        Resource(title: "Note : communiquer sur les réseaux sociaux", description: "Bonnes pratiques et droit à l'image des salariés en parcours.", kind: .note, theme: .communication, audience: .public, file: .pdf, versions: [""]),
        Resource(title: "Guide de l'accueil des publics en difficulté", description: "Repères pour l'accueil et l'accompagnement des personnes éloignées de l'emploi.", kind: .guide, theme: .quality, audience: .public, file: .pdf, versions: ["", "Nouvelle partie sur la mobilité"]),
    ]

    /// The bytes of version `number` of a resource (a pure function of what its rows keep).
    static func versionData(title: String, number: Int, kind: FileKind, comment: String) -> Data {
        let lines = ["Version \(number)" + (comment.isEmpty ? "" : " : \(comment)"),
                     "Document de démonstration de la fédération Maillage.",
                     "Sommaire ; Objet ; Références ; Mise à jour", "1. Objet du document.", "2. Références juridiques et pratiques.",
                     "3. Mode d'emploi."]
        return DemoFiles.document(kind, title: title, lines: lines)
    }

    static func fileName(_ title: String, number: Int, kind: FileKind) -> String {
        let base = String(title.prefix(60)).replacingOccurrences(of: ":", with: " -").replacingOccurrences(of: "/", with: "-")
        return "\(base) v\(number).\(kind.extensions[0])"
    }

    static func load(on db: any Database, today: Day = .today()) async throws {
        let jurist = try await User.query(on: db).filter(\.$email == DemoLegal.juristEmails[0]).first()
        let admin = try await User.query(on: db).filter(\.$email == DemoNetwork.accounts[0].email).first()
        let start = Day(year: 2024, month: 1, day: 15)!
        let span = max(40, today - start - 30)
        for (i, spec) in resources.enumerated() {
            let author = spec.theme == .legal ? jurist : admin
            let created = start.adding(days: span * i / resources.count / 2)
            let r = LibraryResource()
            r.title = spec.title
            r.description = spec.description
            r.kind = spec.kind.rawValue
            r.theme = spec.theme.rawValue
            r.audience = spec.audience.rawValue
            r.currentVersion = spec.versions.count
            r.createdAt = DemoLegal.at(created, 10)
            r.createdBy = author?.id
            var last = r.createdAt
            r.updatedAt = last
            try await r.create(on: db)
            let rid = try r.requireID()
            for (n, comment) in spec.versions.enumerated() {
                let number = n + 1
                let day = created.adding(days: (today - created - 5) * n / max(1, spec.versions.count))
                let data = versionData(title: spec.title, number: number, kind: spec.file, comment: comment)
                let v = LibraryVersion()
                v.$resource.id = rid
                v.number = number
                v.fileKey = DemoFiles.key(for: data)
                v.fileName = fileName(spec.title, number: number, kind: spec.file)
                v.contentType = spec.file.contentType
                v.kind = spec.file.rawValue
                v.size = data.count
                v.sha256 = StoredFiles.sha256Hex(data)
                v.comment = comment
                v.uploadedBy = author?.id
                v.uploadedByName = author?.displayName ?? "Maillage"
                v.uploadedAt = DemoLegal.at(day, 10)
                last = v.uploadedAt
                try await v.create(on: db)
            }
            r.updatedAt = last
            try await r.save(on: db)
            try await SearchIndex.upsert(SearchDocument(id: rid, kind: .resource, title: spec.title, body: spec.description,
                                                        audience: spec.audience == .public ? .public : .members, updatedAt: last), on: db)
        }
    }

    /// Writes the demo's files (question attachments, library versions) into `files`, each rebuilt
    /// from its row and checked against the digest the row keeps. Files already there are left.
    static func storeFiles(_ files: any FileStore, on db: any Database) async throws {
        for a in try await LegalAttachment.query(on: db).all() where a.fileKey.hasPrefix("demo-") {
            guard let key = FileKey(a.fileKey), try files.get(key) == nil, let kind = FileKind(rawValue: a.kind) else { continue }
            let data = DemoFiles.attachment(name: a.fileName, kind: kind)
            if StoredFiles.sha256Hex(data) == a.sha256 { try files.put(data, key: key) }
        }
        for v in try await LibraryVersion.query(on: db).with(\.$resource).all() where v.fileKey.hasPrefix("demo-") {
            guard let key = FileKey(v.fileKey), try files.get(key) == nil, let kind = FileKind(rawValue: v.kind) else { continue }
            let data = versionData(title: v.resource.title, number: v.number, kind: kind, comment: v.comment)
            if StoredFiles.sha256Hex(data) == v.sha256 { try files.put(data, key: key) }
        }
    }
}
