import Foundation
import MaillageCore

/// A grid as typed in its form: every problem is reported at once, next to its field, with the
/// cross-field rules (split = 100 %, reference year ≤ year, at least one rated type) in the same pass.
struct DuesGridForm: Codable, Sendable {
    var year: String?
    var fixed: String?
    var base_kind: String?
    var reference_year: String?
    var smic: String?
    var floor: String?
    /// Rate per type as typed (« 0,6 »), keyed by `StructureType.rawValue`; empty = not rated.
    var rates: [String: String]?
    /// SMIC hours of the cap per type (400 by default).
    var caps: [String: String]?
    var split_delegation: String?
    var split_national: String?
    var split_fund: String?
    var rounding_party: String?
    var no_base_rule: String?
    var declaration_deadline: String?
    var reminder_days: String?
    var payment_days: String?

    struct Clean: Sendable {
        var year: Int
        var fixed: Money
        var baseKind: DuesBaseKind
        var referenceYear: Int
        var smicHourly: Money
        var floor: Money?
        var terms: [StructureType: DuesTypeTerms]
        var split: DuesSplitRule
        var noBaseRule: NoBaseRule
        var declarationDeadline: String?
        var reminderDays: [Int]
        var paymentDays: Int
    }

    /// The types a grid may rate (a GES pays through its entities).
    static let rateableTypes = StructureType.allCases.filter { $0 != .ges }
    /// The types the federation rates (SPEC §3); the form lists them first.
    static let usualTypes: [StructureType] = [.ai, .aci, .ei, .etti, .ettEss, .ebe, .proxim]
    static let maxAmount: Int64 = 9_999_999_999
    static let defaultCapHours = 400

    init() {}

    /// The form of a new grid of `year`: the SPEC §3 defaults (800 €, 40/50/10, 400 h), or the
    /// terms of `source` (another grid, e.g. 2025 → 2026) moved to `year`.
    static func defaults(year: Int, from source: DuesGrid? = nil, rates: [DuesGridRate] = []) -> DuesGridForm {
        var f = source.map { DuesGridForm($0, rates: rates) } ?? DuesGridForm()
        f.year = String(year)
        if source == nil {
            f.fixed = "800,00"
            f.base_kind = DuesBaseKind.turnover.rawValue
            f.smic = ""
            f.caps = Dictionary(uniqueKeysWithValues: usualTypes.map { ($0.rawValue, String(defaultCapHours)) })
            f.split_delegation = "40"; f.split_national = "50"; f.split_fund = "10"
            f.rounding_party = DuesParty.national.rawValue
            f.no_base_rule = NoBaseRule.lastYearBase.rawValue
            f.reminder_days = "15,45"
            f.payment_days = "30"
        }
        // The offset between the grid year and its reference year is kept (2025 on 2024 → 2026 on 2025).
        f.reference_year = String(year - (source.map { $0.year - $0.referenceYear } ?? 1))
        f.declaration_deadline = ""
        return f
    }

    /// The form showing a stored grid.
    init(_ g: DuesGrid, rates: [DuesGridRate]) {
        year = String(g.year)
        fixed = Self.amount(g.fixedCents)
        base_kind = g.baseKind
        reference_year = String(g.referenceYear)
        smic = Self.amount(g.smicCents)
        floor = g.floorCents.map(Self.amount) ?? ""
        self.rates = Dictionary(uniqueKeysWithValues: rates.map { ($0.type, DuesRate(milliPercent: $0.rateMilliPercent)?.plain ?? "") })
        caps = Dictionary(uniqueKeysWithValues: rates.map { ($0.type, String($0.capHours)) })
        split_delegation = Self.percent(g.splitDelegationBP)
        split_national = Self.percent(g.splitNationalBP)
        split_fund = Self.percent(g.splitFundBP)
        rounding_party = g.roundingParty
        no_base_rule = g.noBaseRule
        declaration_deadline = g.declarationDeadline.map(FrenchFormat.date) ?? ""
        reminder_days = g.reminderDelays.map(String.init).joined(separator: ",")
        payment_days = String(g.paymentDays)
    }

    /// « 1234,56 » as the field shows it (no thousands separator, comma).
    static func amount(_ cents: Int64) -> String { Money(cents: cents).plain.replacingOccurrences(of: ".", with: ",") }

    /// Basis points as a percentage: 4000 → « 40 », 3750 → « 37,5 ».
    static func percent(_ bp: Int) -> String {
        var s = DuesRate(milliPercent: Int64(bp) * 10)?.plain ?? String(bp / 100)
        if s.isEmpty { s = "0" }
        return s
    }

    /// « 40 », « 37,5 » → basis points (at most 2 decimals, 0…100 %).
    static func basisPoints(_ text: String) -> Int? {
        guard let rate = DuesRate.parse(text), rate.milliPercent % 10 == 0 else { return nil }
        return Int(rate.milliPercent / 10)
    }

    static func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A bounded amount in euros, or nil (the message is added to `errors` under `field`).
    static func money(_ s: String?, _ field: String, _ what: String, allowZero: Bool, errors: inout FieldErrors) -> Money? {
        guard let m = Money.parse(trimmed(s)), m.cents >= (allowZero ? 0 : 1), m.cents <= maxAmount else {
            errors.add(field, "\(what) : un montant en euros \(allowZero ? "positif ou nul" : "positif"), au plus 99 999 999,99 € (par exemple 800,00).")
            return nil
        }
        return m
    }

