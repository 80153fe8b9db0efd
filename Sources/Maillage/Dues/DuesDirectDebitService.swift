import Fluent
import Foundation
import MaillageCore

/// Direct-debit runs: every call still owed whose member has an active mandate is collected on
/// one day, in one pain.008 file. The run, the file (FileStore), one direct-debit payment per
/// call for its outstanding and each mandate's last use are written in one transaction.
enum DuesDirectDebitService {
    static let auditEntity = "prelevement_sepa"
    /// The bank's rule: a file is sent at least this many business days before the collection.
    static let noticeBusinessDays = 2

    /// A call the run would collect.
    struct Planned: Sendable {
        let call: DuesCall
        let mandate: DuesMandate
        let amount: Money
        let sequence: SequenceType
    }

    struct Refusal: Error, Equatable {
        let message: String
    }

    /// The calls to collect: not cancelled, still owed, their member holding an active mandate;
    /// FRST when the mandate was never used, RCUR after. In call-number order.
    static func plan(on db: any Database) async throws -> [Planned] {
        let mandates = try await DuesMandate.query(on: db).filter(\.$status == "active").sort(\.$createdAt, .descending).all()
        var byStructure: [UUID: DuesMandate] = [:]
        for m in mandates where byStructure[m.$structure.id] == nil { byStructure[m.$structure.id] = m }
        guard !byStructure.isEmpty else { return [] }
        let calls = try await DuesCall.query(on: db).filter(\.$structure.$id ~~ Array(byStructure.keys))
            .filter(\.$status != "cancelled").sort(\.$number).all()
        return calls.compactMap { call in
            guard call.outstanding.cents > 0, let m = byStructure[call.$structure.id] else { return nil }
            return Planned(call: call, mandate: m, amount: call.outstanding, sequence: m.lastUsedOn == nil ? .first : .recurring)
        }
    }

    /// Business days (Monday to Friday, TARGET2 closing days excepted: 1 January, Good Friday,
    /// Easter Monday, 1 May, 25 and 26 December) after `from` up to `to`.
    static func businessDays(from: Day, to: Day) -> Int {
        var n = 0
        var d = from
        while d < to, n < 400 {
            d = adding(1, to: d)
            if isBusinessDay(d) { n += 1 }
        }
        return n
    }

    static func isBusinessDay(_ d: Day) -> Bool {
        guard let date = date(d) else { return false }
        let weekday = calendar.component(.weekday, from: date)
        guard weekday != 1, weekday != 7 else { return false }
        let easter = FrenchHolidays.easterSunday(d.year)
        if d == easter.adding(days: -2) || d == easter.adding(days: 1) { return false }
        return !([(1, 1), (5, 1), (12, 25), (12, 26)] as [(Int, Int)]).contains { $0.0 == d.month && $0.1 == d.day }
    }

