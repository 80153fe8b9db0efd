import Fluent
import Foundation
import MaillageCore
import SQLKit

/// What the follow-up pages, the exports, the reminders and the API share: the calls of a year
/// in a person's perimeter, each with the department of its member and its delegation code,
/// and the status as people read it (« overdue » derived from the due date).
enum DuesFollowUp {
    /// A call with where its member is: the department decides the perimeter (`DuesScope`), the
    /// delegation is the one of the call's issue, else the one of the department today.
    struct Located: Sendable {
        let call: DuesCall
        let department: String
        let delegationID: UUID?
        let delegationCode: String
    }

    /// The status code of SPEC §8 (`DuesCallStatus.of`, the calls' own rule): `overdue` when the
    /// due date has passed with something still owed; paid and cancelled stay as they are.
    static func status(of call: DuesCall, today: Day) -> String {
        DuesCallStatus.of(call, today: today).rawValue
    }

    /// The French label of a status code.
    static func label(_ code: String) -> String {
        DuesCallStatus(rawValue: code)?.label ?? code
    }

    /// The delegation of a call: the one recorded at issue, else the member's department's today.
    static func delegation(recorded: UUID?, department: String, map: NetworkMap) -> NetworkMap.Entry? {
        if let recorded, let d = map.delegation(id: recorded) { return d }
        return map.delegation(ofDepartment: department)
    }

    /// The calls of `year` in the perimeter, in number order (two reads: calls with their
    /// member's department).
    static func calls(year: Int, scope: DuesScope, map: NetworkMap, on db: any Database) async throws -> [Located] {
        guard !scope.isEmpty else { return [] }
        let rows = try await DuesCall.query(on: db).filter(\.$year == year)
            .join(Structure.self, on: \DuesCall.$structure.$id == \Structure.$id)
            .sort(\.$seq).all()
        return try rows.compactMap { c in
            let s = try c.joined(Structure.self)
            guard scope.includes(structureID: c.$structure.id, department: s.departmentCode) else { return nil }
            let d = delegation(recorded: c.delegationID, department: s.departmentCode, map: map)
            return Located(call: c, department: s.departmentCode, delegationID: d?.delegationID, delegationCode: d?.code ?? "")
        }
    }

    /// The grids of a year with their rates, by id.
    static func grids(year: Int, on db: any Database) async throws -> [UUID: DuesGridTerms] {
        let grids = try await DuesGrid.query(on: db).filter(\.$year == year).with(\.$rates).all()
        var out: [UUID: DuesGridTerms] = [:]
        for g in grids { out[try g.requireID()] = g.terms(rates: g.rates) }
        return out
    }

    /// The year from the path, bounded (2000…2100), else 404.
    static func year(_ raw: String?) -> Int? {
        guard let raw, let y = Int(raw), (2000...2100).contains(y) else { return nil }
        return y
    }
}

/// The accountant's files of a dues year (SPEC §8 « Dues exports »): the calls (a CSV contract
/// outside tools rely on, and an XLSX), the credit notes, the payments with their split, and
/// the journal in the layout of the French FEC.
enum DuesExports {
    /// One call as the contract writes it.
    struct CallRow: Sendable {
        struct TypeCells: Sendable { var base: Money?; var rate: DuesRate?; var variable: Money? }
        var number: String
        var issuedOn: String
        var dueOn: String
        var siret: String
        var name: String
        var delegation: String
        var gridVersion: Int
        var fixed: Money
        var cap: Money
        var floor: Money?
        var variable: Money
        var total: Money
        var credited: Money
        var paid: Money
        var outstanding: Money
        /// SPEC §8 code: issued, partly_paid, paid, overdue, cancelled.
        var status: String
        /// The member's types the grid rates, with what the call says of each.
        var types: [StructureType: TypeCells]
        /// The types the call's grid rates (the columns it brings).
        var ratedTypes: [StructureType]
        var explanation: [String]
    }

    /// The fixed columns of SPEC §8, in their order.
    static let callColumns = ["number", "issued_on", "due_on", "siret", "name", "delegation", "grid_version", "fixed_eur",
                              "cap_eur", "floor_eur", "variable_eur", "total_eur", "credited_eur", "paid_eur",
                              "outstanding_eur", "status"]