    func validate() -> (Clean?, FieldErrors) {
        var errors = FieldErrors()
        let year = Int(Self.trimmed(self.year))
        if year.map({ !(2000...2100).contains($0) }) ?? true {
            errors.add("year", "Indiquez l'année du barème, de 2000 à 2100 (par exemple 2026).")
        }
        let fixed = Self.money(fixed, "fixed", "Part fixe", allowZero: true, errors: &errors)
        let kind = DuesBaseKind(rawValue: Self.trimmed(base_kind))
        if kind == nil { errors.add("base_kind", "Choisissez l'assiette : chiffre d'affaires ou masse salariale brute.") }
        let reference = Int(Self.trimmed(reference_year))
        if reference.map({ !(2000...2100).contains($0) }) ?? true {
            errors.add("reference_year", "Indiquez l'année de référence de l'assiette (par exemple 2025).")
        } else if let reference, let year, reference > year {
            errors.add("reference_year", "L'année de référence ne peut pas suivre l'année du barème (\(year)).")
        }
        var smic = Self.money(smic, "smic", "SMIC horaire", allowZero: false, errors: &errors)
        if let s = smic, s.cents > 100_000 {
            errors.add("smic", "SMIC horaire : au plus 1 000,00 € de l'heure (par exemple 11,88).")
            smic = nil
        }
        var floor: Money?
        var floorOK = true
        if !Self.trimmed(self.floor).isEmpty {
            floor = Self.money(self.floor, "floor", "Plancher", allowZero: true, errors: &errors)
            floorOK = floor != nil
        }
        var terms: [StructureType: DuesTypeTerms] = [:]
        for type in Self.rateableTypes {
            let rateText = Self.trimmed(rates?[type.rawValue])
            let capText = Self.trimmed(caps?[type.rawValue])
            guard !rateText.isEmpty else { continue }
            let rate = DuesRate.parse(rateText)
            if rate == nil || rate!.milliPercent > 10_000 {
                errors.add("rate-\(type.rawValue)", "Taux \(type.duesCode) : un pourcentage de 0 à 10, au plus 3 décimales (par exemple 0,6).")
            }
            let hours = capText.isEmpty ? Self.defaultCapHours : Int(capText)
            if hours.map({ !(1...10_000).contains($0) }) ?? true {
                errors.add("cap-\(type.rawValue)", "Plafond \(type.duesCode) : un nombre d'heures de SMIC de 1 à 10 000 (par exemple 400).")
            }
            if let rate, rate.milliPercent <= 10_000, let hours, (1...10_000).contains(hours) {
                terms[type] = DuesTypeTerms(rate: rate, capHours: hours)
            }
        }
        if terms.isEmpty, errors["rate-AI"] == nil, !Self.rateableTypes.contains(where: { errors["rate-\($0.rawValue)"] != nil }) {
            errors.add("rate-AI", "Indiquez le taux d'au moins un type (par exemple 0,6 pour les AI).")
        }
        let d = Self.basisPoints(Self.trimmed(split_delegation))
        let n = Self.basisPoints(Self.trimmed(split_national))
        let f = Self.basisPoints(Self.trimmed(split_fund))
        let splitMessage = "Un pourcentage de 0 à 100, au plus 2 décimales (par exemple 40)."
        if d == nil { errors.add("split_delegation", splitMessage) }
        if n == nil { errors.add("split_national", splitMessage) }
        if f == nil { errors.add("split_fund", splitMessage) }
        if let d, let n, let f, d + n + f != 10_000 {
            errors.add("split_fund", "Les trois parts doivent faire 100 % ensemble (elles font \(Self.percent(d + n + f)) %).")
        }
        let party = DuesParty(rawValue: Self.trimmed(rounding_party))
        if party == nil { errors.add("rounding_party", "Choisissez qui reçoit le centime d'arrondi.") }
        let rule = NoBaseRule(rawValue: Self.trimmed(no_base_rule))
        if rule == nil { errors.add("no_base_rule", "Choisissez la règle pour un adhérent sans assiette.") }
        var deadline: String?
        var deadlineOK = true
        if !Self.trimmed(declaration_deadline).isEmpty {
            deadline = FrenchFormat.parseDay(Self.trimmed(declaration_deadline))
            if deadline == nil || !(deadline! >= "2000-01-01" && deadline! <= "2100-12-31") {
                errors.add("declaration_deadline", "Date invalide : utilisez le format jj/mm/aaaa.")
                deadlineOK = false
            }
        }
        let reminders = Self.reminderDays(Self.trimmed(reminder_days))
        if reminders == nil {
            errors.add("reminder_days", "Des nombres de jours après l'échéance, croissants, de 1 à 365, séparés par des virgules (par exemple 15,45) ; 5 au plus.")
        }
        let payment = Int(Self.trimmed(payment_days))
        if payment.map({ !(1...120).contains($0) }) ?? true {
            errors.add("payment_days", "Délai de paiement : un nombre de jours de 1 à 120 (par exemple 30).")
        }
        guard errors.isEmpty, let year, let fixed, let kind, let reference, let smic, floorOK, deadlineOK,
              let d, let n, let f, let party, let rule, let reminders, let payment else { return (nil, errors) }
        return (Clean(year: year, fixed: fixed, baseKind: kind, referenceYear: reference, smicHourly: smic, floor: floor,
                      terms: terms, split: DuesSplitRule(delegation: d, national: n, fund: f, roundingParty: party),
                      noBaseRule: rule, declarationDeadline: deadline, reminderDays: reminders, paymentDays: payment), errors)
    }

    /// « 15,45 » → [15, 45]; empty → no reminder. Nil when not increasing days of 1…365 (5 at most).
    static func reminderDays(_ text: String) -> [Int]? {
        if text.isEmpty { return [] }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " })
        let days = parts.compactMap { Int($0) }
        guard days.count == parts.count, days.count <= 5, days.allSatisfy({ (1...365).contains($0) }),
              zip(days, days.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        return days
    }
}