    static func adding(_ days: Int, to d: Day) -> Day {
        guard let base = date(d), let next = calendar.date(byAdding: .day, value: days, to: base) else { return d }
        let c = calendar.dateComponents([.year, .month, .day], from: next)
        return Day(year: c.year!, month: c.month!, day: c.day!) ?? d
    }

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    private static func date(_ d: Day) -> Date? {
        calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))
    }

    /// The collection day's problem, nil when it is accepted; `warning` when it is closer than
    /// the bank's notice.
    static func check(_ collection: Day, today: Day) -> (error: String?, warning: String?) {
        guard (2000...2100).contains(collection.year) else { return ("Date hors des années 2000 à 2100.", nil) }
        guard today < collection else { return ("La date de prélèvement doit être postérieure à aujourd'hui.", nil) }
        guard isBusinessDay(collection) else {
            return (nil, "Le \(collection.french) n'est pas un jour ouvré : la banque prélèvera le jour ouvré suivant.")
        }
        let n = businessDays(from: today, to: collection)
        guard n < noticeBusinessDays else { return (nil, nil) }
        return (nil, "Attention : le \(collection.french) est à moins de \(noticeBusinessDays) jours ouvrés. La banque demande le fichier au moins 2 jours ouvrés avant la date de prélèvement (J+2) : elle risque de le refuser ou de décaler le prélèvement.")
    }

    /// The creditor's identity from the settings, or the French reason it is incomplete.
    static func creditor(on db: any Database) async throws -> (name: String, iban: IBAN, bic: BIC, id: CreditorIdentifier) {
        let s = try await settings(on: db)
        var missing: [String] = []
        let iban = IBAN(s.iban), bic = BIC(s.bic), ics = CreditorIdentifier(s.creditorID)
        if s.federationName.trimmingCharacters(in: .whitespaces).isEmpty { missing.append("le nom de la fédération") }
        if iban == nil { missing.append("l'IBAN") }
        if bic == nil { missing.append("le BIC") }
        if ics == nil { missing.append("l'identifiant créancier SEPA (ICS)") }
        guard let iban, let bic, let ics, missing.isEmpty else {
            throw Refusal(message: "Paramètres des cotisations incomplets : renseignez " + missing.joined(separator: ", ")
                          + " de la fédération avant d'émettre un fichier de prélèvements.")
        }
        return (s.federationName, iban, bic, ics)
    }

    static func settings(on db: any Database) async throws -> DuesSettingsRecord {
        try await DuesSettings.load(on: db)
    }

    /// Makes the run of `collection`: the file, its record and the payments, all or nothing.
    static func createRun(collection: Day, today: Day, now: Date, by actor: CurrentUser?, files: any FileStore,
                          on db: any Database) async throws -> (run: DuesDebitRun, document: String) {
        if let error = check(collection, today: today).error { throw Refusal(message: error) }
        let creditor = try await creditor(on: db)
        let key = FileKey.make()
        do {
            return try await db.writeTransaction { tx in
                // One run at a time: a second run (a double click, two admins, two instances) waits,
                // then plans again and finds the first run's calls already collected.
                try await DuesNumbering.lockOnPostgres(series: "debit-runs", on: tx)
                let planned = try await plan(on: tx)
                guard !planned.isEmpty else {
                    throw Refusal(message: "Aucun appel à prélever : aucun appel restant dû n'a de mandat SEPA actif.")
                }
                var transactions: [DirectDebitTransaction] = []
                for p in planned {
                    guard let iban = IBAN(p.mandate.iban), let signed = Day(iso: p.mandate.signedOn) else {
                        throw Refusal(message: "Le mandat \(p.mandate.reference) a un IBAN ou une date de signature invalide.")
                    }
                    transactions.append(DirectDebitTransaction(
                        endToEndID: p.call.number, amount: p.amount, mandateReference: p.mandate.reference, mandateSignedOn: signed,
                        sequence: p.sequence, debtorName: p.mandate.debtorName, debtorIBAN: iban,
                        debtorBIC: p.mandate.bic.flatMap(BIC.init), remittance: "Cotisation \(p.call.year) appel \(p.call.number)"))
                }
                let messageID = "MLG-" + collection.iso.replacingOccurrences(of: "-", with: "") + "-"
                    + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8))
                let batch = DirectDebitBatch(messageID: messageID, createdAt: now, creditorName: creditor.name, creditorIBAN: creditor.iban,
                                             creditorBIC: creditor.bic, creditorID: creditor.id, collectionDate: collection,
                                             transactions: transactions)
                let document: String
                do { document = try Pain008.document(batch) } catch let e as DirectDebitError {
                    throw Refusal(message: e.errorDescription ?? "Fichier de prélèvements impossible à écrire.")
                }
                let total: Money
                do { total = try Money.sum(planned.map(\.amount)) } catch { throw Refusal(message: DirectDebitError.overflow.errorDescription!) }
                let run = DuesDebitRun()
                run.collectionDate = collection.iso
                run.messageID = messageID
                run.count = planned.count
                run.totalCents = total.cents
                run.fileKey = key.value
                run.createdBy = actor?.id
                try await run.create(on: tx)
                for p in planned {
                    try await DuesPaymentService.record(call: p.call, paidOn: collection, amount: p.amount, method: .directDebit,
                                                        reference: "Prélèvement \(messageID)", bankRef: nil,
                                                        debitRunID: try run.requireID(), by: actor, on: tx)
                    p.mandate.lastUsedOn = collection.iso
                    try await p.mandate.save(on: tx)
                }
                try await Audit.record(.create, auditEntity, id: try run.requireID().uuidString,
                                       summary: "Fichier de prélèvements \(messageID) : \(FrenchFormat.plural(planned.count, "prélèvement", "prélèvements")), \(total.french), le \(collection.french)",
                                       after: ["date": collection.iso, "message": messageID, "nombre": String(planned.count), "total": total.plain],
                                       actor: actor, on: tx)
                try files.put(Data(document.utf8), key: key)
                return (run, document)
            }
        } catch {
            try? files.delete(key)
            throw error
        }
    }
}
