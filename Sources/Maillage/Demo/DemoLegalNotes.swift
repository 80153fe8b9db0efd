import Fluent
import Foundation
import MaillageCore

/// The demo's legal notes (« fiches »): 20 published (two of them updated, « mise à jour »), two
/// drafts and one in review, with themes and validity dates, indexed for search. Texts invented
/// for the demo, anonymised as a note made from an answer is.
enum DemoLegalNotes {
    struct Note {
        let theme: LegalCategory
        let title: String
        let body: String
        /// Months after publication until which it is known to be right (nil: no limit set).
        let validMonths: Int?
        var status: NoteStatus = .published
        /// A « mise à jour » after publication: what changed and the added paragraph.
        var update: (summary: String, text: String)?
    }

    static let notes: [Note] = [
        Note(theme: .labour, title: "La période d'essai du CDDI",
             body: "Le contrat à durée déterminée d'insertion (CDDI) suit les règles du CDD pour la période d'essai : un jour par semaine de contrat, dans la limite de deux semaines pour un contrat de six mois au plus et d'un mois au-delà. Elle ne se renouvelle pas, sauf accord de branche étendu et clause du contrat. Le CDDI peut être suspendu pour permettre au salarié d'effectuer une période d'essai chez un autre employeur.",
             validMonths: 24),
        Note(theme: .labour, title: "Le licenciement pour inaptitude du salarié en insertion",
             body: "Après un avis d'inaptitude du médecin du travail, l'employeur recherche un reclassement adapté et consulte le CSE s'il existe. À défaut de poste ou en cas de refus motivé, les licenciements pour inaptitude suivent la procédure de droit commun : entretien préalable, lettre motivée, indemnités. Le salaire est repris un mois après l'avis si le salarié n'est ni reclassé ni licencié.",
             validMonths: 24),
        Note(theme: .labour, title: "Rompre un CDDI avant son terme",
             body: "Un CDDI peut être rompu avant son terme d'un commun accord, pour faute grave, pour force majeure, pour inaptitude, ou à l'initiative du salarié qui justifie d'une embauche en CDI ou d'une formation qualifiante. Le préavis est d'un jour par semaine de contrat, deux semaines au plus.",
             validMonths: nil),
        Note(theme: .labour, title: "Heures complémentaires et temps partiel",
             body: "Les heures complémentaires d'un salarié à temps partiel sont limitées au dixième de la durée contractuelle, ou au tiers par accord, et ne peuvent porter la durée à 35 heures. Majoration : 10 % jusqu'au dixième, 25 % au-delà. Le délai de prévenance est de trois jours ouvrés.",
             validMonths: 36),
        Note(theme: .labour, title: "Congés payés et arrêts maladie",
             body: "Depuis la loi du 22 avril 2024, le salarié en arrêt maladie non professionnel acquiert deux jours ouvrables de congés par mois, dans la limite de 24 jours par an ; l'arrêt d'origine professionnelle ouvre droit à 2,5 jours par mois. L'employeur informe le salarié de ses droits à son retour ; le report est de quinze mois.",
             validMonths: 18,
             update: ("Mise à jour : précisions sur l'information du salarié au retour d'arrêt",
                      "L'information du salarié au retour d'arrêt se fait dans le mois qui suit, par tout moyen donnant date certaine (bulletin de paie, courrier).")),
        Note(theme: .labour, title: "Le suivi médical des salariés en parcours",
             body: "Chaque salarié bénéficie d'une visite d'information et de prévention dans les trois mois de la prise de poste. Les postes à risque relèvent d'un suivi individuel renforcé avec un examen médical d'aptitude avant l'embauche. Pensez à l'adhésion au service de prévention et de santé au travail pour les salariés mis à disposition.",
             validMonths: 36),
        Note(theme: .iae, title: "Durée des parcours et prolongations du PASS IAE",
             body: "Le parcours en insertion dure 24 mois au plus. Les prolongations sont possibles pour achever une formation, pour les salariés de 50 ans et plus, ou pour les personnes rencontrant des difficultés particulièrement importantes. La demande est faite sur la plateforme de l'inclusion avant l'échéance, avec un bilan du parcours.",
             validMonths: 24),
        Note(theme: .iae, title: "La mise à disposition en association intermédiaire : la règle des 480 heures",
             body: "Une association intermédiaire peut mettre un même salarié à disposition d'employeurs autres que les particuliers, les associations et les collectivités dans la limite de 480 heures sur 24 mois. Au-delà, l'embauche directe ou le recours à une entreprise de travail temporaire d'insertion prend le relais. Les mises à disposition auprès des particuliers ne sont pas limitées.",
             validMonths: nil),
        Note(theme: .iae, title: "Préparer le dialogue de gestion annuel",
             body: "Le dialogue de gestion avec la DDETS examine l'année écoulée (sorties dynamiques, accompagnement, formation, santé financière) et le projet de l'année. Préparez les indicateurs de sortie, le bilan d'accompagnement et le budget prévisionnel. L'aide au poste comprend un socle et une part modulée selon les résultats et les caractéristiques des publics.",
             validMonths: 12,
             update: ("Mise à jour : calendrier des dialogues de gestion 2026",
                      "Pour 2026, les DDETS engagent les dialogues de gestion dès le premier trimestre ; transmettez les bilans avant fin février.")),
        Note(theme: .iae, title: "L'auto-prescription des structures d'insertion",
             body: "Une structure d'insertion peut vérifier elle-même l'éligibilité d'un candidat et obtenir le PASS IAE sur la plateforme de l'inclusion. Les justificatifs des critères d'éligibilité sont conservés et peuvent être contrôlés a posteriori : une fiche de suivi par candidat est recommandée.",
             validMonths: 24),
        Note(theme: .iae, title: "Le CDI inclusion des salariés de 57 ans et plus",
             body: "Les associations intermédiaires, ateliers et chantiers d'insertion et entreprises d'insertion peuvent conclure un CDI inclusion avec une personne de 57 ans et plus rencontrant des difficultés d'insertion, après au moins douze mois de parcours. L'aide au poste est maintenue pendant le contrat.",
             validMonths: 24),
        Note(theme: .personalServices, title: "Déclarer une activité de services à la personne",
             body: "La déclaration d'activité de services à la personne se fait sur la plateforme NOVA. Elle permet aux clients de bénéficier du crédit d'impôt de 50 %. L'activité doit être exclusive ou faire l'objet d'une comptabilité séparée. Le petit jardinage et le petit bricolage sont plafonnés.",
             validMonths: 24),
        Note(theme: .personalServices, title: "L'avance immédiate du crédit d'impôt",
             body: "Avec l'avance immédiate, le client particulier ne paie que la moitié de la prestation : la structure déclare la facture à l'Urssaf, qui verse l'autre moitié. Le raccordement à l'API tiers de prestation se fait directement ou par un éditeur de logiciel.",
             validMonths: 24),
        Note(theme: .personalServices, title: "Attestation fiscale annuelle des clients",
             body: "Chaque client reçoit avant le 31 mars une attestation fiscale annuelle : identité et numéro de déclaration de l'organisme, nature et montant des prestations payées, intervenants, heures, et aides reçues à déduire. Une attestation erronée expose la structure à une amende.",
             validMonths: nil),
        Note(theme: .tax, title: "Associations et impôts commerciaux : la règle des 4 P",
             body: "Une association n'est soumise aux impôts commerciaux que si sa gestion est intéressée ou si elle concurrence le secteur lucratif dans des conditions similaires : produit, public, prix et publicité. Les recettes lucratives accessoires sous le seuil de la franchise restent exonérées. Le rescrit fiscal sécurise la position de la structure.",
             validMonths: 24),
        Note(theme: .tax, title: "Reçus fiscaux : qui peut en délivrer ?",
             body: "Seuls les organismes d'intérêt général ou expressément visés par le Code général des impôts peuvent délivrer des reçus fiscaux. Une association qui n'est pas sûre de son éligibilité demande un rescrit avant d'émettre des reçus : une émission irrégulière est sanctionnée.",
             validMonths: 36),
        Note(theme: .company, title: "Créer une filiale commerciale d'une association",
             body: "Une association peut créer une SAS dont elle est l'associée unique pour porter une activité économique. Les relations entre les deux (personnel, locaux, services) font l'objet de conventions à prix de marché. Les statuts de l'association doivent permettre la prise de participation.",
             validMonths: nil),
        Note(theme: .company, title: "Transférer le siège d'une association",
             body: "Le transfert du siège relève des statuts : souvent le conseil d'administration décide dans le même département, l'assemblée ratifie. La modification est déclarée au greffe des associations dans les trois mois, puis l'INSEE attribue un nouveau SIRET à l'établissement.",
             validMonths: nil),
        Note(theme: .other, title: "Répondre aux marchés publics avec une clause sociale",
             body: "Les acheteurs publics peuvent insérer une clause d'insertion comme condition d'exécution ou réserver des marchés aux structures d'insertion. La structure répond seule, en groupement ou comme sous-traitante ; le facilitateur local aide à compter les heures. Le guide de la commande publique de la fédération détaille les étapes.",
             validMonths: 24),
        Note(theme: .other, title: "Les aides de minimis",
             body: "Les subventions des collectivités à une activité économique sont des aides d'État : sous le plafond de minimis de 300 000 € sur trois ans glissants, elles sont dispensées de notification. Tenez un tableau des aides reçues et de leur fondement.",
             validMonths: 36),
        // Not published yet: two drafts, one in review.
        Note(theme: .labour, title: "Le télétravail des salariés permanents", body: "Brouillon : accord ou charte, avenant, frais professionnels, droit à la déconnexion.",
             validMonths: nil, status: .draft),
        Note(theme: .other, title: "RGPD : durées de conservation des dossiers d'accompagnement", body: "Brouillon : données d'accompagnement, contrôles de l'aide au poste, bulletins de paie, registre des traitements.",
             validMonths: nil, status: .draft),
        Note(theme: .company, title: "Transformer une association en SCIC",
             body: "La transformation d'une association en SCIC ne crée pas de personne morale nouvelle. Elle suppose une assemblée extraordinaire, des statuts réunissant au moins trois catégories d'associés et le maintien des réserves impartageables.",
             validMonths: 36, status: .review),
    ]