    static func typeColumns(_ t: StructureType) -> [String] {
        ["base_\(t.rawValue)_eur", "rate_\(t.rawValue)_pct", "variable_\(t.rawValue)_eur"]
    }

    /// "1234,56": two decimals, a comma, no thousands separator (SPEC §8).
    static func amount(_ m: Money) -> String { m.plain.replacingOccurrences(of: ".", with: ",") }

    /// The type columns: every type a grid of the rows rates, in `StructureType.allCases` order.
    static func ratedTypes(_ rows: [CallRow]) -> [StructureType] {
        let rated = Set(rows.flatMap(\.ratedTypes))
        return StructureType.allCases.filter { rated.contains($0) }
    }

    /// The contract as rows of text: header, then one row per call.
    static func callTable(rows: [CallRow], types: [StructureType]? = nil) -> [[String]] {
        let types = types ?? ratedTypes(rows)
        var out = [callColumns + types.flatMap(typeColumns)]
        for r in rows {
            var line = [r.number, r.issuedOn, r.dueOn, r.siret, r.name, r.delegation, String(r.gridVersion), amount(r.fixed),
                        amount(r.cap), r.floor.map(amount) ?? "", amount(r.variable), amount(r.total), amount(r.credited),
                        amount(r.paid), amount(r.outstanding), r.status]
            for t in types {
                let c = r.types[t]
                line += [c?.base.map(amount) ?? "", c?.rate?.plain ?? "", c?.variable.map(amount) ?? ""]
            }
            out.append(line)
        }
        return out
    }

    /// The calls CSV of SPEC §8 (French Excel dialect: `;`, CRLF, cells protected against
    /// formulas; the BOM is added by `FrenchCSV.exportData` for downloads).
    static func callsCSV(rows: [CallRow], types: [StructureType]? = nil) -> String {
        FrenchCSV.write(callTable(rows: rows, types: types))
    }

    /// The rows of the year's calls in the perimeter.
    static func callRows(year: Int, scope: DuesScope, map: NetworkMap, today: Day, on db: any Database) async throws -> [CallRow] {
        let grids = try await DuesFollowUp.grids(year: year, on: db)
        let versions = try await DuesGrid.query(on: db).filter(\.$year == year).all()
            .reduce(into: [UUID: Int]()) { $0[$1.id!] = $1.version }
        return try await DuesFollowUp.calls(year: year, scope: scope, map: map, on: db).map { l in
            row(l, terms: grids[l.call.$grid.id], version: versions[l.call.$grid.id] ?? 0, today: today)
        }
    }

    static func row(_ l: DuesFollowUp.Located, terms: DuesGridTerms?, version: Int, today: Day) -> CallRow {
        let c = l.call
        let amount = c.amount
        var types: [StructureType: CallRow.TypeCells] = [:]
        for t in c.types {
            guard let rate = terms?.terms[t]?.rate else { continue }
            let line = amount?.lines.first { $0.type == t }
            types[t] = .init(base: line?.base, rate: line?.rate ?? rate, variable: line?.amount)
        }
        return CallRow(number: c.number, issuedOn: c.issuedOn, dueOn: c.dueOn, siret: c.siret, name: c.structureName,
                       delegation: l.delegationCode, gridVersion: version, fixed: Money(cents: c.fixedCents),
                       cap: Money(cents: c.capCents), floor: c.floorCents.map(Money.init(cents:)),
                       variable: Money(cents: c.variableCents), total: c.total, credited: c.credited, paid: c.paid,
                       outstanding: c.outstanding, status: DuesFollowUp.status(of: c, today: today),
                       types: types, ratedTypes: terms.map { t in StructureType.allCases.filter { t.terms[$0] != nil } } ?? [],
                       explanation: amount?.explanation ?? [])
    }

    // MARK: XLSX of the calls

