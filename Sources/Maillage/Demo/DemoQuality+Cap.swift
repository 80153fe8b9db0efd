import Fluent
import Foundation
import MaillageCore

/// The CAP self-assessment: the questionnaires of the current year and the two before (the
/// built-in set, `CapDefaultQuestions`; this year's has one question reworded and one added), the
/// assessments of about a hundred members over those three years — answers improving a little each
/// year, scores stored as `CapScoring` computes them, some drafts this year — and the action plans
/// with actions in every status.
extension DemoQuality {
    struct CapCounts {
        var assessments = 0
        var actions = 0
    }

    /// This year's changes to the built-in set: a question reworded, one added.
    static let rewordedCode = "ENV-4"
    static let rewordedText = "Les achats intègrent des critères sociaux et environnementaux (fournisseurs locaux, structures de l'ESS, produits durables)."
    static let addedCode = "ENV-5"
    static let addedText = "La structure a estimé son empreinte carbone ou engagé une démarche bas carbone."

    /// The assessed members: aimed at about a hundred.
    static let assessedTarget = 105

    static func writeCap(_ ctx: Context, on db: any Database, rng: inout DemoRandom) async throws -> CapCounts {
        let year = ctx.today.year
        let years = [year - 2, year - 1, year]

        // Questionnaires.
        var questionnaires: [CapQuestionnaire] = []
        var questions: [Int: [CapQuestion]] = [:]
        for y in years {
            let q = CapQuestionnaire(year: y, title: CapDefaultQuestions.title(y), scaleLabels: CapDefaultQuestions.scaleLabels)
            q.id = UUID()
            questionnaires.append(q)
            var specs = CapDefaultQuestions.questions.map { ($0.axis, $0.code, $0.text, $0.help, $0.scaleMax, $0.weight) }
            if y == year {
                if let i = specs.firstIndex(where: { $0.1 == rewordedCode }) {
                    specs[i].2 = rewordedText
                    specs.insert((.environment, addedCode, addedText, "Un bilan simplifié suffit : énergie, déplacements, achats.", 3, 1), at: i + 1)
                } else {
                    specs.append((.environment, addedCode, addedText, "", 3, 1))
                }
            }
            questions[y] = specs.enumerated().map { i, s in
                let question = CapQuestion(questionnaireID: q.id!, axis: s.0, position: i + 1, code: s.1, text: s.2, help: s.3, scaleMax: s.4, weight: s.5)
                question.id = UUID()
                return question
            }
        }

        // Who answers: the demo member's structures, every GES, at least seven of each type the
        // member's structures are compared within (guarantee (d)), then members with a quality approach first.
        let comparison = Set(ctx.active.filter { ctx.managed.contains($0.id!) }.map(AssessmentResults.comparisonType))
        var core: [Structure] = ctx.active.filter { ctx.managed.contains($0.id!) || $0.types.contains(.ges) }
        var chosen = Set(core.compactMap(\.id))
        let shuffled = ctx.active.shuffled(using: &rng)
        for type in comparison.sorted() {
            var have = core.filter { $0.types.contains(type) && !ctx.managed.contains($0.id!) }.count
            for s in shuffled where have < 7 && s.types.contains(type) && !chosen.contains(s.id!) {
                core.append(s)
                chosen.insert(s.id!)
                have += 1
            }
        }
        var others: [Structure] = []
        for s in shuffled where core.count + others.count < assessedTarget && !chosen.contains(s.id!) {
            others.append(s)
            chosen.insert(s.id!)
        }

        var assessments: [CapAssessment] = [], answers: [CapAnswer] = [], scores: [CapScore] = []
        var actions: [CapAction] = []
        let questionnaireOf = Dictionary(uniqueKeysWithValues: questionnaires.map { ($0.year, $0.id!) })
        for (index, s) in (core + others).enumerated() {
            let mine = ctx.managed.contains(s.id!)
            let isCore = index < core.count
            // Which years: the member's structures the two past years and not this one.
            var submitted: [Int] = []
            var draft = false
            if mine {
                submitted = [year - 2, year - 1]
            } else {
                let start = isCore ? (rng.chance(0.8) ? year - 2 : year - 1) : (rng.chance(0.7) ? year - 2 : year - 1)
                submitted = start == year - 2 ? [year - 2, year - 1] : [year - 1]
                if !isCore && start == year - 2 && rng.chance(0.05) { submitted = [year - 2] }
                let x = Double.random(in: 0..<1, using: &rng)
                if x < 0.67 { submitted.append(year) } else if x < 0.84 { draft = true }
            }
            let maturity = Double.random(in: 0.7...2.0, using: &rng)
            let growth = Double.random(in: 0.1...0.35, using: &rng)
            var bias: [String: Double] = [:]
            for q in questions[year]! { bias[q.code] = Double.random(in: -0.6...0.6, using: &rng) }
            let notConcerned: Set<String> = rng.chance(0.1) ? [rng.pick(["ENV-3", "OFF-4", "ENV-1"])] : []
            func level(_ code: String, _ y: Int) -> Int? {
                if notConcerned.contains(code) { return nil }
                let v = maturity + (bias[code] ?? 0) + growth * Double(y - (year - 2)) + Double.random(in: -0.45...0.45, using: &rng)
                return min(3, max(0, Int(v.rounded())))
            }

            for y in years where submitted.contains(y) || (y == year && draft) {
                let a = CapAssessment(structureID: s.id!, year: y, questionnaireID: questionnaireOf[y]!)
                a.id = UUID()
                let qs = questions[y]!
                var values: [Int?] = []
                let isDraft = !submitted.contains(y)
                let answered = isDraft ? Int(Double(qs.count) * Double.random(in: 0.3...0.8, using: &rng)) : qs.count
                for (i, q) in qs.enumerated() {
                    let v = level(q.code, y)
                    values.append(v)
                    guard i < answered else { continue }
                    let comment = rng.chance(0.12) ? rng.pick(capComments[q.axisValue] ?? [""]) : ""
                    answers.append(CapAnswer(assessmentID: a.id!, questionID: q.id!, value: v, comment: comment))
                }
                if isDraft {
                    a.version = Int.random(in: 1...3, using: &rng)
                } else {
                    let result = try CapScoring.score(questions: qs.map { CapScoring.Question(axis: $0.axisValue, scaleMax: $0.scaleMax, weight: $0.weight) },
                                                      answers: values)
                    for axis in CapAxis.allCases {
                        let sc = result.axes[axis]!
                        scores.append(CapScore(assessmentID: a.id!, axis: axis.rawValue, points: sc.points, maxPoints: sc.max))
                    }
                    scores.append(CapScore(assessmentID: a.id!, axis: CapScore.overall, points: result.overall.points, maxPoints: result.overall.max))
                    a.status = CapAssessmentStatus.submitted.rawValue
                    var day = Day(year: y, month: Int.random(in: 2...11, using: &rng), day: Int.random(in: 1...28, using: &rng))!
                    if day > ctx.today { day = between(Day(year: y, month: 1, day: 2)!, ctx.today, rng: &rng) }
                    a.submittedAt = instant(day, rng: &rng)
                    a.$submittedBy.id = mine ? ctx.member : nil
                    a.version = Int.random(in: 2...4, using: &rng)
                }
                assessments.append(a)
            }

            // The action plan.
            if mine && s.$gesParent.id == nil {
                actions += memberPlan(s, year: year, today: ctx.today)
            } else if rng.chance(mine ? 0.5 : 0.6), let first = submitted.min() {
                for _ in 0..<Int.random(in: 2...5, using: &rng) {
                    let created = Int.random(in: first...min(year, (submitted.max() ?? first) + 1), using: &rng)
                    actions.append(action(s, created: created, year: year, today: ctx.today, rng: &rng))
                }
            }
        }

        try await insert(questionnaires, on: db)
        try await insert(years.flatMap { questions[$0]! }, on: db)
        try await insert(assessments, on: db)
        try await insert(answers, on: db)
        try await insert(scores, on: db)
        try await insert(actions, on: db)
        return CapCounts(assessments: assessments.count, actions: actions.count)
    }

