/// The demo's questions to the legal desk: realistic subjects, texts and answers of an IAE network
/// (`{s}` = the asking structure's name, `{p}` = a person of the structure, both removed when an
/// answer becomes a note). Invented for the demo; no real case.
enum DemoLegalTexts {
    struct Topic: Sendable {
        let category: LegalCategory
        let subject: String
        let body: String
        let answer: String
        /// What the jurist asks when the question lacks a piece (nil: never asked).
        let request: String?
    }

    static let personNames = ["Claire Morvan", "Yann Le Goff", "Sophie Barreau", "Karim Haddad", "Nadia Ferhat",
                              "Julien Castel", "Hélène Roussel", "Thomas Giraud", "Aurélie Dumas", "Mehdi Benali",
                              "Isabelle Carré", "Pierre-Yves Le Bihan", "Fatou Diallo", "Laurent Vidal", "Émilie Chauvin"]

    static let genericRequest = "Pour vous répondre précisément, pouvez-vous nous indiquer la convention collective appliquée, l'effectif de la structure et les dates utiles ?"

    static let replies = [
        "Voici les pièces demandées : le contrat et ses avenants sont joints.",
        "Merci pour votre retour. Le salarié a bien été embauché le premier du mois, sans avenant depuis.",
        "Nos statuts ont été modifiés en assemblée générale l'an dernier ; la version en vigueur est jointe.",
        "La convention de mise à disposition ne prévoit pas de clause de durée. Le client est une commune.",
        "Le montant facturé l'an dernier est d'environ 60 000 € pour cette activité.",
    ]

    static let internalNotes = [
        "Question proche d'une réponse de l'an dernier : reprendre la fiche sur le CDDI et vérifier la jurisprudence récente.",
        "Attention : la structure a déjà eu un contentieux prud'homal sur ce point, rester prudent dans la formulation.",
        "À relire par Inès avant envoi (point fiscal délicat).",
        "Sujet récurrent : à transformer en fiche une fois la réponse envoyée.",
        "Appel téléphonique avec la directrice : elle préfère une réponse écrite courte.",
    ]

