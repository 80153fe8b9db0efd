import Fluent
import SQLKit
import Foundation
import MaillageCore
import Vapor

/// `maillage import-members FILE [--apply] [--confirm-sensitive] [--creations-only]`: preview by
/// default, with each update's field changes; all-or-nothing with --apply, where a line with a
/// sensitive change (a rename, new types, another department or GES) is applied only with
/// --confirm-sensitive, and --creations-only leaves every existing structure as it is.
struct ImportMembersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Fichier CSV (séparateur ;) ou XLSX") var file: String
        @Flag(name: "apply", help: "Appliquer l'import (sinon : aperçu seulement)") var apply: Bool
        @Flag(name: "confirm-sensitive", help: "Appliquer aussi les modifications sensibles (nom, types, département, GES)")
        var confirmSensitive: Bool
        @Flag(name: "creations-only", help: "N'appliquer que les créations") var creationsOnly: Bool
    }
    var help: String { "Importe des adhérents depuis un CSV au format Excel français ou un classeur XLSX." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw Abort(.notFound, reason: "Fichier introuvable : \(signature.file)")
        }
        let importer = MemberImporter(actor: nil)
        let file = importer.parse(data, filename: signature.file)
        let report = try await importer.preview(file, on: app.db)
        print(report, to: context.console)
        guard signature.apply else {
            context.console.print(report.hasErrors ? "Aperçu : corrigez ces lignes avant d'appliquer." : "Aperçu : relancez avec --apply pour importer"
                                  + (report.sensitive > 0 ? " (et --confirm-sensitive pour les modifications sensibles)." : "."))
            if report.hasErrors { throw ExitError(code: 1) }
            return
        }
        let selection = ImportSelection(creationsOnly: signature.creationsOnly,
                                        confirmed: signature.confirmSensitive ? .all : .lines([]))
        do {
            let applied = try await importer.apply(file, on: app.db, selecting: selection)
            context.console.print(applied.appliedMessage(.structure))
        } catch is MemberImport.Failure {
            context.console.error("Import refusé : le fichier contient des erreurs, rien n'a été enregistré.")
            throw ExitError(code: 1)
        }
    }

    private func print(_ r: MemberImport.Report, to console: any Console) {
        console.print(FrenchFormat.plural(r.lines, "ligne", "lignes") + " : " + r.summary(.structure) + ", "
                      + FrenchFormat.plural(r.lineErrors.count, "en erreur", "en erreur") + ".")
        for e in r.fileErrors { console.error(e) }
        for e in r.lineErrors { console.error("Ligne \(e.line) : " + e.messages.joined(separator: " ")) }
        for line in r.planned.sorted(by: { $0.line < $1.line }) where !line.fields.isEmpty {
            let row = line.change.row
            console.print("Ligne \(line.line) — \(row.name) (SIRET \(row.siret.digits))"
                          + (line.needsConfirmation ? " : modification sensible, appliquée seulement avec --confirm-sensitive" : ""))
            for f in line.fields {
                console.print("  \(f.label) : \(f.old ?? "—") → \(f.new ?? "—")" + (f.sensitive ? " [sensible]" : ""))
            }
        }
    }
}

struct ExitError: Error, CustomStringConvertible {
    let code: Int32
    var description: String { "exit \(code)" }
}

/// `maillage export-members [--format csv|xlsx] [--output FILE]`: every structure of the register.
struct ExportMembersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "format", help: "csv (défaut) ou xlsx") var format: String?
        @Option(name: "output", help: "Fichier de sortie (défaut : sortie standard pour csv, adherents.xlsx)") var output: String?
    }
    var help: String { "Exporte les adhérents (CSV Excel français ou XLSX)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let map = try await NetworkMap.load(on: app.db)
        let everything = DirectoryScope(all: true, departments: [], structureIDs: [])
        let rows = try await MemberExport.rows(try await DirectoryQuery.all(DirectoryFilters(), scope: everything, map: map, on: app.db), on: app.db)
        switch signature.format ?? "csv" {
        case "csv":
            let data = FrenchCSV.exportData(rows)
            if let out = signature.output { try data.write(to: URL(fileURLWithPath: out)) }
            else { FileHandle.standardOutput.write(data) }
        case "xlsx":
            let data = XLSX.workbook([XLSXSheet(name: "Adhérents", rows: rows.map { $0.map { XLSXCell.text($0) } })])
            try data.write(to: URL(fileURLWithPath: signature.output ?? "adherents.xlsx"))
        default:
            throw Abort(.badRequest, reason: "--format : csv ou xlsx")
        }
    }
}