    /// One action created in `created`: the older, the likelier done (or dropped).
    static func action(_ s: Structure, created: Int, year: Int, today: Day, rng: inout DemoRandom) -> CapAction {
        let axis = rng.pick(CapAxis.allCases)
        let due = Day(year: created + (rng.chance(0.6) ? 0 : 1), month: rng.pick([3, 6, 6, 9, 12]), day: rng.pick([15, 30]))!
        let a = CapAction(structureID: s.id!, axis: axis, title: rng.pick(actionTitles[axis]!), owner: rng.pick(owners), dueOn: due, createdYear: created)
        a.id = UUID()
        let x = Double.random(in: 0..<1, using: &rng)
        let status: CapActionStatus = switch year - created {
        case 2...: x < 0.55 ? .done : x < 0.7 ? .dropped : x < 0.88 ? .inProgress : .planned
        case 1: x < 0.35 ? .done : x < 0.45 ? .dropped : x < 0.75 ? .inProgress : .planned
        default: x < 0.15 ? .done : x < 0.2 ? .dropped : x < 0.55 ? .inProgress : .planned
        }
        a.status = status.rawValue
        if status == .done {
            let from = Day(year: created, month: 3, day: 1)!
            a.doneOn = between(min(from, today), min(today, due.adding(days: 60)), rng: &rng).iso
        }
        a.version = status == .planned ? 1 : Int.random(in: 2...3, using: &rng)
        return a
    }