    static let topics: [Topic] = [
        // Droit du travail
        Topic(category: .labour, subject: "Renouvellement de la période d'essai d'un salarié en CDDI",
              body: "Chez {s}, nous avons embauché {p} en CDDI de 4 mois. La période d'essai de deux semaines se termine vendredi : pouvons-nous la renouveler ?",
              answer: "Un CDDI est un contrat à durée déterminée : sa période d'essai suit l'article L. 1242-10 du Code du travail (un jour par semaine, deux semaines au plus pour un contrat de six mois au plus). Elle ne peut pas être renouvelée, sauf si un accord de branche étendu le prévoit et que le contrat le stipule. En l'état, la période d'essai ne peut pas être prolongée.",
              request: "Pouvez-vous nous transmettre le contrat signé et préciser la convention collective appliquée ?"),
        Topic(category: .labour, subject: "Licenciement pour inaptitude d'un salarié en insertion",
              body: "Le médecin du travail a déclaré {p} inapte à son poste d'encadrant technique chez {s}. Quelle procédure suivre et quels délais ?",
              answer: "Après l'avis d'inaptitude, l'employeur recherche un reclassement en consultant le CSE s'il existe, puis, à défaut de poste compatible ou en cas de refus, engage la procédure de licenciement (entretien préalable, notification motivée). Le salaire doit être repris un mois après l'avis si le salarié n'est ni reclassé ni licencié (art. L. 1226-4).",
              request: "Pouvez-vous préciser si l'inaptitude est d'origine professionnelle et joindre l'avis du médecin du travail ?"),
        Topic(category: .labour, subject: "Rupture anticipée d'un CDDI pour une embauche en CDI",
              body: "{p}, salarié de {s} en CDDI, a trouvé un CDI dans une entreprise du territoire. Peut-il partir avant le terme de son contrat ?",
              answer: "Oui. Le salarié peut rompre le CDD avant son terme lorsqu'il justifie d'une embauche en CDI (art. L. 1243-2), en respectant un préavis d'un jour par semaine de contrat, deux semaines au plus. Le CDDI peut aussi être suspendu pour une période d'essai chez un autre employeur (art. L. 5132-15-1), ce qui sécurise le parcours.",
              request: nil),
        Topic(category: .labour, subject: "Heures complémentaires des salariés à temps partiel",
              body: "Nos salariés en parcours chez {s} sont à 26 heures par semaine. Combien d'heures complémentaires pouvons-nous leur demander et à quel taux ?",
              answer: "Les heures complémentaires sont limitées à un dixième de la durée prévue au contrat, ou au tiers si un accord le prévoit, sans atteindre 35 heures. Elles sont majorées de 10 % dans la limite du dixième, de 25 % au-delà. Le délai de prévenance est de trois jours ouvrés sauf accord.",
              request: nil),
        Topic(category: .labour, subject: "Congés payés pendant un arrêt maladie",
              body: "{p} est en arrêt maladie depuis trois mois. Acquiert-il des congés payés pendant cette période, et comment {s} doit-il les calculer ?",
              answer: "Depuis la loi du 22 avril 2024, l'arrêt maladie d'origine non professionnelle ouvre droit à deux jours ouvrables de congés par mois, dans la limite de 24 jours par an. Le report est de quinze mois après l'information donnée au salarié à son retour.",
              request: nil),
        Topic(category: .labour, subject: "Visite d'information et de prévention à l'embauche",
              body: "Faut-il organiser une visite médicale pour chaque salarié mis en situation de travail chez {s}, même pour un contrat de quelques semaines ?",
              answer: "Chaque salarié bénéficie d'une visite d'information et de prévention dans les trois mois suivant la prise de poste, sauf s'il en a eu une dans les cinq ans pour un emploi identique et qu'aucune inaptitude n'a été déclarée. Les postes à risque relèvent d'un suivi renforcé avec examen préalable.",
              request: nil),
        // Réglementation IAE
        Topic(category: .iae, subject: "Durée d'un parcours en ACI et prolongation du PASS IAE",
              body: "Le PASS IAE de {p} arrive à échéance dans un mois. {s} peut-il prolonger son parcours au-delà de 24 mois ?",
              answer: "Le parcours est de 24 mois au plus. Une prolongation est possible, sur demande motivée auprès de la plateforme de l'inclusion, pour terminer une formation, pour un salarié de 50 ans et plus, ou pour une personne rencontrant des difficultés particulièrement importantes (art. L. 5132-15-1 et R. 5132-1-8 et suivants).",
              request: "Pouvez-vous préciser l'âge du salarié et s'il suit une formation en cours ?"),
        Topic(category: .iae, subject: "Mise à disposition au-delà de 480 heures en entreprise",
              body: "{s} est une association intermédiaire. Une entreprise cliente souhaite garder {p} au-delà de 480 heures. Est-ce possible ?",
              answer: "La mise à disposition d'un même salarié auprès d'employeurs autres que des personnes physiques, des associations ou des collectivités est limitée à 480 heures sur 24 mois (art. L. 5132-9). Au-delà, il faut passer par une ETTI ou une embauche directe. Des dérogations existent dans certains territoires expérimentaux.",
              request: nil),
        Topic(category: .iae, subject: "Conventionnement ACI : dialogue de gestion et aide au poste",
              body: "La DDETS a convoqué {s} au dialogue de gestion annuel. Quels documents préparer et comment défendre le nombre d'aides au poste ?",
              answer: "Le dialogue de gestion examine le bilan de l'année (sorties dynamiques, accompagnement, formation) et le projet de l'année suivante. Préparez le bilan d'activité, les indicateurs de sortie, le budget prévisionnel et les justificatifs de formation. L'aide au poste comprend un montant socle et une part modulée selon les résultats.",
              request: "Pouvez-vous joindre votre dernier bilan d'activité et la convention en cours ?"),
        Topic(category: .iae, subject: "Éligibilité d'un candidat sans prescripteur",
              body: "{p} se présente directement chez {s}. Pouvons-nous valider nous-mêmes son éligibilité à l'IAE ?",
              answer: "Oui, une SIAE peut auto-prescrire en vérifiant les critères d'éligibilité et en conservant les justificatifs, qui peuvent être contrôlés a posteriori. Le PASS IAE est ensuite délivré sur la plateforme de l'inclusion.",
              request: nil),
        Topic(category: .iae, subject: "Cumul d'un CDDI avec une autre activité salariée",
              body: "Un salarié de {s} en CDDI de 20 heures souhaite travailler aussi le week-end dans un commerce. Est-ce compatible ?",
              answer: "Le cumul est possible tant que les durées maximales de travail et le repos quotidien et hebdomadaire sont respectés. Le contrat peut prévoir une clause d'information ; une clause d'exclusivité est à éviter pour un temps partiel.",
              request: nil),
        // Services à la personne
        Topic(category: .personalServices, subject: "Déclaration SAP et activités de jardinage",
              body: "{s} veut proposer du petit jardinage aux particuliers. Quelles démarches pour que les clients bénéficient du crédit d'impôt ?",
              answer: "Il faut une déclaration d'activité de services à la personne (plateforme NOVA) et une activité exclusive ou une comptabilité séparée. Le petit jardinage ouvre droit au crédit d'impôt dans la limite de 5 000 € de dépenses par an et par foyer. Délivrez une attestation fiscale annuelle à chaque client.",
              request: nil),
        Topic(category: .personalServices, subject: "Autorisation du département pour l'aide aux personnes âgées",
              body: "{s} intervient en ménage chez des particuliers. Des clients âgés nous demandent de l'aide au lever : faut-il une autorisation ?",
              answer: "L'aide et l'accompagnement des personnes âgées ou handicapées dans les actes essentiels relèvent d'une autorisation du conseil départemental (service autonomie à domicile). Le ménage seul relève de la simple déclaration. Sans autorisation, limitez-vous à l'entretien du logement.",
              request: nil),
        Topic(category: .personalServices, subject: "Avance immédiate du crédit d'impôt",
              body: "Comment {s} peut-il proposer l'avance immédiate du crédit d'impôt à ses clients particuliers ?",
              answer: "L'avance immédiate passe par l'API tiers de prestation de l'Urssaf : la structure s'y raccorde (directement ou par un éditeur), inscrit ses clients, puis déclare chaque facture. Le client ne paie que la moitié de la prestation.",
              request: nil),
        Topic(category: .personalServices, subject: "Attestation fiscale annuelle : mentions obligatoires",
              body: "Quelles mentions doit porter l'attestation fiscale que {s} envoie à ses clients chaque année ?",
              answer: "L'attestation mentionne le nom et le numéro de déclaration de l'organisme, le nom du client, la nature et le montant des prestations payées, les intervenants et les heures, ainsi que les sommes prises en charge par des aides. Elle est adressée avant le 31 mars.",
              request: nil),
        // Fiscalité
        Topic(category: .tax, subject: "Assujettissement à la TVA d'une activité de recyclerie",
              body: "{s} gère une recyclerie en plus de son chantier d'insertion. Les ventes sont-elles soumises à la TVA ?",
              answer: "Une association n'est soumise aux impôts commerciaux que si sa gestion n'est pas désintéressée ou si elle concurrence le secteur lucratif dans des conditions similaires (règle des « 4 P » : produit, public, prix, publicité). Les recettes lucratives accessoires sous le seuil de la franchise restent exonérées. Une analyse au cas par cas est nécessaire ; un rescrit fiscal sécurise la position.",
              request: "Pouvez-vous nous indiquer le montant annuel des ventes et les prix pratiqués par rapport aux commerces voisins ?"),
        Topic(category: .tax, subject: "Reçus fiscaux pour les dons à une association intermédiaire",
              body: "Un mécène souhaite faire un don à {s}. Pouvons-nous lui délivrer un reçu fiscal ?",
              answer: "Les associations d'intérêt général peuvent délivrer des reçus ; les associations intermédiaires agréées bénéficient d'un régime particulier pour les dons des particuliers (art. 200 du CGI). Vérifiez votre éligibilité, au besoin par rescrit, avant d'émettre un reçu : une émission irrégulière est sanctionnée par une amende.",
              request: nil),
        Topic(category: .tax, subject: "Contribution économique territoriale d'une entreprise d'insertion",
              body: "{s} est une SARL entreprise d'insertion. Sommes-nous redevables de la CFE et de la CVAE ?",
              answer: "Une entreprise d'insertion à forme commerciale est redevable de la CFE dans les conditions de droit commun ; la CVAE est due au-delà du seuil de chiffre d'affaires et supprimée progressivement. Certaines communes accordent des exonérations temporaires : renseignez-vous auprès du service des impôts des entreprises.",
              request: nil),
        // Droit des sociétés
        Topic(category: .company, subject: "Création d'une filiale SAS par une association",
              body: "{s} souhaite créer une SAS pour porter une activité de restauration. Quelles précautions prendre ?",
              answer: "L'association peut être associée unique d'une SAS. Prévoyez des conventions écrites (refacturation de personnel, locaux) à prix de marché, vérifiez que l'objet statutaire de l'association le permet et informez l'assemblée générale. Si la filiale vise le conventionnement EI, elle devra déposer sa propre demande.",
              request: nil),
        Topic(category: .company, subject: "Modification des statuts et transfert du siège",
              body: "{s} déménage dans la commune voisine. Faut-il une assemblée générale extraordinaire pour transférer le siège ?",
              answer: "Cela dépend des statuts : beaucoup permettent au conseil d'administration de transférer le siège dans le même département, avec ratification par la prochaine assemblée. Déclarez ensuite le changement au greffe des associations dans les trois mois et mettez à jour l'INSEE (SIRET).",
              request: "Pouvez-vous nous transmettre vos statuts à jour ?"),
        Topic(category: .company, subject: "Transformation d'une association en SCIC",
              body: "Le conseil d'administration de {s} envisage de devenir une SCIC. Quelles sont les étapes ?",
              answer: "La transformation d'une association en SCIC se fait sans création d'une personne morale nouvelle (art. 28 bis de la loi de 1947). Elle suppose une décision de l'assemblée extraordinaire, de nouveaux statuts réunissant au moins trois catégories d'associés dont les salariés et les bénéficiaires, et le maintien des réserves impartageables.",
              request: nil),
        // Autre
        Topic(category: .other, subject: "Clause sociale d'insertion dans un marché public",
              body: "La communauté de communes a publié un marché d'entretien des espaces verts avec une clause d'insertion. Comment {s} peut-il y répondre ?",
              answer: "La clause peut être une condition d'exécution (art. L. 2112-2 du Code de la commande publique) ou un marché réservé aux SIAE (art. L. 2113-13). La structure peut répondre seule, en groupement ou comme sous-traitante ; le facilitateur de la clause aide à compter les heures d'insertion.",
              request: nil),
        Topic(category: .other, subject: "Conservation des données des salariés en parcours (RGPD)",
              body: "Combien de temps {s} doit-il conserver les dossiers d'accompagnement des salariés en parcours ?",
              answer: "Conservez les données d'accompagnement le temps du parcours puis le temps nécessaire aux contrôles (en pratique la durée de la convention plus les délais de contrôle de l'aide au poste). Les bulletins de paie sont conservés cinq ans pour l'employeur. Tenez un registre des traitements et informez les salariés.",
              request: nil),
        Topic(category: .other, subject: "Assurance des véhicules prêtés aux salariés",
              body: "{s} prête un véhicule à {p} pour ses trajets domicile-travail. Quelle assurance et quelles règles ?",
              answer: "Le contrat d'assurance de la flotte doit couvrir l'usage privé et les trajets ; faites signer une convention de prêt précisant l'usage, les règles en cas d'infraction (désignation du conducteur) et la prise en charge des franchises. Le prêt peut constituer un avantage en nature.",
              request: nil),
        Topic(category: .other, subject: "Bail commercial pour une boutique solidaire",
              body: "{s} a trouvé un local pour une boutique solidaire. Un bail commercial est-il adapté à une association ?",
              answer: "Une association peut conclure un bail commercial si le bailleur y consent expressément, sans bénéficier du droit au renouvellement faute d'immatriculation au RCS. Un bail professionnel ou une convention d'occupation peuvent être plus adaptés ; négociez la clause de destination.",
              request: nil),
        Topic(category: .other, subject: "Subvention d'une collectivité et règle des minimis",
              body: "Le département propose une subvention à {s}. Faut-il tenir compte de la règle de minimis ?",
              answer: "Une aide publique à une activité économique est une aide d'État : sous le plafond de minimis (300 000 € sur trois ans glissants depuis 2024) elle est dispensée de notification. Tenez un tableau des aides reçues et demandez au financeur le fondement retenu.",
              request: nil),
    ]

    static func topics(of category: LegalCategory) -> [Topic] { topics.filter { $0.category == category } }

    static func fill(_ text: String, structure: String, person: String) -> String {
        text.replacingOccurrences(of: "{s}", with: structure).replacingOccurrences(of: "{p}", with: person)
    }
}
