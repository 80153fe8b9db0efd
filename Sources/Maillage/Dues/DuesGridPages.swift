import Foundation
import MaillageCore

/// The grids list: each year's versions, locked or not, and how many calls used each.
struct DuesGridsPage: Encodable, Sendable {
    struct Version: Encodable, Sendable {
        let label: String
        let state: String
        let locked: Bool
        let used: String
        let href: String
        let editHref: String?
        let copyHref: String?
    }
    struct Year: Encodable, Sendable {
        let year: Int
        let versions: [Version]
    }
    let newHref: String?
    let settingsHref: String?
    let years: [Year]?
}

/// One grid version: its terms, its rates and a worked example.
struct DuesGridPage: Encodable, Sendable {
    struct Term: Encodable, Sendable { let label: String; let value: String }
    struct Rate: Encodable, Sendable { let type: String; let label: String; let rate: String; let cap: String }
    let heading: String
    let state: String
    let locked: Bool
    let used: String
    let terms: [Term]
    let rates: [Rate]
    let exampleTitle: String?
    let example: [String]
    let otherVersions: [DuesGridsPage.Version]?
    let editHref: String?
    let editLabel: String
    let copyHref: String?
    let gridsHref: String?
    let basesHref: String?
}

/// The grid form (new, prefilled from another grid, or the edit of a version).
struct DuesGridFormPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct RateField: Encodable, Sendable {
        let type: String
        let label: String
        let rate: String
        let cap: String
        let rateError: String?
        let capError: String?
    }
    let heading: String
    let lead: String?
    /// « Ce barème a servi à des appels : vos modifications créeront la version 2 ».
    let notice: String?
    let isNew: Bool
    let form: DuesGridForm
    let errors: FieldErrors
    let action: String
    let cancelHref: String
    let baseKinds: [Option]
    let parties: [Option]
    let rules: [Option]
    let rates: [RateField]
    let submitLabel: String

    init(heading: String, lead: String?, notice: String?, isNew: Bool, form: DuesGridForm, errors: FieldErrors,
         action: String, cancelHref: String, submitLabel: String) {
        self.heading = heading; self.lead = lead; self.notice = notice; self.isNew = isNew
        self.form = form; self.errors = errors; self.action = action; self.cancelHref = cancelHref
        self.submitLabel = submitLabel
        baseKinds = DuesBaseKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: form.base_kind == $0.rawValue) }
        parties = DuesParty.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: form.rounding_party == $0.rawValue) }
        rules = NoBaseRule.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: form.no_base_rule == $0.rawValue) }
        let ordered = DuesGridForm.usualTypes + DuesGridForm.rateableTypes.filter { !DuesGridForm.usualTypes.contains($0) }
        rates = ordered.map { t in
            RateField(type: t.rawValue, label: "\(t.duesCode) — \(t.label)", rate: form.rates?[t.rawValue] ?? "",
                      cap: form.caps?[t.rawValue] ?? "", rateError: errors["rate-\(t.rawValue)"], capError: errors["cap-\(t.rawValue)"])
        }
    }
}

extension DuesGridPage {
    /// The base of the worked example (issue #11: « Part variable AI 0,6 % × 612 345,00 € »).
    static let exampleBase = Money(cents: 61_234_500)

    /// The page model of a grid version (`others`: the other versions of its year).
    static func make(_ g: DuesGrid, rates: [DuesGridRate], calls: Int, others: [DuesGridsPage.Version],
                     editHref: String?, copyHref: String?, gridsHref: String?, basesHref: String?) -> DuesGridPage {
        let terms = g.terms(rates: rates)
        let split = g.splitRule
        var rows: [Term] = [
            Term(label: "Part fixe", value: FrenchFormat.money(g.fixed)),
            Term(label: "Assiette", value: "\(g.base.label) \(g.referenceYear)"),
            Term(label: "SMIC horaire au 1er janvier \(g.year)", value: FrenchFormat.money(g.smicHourly)),
            Term(label: "Plancher de la part variable", value: g.floor.map(FrenchFormat.money) ?? "Aucun"),
            Term(label: "Répartition", value: "délégation \(DuesGridForm.percent(split.delegation))\(FrenchFormat.thinSpace)%, offre nationale \(DuesGridForm.percent(split.national))\(FrenchFormat.thinSpace)%, fonds mutualisé \(DuesGridForm.percent(split.fund))\(FrenchFormat.thinSpace)% ; le centime d'arrondi va à : \(split.roundingParty.label)"),
            Term(label: "Adhérent sans assiette", value: g.noBase.label),
            Term(label: "Date limite de déclaration des assiettes", value: g.declarationDeadline.map(FrenchFormat.date) ?? "Aucune"),
            Term(label: "Relances", value: g.reminderDelays.isEmpty ? "Aucune" : g.reminderDelays.map { "\($0)" }.joined(separator: " et ") + " jours après l'échéance"),
            Term(label: "Délai de paiement", value: FrenchFormat.plural(g.paymentDays, "jour", "jours")),
        ]
        if let created = g.createdAt { rows.append(Term(label: "Créé le", value: FrenchFormat.dateTime(created))) }
        let rated = terms.terms.keys.sorted()
        let rateRows = rated.map { t in
            Rate(type: t.rawValue, label: "\(t.duesCode) — \(t.label)", rate: terms.terms[t]!.rate.french,
                 cap: "\(FrenchFormat.hours(terms.terms[t]!.capHours)) = " + ((try? terms.cap(for: [t]).amount).map(FrenchFormat.money) ?? "—"))
        }
        let exampleType = rated.contains(.ai) ? StructureType.ai : rated.first
        let example = exampleType.flatMap { try? DuesCalculator.compute(terms, types: [$0], bases: [$0: exampleBase]) }
        return DuesGridPage(
            heading: "Barème \(g.year) — version \(g.version)", state: g.isLocked ? "Verrouillé : a servi à des appels" : "Modifiable",
            locked: g.isLocked, used: usedLabel(calls), terms: rows, rates: rateRows,
            exampleTitle: exampleType.map { "Exemple : \($0.duesCode) avec une assiette de \(FrenchFormat.money(exampleBase))" },
            example: example?.explanation ?? [], otherVersions: others.isEmpty ? nil : others,
            editHref: editHref, editLabel: g.isLocked ? "Créer la version \(g.version + 1)" : "Modifier",
            copyHref: copyHref, gridsHref: gridsHref, basesHref: basesHref)
    }

    static func usedLabel(_ calls: Int) -> String {
        calls == 0 ? "Pas encore utilisé" : "Utilisé par " + FrenchFormat.plural(calls, "appel", "appels")
    }
}
