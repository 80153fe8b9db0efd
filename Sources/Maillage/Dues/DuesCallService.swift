import Fluent
import Foundation
import MaillageCore
import SQLKit

/// Calls for dues: who is called and for how much (preview), the generation run (one
/// transaction, gap-free numbers), credit notes and the totals kept in step with the rows.
///
/// Who is called: every structure with a membership period open on the issue date (joined on or
/// before it, not left on or before it), active or associate alike (`MembershipStatus` has only
/// those two). The membership periods are the register's source of truth; the `structures.status`
/// summary only says today's state, so a call issued on a past date would miss a member that left
/// since, or call one that joined after.
enum DuesCallService {
    /// One member to call and its computed amount.
    struct Candidate: Sendable {
        let structure: Structure
        let delegationID: UUID?
        let delegationName: String?
        let amount: DuesAmount
        /// The grid's no-base rule was applied, or a rated type has no base.
        let noBase: Bool
    }

    /// What a generation would do now.
    struct Preview: Sendable {
        let year: Int
        let issuedOn: Day
        let dueOn: Day
        let grid: DuesGrid
        /// Members without a call of the year, in French name order.
        let candidates: [Candidate]
        /// Members already called this year (a new run skips them).
        let alreadyCalled: Int
        let total: Money
        var flagged: [Candidate] { candidates.filter(\.noBase) }
    }

    /// What a generation did.
    struct GenerationResult: Sendable, Equatable {
        let runID: UUID
        let count: Int
        let first: String?
        let last: String?
        let total: Money
        let skipped: Int

        /// « 412 appels émis : 2026-0001 à 2026-0412 ».
        var message: String {
            guard let first, let last else { return "Aucun appel émis : chaque adhérent a déjà son appel de l'année." }
            let noun = count == 1 ? "appel émis" : "appels émis"
            return count == 1 ? "1 \(noun) : \(first)" : "\(FrenchFormat.integer(count)) \(noun) : \(first) à \(last)"
        }
    }

    enum Failure: Error, Equatable {
        case noGrid(Int)
        case badYear(Int)
        case overflow
        case notFound

        /// The French message for a page or the command line.
        var message: String {
            switch self {
            case .noGrid(let y): "Il n'existe pas de barème pour \(y) : créez-le avant d'émettre les appels."
            case .badYear(let y): "L'année \(y) n'est pas valable (2000 à 2100)."
            case .overflow: "Un montant dépasse la limite autorisée : vérifiez les assiettes et le barème."
            case .notFound: "Appel de cotisation introuvable."
            }
        }
    }

    /// A failure injected by tests in the middle of a run (after `failAfter` inserted calls).
    struct InjectedFailure: Error {}

    static let years = 2000...2100
    /// Rows per INSERT statement: 25 parameters a row stays far below both databases' limits.
    static let chunk = 500

    // MARK: Preview and generation

    static func preview(year: Int, issuedOn: Day, on db: any Database) async throws -> Preview {
        try await plan(year: year, issuedOn: issuedOn, on: db)
    }