    /// The contract sheet (text, exactly the CSV) first, then a French sheet with typed cells
    /// and the explanation; the workbook opens on the French one.
    static func callsXLSX(rows: [CallRow], types: [StructureType]? = nil) -> Data {
        let table = callTable(rows: rows, types: types)
        let contractRows = table.map { $0.map { XLSXCell.text($0) } }
        let contract = XLSXSheet(name: "Appels", rows: contractRows,
                                 widths: XLSXSheet.widths(header: table[0], rows: Array(contractRows.dropFirst())), frozenRows: 1, autoFilter: true)
        let headers = ["Numéro", "Émis le", "Échéance", "SIRET", "Adhérent", "Délégation", "Barème (version)", "Part fixe (€)",
                       "Plafond (€)", "Plancher (€)", "Part variable (€)", "Total (€)", "Avoirs (€)", "Payé (€)", "Reste dû (€)",
                       "Statut", "Détail du calcul"]
        let body: [[XLSXCell]] = rows.map { r in
            [.text(r.number), date(r.issuedOn), date(r.dueOn), .text(r.siret), .text(r.name), .text(r.delegation),
             .integer(r.gridVersion), number(r.fixed), number(r.cap), r.floor.map(number) ?? .empty, number(r.variable),
             number(r.total), number(r.credited), number(r.paid), number(r.outstanding), .text(DuesFollowUp.label(r.status)),
             .text(r.explanation.joined(separator: " · "))]
        }
        let french = XLSXSheet(name: "Appels de cotisation", rows: [headers.map { .text($0) }] + body,
                               widths: XLSXSheet.widths(header: headers, rows: body), frozenRows: 1, autoFilter: true)
        return XLSX.workbook([contract, french], activeSheet: 1)
    }

    static func date(_ iso: String) -> XLSXCell { Day(iso: iso).map(XLSXCell.date) ?? .text(iso) }
    static func number(_ m: Money) -> XLSXCell { .number(m.plain) }

    // MARK: credit notes and payments

    static let creditColumns = ["number", "issued_on", "call_number", "siret", "name", "delegation", "amount_eur", "reason"]
    static let paymentColumns = ["call_number", "paid_on", "siret", "name", "delegation", "method", "reference", "amount_eur",
                                 "delegation_eur", "national_eur", "fund_eur"]

    /// The credit notes of the year's calls in the perimeter, by number.
    static func creditTable(_ calls: [DuesFollowUp.Located], on db: any Database) async throws -> [[String]] {
        let byID = Dictionary(uniqueKeysWithValues: calls.map { ($0.call.id!, $0) })
        var out = [creditColumns]
        guard !byID.isEmpty else { return out }
        let notes = try await DuesCreditNote.query(on: db).filter(\.$call.$id ~~ Array(byID.keys)).sort(\.$seq).all()
        for n in notes {
            guard let l = byID[n.$call.id] else { continue }
            out.append([n.number, n.issuedOn, l.call.number, l.call.siret, l.call.structureName, l.delegationCode,
                        amount(n.amount), n.reason])
        }
        return out
    }

    /// The payments of the year's calls in the perimeter, by date then call, with their split.
    static func paymentTable(_ calls: [DuesFollowUp.Located], on db: any Database) async throws -> [[String]] {
        var out = [paymentColumns]
        for (p, l) in try await payments(calls, on: db) {
            out.append([l.call.number, p.paidOn, l.call.siret, l.call.structureName, l.delegationCode, p.method, p.reference,
                        amount(p.amount), amount(p.split.delegation), amount(p.split.national), amount(p.split.fund)])
        }
        return out
    }

    static func payments(_ calls: [DuesFollowUp.Located], on db: any Database) async throws -> [(DuesPayment, DuesFollowUp.Located)] {
        let byID = Dictionary(uniqueKeysWithValues: calls.map { ($0.call.id!, $0) })
        guard !byID.isEmpty else { return [] }
        let payments = try await DuesPayment.query(on: db).filter(\.$call.$id ~~ Array(byID.keys)).sort(\.$paidOn).all()
        return payments.compactMap { p in byID[p.$call.id].map { (p, $0) } }
            .sorted { ($0.0.paidOn, $0.1.call.seq, $0.0.createdAt ?? .distantPast) < ($1.0.paidOn, $1.1.call.seq, $1.0.createdAt ?? .distantPast) }
    }

