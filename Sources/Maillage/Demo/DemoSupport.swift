import Fluent
import Foundation
import MaillageCore

/// The delegations' support of their members (issue #14): two years of supports per delegation
/// across the programmes (a few begun the autumn before, carried into the first year), and the
/// intervention days each delegation logs — about 60 to 90 days a year, mostly individual support,
/// then collective facilitation and training, a little representation (the seeds: 75 days = 10
/// training, 48 individual, 17 collective). The demo delegate records the PDL's; the other
/// delegations' delegates have no account (their name only). Deterministic, dated from « today ».
enum DemoSupport {
    /// The delegations' delegates by name (no real person); the PDL's is the demo account.
    static let delegateNames: [String: String] = [
        "ARA": "Sophie Marchand", "BFC": "Yann Perrin", "BRE": "Gaëlle Kerbrat", "CVL": "Nicolas Fontaine",
        "HDF": "Nadia Ferhat", "IDF": "Romain Lefèvre", "NOR": "Aurélie Hamon", "NAQ": "Cédric Faure",
        "OCC": "Inès Benali", "PDL": "Dominique Délégué", "PAC": "Laurent Blanchard", "GUA": "Valérie Traoré",
        "GUY": "Hugo Renaud", "OIN": "Awa Diallo",
    ]

    /// The programmes' weights in the supports started (relaunched CAP and the financial diagnosis often).
    static let programmeWeights: [(String, Int)] = [
        ("COODIAG", 12), ("CAP", 18), ("CEDRE-ISO", 16), ("POEC", 16), ("OPEN-BADGES", 10), ("DIAG-FIN", 20),
    ]

    /// Days a support of each programme usually lasts.
    static let durations: [String: ClosedRange<Int>] = [
        "COODIAG": 90...240, "CAP": 120...300, "CEDRE-ISO": 180...400, "POEC": 60...120, "OPEN-BADGES": 120...365, "DIAG-FIN": 45...150,
    ]

    struct Counts {
        var supports = 0
        var entries = 0
        var halfDays = 0
    }

