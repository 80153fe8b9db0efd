import Fluent
import SQLKit
import Foundation
import MaillageCore
import Vapor

/// A call's page, its A4 print page and its PDF, and the national list of a year's calls.
enum DuesCallController {
    // MARK: One call

    static func call(_ req: Request) async throws -> Response {
        let call = try await loadCall(req)
        return try await renderCall(req, call: call, payment: nil, status: .ok)
    }

    /// The call page; PAYMENTS re-renders it with its refused form (422).
    static func renderCall(_ req: Request, call: DuesCall, payment: PaymentFormState?, status: HTTPStatus) async throws -> Response {
        let page = try await callPage(req, call: call, payment: payment)
        return try await req.renderPage("dues/call", title: page.heading, page, status: status)
    }

    /// Loads `:callID` and its structure, and checks the route's rule on the structure (404 out of
    /// sight, 403 in sight but not allowed).
    static func loadCall(_ req: Request) async throws -> DuesCall {
        guard let id = req.parameters.get("callID", as: UUID.self),
              let call = try await DuesCall.query(on: req.db).filter(\.$id == id).with(\.$structure).first() else {
            throw Abort(.notFound)
        }
        try await req.authorize(call.structure)
        return call
    }

    static func callPage(_ req: Request, call: DuesCall, payment: PaymentFormState?) async throws -> DuesCallPage {
        let id = try call.requireID()
        let today = Day.today(now: req.services.clock.now)
        let status = DuesCallStatus.of(call, today: today)
        let settings = try await DuesSettings.load(on: req.db)
        let grid = try await DuesGrid.find(call.$grid.id, on: req.db)
        let notes = try await DuesCreditNote.query(on: req.db).filter(\.$call.$id == id).sort(\.$seq).all()
        let payments = try await DuesPayment.query(on: req.db).filter(\.$call.$id == id).sort(\.$paidOn).sort(\.$createdAt).all()
        let returned = Set(payments.compactMap(\.returnedPaymentID))
        let map = try await req.networkMap()
        let structure = try await structureOf(call, on: req.db)
        let printer = ChromiumPDF(config: req.application.config)
        let canPay = status != .cancelled ? req.link(to: DuesURL.recordPayment(id)) : nil
        let paymentForm = canPay.map { action in
            DuesCallPage.PaymentForm(
                action: action,
                values: payment?.values ?? ["paid_on": today.french, "amount": "", "method": DuesPayment.Method.transfer.rawValue, "reference": ""],
                errors: payment?.errors ?? FieldErrors(),
                methods: DuesCallPage.methodOptions(selected: payment?.values["method"] ?? DuesPayment.Method.transfer.rawValue))
        }
        return DuesCallPage(
            heading: "Appel de cotisation \(call.number)",
            number: call.number, year: call.year, status: status.label, statusKey: status.rawValue,
            structureName: call.structureName,
            structureHref: try await req.link(to: .structure(structure.requireID()), on: structure),
            siret: call.siret, types: DuesCallPage.typesLabel(call.types),
            delegation: call.delegationID.flatMap { map.delegation(id: $0)?.name },
            gridVersion: grid.map { "Barème \($0.year), version \($0.version)" } ?? "",
            issuedOn: FrenchFormat.date(call.issuedOn), dueOn: FrenchFormat.date(call.dueOn),
            explanation: call.amount?.explanation ?? ["Total \(FrenchFormat.euros(cents: call.totalCents))"],
            total: FrenchFormat.euros(cents: call.totalCents),
            credited: FrenchFormat.euros(cents: call.creditedCents),
            paid: FrenchFormat.euros(cents: call.paidCents),
            outstanding: DuesCallPage.outstandingLabel(call), overpaid: call.outstanding.cents < 0,
            creditNotes: notes.map {
                .init(number: $0.number, issuedOn: FrenchFormat.date($0.issuedOn), amount: FrenchFormat.euros(cents: $0.amountCents), reason: $0.reason)
            },
            payments: try payments.map { p in
                let pid = try p.requireID()
                let returnable = p.paymentMethod == .directDebit && p.amountCents > 0 && !returned.contains(pid)
                return DuesCallPage.PaymentRow(
                    paidOn: FrenchFormat.date(p.paidOn), method: p.paymentMethod.label, reference: p.reference,
                    amount: FrenchFormat.euros(cents: p.amountCents), split: splitText(p.split),
                    returnAction: returnable ? req.link(to: DuesURL.returnDebit(id, pid)) : nil,
                    returnLabel: "Rejet du prélèvement du \(FrenchFormat.date(p.paidOn))…")
            },
            hasCreditNotes: !notes.isEmpty, hasPayments: !payments.isEmpty,
            howToPay: try await howToPay(call, settings: settings, on: req.db),
            printHref: DuesURL.printCall(id).path,
            pdfHref: printer.isAvailable ? DuesURL.callPDF(id).path : nil,
            pdfUnavailable: printer.isAvailable ? nil : "PDF indisponible : utilisez la page d'impression.",
            creditNoteHref: status != .cancelled ? req.link(to: DuesURL.creditNote(id)) : nil,
            callsHref: req.link(to: DuesURL.calls(call.year)),
            paymentForm: paymentForm)
    }

