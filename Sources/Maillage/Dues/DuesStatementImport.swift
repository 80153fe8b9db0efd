import Fluent
import Foundation
import MaillageCore
import Vapor

/// A bank statement read: its entries, or why it cannot be read.
struct DuesStatementFile: Sendable {
    /// "camt.053" or "CSV".
    var format: String
    var entries: [StatementEntry]
    var error: String?
}

/// One statement entry as the import plans it.
struct DuesStatementLine: Sendable {
    enum Kind: Sendable, Equatable {
        /// The call number in the remittance: recorded.
        case pay(callID: UUID, number: String)
        /// Same amount and same name: recorded only when ticked.
        case propose(callID: UUID, number: String, reason: String)
        /// Its bank reference is already a payment's: nothing to do.
        case recorded
        /// A credit no open call matches.
        case unknown
        /// A debit, a direct-debit remittance already recorded, a line twice in the file.
        case ignored(String)
    }

    let entry: StatementEntry
    let kind: Kind

    /// What the preview says of the line, in French.
    var sentence: String {
        switch kind {
        case .pay(_, let number): "paiement de \(entry.amount.french) sur l'appel \(number)"
        case .propose(_, let number, let reason): "à confirmer : paiement de \(entry.amount.french) sur l'appel \(number) (\(reason))"
        case .recorded: "déjà enregistré"
        case .unknown: "aucun appel ne correspond"
        case .ignored(let why): "ignoré : \(why)"
        }
    }

    var callID: UUID? {
        switch kind {
        case .pay(let id, _), .propose(let id, _, _): id
        default: nil
        }
    }
}

/// The bank statement import (camt.053 or CSV) through the one import flow: each credit is
/// matched to an open call — by its number (recorded), or by amount and name (a line to
/// tick) —, the rest is shown with its reason; applied all or nothing, each payment keyed by
/// the entry's bank reference so that the same statement imported again records nothing.
struct DuesStatementImporter: BatchImporter {
    typealias Batch = DuesStatementBatch
    typealias Change = DuesStatementLine

    let actor: CurrentUser?

    var missingFile: String { "Choisissez un relevé bancaire : fichier camt.053 (XML) ou export CSV de la banque." }

    /// camt.053 when the content is XML (its first character after a BOM and blanks is « < »), CSV otherwise.
    static func read(_ data: Data) -> DuesStatementFile {
        guard data.count <= StatementError.maxBytes else {
            return DuesStatementFile(format: "?", entries: [], error: StatementError.tooLarge.errorDescription)
        }
        let bytes = data.prefix(4096).drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let isXML = bytes.first == UInt8(ascii: "<")
        do {
            let entries = isXML ? try Camt053.parse(data) : try BankCSV.parse(data)
            return DuesStatementFile(format: isXML ? "camt.053" : "CSV", entries: entries, error: nil)
        } catch {
            return DuesStatementFile(format: isXML ? "camt.053" : "CSV", entries: [], error: (error as? LocalizedError)?.errorDescription ?? "Relevé illisible.")
        }
    }

    func parse(_ data: Data, filename: String) -> DuesStatementFile { Self.read(data) }

    func batch(_ data: Data, filename: String, by user: CurrentUser) throws -> DuesStatementBatch {
        DuesStatementBatch(userID: user.id, filename: filename, data: data)
    }

    func parse(_ batch: DuesStatementBatch) -> DuesStatementFile? { Self.read(batch.data) }

    func plan(_ file: DuesStatementFile, on db: any Database) async throws -> ImportPreview<DuesStatementLine> {
        var preview = ImportPreview<DuesStatementLine>()
        preview.lines = file.entries.count
        if let error = file.error { preview.report([error], line: nil); return preview }
        if file.entries.isEmpty { preview.report(["Le relevé ne contient aucune opération."], line: nil); return preview }
        let open = try await Self.openCalls(on: db)
        let knownRuns = Set(try await DuesDebitRun.query(on: db).all().map(\.messageID))
        let recorded = try await Self.recordedReferences(file.entries.map(\.reference), on: db)
        var seen: Set<String> = []
        for (i, entry) in file.entries.enumerated() {
            let kind: DuesStatementLine.Kind
            if !seen.insert(entry.reference).inserted {
                kind = .ignored("opération en double dans le relevé")
            } else if recorded.contains(entry.reference) {
                kind = .recorded
            } else {
                switch StatementMatcher.match(entry, calls: open, knownBatchIDs: knownRuns) {
                case .byNumber(let id, let number): kind = .pay(callID: id, number: number)
                case .proposed(let id, let number, let reason): kind = .propose(callID: id, number: number, reason: reason)
                case .unknown: kind = .unknown
                case .ignored(let why): kind = .ignored(why)
                }
            }
            let line = DuesStatementLine(entry: entry, kind: kind)
            switch kind {
            case .pay:
                preview.planned.append(PlannedLine(line: i + 1, effect: .create, change: line))
            case .propose(_, let number, _):
                preview.planned.append(PlannedLine(line: i + 1, effect: .update, change: line, fields: [
                    FieldChange(field: "call", label: "Appel", old: nil, new: number, sensitive: true),
                ]))
            case .recorded, .unknown, .ignored:
                preview.planned.append(PlannedLine(line: i + 1, effect: .unchanged, change: line))
            }
        }
        return preview
    }