    static func load(on tx: any Database, managed: Set<UUID>, map: NetworkMap, today: Day = .today()) async throws {
        var rng = DemoRandom(seed: 2121)
        let programmes = try await SupportProgramme.query(on: tx).sort(\.$position).all()
        guard !programmes.isEmpty else { return }
        let byCode = Dictionary(uniqueKeysWithValues: programmes.map { ($0.code, $0) })
        let weights = programmeWeights.filter { byCode[$0.0] != nil }
        let all = try await Structure.query(on: tx).with(\.$memberships).all().sorted { $0.siret < $1.siret }
        let delegateUser = try await User.query(on: tx).filter(\.$email == DemoNetwork.accounts[1].email).first()
        var local: [String: [Structure]] = [:]
        for s in all where DemoDues.isMember(s, on: today.iso) {
            if let d = map.delegation(ofDepartment: s.departmentCode) { local[d.code, default: []].append(s) }
        }
        let year = today.year
        var supports: [MemberSupport] = []
        var entries: [InterventionDay] = []

        for entry in map.delegations.sorted(by: { $0.code < $1.code }) {
            guard let members = local[entry.code], !members.isEmpty else { continue }
            let who: (id: UUID?, name: String) = entry.code == "PDL" && delegateUser != nil
                ? (delegateUser?.id, delegateUser!.displayName) : (nil, delegateNames[entry.code] ?? "Délégation \(entry.name)")
            var mine: [MemberSupport] = []
            func add(_ s: Structure, _ code: String, start: Day, forceStatus: SupportStatus? = nil) {
                guard let p = byCode[code] ?? byCode[weights.first?.0 ?? ""], start < today else { return }
                let m = MemberSupport(structureID: s.id!, programmeID: p.id!, delegationID: entry.delegationID, delegateID: who.id,
                                      delegateName: who.name, startedOn: start)
                m.id = UUID()
                let planned = start.adding(days: Int.random(in: durations[code] ?? 90...240, using: &rng))
                var status: SupportStatus = planned < today ? (rng.chance(0.88) ? .completed : .dropped) : (rng.chance(0.05) ? .dropped : .ongoing)
                if let f = forceStatus { status = f }
                switch status {
                case .completed:
                    let end = min(planned, today.adding(days: -1))
                    m.endedOn = max(end, start).iso
                    m.outcome = rng.pick(outcomes[code] ?? ["Accompagnement mené à son terme."])
                case .dropped:
                    let span = max(1, min(planned, today.adding(days: -1)) - start)
                    m.endedOn = start.adding(days: max(1, Int(Double(span) * Double.random(in: 0.3...0.8, using: &rng)))).iso
                    m.outcome = rng.pick(dropReasons)
                case .ongoing:
                    m.outcome = rng.chance(0.5) ? rng.pick(progress[code] ?? [""]) : ""
                }
                m.status = status.rawValue
                m.version = status == .ongoing ? Int.random(in: 1...2, using: &rng) : Int.random(in: 2...3, using: &rng)
                mine.append(m)
            }
            // The autumn before: a few supports carried into the first year.
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                add(rng.pick(members), DemoTraining.weighted(weights, rng: &rng),
                    start: DemoQuality.between(Day(year: year - 2, month: 9, day: 1)!, Day(year: year - 2, month: 12, day: 15)!, rng: &rng))
            }
            for y in [year - 1, year] {
                let count = max(3, Int(Double(members.count) * Double.random(in: 0.28...0.4, using: &rng)))
                let last = min(Day(year: y, month: 12, day: 15)!, today.adding(days: -5))
                for _ in 0..<count {
                    add(rng.pick(members), DemoTraining.weighted(weights, rng: &rng),
                        start: DemoQuality.between(Day(year: y, month: 1, day: 5)!, last, rng: &rng))
                }
            }
            // The demo member reads its own supports: CAP last year, Open Badges this year.
            if entry.code == "PDL", let ges = members.first(where: { managed.contains($0.id!) && $0.$gesParent.id == nil }) {
                add(ges, "CAP", start: Day(year: year - 1, month: 2, day: 10)!, forceStatus: .completed)
                add(ges, "OPEN-BADGES", start: min(Day(year: year, month: 3, day: 16)!, today.adding(days: -3)), forceStatus: .ongoing)
            }
            supports += mine

            // Intervention days: roughly 60 to 90 a year (a share of it this year, up to today).
            let full = min(90, max(60, 56 + members.count * 2 / 5 + Int.random(in: -3...4, using: &rng)))
            for y in [year - 1, year] {
                let first = Day(year: y, month: 1, day: 2)!
                let lastDay = min(Day(year: y, month: 12, day: 22)!, today)
                guard first <= lastDay else { continue }
                let share = y < year ? 1.0 : min(1.0, Double(lastDay - first + 1) / 355.0)
                let total = Int((Double(full * 2) * share).rounded())
                var plan: [(InterventionKind, Int)] = [
                    (.training, Int(Double(total) * Double.random(in: 0.11...0.15, using: &rng))),
                    (.collectiveFacilitation, Int(Double(total) * Double.random(in: 0.19...0.24, using: &rng))),
                    (.representation, Int(Double(total) * Double.random(in: 0.02...0.04, using: &rng))),
                    (.other, Int(Double(total) * Double.random(in: 0.0...0.02, using: &rng))),
                ]
                plan.insert((.individualSupport, max(0, total - plan.reduce(0) { $0 + $1.1 })), at: 0)
                for (kind, halfDays) in plan {
                    var left = halfDays
                    while left > 0 {
                        let size = min(left, rng.pick([1, 2, 2, 2, 2, 3, 4]))
                        left -= size
                        let day = DemoLegal.back(0, from: DemoQuality.between(first, lastDay, rng: &rng))
                        var structure: Structure?
                        var support: MemberSupport?
                        var note: String
                        switch kind {
                        case .individualSupport:
                            let running = mine.filter { $0.startedOn <= day.iso && ($0.endedOn ?? "9999") >= day.iso }
                            if !running.isEmpty && rng.chance(0.6) {
                                support = rng.pick(running)
                                structure = members.first { $0.id == support!.$structure.id }
                                let code = byCode.values.first { $0.id == support!.$programme.id }?.code ?? ""
                                note = rng.pick(supportSessions[code] ?? individualNotes)
                            } else {
                                if rng.chance(0.75) { structure = rng.pick(members) }
                                note = rng.pick(individualNotes)
                            }
                        case .collectiveFacilitation: note = rng.pick(collectiveNotes)
                        case .training: note = rng.pick(trainingNotes)
                        case .representation: note = rng.pick(representationNotes)
                        case .other: note = rng.pick(otherNotes)
                        }
                        let e = InterventionDay(delegationID: entry.delegationID, on: day, kind: kind, halfDays: size,
                                                structureID: structure?.id, supportID: support?.id, note: note, recordedBy: who.id)
                        e.id = UUID()
                        entries.append(e)
                    }
                }
            }
        }
        try await DemoQuality.insert(supports, on: tx)
        try await DemoQuality.insert(entries, on: tx)
        let halfDays = entries.reduce(0) { $0 + $1.halfDays }
        try await Audit.record(.create, "demo", id: "support",
                               summary: "Démonstration : \(supports.count) accompagnements, \(entries.count) saisies de journées d'intervention (\(halfDays / 2) jours)",
                               actor: nil, on: tx)
    }

    // MARK: - Words

    static let outcomes: [String: [String]] = [
        "COODIAG": ["Diagnostic territorial restitué au conseil d'administration ; trois pistes de développement retenues.",
                    "Diagnostic partagé avec les financeurs ; projet de nouvelle activité de services aux entreprises."],
        "CAP": ["Auto-diagnostic CAP mené avec l'équipe ; plan d'actions RSE adopté par le conseil d'administration.",
                "Démarche RSE lancée : référent désigné, premières actions environnementales engagées."],
        "CEDRE-ISO": ["Structure entrée dans le groupe certifié après son audit initial.",
                      "Revue documentaire et audit blanc menés ; système qualité prêt pour l'audit."],
        "POEC": ["POEC de 10 stagiaires montée avec l'opérateur de compétences ; 7 contrats signés à la sortie.",
                 "POEC logistique réalisée avec deux structures voisines ; 6 embauches en entreprise."],
        "OPEN-BADGES": ["Référentiel de 6 badges créé ; 24 badges remis aux salariés en parcours.",
                        "Badges de savoir-être intégrés aux bilans de sortie."],
        "DIAG-FIN": ["Plan de retour à l'équilibre présenté aux financeurs ; découvert renégocié.",
                     "Analyse des coûts de revient : tarifs revus sur deux activités.",
                     "Diagnostic financier partagé avec le conseil d'administration ; fonds de roulement reconstitué en deux ans."],
    ]
    static let progress: [String: [String]] = [
        "COODIAG": ["Collecte des données du territoire en cours."],
        "CAP": ["Auto-diagnostic en cours de saisie avec l'équipe."],
        "CEDRE-ISO": ["Revue documentaire engagée ; audit blanc à programmer."],
        "POEC": ["Recrutement des stagiaires en cours avec le service public de l'emploi."],
        "OPEN-BADGES": ["Premiers badges définis avec les encadrants."],
        "DIAG-FIN": ["Comptes des trois derniers exercices analysés ; restitution à venir."],
    ]
    static let dropReasons = [
        "Accompagnement interrompu à la demande de la structure (changement de direction).",
        "Arrêté d'un commun accord : la structure a d'autres priorités cette année.",
        "Suspendu faute de financement du projet.",
    ]
    static let supportSessions: [String: [String]] = [
        "COODIAG": ["COODIAG : entretiens avec les partenaires du territoire", "COODIAG : restitution du diagnostic"],
        "CAP": ["CAP : atelier d'auto-diagnostic avec l'équipe", "CAP : construction du plan d'actions RSE"],
        "CEDRE-ISO": ["CEDRE ISO : audit blanc", "CEDRE ISO : revue documentaire", "CEDRE ISO : préparation de l'audit croisé"],
        "POEC": ["POEC : montage avec l'opérateur de compétences", "POEC : comité de suivi"],
        "OPEN-BADGES": ["Open Badges : définition des badges avec les encadrants"],
        "DIAG-FIN": ["Diagnostic financier : analyse des comptes", "Diagnostic financier : plan de trésorerie"],
    ]
    static let individualNotes = [
        "Appui au dialogue de gestion", "Préparation du conventionnement", "Appui à la structuration en GES",
        "Réponse à un marché public avec clause sociale", "Appui au recrutement d'une direction", "Point d'étape avec la direction",
        "Appui au projet associatif", "Accompagnement CEDRE : préparation de l'audit",
    ]
    static let collectiveNotes = [
        "Groupe régional qualité", "Réunion des directeurs : actualités de l'insertion", "Atelier collectif sur la commande publique",
        "Groupe des petites associations intermédiaires rurales", "Groupe de travail CAP RSE", "Commission départementale",
    ]
    static let trainingNotes = [
        "Formation des encadrants techniques : prévention et sécurité", "Formation « Entrer dans la démarche qualité CEDRE »",
        "Formation au dialogue de gestion", "Accueil des nouveaux permanents du réseau",
    ]
    static let representationNotes = [
        "CDIAE", "Comité régional emploi-formation", "Rencontre avec les services de l'État", "Rencontre avec le conseil départemental",
    ]
    static let otherNotes = ["Préparation de l'assemblée régionale", "Journée régionale des adhérents"]
}