    /// Issues the calls of `year` dated `issuedOn` to every member without one, in one
    /// transaction: the series is locked first, then who has no call is read again, the
    /// amounts computed, the numbers taken, every call inserted, the grid locked and the run
    /// audited. Everything or nothing; a second run adds only members without a call.
    /// `failAfter` (tests only) throws after that many calls were inserted.
    static func generate(year: Int, issuedOn: Day, by actor: CurrentUser?, on db: any Database,
                         failAfter: Int? = nil) async throws -> GenerationResult {
        guard years.contains(year) else { throw Failure.badYear(year) }
        return try await db.writeTransaction { tx in
            // The lock first: a concurrent run waits here, then sees this run's calls.
            try await DuesNumbering.lock(series: DuesNumbering.callSeries(year), on: tx)
            let plan = try await plan(year: year, issuedOn: issuedOn, on: tx)
            let runID = UUID()
            guard !plan.candidates.isEmpty else {
                return GenerationResult(runID: runID, count: 0, first: nil, last: nil, total: .zero, skipped: plan.alreadyCalled)
            }
            let numbers = try await DuesNumbering.take(plan.candidates.count, series: DuesNumbering.callSeries(year), on: tx)
            guard let sql = tx as? any SQLDatabase else { throw DuesNumbering.Failure.noSQL }
            let gridID = try plan.grid.requireID()
            let now = Date()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var inserted = 0
            for start in stride(from: 0, to: plan.candidates.count, by: chunk) {
                let slice = plan.candidates[start..<min(start + chunk, plan.candidates.count)]
                var insert = sql.insert(into: DuesCall.schema).columns(callColumns)
                for (offset, c) in slice.enumerated() {
                    if let failAfter, inserted + offset >= failAfter { break }
                    let seq = numbers.lowerBound + start + offset
                    let a = c.amount
                    let row: [any SQLExpression] = [
                        SQLBind(UUID()), SQLBind(year), SQLBind(DuesNumbering.callNumber(year: year, seq: seq)), SQLBind(seq),
                        SQLBind(try c.structure.requireID()), SQLBind(gridID), SQLBind(c.delegationID),
                        SQLBind(c.structure.name), SQLBind(c.structure.siret),
                        SQLBind(c.structure.types.map(\.rawValue).joined(separator: ",")),
                        SQLBind(plan.issuedOn.iso), SQLBind(plan.dueOn.iso),
                        SQLBind(a.fixed.cents), SQLBind(a.variable.cents), SQLBind(a.cap.cents), SQLBind(a.floor?.cents),
                        SQLBind(a.total.cents), SQLBind(Int64(0)), SQLBind(Int64(0)), SQLBind(DuesCallStatus.issued.rawValue),
                        SQLBind(String(decoding: try encoder.encode(a), as: UTF8.self)), SQLBind(c.noBase),
                        SQLBind(runID), SQLBind(actor?.id), SQLBind(now),
                    ]
                    insert = insert.values(row)
                }
                if let failAfter, inserted + slice.count > failAfter {
                    if failAfter > inserted { try await insert.run() }
                    throw InjectedFailure()
                }
                try await insert.run()
                inserted += slice.count
            }
            if plan.grid.lockedAt == nil {
                plan.grid.lockedAt = now
                try await plan.grid.save(on: tx)
            }
            let total = try Money.sum(plan.candidates.map(\.amount.total))
            let result = GenerationResult(
                runID: runID, count: plan.candidates.count,
                first: DuesNumbering.callNumber(year: year, seq: numbers.lowerBound),
                last: DuesNumbering.callNumber(year: year, seq: numbers.upperBound), total: total, skipped: plan.alreadyCalled)
            try await Audit.record(
                .create, auditEntity, id: runID.uuidString,
                summary: "Émission des appels de cotisation \(year) : \(result.message)",
                after: [
                    "annee": String(year), "emis_le": plan.issuedOn.french, "echeance": plan.dueOn.french,
                    "nombre": String(result.count), "premier": result.first ?? "", "dernier": result.last ?? "",
                    "total": FrenchFormat.euros(cents: total.cents), "version_bareme": String(plan.grid.version),
                ],
                actor: actor, on: tx)
            return result
        }
    }

    static let auditEntity = "appel_cotisation"
    static let creditAuditEntity = "avoir_cotisation"

    private static let callColumns = [
        "id", "year", "number", "seq", "structure_id", "grid_id", "delegation_id", "structure_name", "siret", "types",
        "issued_on", "due_on", "fixed_cents", "variable_cents", "cap_cents", "floor_cents", "total_cents",
        "credited_cents", "paid_cents", "status", "amount_json", "no_base", "run_id", "created_by", "created_at",
    ]