    /// The demo member's plan: done, dropped, carried in progress and planned, one done this year.
    static func memberPlan(_ s: Structure, year: Int, today: Day) -> [CapAction] {
        let specs: [(CapAxis, String, String, Int, Day, CapActionStatus, Day?)] = [
            (.environment, "Installer le tri des déchets sur les chantiers et à l'atelier", "Responsable de production", year - 2,
             Day(year: year - 2, month: 9, day: 30)!, .done, Day(year: year - 2, month: 10, day: 14)!),
            (.improvement, "Construire un tableau de bord des sorties partagé avec le conseil d'administration", "Direction", year - 2,
             Day(year: year - 1, month: 3, day: 31)!, .dropped, nil),
            (.people, "Réviser le document unique d'évaluation des risques avec les encadrants", "Responsable RH", year - 1,
             Day(year: year, month: 12, day: 31)!, .inProgress, nil),
            (.offer, "Lancer une enquête de satisfaction annuelle auprès des clients", "Chargée de relations entreprises", year - 1,
             Day(year: year + 1, month: 3, day: 31)!, .planned, nil),
            (.identity, "Présenter la démarche RSE à l'assemblée générale", "Direction", year - 1,
             Day(year: year, month: 6, day: 30)!, .done, min(today, Day(year: year, month: 6, day: 12)!)),
        ]
        return specs.map { axis, title, owner, created, due, status, done in
            let a = CapAction(structureID: s.id!, axis: axis, title: title, owner: owner, dueOn: due, createdYear: created)
            a.id = UUID()
            a.status = status.rawValue
            a.doneOn = done?.iso
            a.version = status == .planned ? 1 : 2
            return a
        }
    }

    static let owners = ["Direction", "Référente qualité", "Responsable RH", "Encadrant technique", "Conseil d'administration",
                         "Chargée d'insertion", "Responsable administrative et financière"]
    static let actionTitles: [CapAxis: [String]] = [
        .identity: ["Écrire la politique RSE et la faire adopter par le conseil d'administration",
                    "Cartographier les parties prenantes et les réunir une fois par an",
                    "Publier un rapport d'activité qui rende compte de la démarche RSE"],
        .people: ["Réviser le document unique d'évaluation des risques",
                  "Former les encadrants à la prévention des discriminations",
                  "Instaurer un entretien à mi-parcours pour chaque salarié en insertion",
                  "Construire le plan de développement des compétences des permanents"],
        .environment: ["Mettre en place le tri des déchets sur les chantiers",
                       "Suivre chaque mois les consommations d'énergie des locaux",
                       "Organiser le covoiturage vers les chantiers éloignés",
                       "Ajouter des critères environnementaux aux achats de fournitures"],
        .offer: ["Lancer une enquête de satisfaction auprès des clients",
                 "Écrire la procédure de traitement des réclamations",
                 "Revoir la grille tarifaire à partir des coûts de revient"],
        .improvement: ["Construire un tableau de bord des sorties vers l'emploi",
                       "Revoir le plan d'actions chaque semestre en comité de direction",
                       "Recueillir l'avis des salariés en parcours à la fin de leur contrat"],
    ]
    static let capComments: [CapAxis: [String]] = [
        .identity: ["Projet associatif revu l'an dernier.", "La démarche reste portée surtout par la direction.", "Rencontre annuelle avec les financeurs."],
        .people: ["Entretiens de suivi tous les deux mois.", "Document unique en cours de mise à jour.", "Plan de formation validé en conseil."],
        .environment: ["Tri en place au siège, pas encore sur les chantiers.", "Deux véhicules utilitaires à renouveler.", "Pas de suivi chiffré pour l'instant."],
        .offer: ["Questionnaire client envoyé une fois par an.", "Tarifs revus au dernier exercice.", "Réclamations traitées au cas par cas."],
        .improvement: ["Indicateurs présentés à chaque assemblée générale.", "Plan d'actions relu en comité de direction.", "Comparaison avec l'observatoire du réseau."],
    ]
}
