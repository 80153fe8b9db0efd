import Fluent
import Foundation
import MaillageCore

/// Where a member's base for one type comes from.
enum BaseSource: Sendable, Equatable {
    /// The validated Observatory answer of the campaign of that year.
    case observatory(Int)
    case declared, confirmed
    /// Corrected by a delegate or an admin, with the reason.
    case corrected(String)
    /// The no-base rule « last year's base »: the base of that dues year.
    case lastYear(Int)
    /// No base at all: the fixed part only for this type.
    case none

    /// The `dues_bases.source` value of a stored row (nil for what is not stored).
    var stored: String? {
        switch self {
        case .observatory: "observatory"
        case .declared: "declared"
        case .confirmed: "confirmed"
        case .corrected: "corrected"
        case .lastYear, .none: nil
        }
    }

    /// The key of the bases list's « source » filter.
    var key: String {
        switch self {
        case .observatory: "observatory"
        case .declared: "declared"
        case .confirmed: "confirmed"
        case .corrected: "corrected"
        case .lastYear: "last_year"
        case .none: "none"
        }
    }

    static let filterLabels: [(key: String, label: String)] = [
        ("observatory", "Observatoire"), ("declared", "Déclarée"), ("confirmed", "Confirmée"),
        ("corrected", "Corrigée par la délégation"), ("last_year", "Base de l'an dernier"), ("none", "Sans assiette"),
    ]
}

/// A member's base for one type of one dues year, and where it comes from, in French.
struct ResolvedBase: Sendable, Equatable {
    var amount: Money?
    var source: BaseSource
    /// « Observatoire 2024, réponse validée », « Déclarée par la structure le 12/03/2026 »…
    var sentence: String
    /// The grid's no-base rule was applied (last year's base or the fixed part only).
    var flagged: Bool { if case .lastYear = source { return true }; return source == .none }
}

/// The bases of a dues year: resolved in bulk for the calls, shown and changed one member at a time.
enum DuesBaseService {
    /// Each member's base for each held type the grid rates: its `dues_bases` row of the year;
    /// else its validated Observatory answer of the grid's reference year; else the no-base rule
    /// (last year's base — from its call of year − 1, else its row of year − 1 — or none).
    /// At most 4 queries whatever the number of members.
    static func resolveAll(grid: DuesGrid, structures: [Structure], on db: any Database) async throws -> [UUID: [StructureType: ResolvedBase]] {
        let rated = Set(try await DuesGridService.rates(of: grid, on: db).compactMap { StructureType(rawValue: $0.type) })
        return try await resolve(grid: grid, rated: rated, structures: structures, on: db)
    }

    /// `resolveAll` for a member (the member's bases page).
    static func bases(year: Int, structure: Structure, on db: any Database) async throws -> [StructureType: ResolvedBase] {
        guard let grid = try await DuesGridService.current(year: year, on: db) else { return [:] }
        return try await resolveAll(grid: grid, structures: [structure], on: db)[structure.requireID()] ?? [:]
    }

    /// The bulk resolution with the grid's rated types already read: 2 queries (3 with the rule
    /// « last year's base »), read by year and filtered in memory so that 5 000 members need no
    /// 5 000-value `IN` list.
    static func resolve(grid: DuesGrid, rated: Set<StructureType>, structures: [Structure], on db: any Database,
                        inListLimit: Int = 500) async throws -> [UUID: [StructureType: ResolvedBase]] {
        let ids = Set(structures.compactMap(\.id))
        guard !ids.isEmpty else { return [:] }
        // Up to `inListLimit` members the queries name them; beyond, they read the whole year.
        let few = ids.count <= inListLimit
        // 1. Stored rows of the year (and of the year before, for the no-base rule).
        var rowsQuery = DuesBase.query(on: db).filter(\.$year ~~ [grid.year, grid.year - 1])
        if few { rowsQuery = rowsQuery.filter(\.$structure.$id ~~ Array(ids)) }
        let rows = try await rowsQuery.all().filter { ids.contains($0.$structure.id) }
        var stored: [Int: [UUID: [String: DuesBase]]] = [:]
        for r in rows { stored[r.year, default: [:]][r.$structure.id, default: [:]][r.type] = r }
        // 2. Validated answers of the reference year's campaign (one join).
        let indicator = grid.base.indicator
        var observed: [UUID: [String: Money]] = [:]
        do {
            var q = SurveyAnswer.query(on: db).join(Campaign.self, on: \SurveyAnswer.$campaign.$id == \Campaign.$id)
                .filter(Campaign.self, \.$year == grid.referenceYear)
                .filter(\.$status == AnswerStatus.validated.rawValue)
            if few { q = q.filter(\.$structure.$id ~~ Array(ids)) }
            for a in try await q.all() where ids.contains(a.$structure.id) {
                if let text = Self.rawValue(of: a.valuesJSON, indicator), let m = Self.cents(fromDecimal: text), m.cents >= 0 {
                    observed[a.$structure.id, default: [:]][a.type] = m
                }
            }
        }
        // 3. Last year's calls, for the rule « last year's base ».
        var lastCalls: [UUID: (number: String, lines: [StructureType: Money])] = [:]
        if grid.noBase == .lastYearBase {
            var q = DuesCall.query(on: db).filter(\.$year == grid.year - 1)
            if few { q = q.filter(\.$structure.$id ~~ Array(ids)) }
            for c in try await q.all() where ids.contains(c.$structure.id) {
                let lines = c.amount?.lines ?? []
                lastCalls[c.$structure.id] = (c.number, Dictionary(lines.map { ($0.type, $0.base) }, uniquingKeysWith: { a, _ in a }))
            }
        }
        var out: [UUID: [StructureType: ResolvedBase]] = [:]
        for s in structures {
            guard let id = s.id else { continue }
            var bases: [StructureType: ResolvedBase] = [:]
            for type in s.types where rated.contains(type) {
                if let row = stored[grid.year]?[id]?[type.rawValue] {
                    bases[type] = resolved(row)
                } else if let m = observed[id]?[type.rawValue] {
                    bases[type] = ResolvedBase(amount: m, source: .observatory(grid.referenceYear),
                                               sentence: "Observatoire \(grid.referenceYear), réponse validée")
                } else if grid.noBase == .lastYearBase, let call = lastCalls[id], let m = call.lines[type] {
                    bases[type] = ResolvedBase(amount: m, source: .lastYear(grid.year - 1),
                                               sentence: "Base de l'an dernier (appel \(call.number))")
                } else if grid.noBase == .lastYearBase, let row = stored[grid.year - 1]?[id]?[type.rawValue], let cents = row.amountCents {
                    bases[type] = ResolvedBase(amount: Money(cents: cents), source: .lastYear(grid.year - 1),
                                               sentence: "Base de l'an dernier (assiette \(grid.year - 1))")
                } else {
                    bases[type] = ResolvedBase(amount: nil, source: .none, sentence: "Aucune assiette : part fixe seule")
                }
            }
            out[id] = bases
        }
        return out
    }

