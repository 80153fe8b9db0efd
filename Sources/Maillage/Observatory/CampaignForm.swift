import Fluent
import Foundation
import MaillageCore

/// A campaign's settings as typed in the form (or given to `maillage observatory open`):
/// every problem is reported at once, next to its field.
struct CampaignForm: Codable, Sendable {
    var year: String?
    var opens_on: String?
    var closes_on: String?
    var k: String?
    var unemployed_etp_cost: String?
    var divisors: [String: String]?

    struct Clean: Sendable {
        let year: Int
        let opensOn: String
        let closesOn: String
        let k: Int
        let unemployedETPCost: String
        let divisors: [String: String]
    }

    static let divisorTypes = StructureType.allCases.map(\.rawValue).filter { $0 != StructureType.ges.rawValue }

    /// The form of a new campaign: the previous year's data, collected from today for two months.
    static func defaults(today: Date = Date()) -> CampaignForm {
        let cal = Calendar(identifier: .gregorian)
        let year = cal.component(.year, from: today)
        let end = cal.date(byAdding: .month, value: 2, to: today) ?? today
        return CampaignForm(year: String(year - 1), opens_on: FrenchFormat.date(iso(today)), closes_on: FrenchFormat.date(iso(end)),
                            k: String(CampaignDefaults.k), unemployed_etp_cost: "18 300,00", divisors: CampaignDefaults.divisors)
    }

    init(year: String? = nil, opens_on: String? = nil, closes_on: String? = nil, k: String? = nil,
         unemployed_etp_cost: String? = nil, divisors: [String: String]? = nil) {
        self.year = year; self.opens_on = opens_on; self.closes_on = closes_on; self.k = k
        self.unemployed_etp_cost = unemployed_etp_cost; self.divisors = divisors
    }

    init(_ c: Campaign) {
        self.init(year: String(c.year), opens_on: FrenchFormat.date(c.opensOn), closes_on: FrenchFormat.date(c.closesOn), k: String(c.k),
                  unemployed_etp_cost: AnswerForm.display(Exact(decimal: c.unemployedETPCost) ?? .zero), divisors: c.divisors)
    }

    static func iso(_ d: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Paris")!, from: d)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    func validate(checkYear: Bool) -> (Clean?, FieldErrors) {
        var errors = FieldErrors()
        let year = Int((self.year ?? "").trimmingCharacters(in: .whitespaces))
        if checkYear, year.map({ !(2000...2100).contains($0) }) ?? true {
            errors.add("year", "Indiquez l'année des données (par exemple 2024).")
        }
        let opens = FrenchFormat.parseDay(opens_on ?? "")
        let closes = FrenchFormat.parseDay(closes_on ?? "")
        if opens == nil { errors.add("opens_on", "Date invalide : utilisez le format jj/mm/aaaa.") }
        if closes == nil { errors.add("closes_on", "Date invalide : utilisez le format jj/mm/aaaa.") }
        if let o = opens, let c = closes, c < o { errors.add("closes_on", "La clôture doit suivre l'ouverture.") }
        let k = Int((self.k ?? "").trimmingCharacters(in: .whitespaces))
        if k.map({ !(2...100).contains($0) }) ?? true {
            errors.add("k", "Le seuil du secret statistique est un nombre entier de 2 à 100.")
        }
        let cost: Exact?
        switch AnswerForm.value(unemployed_etp_cost ?? "", unit: .euros) {
        case .success(let v) where Exact.zero < v: cost = v
        default: cost = nil; errors.add("unemployed_etp_cost", "Indiquez un montant positif en euros (par exemple 18 300,00).")
        }
        var divisors: [String: String] = [:]
        for type in Self.divisorTypes {
            let raw = self.divisors?[type] ?? CampaignDefaults.divisors[type] ?? ""
            switch AnswerForm.value(raw, unit: .hours) {
            case .success(let v) where Exact(100) < v && v < Exact(3000): divisors[type] = v.plain
            default: errors.add("divisor-\(type)", "Heures annuelles d'un temps plein : un nombre entre 100 et 3 000.")
            }
        }
        guard errors.isEmpty, let opens, let closes, let k, let cost else { return (nil, errors) }
        return (Clean(year: year ?? 0, opensOn: opens, closesOn: closes, k: k, unemployedETPCost: cost.rounded(places: 2), divisors: divisors), errors)
    }
}

enum CampaignService {
    enum Failure: Error { case exists(Int) }

    /// Opens a campaign, its questionnaire copied from today's catalogue.
    static func open(_ clean: CampaignForm.Clean, actor: CurrentUser?, on db: any Database) async throws -> Campaign {
        if try await Campaign.find(year: clean.year, on: db) != nil { throw Failure.exists(clean.year) }
        let c = Campaign()
        c.year = clean.year
        c.status = CampaignStatus.open.rawValue
        c.questionnaireJSON = Campaign.json(IndicatorCatalogue.all)
        c.answersVersion = 0
        apply(clean, to: c)
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await Audit.record(.create, c, summary: "Ouverture de la campagne \(c.year)", actor: actor, on: tx)
        }
        return c
    }

    static func apply(_ clean: CampaignForm.Clean, to c: Campaign) {
        c.opensOn = clean.opensOn
        c.closesOn = clean.closesOn
        c.k = clean.k
        c.unemployedETPCost = clean.unemployedETPCost
        c.divisors = clean.divisors
    }
}
