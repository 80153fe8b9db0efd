import Foundation
import MaillageCore
import Vapor

/// `maillage dues import-statement F [--apply] [--confirm-proposed]`: a bank statement (camt.053
/// or CSV) previewed; with --apply its payments recorded all or nothing, the proposals (same
/// amount and name, no call number) only with --confirm-proposed.
struct DuesStatementCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Relevé camt.053 (XML) ou CSV de la banque") var file: String
        @Flag(name: "apply", help: "Enregistrer les paiements (sinon : aperçu seulement)") var apply: Bool
        @Flag(name: "confirm-proposed", help: "Enregistrer aussi les rapprochements proposés (même montant et même nom)")
        var confirmProposed: Bool
    }
    var help: String { "Importe un relevé bancaire (camt.053 ou CSV) : rapproche les virements des appels de cotisation." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("Fichier introuvable : \(signature.file)"); throw ExitError(code: 1)
        }
        let importer = DuesStatementImporter(actor: nil)
        let file = importer.parse(data, filename: signature.file)
        let preview = try await importer.preview(file, on: app.db)
        context.console.print(file.format + " — " + FrenchFormat.plural(preview.lines, "opération", "opérations") + " : " + preview.statementSummary + ".")
        for e in preview.fileErrors { context.console.error(e) }
        for line in preview.planned.sorted(by: { $0.line < $1.line }) {
            let e = line.change.entry
            context.console.print("Opération \(line.line) — \(e.bookedOn.french) \(e.amount.french) \(e.payerName) : \(line.change.sentence)")
        }
        guard signature.apply else {
            context.console.print(preview.hasErrors ? "Aperçu : ce relevé ne peut pas être importé." : "Aperçu : relancez avec --apply pour enregistrer"
                                  + (preview.toConfirm > 0 ? " (et --confirm-proposed pour les rapprochements proposés)." : "."))
            if preview.hasErrors { throw ExitError(code: 1) }
            return
        }
        do {
            let applied = try await importer.apply(file, on: app.db,
                                                   selecting: ImportSelection(creationsOnly: false, confirmed: signature.confirmProposed ? .all : .lines([])))
            context.console.print(applied.statementAppliedMessage)
        } catch let refused as ImportRefused<DuesStatementLine> {
            for e in refused.preview.fileErrors { context.console.error(e) }
            for e in refused.preview.lineErrors { context.console.error("Opération \(e.line) : " + e.messages.joined(separator: " ")) }
            context.console.error("Import refusé : rien n'a été enregistré.")
            throw ExitError(code: 1)
        }
    }
}