    /// A stored row as a resolved base, with its sentence.
    static func resolved(_ row: DuesBase) -> ResolvedBase {
        let amount = row.amountCents.map(Money.init(cents:))
        let on = row.updatedAt.map { " le " + FrenchFormat.date(CampaignForm.iso($0)) } ?? ""
        switch row.source {
        case "declared":
            return ResolvedBase(amount: amount, source: .declared, sentence: "Déclarée par la structure\(on)")
        case "confirmed":
            return ResolvedBase(amount: amount, source: .confirmed, sentence: "Confirmée par la structure\(on)")
        case "corrected":
            let reason = row.note ?? ""
            return ResolvedBase(amount: amount, source: .corrected(reason), sentence: "Corrigée par la délégation : \(reason)")
        default:
            return ResolvedBase(amount: amount, source: .observatory(row.year), sentence: row.note ?? "Observatoire, réponse validée")
        }
    }

    /// The indicator's value as stored (decimal text), without going through a binary number.
    static func rawValue(of json: String, _ code: String) -> String? {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)))?[code]
    }

    /// « 612345.5 » → 612 345,50 € exactly; more than 2 decimals round half away from zero.
    /// Nil when not a plain decimal or beyond 999 999 999,99 €.
    static func cents(fromDecimal text: String) -> Money? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let f = s.first, f == "-" || f == "+" { negative = f == "-"; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty, let units = Int64(whole) else { return nil }
        let digits = Array(fraction)
        var cents = units * 100
        if digits.count > 0 { cents += Int64(String(digits[0]))! * 10 }
        if digits.count > 1 { cents += Int64(String(digits[1]))! }
        // Half away from zero on the magnitude: the third decimal decides.
        if digits.count > 2, digits[2] >= "5" { cents += 1 }
        guard cents <= maxBase.cents else { return nil }
        return Money(cents: negative ? -cents : cents)
    }

    /// Bases are bounded: 0 … 999 999 999,99 €.
    static let maxBase = Money(cents: 99_999_999_999)
}

// MARK: - Declaring, confirming, correcting

extension DuesBaseService {
    /// Why a change of bases was refused; the controller maps it to a French page.
    enum Refusal: Error, Sendable {
        case noGrid(Int)
        /// The member's call of the year exists: its number.
        case callIssued(String)
        case deadlinePassed(String)
        case notPermitted
        case wrongState
        case invalid(FieldErrors)

        var message: String {
            switch self {
            case .noGrid(let y): "Aucun barème \(y) : les assiettes de cette année ne peuvent pas encore être déclarées."
            case .callIssued(let n): "L'appel \(n) est émis : sa base ne change plus ; un avoir corrige un montant."
            case .deadlinePassed: "La date limite de déclaration est passée : contactez votre délégation."
            case .notPermitted: "Vous ne pouvez pas modifier ces assiettes."
            case .wrongState: "Une assiette corrigée par la délégation ne peut plus être déclarée : contactez votre délégation."
            case .invalid: "Le formulaire contient des erreurs."
            }
        }
    }

    /// Whether members may still declare: no deadline, or today on or before it.
    static func isOpen(_ grid: DuesGrid, today: String) -> Bool {
        grid.declarationDeadline.map { today <= $0 } ?? true
    }

