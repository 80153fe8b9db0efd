/// One line of the accounting journal: one account debited or credited within an entry
/// (`number`, the FEC's EcritureNum). The lines of an entry balance.
public struct FECEntry: Sendable, Equatable {
    public var journalCode: String
    public var journalLabel: String
    /// EcritureNum: every line of the same entry carries it.
    public var number: String
    public var date: Day
    public var account: String
    public var accountLabel: String
    public var auxAccount: String?
    public var auxLabel: String?
    public var pieceRef: String
    public var pieceDate: Day
    public var label: String
    public var debit: Money
    public var credit: Money
    public var validDate: Day?

    public init(journalCode: String, journalLabel: String, number: String, date: Day, account: String,
                accountLabel: String, auxAccount: String? = nil, auxLabel: String? = nil, pieceRef: String,
                pieceDate: Day, label: String, debit: Money, credit: Money, validDate: Day? = nil) {
        self.journalCode = journalCode
        self.journalLabel = journalLabel
        self.number = number
        self.date = date
        self.account = account
        self.accountLabel = accountLabel
        self.auxAccount = auxAccount
        self.auxLabel = auxLabel
        self.pieceRef = pieceRef
        self.pieceDate = pieceDate
        self.label = label
        self.debit = debit
        self.credit = credit
        self.validDate = validDate
    }
}

/// Why a journal cannot be written.
public enum FECError: Error, Equatable {
    /// The lines of an entry do not balance: sum of Debit ≠ sum of Credit.
    case unbalanced(number: String, debit: Money, credit: Money)
}

/// The French « fichier des écritures comptables » (article A47 A-1 of the Livre des procédures
/// fiscales): 18 tab-separated columns, a header line, CRLF, dates YYYYMMDD, amounts "1234,56".
public enum FEC {
    /// The 18 columns, in the order the administration reads them.
    public static let columns: [String] = [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
        "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
        "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ]

    /// The journal, lines in the order given. Throws `FECError.unbalanced` when an EcritureNum
    /// does not balance, `MoneyError.overflow` when a sum does not fit.
    public static func document(_ e: [FECEntry]) throws -> String {
        try checkBalance(e)
        var text = columns.joined(separator: "\t") + "\r\n"
        for line in e {
            let fields = [
                line.journalCode, line.journalLabel, line.number, date(line.date), line.account,
                line.accountLabel, line.auxAccount ?? "", line.auxLabel ?? "", line.pieceRef,
                date(line.pieceDate), line.label, amount(line.debit), amount(line.credit),
                "", "", line.validDate.map(date) ?? "", "", "",
            ]
            text += fields.map(clean).joined(separator: "\t") + "\r\n"
        }
        return text
    }

    static func checkBalance(_ lines: [FECEntry]) throws {
        var order: [String] = []
        var sums: [String: (debit: Money, credit: Money)] = [:]
        for line in lines {
            let current = sums[line.number] ?? (.zero, .zero)
            if sums[line.number] == nil { order.append(line.number) }
            sums[line.number] = (try current.debit.adding(line.debit), try current.credit.adding(line.credit))
        }
        for number in order {
            let (debit, credit) = sums[number]!
            guard debit == credit else { throw FECError.unbalanced(number: number, debit: debit, credit: credit) }
        }
    }

    /// "20260315".
    static func date(_ d: Day) -> String {
        String(d.iso.filter { $0 != "-" })
    }

    /// "1234,56": comma, no thousands separator.
    static func amount(_ m: Money) -> String {
        String(m.plain.map { $0 == "." ? "," : $0 })
    }

    /// Tabs and line breaks would shift the columns: they become spaces.
    static func clean(_ field: String) -> String {
        String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
