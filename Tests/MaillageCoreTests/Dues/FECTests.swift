import Foundation
@testable import MaillageCore
import Testing

@Suite struct FECTests {
    static let day = Day(year: 2026, month: 3, day: 15)!

    static func line(_ number: String, account: String, debit: Int64 = 0, credit: Int64 = 0,
                     label: String = "Appel 2026-0001", aux: String? = nil) -> FECEntry {
        FECEntry(journalCode: "CO", journalLabel: "Cotisations", number: number, date: day, account: account,
                 accountLabel: account == "411" ? "Adhérents" : "Cotisations", auxAccount: aux,
                 auxLabel: aux.map { _ in "Association Tremplin" }, pieceRef: "2026-0001", pieceDate: day,
                 label: label, debit: Money(cents: debit), credit: Money(cents: credit),
                 validDate: Day(year: 2026, month: 3, day: 31))
    }

    @Test func headerIsTheEighteenColumns() throws {
        #expect(FEC.columns.count == 18)
        let text = try FEC.document([])
        #expect(text == "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
            + "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\t"
            + "Montantdevise\tIdevise\r\n")
    }

    @Test func oneBalancedEntry() throws {
        let text = try FEC.document([
            Self.line("1", account: "411", debit: 447_407, aux: "ADH0042"),
            Self.line("1", account: "756", credit: 447_407),
        ])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 4 && lines[3].isEmpty)   // header, two lines, then the final CRLF
        #expect(lines[1] == "CO\tCotisations\t1\t20260315\t411\tAdhérents\tADH0042\tAssociation Tremplin\t2026-0001\t"
            + "20260315\tAppel 2026-0001\t4474,07\t0,00\t\t\t20260331\t\t")
        #expect(lines[2] == "CO\tCotisations\t1\t20260315\t756\tCotisations\t\t\t2026-0001\t"
            + "20260315\tAppel 2026-0001\t0,00\t4474,07\t\t\t20260331\t\t")
        #expect(lines.dropLast().allSatisfy { $0.components(separatedBy: "\t").count == 18 })
        // Every line break is CRLF.
        #expect(text.unicodeScalars.filter { $0 == "\n" }.count == 3)
        #expect(text.unicodeScalars.filter { $0 == "\r" }.count == 3)
    }

    @Test func unbalancedEntryThrows() {
        #expect(throws: FECError.unbalanced(number: "2", debit: Money(cents: 100), credit: Money(cents: 99))) {
            try FEC.document([
                Self.line("1", account: "411", debit: 500), Self.line("1", account: "756", credit: 500),
                Self.line("2", account: "411", debit: 100), Self.line("2", account: "756", credit: 99),
            ])
        }
        // Balance is per EcritureNum: two wrong entries that compensate each other still throw.
        #expect(throws: FECError.self) {
            try FEC.document([
                Self.line("1", account: "411", debit: 501), Self.line("1", account: "756", credit: 500),
                Self.line("2", account: "411", debit: 99), Self.line("2", account: "756", credit: 100),
            ])
        }
    }

    @Test func tabsAndLineBreaksInTextBecomeSpaces() throws {
        let text = try FEC.document([
            Self.line("1", account: "411", debit: 100, label: "Appel\t2026\r\n0001"),
            Self.line("1", account: "756", credit: 100, label: "Appel\n2026"),
        ])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 4)
        #expect(lines[1].components(separatedBy: "\t")[10] == "Appel 2026 0001")
        #expect(lines[2].components(separatedBy: "\t")[10] == "Appel 2026")
    }

    @Test func amountsHaveACommaAndNoThousandsSeparator() {
        #expect(FEC.amount(Money(cents: 123_456_789)) == "1234567,89")
        #expect(FEC.amount(Money(cents: 5)) == "0,05")
        #expect(FEC.date(Day(year: 2026, month: 1, day: 2)!) == "20260102")
    }
}
