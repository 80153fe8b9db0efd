import Foundation
import MaillageCore
import Vapor

/// `maillage dues export --year Y --format csv|xlsx|fec [--output F]`: the calls of a year as
/// the CSV contract of SPEC §8 or its XLSX, or the year's journal (FEC); every call of the network.
struct DuesExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "Année de cotisation (ex. 2026)") var year: Int?
        @Option(name: "format", help: "csv (appels, défaut), xlsx (appels) ou fec (écritures comptables)") var format: String?
        @Option(name: "output", help: "Fichier de sortie (défaut : sortie standard pour csv et fec)") var output: String?
    }
    var help: String { "Exporte les appels de cotisation d'une année (CSV, XLSX) ou leurs écritures comptables (FEC)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let year = signature.year, (2000...2100).contains(year) else {
            context.console.error("Indiquez l'année de cotisation, entre 2000 et 2100 : --year 2026"); throw ExitError(code: 1)
        }
        let file: String
        switch signature.format ?? "csv" {
        case "csv": file = "appels.csv"
        case "xlsx": file = "appels.xlsx"
        case "fec": file = "ecritures.txt"
        default: context.console.error("Format inconnu : csv, xlsx ou fec."); throw ExitError(code: 1)
        }
        if file == "appels.xlsx" && signature.output == nil {
            context.console.error("Un classeur XLSX s'écrit dans un fichier : --output appels.xlsx"); throw ExitError(code: 1)
        }
        let map = try await app.services.networkMaps.current(on: app.db)
        let everything = DuesScope(all: true, delegationIDs: [], departments: [], structureIDs: [])
        let (data, _) = try await DuesExportFile.make(file, year: year, scope: everything, map: map,
                                                      today: Day.today(now: app.services.clock.now), on: app.db)
        if let path = signature.output {
            try data.write(to: URL(fileURLWithPath: path))
            context.console.print("Écrit : \(path)")
        } else {
            // On the standard output the header comes first, without the BOM meant for Excel.
            FileHandle.standardOutput.write(data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data)
        }
    }
}