    /// A table as an XLSX of one sheet (a contract: text cells, exactly as the CSV).
    static func tableXLSX(_ table: [[String]], sheet: String) -> Data {
        let rows = table.map { $0.map { XLSXCell.text($0) } }
        return XLSX.workbook([XLSXSheet(name: sheet, rows: rows, widths: XLSXSheet.widths(header: table[0], rows: Array(rows.dropFirst())),
                                        frozenRows: 1, autoFilter: true)])
    }

    // MARK: FEC

    /// The journal of the year's operations: each call issued, credit note, payment and returned
    /// debit is one entry (EcritureNum), numbered in date order, balanced by construction. The
    /// members' account carries the member's SIRET as auxiliary account.
    static func fecEntries(_ calls: [DuesFollowUp.Located], settings: DuesSettingsRecord, on db: any Database) async throws -> [FECEntry] {
        struct Line { let account: String; let label: String; let member: Bool; let debit: Bool }
        struct Operation { let date: Day; let order: Int; let piece: String; let label: String; let amount: Money
                           let call: DuesFollowUp.Located; let lines: [Line] }
        let members = { (debit: Bool) in Line(account: settings.accountMembers, label: "Adhérents", member: true, debit: debit) }
        let dues = { (debit: Bool) in Line(account: settings.accountDues, label: "Cotisations", member: false, debit: debit) }
        let bank = { (debit: Bool) in Line(account: settings.accountBank, label: "Banque", member: false, debit: debit) }
        var ops: [Operation] = []
        var byCall: [UUID: DuesFollowUp.Located] = [:]
        for l in calls {
            byCall[l.call.id!] = l
            guard let day = Day(iso: l.call.issuedOn), l.call.totalCents > 0 else { continue }
            ops.append(Operation(date: day, order: 0, piece: l.call.number, label: "Appel de cotisation \(l.call.number) \(l.call.structureName)",
                                 amount: l.call.total, call: l, lines: [members(true), dues(false)]))
        }
        if !byCall.isEmpty {
            for n in try await DuesCreditNote.query(on: db).filter(\.$call.$id ~~ Array(byCall.keys)).sort(\.$seq).all() {
                guard let l = byCall[n.$call.id], let day = Day(iso: n.issuedOn), n.amountCents > 0 else { continue }
                ops.append(Operation(date: day, order: 1, piece: n.number, label: "Avoir \(n.number) sur l'appel \(l.call.number)",
                                     amount: n.amount, call: l, lines: [dues(true), members(false)]))
            }
        }
        for (p, l) in try await payments(calls, on: db) {
            guard let day = Day(iso: p.paidOn), p.amountCents != 0 else { continue }
            let piece = p.reference.isEmpty ? l.call.number : p.reference
            if p.amountCents > 0 {
                ops.append(Operation(date: day, order: 2, piece: piece, label: "Paiement de l'appel \(l.call.number)",
                                     amount: p.amount, call: l, lines: [bank(true), members(false)]))
            } else {
                ops.append(Operation(date: day, order: 3, piece: piece, label: "Rejet de prélèvement de l'appel \(l.call.number)",
                                     amount: Money(cents: -p.amountCents), call: l, lines: [members(true), bank(false)]))
            }
        }
        let ordered = ops.enumerated().sorted {
            ($0.element.date, $0.element.order, $0.offset) < ($1.element.date, $1.element.order, $1.offset)
        }.map(\.element)
        var entries: [FECEntry] = []
        for (n, op) in ordered.enumerated() {
            for line in op.lines {
                entries.append(FECEntry(journalCode: settings.journalCode, journalLabel: "Cotisations", number: String(n + 1), date: op.date,
                                        account: line.account, accountLabel: line.label,
                                        auxAccount: line.member ? op.call.call.siret : nil, auxLabel: line.member ? op.call.call.structureName : nil,
                                        pieceRef: op.piece, pieceDate: op.date, label: op.label,
                                        debit: line.debit ? op.amount : .zero, credit: line.debit ? .zero : op.amount,
                                        // ValidDate is mandatory in the FEC: an operation is validated when Maillage records it.
                                        validDate: op.date))
            }
        }
        return entries
    }
}
