import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #11, item 8: the accountant's files — the calls CSV of SPEC §8 (a contract), its XLSX,
/// the credit notes, the payments with their split, and the FEC journal.
@Suite("Dues exports")
struct DuesExportTests {
    /// SPEC §8, then the types the 2026 grid rates, in `StructureType.allCases` order.
    static let header = "number;issued_on;due_on;siret;name;delegation;grid_version;fixed_eur;cap_eur;floor_eur;variable_eur;"
        + "total_eur;credited_eur;paid_eur;outstanding_eur;status;"
        + "base_AI_eur;rate_AI_pct;variable_AI_eur;base_ACI_eur;rate_ACI_pct;variable_ACI_eur;base_EI_eur;rate_EI_pct;variable_EI_eur;"
        + "base_ETTI_eur;rate_ETTI_pct;variable_ETTI_eur;base_ETT_ESS_eur;rate_ETT_ESS_pct;variable_ETT_ESS_eur;"
        + "base_EBE_eur;rate_EBE_pct;variable_EBE_eur;base_PROXIM_eur;rate_PROXIM_pct;variable_PROXIM_eur"

    static func lines(_ body: String) -> [String] {
        var text = body
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// A credit note of `cents` on `call`, the call's total credited kept in step.
    static func credit(_ call: DuesCall, cents: Int64, on db: any Database) async throws {
        let n = DuesCreditNote()
        n.$call.id = try call.requireID()
        n.year = call.year
        n.number = "AV-2026-0001"
        n.seq = 1
        n.issuedOn = "2026-03-15"
        n.amountCents = cents
        n.reason = "Erreur d'assiette"
        try await n.create(on: db)
        call.creditedCents += cents
        try await call.save(on: db)
    }

    @Test("appels.csv: the exact header, one row per call, amounts with a comma, two types, credited/paid/outstanding, statuses")
    func callsCSV() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            try await Self.credit(y.a, cents: 10_000, on: app.db)
            let admin = try await y.f.browser(app, as: .admin)
            // MUT
            let res = try await admin.get(DuesURL.export(2026, "appels.csv"))
            // validate
            #expect(res.status == .ok)
            #expect(res.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(res.body.hasPrefix("\u{FEFF}"))
            #expect(res.body.contains("\r\n"))
            let lines = Self.lines(res.body)
            #expect(lines.first == Self.header)
            #expect(lines.count == 5)
            let columns = Self.header.components(separatedBy: ";")
            let rows = lines.dropFirst().map { $0.components(separatedBy: ";") }
            #expect(rows.allSatisfy { $0.count == columns.count })
            func cell(_ row: [String], _ name: String) -> String { row[columns.firstIndex(of: name)!] }
            let a = rows[0], b = rows[1], c = rows[2], d = rows[3]
            #expect(cell(a, "number") == "2026-0001" && cell(a, "delegation") == "PDL" && cell(a, "grid_version") == "1")
            #expect(cell(a, "fixed_eur") == "800,00" && cell(a, "cap_eur") == "4752,00" && cell(a, "floor_eur") == "")
            #expect(cell(a, "variable_eur") == "3674,07" && cell(a, "total_eur") == "4474,07")
            #expect(cell(a, "credited_eur") == "100,00" && cell(a, "paid_eur") == "0,00" && cell(a, "outstanding_eur") == "4374,07")
            #expect(cell(a, "status") == "overdue")
            #expect(cell(a, "base_AI_eur") == "612345,00" && cell(a, "rate_AI_pct") == "0,6" && cell(a, "variable_AI_eur") == "3674,07")
            #expect(cell(a, "base_ACI_eur") == "" && cell(a, "rate_ACI_pct") == "")
            #expect(cell(b, "paid_eur") == "1800,00" && cell(b, "outstanding_eur") == "0,00" && cell(b, "status") == "paid")
            #expect(cell(c, "paid_eur") == "400,01" && cell(c, "outstanding_eur") == "999,99" && cell(c, "status") == "overdue")
            #expect(cell(c, "delegation") == "NOR")
            // Two types: one fixed part, each type's line, the variable part before the cap is not the total's.
            #expect(cell(d, "base_AI_eur") == "300000,00" && cell(d, "rate_AI_pct") == "0,6" && cell(d, "variable_AI_eur") == "1800,00")
            #expect(cell(d, "base_ACI_eur") == "400000,00" && cell(d, "rate_ACI_pct") == "0,2" && cell(d, "variable_ACI_eur") == "800,00")
            #expect(cell(d, "variable_eur") == "2600,00" && cell(d, "total_eur") == "3400,00")
        }
    }

    @Test("statuses issued and partly paid before the due date; a cancelled call stays cancelled")
    func statusesBeforeDueDate() async throws {
        try await withMaillage { app in
            // setup: 1 February, nothing is late yet
            let y = try await DuesYear.load(app, now: ISO8601DateFormatter().date(from: "2026-02-01T10:00:00Z")!)
            y.d.status = "cancelled"
            try await y.d.save(on: app.db)
            let map = try await app.services.networkMaps.current(on: app.db)
            // MUT
            let rows = try await DuesExports.callRows(year: 2026, scope: DuesReminderTests.network, map: map,
                                                      today: Day(iso: "2026-02-01")!, on: app.db)
            // validate
            #expect(rows.map(\.status) == ["issued", "paid", "partly_paid", "cancelled"])
        }
    }

    @Test("a name starting with = is written behind a quote (CSV injection)")
    func injection() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            y.a.structureName = "=HYPERLINK(\"http://x\")"
            try await y.a.save(on: app.db)
            // MUT
            let res = try await y.f.browser(app, as: .admin).get(DuesURL.export(2026, "appels.csv"))
            // validate
            #expect(res.body.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        }
    }

    @Test("avoirs and paiements: their headers, the credit note, each payment with its three parts")
    func creditsAndPayments() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            try await Self.credit(y.a, cents: 10_000, on: app.db)
            let admin = try await y.f.browser(app, as: .admin)
            // MUT
            let credits = Self.lines(try await admin.get(DuesURL.export(2026, "avoirs.csv")).body)
            let payments = Self.lines(try await admin.get(DuesURL.export(2026, "paiements.csv")).body)
            // validate
            #expect(credits == ["number;issued_on;call_number;siret;name;delegation;amount_eur;reason",
                                "AV-2026-0001;2026-03-15;2026-0001;\(y.f.inPDL.siret);Relais Emploi Nantes;PDL;100,00;Erreur d'assiette"])
            #expect(payments.first == "call_number;paid_on;siret;name;delegation;method;reference;amount_eur;delegation_eur;national_eur;fund_eur")
            #expect(payments.dropFirst().map { $0.components(separatedBy: ";").suffix(4).joined(separator: ";") }
                    == ["1800,00;720,00;900,00;180,00", "400,01;160,00;200,01;40,00"])
        }
    }

    @Test("appels.xlsx opens: the contract sheet first, as the CSV; other files are XLSX too")
    func xlsx() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let map = try await app.services.networkMaps.current(on: app.db)
            // MUT
            let (data, type) = try await DuesExportFile.make("appels.xlsx", year: 2026, scope: DuesReminderTests.network, map: map,
                                                             today: Day(iso: "2026-04-01")!, on: app.db)
            let (payments, _) = try await DuesExportFile.make("paiements.xlsx", year: 2026, scope: DuesReminderTests.network, map: map,
                                                              today: Day(iso: "2026-04-01")!, on: app.db)
            // validate
            #expect(type == Download.xlsxType)
            let sheet = try XLSXReader.firstSheet(data)
            #expect(sheet.first?.joined(separator: ";") == Self.header)
            #expect(sheet.count == 5)
            #expect(sheet[1][0] == y.a.number && sheet[1][11] == "4474,07")
            #expect(try XLSXReader.firstSheet(payments).count == 3)
        }
    }

    @Test("ecritures.txt: 18 columns, every entry balanced, accounts and journal from the settings")
    func fec() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            try await Self.credit(y.a, cents: 10_000, on: app.db)
            try await DuesFactory.makePayment(on: app.db, call: y.c, cents: -40_001, method: .return, paidOn: "2026-03-25")
            let settings = try await DuesFactory.makeSettings(on: app.db)
            settings.accountDues = "7561"
            settings.accountMembers = "4111"
            settings.accountBank = "5121"
            settings.journalCode = "VT"
            try await settings.save(on: app.db)
            // MUT
            let res = try await y.f.browser(app, as: .admin).get(DuesURL.export(2026, "ecritures.txt"))
            // validate
            #expect(res.status == .ok)
            let lines = Self.lines(res.body)
            #expect(lines.first == FEC.columns.joined(separator: "\t"))
            let rows = lines.dropFirst().map { $0.components(separatedBy: "\t") }
            #expect(rows.allSatisfy { $0.count == 18 })
            // 4 calls + 1 credit note + 2 payments + 1 return = 8 entries of 2 lines
            #expect(rows.count == 16)
            var sums: [String: (Int64, Int64)] = [:]
            func cents(_ s: String) -> Int64 { Int64(s.replacingOccurrences(of: ",", with: "")) ?? -1 }
            for r in rows { let s = sums[r[2]] ?? (0, 0); sums[r[2]] = (s.0 + cents(r[11]), s.1 + cents(r[12])) }
            #expect(sums.count == 8)
            #expect(sums.values.allSatisfy { $0.0 == $0.1 && $0.0 > 0 })
            #expect(rows.allSatisfy { $0[0] == "VT" })
            #expect(Set(rows.map { $0[4] }) == ["7561", "4111", "5121"])
            // The call: debit members (aux = SIRET) / credit dues.
            let call = rows.filter { $0[8] == y.a.number }
            #expect(call.count == 2)
            #expect(call[0][4] == "4111" && call[0][6] == y.f.inPDL.siret && call[0][11] == "4474,07" && call[0][3] == "20260115")
            #expect(call[1][4] == "7561" && call[1][12] == "4474,07")
            // The credit note: the reverse.
            let credit = rows.filter { $0[8] == "AV-2026-0001" }
            #expect(credit.map { $0[4] } == ["7561", "4111"] && credit[0][11] == "100,00")
            // The returned debit: debit members / credit bank.
            let back = rows.filter { $0[10].hasPrefix("Rejet") }
            #expect(back.map { $0[4] } == ["4111", "5121"] && back[0][11] == "400,01")
        }
    }

    @Test("unknown file and bad year: 404; others than national admins: refused")
    func refusals() async throws {
        try await withMaillage { app in
            // setup
            let y = try await DuesYear.load(app)
            let admin = try await y.f.browser(app, as: .admin)
            // MUT + validate
            #expect(try await admin.get(DuesURL.export(2026, "appels.pdf")).status == .notFound)
            #expect(try await admin.get("/cotisations/abc/export/appels.csv").status == .notFound)
            #expect(try await admin.get("/cotisations/2101/export/appels.csv").status == .notFound)
            #expect(try await y.f.browser(app, as: .delegate).get(DuesURL.export(2026, "appels.csv")).status == .forbidden)
            #expect(try await y.f.browser(app, as: .member).get(DuesURL.export(2026, "appels.csv")).status == .forbidden)
        }
    }

    @Test("callsCSV writes the contract from rows alone")
    func contractWriter() {
        // setup
        let row = DuesExports.CallRow(
            number: "2026-0012", issuedOn: "2026-01-15", dueOn: "2026-02-14", siret: "12345678900011", name: "Essai; « ACI »",
            delegation: "PDL", gridVersion: 2, fixed: Money(cents: 80_000), cap: Money(cents: 475_200), floor: Money(cents: 10_000),
            variable: Money(cents: 100_000), total: Money(cents: 180_000), credited: .zero, paid: Money(cents: 50_000),
            outstanding: Money(cents: 130_000), status: "partly_paid",
            types: [.aci: .init(base: Money(cents: 50_000_000), rate: DuesRate(milliPercent: 200), variable: Money(cents: 100_000))],
            ratedTypes: [.aci], explanation: [])
        // MUT
        let csv = DuesExports.callsCSV(rows: [row])
        // validate
        #expect(csv == "number;issued_on;due_on;siret;name;delegation;grid_version;fixed_eur;cap_eur;floor_eur;variable_eur;total_eur;"
                + "credited_eur;paid_eur;outstanding_eur;status;base_ACI_eur;rate_ACI_pct;variable_ACI_eur\r\n"
                + "2026-0012;2026-01-15;2026-02-14;12345678900011;\"Essai; « ACI »\";PDL;2;800,00;4752,00;100,00;1000,00;1800,00;"
                + "0,00;500,00;1300,00;partly_paid;500000,00;0,2;1000,00\r\n")
    }
}