    /// The number of the member's call of `year`, if issued.
    static func issuedCall(year: Int, structureID: UUID, on db: any Database) async throws -> String? {
        try await DuesCall.query(on: db).filter(\.$year == year).filter(\.$structure.$id == structureID).first()?.number
    }

    /// Takes one step on the bases of `structure` for the types in `amounts` (for `confirm`,
    /// the prefilled figures are kept and `amounts` is ignored). Checks the workflow table, the
    /// declaration deadline, the issued call, the bounds and the reason, then writes every row
    /// and its audit entry (old → new) in one transaction. Nothing is written on a refusal.
    static func change(_ action: DuesBaseAction, year: Int, structure: Structure, amounts: [StructureType: Money],
                       reason: String?, parties: Set<Party>, actor: CurrentUser?, today: String, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            // Takes turns with the year's call generation: a base never changes under it.
            try await DuesNumbering.lockOnPostgres(series: DuesNumbering.callSeries(year), on: tx)
            try await changeInTransaction(action, year: year, structure: structure, amounts: amounts, reason: reason,
                                          parties: parties, actor: actor, today: today, on: tx)
        }
    }

    private static func changeInTransaction(_ action: DuesBaseAction, year: Int, structure: Structure, amounts: [StructureType: Money],
                                            reason: String?, parties: Set<Party>, actor: CurrentUser?, today: String,
                                            on tx: any Database) async throws {
        guard let grid = try await DuesGridService.current(year: year, on: tx) else { throw Refusal.noGrid(year) }
        let id = try structure.requireID()
        guard !DuesBaseWorkflow.table.transition(action).by.isDisjoint(with: parties) else { throw Refusal.notPermitted }
        if let number = try await issuedCall(year: year, structureID: id, on: tx) { throw Refusal.callIssued(number) }
        if action.needsOpenDeclaration, !isOpen(grid, today: today) { throw Refusal.deadlinePassed(grid.declarationDeadline ?? "") }
        let current = try await resolveAll(grid: grid, structures: [structure], on: tx)[id] ?? [:]
        var errors = FieldErrors()
        let note = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if action == .correct {
            if note.isEmpty { errors.add("reason", "Indiquez la raison de la correction : elle est conservée au journal.") }
            else if note.count > 2000 { errors.add("reason", "La raison tient en 2 000 caractères au plus.") }
        }
        var targets: [StructureType: Money] = [:]
        for type in current.keys.sorted() {
            if action == .confirm {
                guard let amount = current[type]?.amount else {
                    errors.add("amount-\(type.rawValue)", "Aucun montant à confirmer pour \(type.duesCode) : déclarez votre assiette.")
                    continue
                }
                targets[type] = amount
            } else if let amount = amounts[type] {
                if amount.cents < 0 || amount > maxBase {
                    errors.add("amount-\(type.rawValue)", "Un montant de 0 à 999 999 999,99 €.")
                } else {
                    targets[type] = amount
                }
            }
        }
        if targets.isEmpty, errors.isEmpty { errors.add("amount-\(current.keys.sorted().first?.rawValue ?? "AI")", "Indiquez au moins un montant.") }
        guard errors.isEmpty else { throw Refusal.invalid(errors) }
        for (type, amount) in targets.sorted(by: { $0.key < $1.key }) {
            let old = current[type]
            do { _ = try DuesBaseWorkflow.table.check(action, from: DuesBaseState(old?.source ?? .none), by: parties) }
            catch { throw error == .notPermitted ? Refusal.notPermitted : Refusal.wrongState }
            let row = try await DuesBase.query(on: tx).filter(\.$year == year).filter(\.$structure.$id == id)
                .filter(\.$type == type.rawValue).first() ?? DuesBase()
            var before = ["montant": old?.amount?.plain ?? "", "source": old?.source.key ?? "none", "raison": "",
                          "annee": String(year), "type": type.rawValue, "structure": id.uuidString]
            if case .corrected(let r) = old?.source { before["raison"] = r }
            row.year = year
            row.$structure.id = id
            row.type = type.rawValue
            row.amountCents = amount.cents
            row.source = DuesBaseWorkflow.table.transition(action).to.rawValue
            row.note = action == .correct ? note : (action == .confirm ? old?.sentence : nil)
            row.updatedBy = actor?.id
            try await row.save(on: tx)
            let step = DuesBaseWorkflow.table.transition(action).records
            try await Audit.record(.update, DuesBase.auditEntity, id: try row.requireID().uuidString,
                                   summary: "\(step) de l'assiette \(type.duesCode) \(year) de \(structure.name)",
                                   before: before, after: row.auditSnapshot, actor: actor, on: tx)
        }
    }
}

extension DuesBase: Auditable {
    static var auditEntity: String { "assiette_cotisation" }
    var auditSnapshot: [String: String] {
        ["montant": amountCents.map { Money(cents: $0).plain } ?? "", "source": source, "raison": note ?? "",
         "annee": String(year), "type": type, "structure": $structure.id.uuidString]
    }
}