    /// Who is called on `issuedOn` and for how much, skipping members already called this year.
    private static func plan(year: Int, issuedOn: Day, on db: any Database) async throws -> Preview {
        guard years.contains(year) else { throw Failure.badYear(year) }
        guard let grid = try await DuesGridService.current(year: year, on: db) else { throw Failure.noGrid(year) }
        let terms = try await DuesGridService.load(grid, on: db)
        let called = Set(try await DuesCall.query(on: db).filter(\.$year == year).field(\.$structure.$id).all().map { $0.$structure.id })
        let members = try await members(on: issuedOn, on: db)
        let toCall = members.filter { !called.contains($0.id!) }
        let bases = try await DuesBaseService.resolveAll(grid: grid, structures: toCall, on: db)
        let map = try await NetworkMap.load(on: db, year: issuedOn.year)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(toCall.count)
        for s in toCall {
            let resolved = bases[s.id!] ?? [:]
            var given: [StructureType: Money] = [:]
            for (type, base) in resolved { if let amount = base.amount { given[type] = amount } }
            let amount: DuesAmount
            do { amount = try DuesCalculator.compute(terms, types: s.types, bases: given) } catch { throw Failure.overflow }
            let delegation = map.delegation(ofDepartment: s.departmentCode)
            candidates.append(Candidate(structure: s, delegationID: delegation?.delegationID, delegationName: delegation?.name,
                                        amount: amount, noBase: !amount.missingBases.isEmpty || resolved.values.contains(where: \.flagged)))
        }
        let total: Money
        do { total = try Money.sum(candidates.map(\.amount.total)) } catch { throw Failure.overflow }
        let due = day(issuedOn, plus: grid.paymentDays)
        return Preview(year: year, issuedOn: issuedOn, dueOn: due, grid: grid, candidates: candidates,
                       alreadyCalled: members.count - toCall.count, total: total)
    }