    static func splitText(_ s: DuesSplit) -> String {
        "Délégation \(FrenchFormat.euros(cents: s.delegation.cents)) · Offre nationale \(FrenchFormat.euros(cents: s.national.cents)) · Fonds mutualisé \(FrenchFormat.euros(cents: s.fund.cents))"
    }

    static func howToPay(_ call: DuesCall, settings: DuesSettingsRecord, on db: any Database) async throws -> DuesCallPage.HowToPay {
        let mandate = try await DuesMandate.query(on: db).filter(\.$structure.$id == call.$structure.id)
            .filter(\.$status == "active").first()
        return DuesCallPage.HowToPay(
            beneficiary: settings.federationName,
            iban: IBAN(settings.iban)?.printed ?? settings.iban, bic: settings.bic, reference: call.number,
            directDebit: mandate.map { "Prélèvement SEPA le \(FrenchFormat.date(call.dueOn)) (mandat \($0.reference))" })
    }

    private static func structureOf(_ call: DuesCall, on db: any Database) async throws -> Structure {
        if let s = call.$structure.value { return s }
        guard let s = try await Structure.find(call.$structure.id, on: db) else { throw Abort(.notFound) }
        return s
    }

    // MARK: Print page and PDF

    static func printCall(_ req: Request) async throws -> Response {
        let call = try await loadCall(req)
        let doc = try await printDocument(req, call: call, stylesheets: ["/theme.css", "/css/dues-print.css"],
                                          backHref: DuesURL.call(call.requireID()).path)
        let view = try await req.view.render("dues/call-print", doc)
        return try await view.encodeResponse(for: req)
    }

    static func printDocument(_ req: Request, call: DuesCall, stylesheets: [String], backHref: String?) async throws -> DuesCallPrintDocument {
        let settings = try await DuesSettings.load(on: req.db)
        let s = try await structureOf(call, on: req.db)
        let address = [s.address, [s.postalCode, s.commune].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")]
            .compactMap { $0 }.filter { !$0.isEmpty }
        return DuesCallPrintDocument(
            title: "Appel de cotisation \(call.number)", stylesheets: stylesheets,
            federation: .init(name: settings.federationName, address: settings.address, siret: settings.siret,
                              iban: IBAN(settings.iban)?.printed ?? settings.iban, bic: settings.bic, creditorID: settings.creditorID),
            member: .init(name: call.structureName, siret: call.siret, address: address, types: DuesCallPage.typesLabel(call.types)),
            number: call.number, year: call.year, issuedOn: FrenchFormat.date(call.issuedOn), dueOn: FrenchFormat.date(call.dueOn),
            explanation: call.amount?.explanation ?? ["Total \(FrenchFormat.euros(cents: call.totalCents))"],
            total: FrenchFormat.euros(cents: call.totalCents),
            credited: call.creditedCents > 0 ? FrenchFormat.euros(cents: call.creditedCents) : nil,
            outstanding: DuesCallPage.outstandingLabel(call),
            howToPay: try await howToPay(call, settings: settings, on: req.db),
            backHref: backHref)
    }
}

// MARK: The calls of a year

extension DuesCallController {
    static let columns = [
        ListColumn("number", "Numéro"), ListColumn("name", "Adhérent"), ListColumn("delegation", "Délégation", sortable: false),
        ListColumn("total", "Montant", numeric: true), ListColumn("outstanding", "Reste dû", numeric: true), ListColumn("status", "État"),
    ]
    static let exportHeaders = ["Numéro", "Adhérent", "SIRET", "Délégation", "Types", "Émis le", "Échéance", "Montant", "Avoirs",
                                "Payé", "Reste dû", "État", "Sans assiette", "Détail du calcul"]