    func write(_ line: PlannedLine<DuesStatementLine>, on tx: any Database) async throws {
        guard let callID = line.change.callID, let call = try await DuesCall.find(callID, on: tx) else {
            throw ImportLineRefusal(messages: ["L'appel de cette opération n'existe plus."])
        }
        let e = line.change.entry
        do {
            try await DuesPaymentService.record(call: call, paidOn: e.bookedOn, amount: e.amount, method: .transfer,
                                                reference: e.remittance.isEmpty ? e.payerName : e.remittance, bankRef: e.reference,
                                                debitRunID: nil, by: actor, on: tx)
        } catch let refusal as DuesPaymentService.Refusal {
            throw ImportLineRefusal(messages: [refusal.message])
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ImportLineRefusal(messages: ["Opération déjà enregistrée par un autre import du relevé."])
        }
    }

    /// The calls still owed, with the names their payers go by (member name, mandate's debtor).
    static func openCalls(on db: any Database) async throws -> [OpenCall] {
        let calls = try await DuesCall.query(on: db).filter(\.$status != "cancelled").all().filter { $0.outstanding.cents > 0 }
        var debtors: [UUID: [String]] = [:]
        for m in try await DuesMandate.query(on: db).all() { debtors[m.$structure.id, default: []].append(m.debtorName) }
        return try calls.map { c in
            OpenCall(id: try c.requireID(), number: c.number, outstanding: c.outstanding,
                     payerNames: [c.structureName] + (debtors[c.$structure.id] ?? []))
        }
    }

    /// Which of `references` payments already carry.
    static func recordedReferences(_ references: [String], on db: any Database) async throws -> Set<String> {
        var found: Set<String> = []
        let unique = Array(Set(references))
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(unique.count, start + 500)])
            let rows = try await DuesPayment.query(on: db).filter(\.$bankRef ~~ chunk).all()
            found.formUnion(rows.compactMap(\.bankRef))
        }
        return found
    }
}

// MARK: French sentences

extension ImportPreview where Change == DuesStatementLine {
    private func count(_ test: (DuesStatementLine.Kind) -> Bool) -> Int { planned.count { test($0.change.kind) } }

    var byNumber: Int { count { if case .pay = $0 { true } else { false } } }
    var toConfirm: Int { count { if case .propose = $0 { true } else { false } } }
    var unknownCount: Int { count { $0 == .unknown } }
    var recordedCount: Int { count { $0 == .recorded } }
    var ignoredCount: Int { count { if case .ignored = $0 { true } else { false } } }

    /// « 3 paiements reconnus par leur numéro d'appel, 1 à confirmer, 1 sans appel correspondant, … ».
    var statementSummary: String {
        var parts = [FrenchFormat.plural(byNumber, "paiement reconnu", "paiements reconnus") + " par le numéro d'appel",
                     FrenchFormat.integer(toConfirm) + " à confirmer",
                     FrenchFormat.integer(unknownCount) + " sans appel correspondant"]
        if recordedCount > 0 { parts.append(FrenchFormat.integer(recordedCount) + " déjà " + (recordedCount > 1 ? "enregistrés" : "enregistré")) }
        if ignoredCount > 0 { parts.append(FrenchFormat.integer(ignoredCount) + " " + (ignoredCount > 1 ? "ignorées" : "ignorée")) }
        return parts.joined(separator: ", ")
    }

    /// Once applied: « Relevé importé : 4 paiements enregistrés. » and the proposals left out.
    var statementAppliedMessage: String {
        let written = planned.count { $0.effect != .unchanged }
        var text = "Relevé importé : " + FrenchFormat.plural(written, "paiement enregistré", "paiements enregistrés") + "."
        if !skipped.isEmpty {
            text += " " + FrenchFormat.plural(skipped.count, "proposition non confirmée", "propositions non confirmées")
                + " (" + Self.lineList(skipped.map(\.line)).replacingOccurrences(of: "ligne", with: "opération") + ") : rien d'enregistré pour elles."
        }
        return text
    }
}