    /// The structures with a membership period open on `day`, in French name order. One SQL
    /// read of the few columns a call needs (a generation reads thousands of members).
    static func members(on day: Day, on db: any Database) async throws -> [Structure] {
        guard let sql = db as? any SQLDatabase else { throw DuesNumbering.Failure.noSQL }
        let rows = try await sql.raw("""
            SELECT s.id, s.name, s.siret, s.types, s.department_code, s.commune, s.status FROM structures s
            WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.structure_id = s.id AND m.joined_on <= \(bind: day.iso)
                          AND (m.left_on IS NULL OR m.left_on > \(bind: day.iso)))
            """).all()
        var keyed: [(FrenchSortKey, Structure)] = []
        keyed.reserveCapacity(rows.count)
        for row in rows {
            let s = Structure()
            s.id = try row.decode(column: "id", as: UUID.self)
            s.name = try row.decode(column: "name", as: String.self)
            s.siret = try row.decode(column: "siret", as: String.self)
            s.typesText = try row.decode(column: "types", as: String.self)
            s.departmentCode = try row.decode(column: "department_code", as: String.self)
            s.commune = try row.decode(column: "commune", as: String.self)
            s.status = try row.decode(column: "status", as: String.self)
            s.$id.exists = true
            keyed.append((FrenchSortKey(s.name), s))
        }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension DuesCallService {
    /// The day `n` days after `d`.
    static func day(_ d: Day, plus n: Int) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))!
        let later = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: n, to: date)!)
        return Day(year: later.year!, month: later.month!, day: later.day!) ?? d
    }

    // MARK: Totals and credit notes

    /// Recomputes a call's paid and credited amounts and its stored status from its payments
    /// and credit notes, inside the caller's transaction (PAYMENTS calls it after each change).
    /// Its first statement is a write on the call's row: two payments (or a payment and a credit
    /// note) recorded at once wait for each other, and the second one's sums include the first's
    /// committed row instead of overwriting them (PostgreSQL, read committed; SQLite has one writer).
    static func refreshTotals(callID: UUID, on tx: any Database) async throws {
        try await lockCall(callID, on: tx)
        guard let call = try await DuesCall.find(callID, on: tx) else { throw Failure.notFound }
        let paid = try await DuesPayment.query(on: tx).filter(\.$call.$id == callID).all().map(\.amount)
        let credited = try await DuesCreditNote.query(on: tx).filter(\.$call.$id == callID).all().map(\.amount)
        let paidSum: Money, creditedSum: Money
        do {
            paidSum = try Money.sum(paid)
            creditedSum = try Money.sum(credited)
        } catch { throw Failure.overflow }
        call.paidCents = paidSum.cents
        call.creditedCents = creditedSum.cents
        call.status = DuesCallStatus.stored(total: call.totalCents, credited: creditedSum.cents, paid: paidSum.cents).rawValue
        try await call.save(on: tx)
    }

    /// Locks a call's row, as the first statement of a step on it (`RowLock`): on PostgreSQL a
    /// second step on the same call waits for the first to commit.
    static func lockCall(_ id: UUID, on tx: any Database) async throws {
        try await RowLock.lock(DuesCall.schema, id, on: tx)
    }

    /// Why a credit note was refused, by field, in French.
    struct CreditNoteRefusal: Error { let errors: FieldErrors }

    static let maxReason = 2000

    /// Issues a credit note of `amount` on `call` (0 < amount ≤ total − credited), numbered in
    /// the year's own gap-free series `AV-YEAR-NNNN`; for the whole remaining amount it cancels
    /// the call. One transaction: the series is locked, the call read again, the note written,
    /// the totals refreshed, the step audited. Throws `CreditNoteRefusal` (422) or
    /// `WorkflowRefusal` (403/409).
    @discardableResult
    static func issueCreditNote(call callID: UUID, amount: Money, reason: String, issuedOn: Day,
                                by actor: CurrentUser?, parties: Set<Party>, on db: any Database) async throws -> DuesCreditNote {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await db.writeTransaction { tx in
            try await lockCall(callID, on: tx)
            guard let probe = try await DuesCall.find(callID, on: tx) else { throw Failure.notFound }
            try await DuesNumbering.lock(series: DuesNumbering.creditSeries(probe.year), on: tx)
            guard let call = try await DuesCall.find(callID, on: tx) else { throw Failure.notFound }
            let remaining = call.totalCents - call.creditedCents
            var errors = FieldErrors()
            if amount.cents <= 0 {
                errors.add("amount", "Saisissez un montant supérieur à 0.")
            } else if amount.cents > remaining {
                errors.add("amount", "L'avoir ne peut pas dépasser le montant restant de l'appel (\(FrenchFormat.euros(cents: max(0, remaining)))).")
            }
            if reason.isEmpty { errors.add("reason", "Indiquez le motif de l'avoir.") }
            else if reason.count > maxReason { errors.add("reason", "Le motif ne peut pas dépasser \(maxReason) caractères.") }
            let state = DuesCallStatus(rawValue: call.status) ?? .issued
            let action: DuesCallWorkflow.Action = amount.cents == remaining ? .cancel : .reduce
            let step = try DuesCallWorkflow.table.check(action, from: state, by: parties)
            guard errors.isEmpty else { throw CreditNoteRefusal(errors: errors) }
            let seq = try await DuesNumbering.take(1, series: DuesNumbering.creditSeries(call.year), on: tx).lowerBound
            let note = DuesCreditNote()
            note.$call.id = callID
            note.year = call.year
            note.seq = seq
            note.number = DuesNumbering.creditNumber(year: call.year, seq: seq)
            note.issuedOn = issuedOn.iso
            note.amountCents = amount.cents
            note.reason = reason
            note.createdBy = actor?.id
            try await note.create(on: tx)
            try await refreshTotals(callID: callID, on: tx)
            try await Audit.record(
                .create, creditAuditEntity, id: try note.requireID().uuidString,
                summary: "\(step.records) \(note.number) sur l'appel \(call.number) : \(FrenchFormat.euros(cents: amount.cents))",
                after: ["numero": note.number, "appel": call.number, "montant": FrenchFormat.euros(cents: amount.cents),
                        "motif": reason, "date": issuedOn.french, "structure": call.$structure.id.uuidString],
                actor: actor, on: tx)
            return note
        }
    }
}