    /// The list's filters, read from the query (bad values are ignored).
    struct CallFilter: Sendable {
        var status: DuesCallStatus?
        var delegation: UUID?
        var noBase: Bool
        var q: String

        init(_ raw: [String: String]) {
            status = raw["etat"].flatMap(DuesCallStatus.init(rawValue:))
            delegation = raw["delegation"].flatMap(UUID.init(uuidString:))
            noBase = raw["sans_assiette"] == "1"
            q = String((raw["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        }

        var items: [(String, String?)] {
            [("etat", status?.rawValue), ("delegation", delegation?.uuidString), ("sans_assiette", noBase ? "1" : nil), ("q", q.isEmpty ? nil : q)]
        }
    }

    static func calls(_ req: Request) async throws -> Response {
        guard let year = req.parameters.get("year", as: Int.self), DuesCallService.years.contains(year) else { throw Abort(.notFound) }
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let scope = DuesScope.of(user, map: map)
        let today = Day.today(now: req.services.clock.now)
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: columns, defaultSort: ListSort("number"))
        let filter = CallFilter(raw)
        let pageRows: [(call: DuesCallLine, status: DuesCallStatus)]
        let summary: (count: Int, total: Int64, owed: Int64)
        let list: ListView
        let delegationName: (UUID?) -> String = { id in id.flatMap { map.delegation(id: $0)?.name } ?? "" }
        if state.format == nil, filter.q.isEmpty, Self.sqlSorts.contains(state.sort.key), !scope.isEmpty,
           let sql = req.db as? any SQLDatabase {
            // The common page (sorted by number, amount or outstanding; filtered by status, delegation
            // or missing base): counted, summed and cut to one page by the database, 50 rows read.
            let visible = Self.visibleWhere(year: year, scope: scope)
            let filtered = visible + Self.filterWhere(filter, today: today)
            let sums = try await sql.raw("""
                SELECT COUNT(*) AS n, CAST(COALESCE(SUM(c.total_cents), 0) AS BIGINT) AS total,
                       CAST(COALESCE(SUM(CASE WHEN \(unsafeRaw: Self.owedSQL) > 0 THEN \(unsafeRaw: Self.owedSQL) ELSE 0 END), 0) AS BIGINT) AS owed
                FROM dues_calls c JOIN structures s ON s.id = c.structure_id \(visible)
                """).first(decoding: Sums.self) ?? Sums(n: 0, total: 0, owed: 0)
            summary = (sums.n, sums.total, sums.owed)
            let count = try await sql.raw("""
                SELECT COUNT(*) AS n, CAST(0 AS BIGINT) AS total, CAST(0 AS BIGINT) AS owed
                FROM dues_calls c JOIN structures s ON s.id = c.structure_id \(filtered)
                """).first(decoding: Sums.self)?.n ?? 0
            list = ListView(DuesURL.calls(year), columns: columns, state: state, filters: filter.items, total: count,
                            exportable: true, noun: ("appel", "appels"))
            let direction = state.sort.descending ? "DESC" : "ASC"
            let order = switch state.sort.key {
            case "total": "c.total_cents \(direction), c.seq \(direction)"
            case "outstanding": "\(Self.owedSQL) \(direction), c.seq \(direction)"
            default: "c.seq \(direction)"
            }
            let lines = try await sql.raw("""
                SELECT \(unsafeRaw: Self.lineColumns) FROM dues_calls c JOIN structures s ON s.id = c.structure_id \(filtered)
                ORDER BY \(unsafeRaw: order) LIMIT \(literal: list.limit) OFFSET \(literal: list.offset)
                """).all(decoding: DuesCallLine.self)
            pageRows = lines.map { ($0, DuesCallStatus.of(stored: $0.status, outstanding: $0.outstanding, dueOn: $0.due_on, today: today)) }
        } else {
            let all = try await visibleCallLines(year: year, scope: scope, on: req.db)
            let needle = Structure.searchKey(filter.q)
            var rows: [(call: DuesCallLine, status: DuesCallStatus)] = all.compactMap { call in
                let status = DuesCallStatus.of(stored: call.status, outstanding: call.outstanding, dueOn: call.due_on, today: today)
                if let s = filter.status, s != status { return nil }
                if let d = filter.delegation, call.delegation_id != d { return nil }
                if filter.noBase, !call.no_base { return nil }
                if !needle.isEmpty, !Structure.searchKey("\(call.structure_name) \(call.number) \(call.siret)").contains(needle) { return nil }
                return (call, status)
            }
            // French order only when sorting by name: a sort key for 5 000 names is most of a request.
            if state.sort.key == "name" {
                var keyed = rows.map { (row: $0, key: FrenchSortKey($0.call.structure_name)) }
                state.sort.apply(&keyed) { a, b in a.key != b.key ? a.key < b.key : a.row.call.seq < b.row.call.seq }
                rows = keyed.map(\.row)
            } else {
                state.sort.apply(&rows) { a, b in
                    switch state.sort.key {
                    case "total": a.call.total_cents != b.call.total_cents ? a.call.total_cents < b.call.total_cents : a.call.seq < b.call.seq
                    case "outstanding":
                        a.call.outstanding != b.call.outstanding ? a.call.outstanding < b.call.outstanding : a.call.seq < b.call.seq
                    case "status": a.status.label != b.status.label ? a.status.label < b.status.label : a.call.seq < b.call.seq
                    default: a.call.seq < b.call.seq
                    }
                }
            }
            if let format = state.format {
                let name = ListView.fileName("appels-\(year)", filters: filter.items, on: req, format: format)
                // The frozen explanation of each row, read only for a download.
                let explanations = try await explanations(of: rows.map(\.call.id), on: req.db)
                let cells: [[XLSXCell]] = rows.map { r in
                    let c = r.call
                    return [.text(c.number), .text(c.structure_name), .text(c.siret), .text(delegationName(c.delegation_id)),
                            .text(DuesCallPage.typesLabel(c.structureTypes)), .text(FrenchFormat.date(c.issued_on)), .text(FrenchFormat.date(c.due_on)),
                            .text(FrenchFormat.euros(cents: c.total_cents)), .text(FrenchFormat.euros(cents: c.credited_cents)),
                            .text(FrenchFormat.euros(cents: c.paid_cents)), .text(FrenchFormat.euros(cents: c.outstanding.cents)),
                            .text(r.status.label), .text(c.no_base ? "oui" : "non"), .text(explanations[c.id] ?? "")]
                }
                return ListExport.response(format, name: name, headers: exportHeaders, rows: cells, sheet: "Appels \(year)")
            }
            list = ListView(DuesURL.calls(year), columns: columns, state: state, filters: filter.items, total: rows.count,
                            exportable: true, noun: ("appel", "appels"))
            summary = (all.count, all.reduce(Int64(0)) { $0 &+ $1.total_cents }, all.reduce(Int64(0)) { $0 &+ max(0, $1.outstanding.cents) })
            pageRows = Array(rows[list.range])
        }
        let delegations = scope.all ? map.delegations : map.delegations.filter { scope.delegationIDs.contains($0.delegationID) }
        let page = DuesCallsPage(
            year: year, heading: "Appels de cotisation \(year)",
            summary: summary.count == 0 ? "Aucun appel émis pour \(year)."
                : "\(FrenchFormat.integer(summary.count)) \(summary.count == 1 ? "appel" : "appels") · appelé \(FrenchFormat.euros(cents: summary.total)) · reste dû \(FrenchFormat.euros(cents: summary.owed))",
            list: list,
            rows: pageRows.map { r in
                DuesCallsPage.Row(number: r.call.number, href: DuesURL.call(r.call.id).path, structure: r.call.structure_name,
                                  delegation: delegationName(r.call.delegation_id), total: FrenchFormat.euros(cents: r.call.total_cents),
                                  outstanding: DuesCallPage.outstandingLabel(r.call.outstanding), status: r.status.label,
                                  statusKey: r.status.rawValue, noBase: r.call.no_base)
            },
            action: DuesURL.calls(year).path, q: filter.q,
            statuses: DuesCallPage.statusOptions(selected: filter.status?.rawValue),
            delegations: delegations.map { .init(value: $0.delegationID.uuidString, label: $0.name, selected: $0.delegationID == filter.delegation) },
            delegationFilter: delegations.count > 1,
            noBase: filter.noBase,
            generateHref: req.link(to: DuesURL.generate(year)),
            homeHref: req.link(to: DuesURL.start))
        return try await req.renderPage("dues/calls", title: page.heading, page)
    }

    /// The sorts the database does (the others need French order or a derived label).
    static let sqlSorts: Set<String> = ["number", "total", "outstanding"]
    static let owedSQL = "(c.total_cents - c.credited_cents - c.paid_cents)"
    static let lineColumns = """
        c.id, c.seq, c.number, c.structure_id, c.structure_name, c.siret, c.delegation_id, c.types, c.issued_on,
        c.due_on, c.total_cents, c.credited_cents, c.paid_cents, c.status, c.no_base, s.department_code
        """

    struct Sums: Decodable { let n: Int; let total: Int64; let owed: Int64 }

    /// `WHERE` the year's calls in the person's perimeter (never called with an empty scope).
    static func visibleWhere(year: Int, scope: DuesScope) -> SQLQueryString {
        var w: SQLQueryString = "WHERE c.year = \(bind: year)"
        if !scope.all {
            var either: [SQLQueryString] = []
            if !scope.structureIDs.isEmpty { either.append("c.structure_id IN (\(binds: scope.structureIDs.sorted { $0.uuidString < $1.uuidString }))") }
            if !scope.departments.isEmpty { either.append("s.department_code IN (\(binds: scope.departments.sorted()))") }
            w += " AND (" + either.joined(separator: " OR ") + ")"
        }
        return w
    }

    /// The list's filters as SQL, with the status derived as `DuesCallStatus.of` does.
    static func filterWhere(_ f: CallFilter, today: Day) -> SQLQueryString {
        var w: SQLQueryString = ""
        if let d = f.delegation { w += " AND c.delegation_id = \(bind: d)" }
        if f.noBase { w += " AND c.no_base = \(true)" }
        let late: SQLQueryString = "(\(unsafeRaw: owedSQL) > 0 AND c.due_on < \(bind: today.iso))"
        switch f.status {
        case nil: break
        case .cancelled: w += " AND c.status = 'cancelled'"
        case .paid: w += " AND c.status = 'paid'"
        case .overdue: w += " AND c.status NOT IN ('cancelled', 'paid') AND " + late
        case .issued: w += " AND c.status NOT IN ('cancelled', 'paid', 'partly_paid') AND NOT " + late
        case .partlyPaid: w += " AND c.status = 'partly_paid' AND NOT " + late
        }
        return w
    }

    /// The calls of `year` in the person's perimeter (`DuesScope`), by number: plain rows read
    /// straight from SQL with the structure's current department, without the frozen explanation
    /// (decoding 5 000 Fluent models was most of the list's time, docs/PERFORMANCE.md).
    static func visibleCallLines(year: Int, scope: DuesScope, on db: any Database) async throws -> [DuesCallLine] {
        if scope.isEmpty { return [] }
        guard let sql = db as? any SQLDatabase else { return [] }
        let lines = try await sql.raw("""
            SELECT c.id, c.seq, c.number, c.structure_id, c.structure_name, c.siret, c.delegation_id, c.types, c.issued_on,
                   c.due_on, c.total_cents, c.credited_cents, c.paid_cents, c.status, c.no_base, s.department_code
            FROM dues_calls c JOIN structures s ON s.id = c.structure_id
            WHERE c.year = \(bind: year) ORDER BY c.seq
            """).all(decoding: DuesCallLine.self)
        if scope.all { return lines }
        return lines.filter { scope.includes(structureID: $0.structure_id, department: $0.department_code) }
    }

    /// The explanation text of each call, by id (for the list's downloads).
    static func explanations(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        var out: [UUID: String] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for call in try await DuesCall.query(on: db).filter(\.$id ~~ chunk).field(\.$id).field(\.$amountJSON).all() {
                out[try call.requireID()] = call.amount?.explanationText ?? ""
            }
        }
        return out
    }
}

/// One call as the lists read it.
struct DuesCallLine: Decodable, Sendable {
    let id: UUID
    let seq: Int
    let number: String
    let structure_id: UUID
    let structure_name: String
    let siret: String
    let delegation_id: UUID?
    let types: String
    let issued_on: String
    let due_on: String
    let total_cents: Int64
    let credited_cents: Int64
    let paid_cents: Int64
    let status: String
    let no_base: Bool
    let department_code: String

    /// Total − credit notes − payments (negative when overpaid).
    var outstanding: Money { Money(cents: total_cents &- credited_cents &- paid_cents) }
    var structureTypes: [StructureType] { types.split(separator: ",").compactMap { StructureType(rawValue: String($0)) } }
}