    static func load(on db: any Database, jurists: [(UUID?, String)], today: Day) async throws {
        let start = Day(year: 2024, month: 2, day: 5)!
        let span = max(30, today - start - 20)
        for (i, spec) in notes.enumerated() {
            let (authorID, authorName) = jurists[i % 3 == 2 ? 1 : 0]
            let published = start.adding(days: span * i / notes.count)
            let n = LegalNote()
            n.title = spec.title
            n.theme = spec.theme.rawValue
            n.status = spec.status.rawValue
            n.authorID = authorID
            n.authorName = authorName
            n.reviewerID = spec.status == .published && i % 2 == 0 ? jurists[i % 3 == 2 ? 0 : 1].0 : nil
            n.validUntil = spec.validMonths.map { published.adding(days: $0 * 30).iso }
            n.sourceQuestionID = try await sourceQuestion(spec, on: db)
            let first = DemoLegal.at(published, 11)
            n.publishedAt = spec.status == .published ? first : nil
            n.body = spec.body
            n.revision = 1
            n.updatedAt = spec.status == .published ? first : DemoLegal.at(today.adding(days: -3 - i % 5), 15)
            var updatedAt = first
            if let update = spec.update {
                updatedAt = DemoLegal.at(published.adding(days: min(200, max(10, today - published - 5))), 10)
                n.body = spec.body + "\n\n" + update.text
                n.revision = 2
                n.updatedAt = updatedAt
            }
            try await n.create(on: db)
            let nid = try n.requireID()
            if spec.status == .published {
                try await revision(nid, 1, title: spec.title, body: spec.body, summary: "Première publication", by: (authorID, authorName),
                                   at: first, on: db)
                if let update = spec.update {
                    try await revision(nid, 2, title: spec.title, body: n.body, summary: update.summary, by: (authorID, authorName),
                                       at: updatedAt, on: db)
                }
                try await SearchIndex.upsert(SearchDocument(id: nid, kind: .note, title: n.title, body: n.body, audience: .members,
                                                            updatedAt: n.updatedAt), on: db)
            }
        }
    }

    /// The oldest closed question on the note's subject, when the note was made from an answer.
    static func sourceQuestion(_ note: Note, on db: any Database) async throws -> UUID? {
        guard let topic = DemoLegalTexts.topics.first(where: { $0.category == note.theme && sameSubject($0.subject, note.title) }) else { return nil }
        return try await LegalQuestion.query(on: db).filter(\.$subject == topic.subject).filter(\.$status == QuestionStatus.closed.rawValue)
            .sort(\.$askedAt).first()?.id
    }

    static func sameSubject(_ a: String, _ b: String) -> Bool {
        let wa = Set(SearchText.terms(a).map(FrenchStemmer.stem)), wb = Set(SearchText.terms(b).map(FrenchStemmer.stem))
        return wa.intersection(wb).count >= 2
    }

    static func revision(_ nid: UUID, _ number: Int, title: String, body: String, summary: String, by: (UUID?, String), at: Date,
                         on db: any Database) async throws {
        let r = LegalNoteRevision()
        r.$note.id = nid
        r.revision = number
        r.title = title
        r.body = body
        r.summary = summary
        r.changedBy = by.0
        r.changedByName = by.1
        r.changedAt = at
        try await r.create(on: db)
    }
}
