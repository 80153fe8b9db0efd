import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/cotisations/:year/export/:file`: the accountant's files of a dues year (national admins).
enum DuesExportController {
    /// The files offered, their French names for the pages.
    static let files: [(file: String, label: String)] = [
        ("appels.csv", "Appels (CSV)"), ("appels.xlsx", "Appels (XLSX)"),
        ("avoirs.csv", "Avoirs (CSV)"), ("avoirs.xlsx", "Avoirs (XLSX)"),
        ("paiements.csv", "Paiements (CSV)"), ("paiements.xlsx", "Paiements (XLSX)"),
        ("ecritures.txt", "Écritures comptables (FEC)"),
    ]

    static func export(_ req: Request) async throws -> Response {
        guard let year = DuesFollowUp.year(req.parameters.get("year")) else {
            throw Abort(.notFound, reason: "Année de cotisation inconnue.")
        }
        let file = req.parameters.get("file") ?? ""
        guard files.contains(where: { $0.file == file }) else {
            throw Abort(.notFound, reason: "Ce fichier d'export n'existe pas : appels, avoirs ou paiements (csv, xlsx), ou ecritures.txt.")
        }
        let user = try req.requireUser()
        let today = Day.today(now: req.services.clock.now)
        let (data, type) = try await DuesExportFile.make(file, year: year, scope: .of(user, map: try await req.networkMap()),
                                                         map: try await req.networkMap(), today: today, on: req.db)
        return Download.response(data, type: type, name: "cotisations-\(year)-\(file)")
    }
}

/// One export file of a year, for the route and the command alike.
enum DuesExportFile {
    static let fecType = "text/plain; charset=utf-8"

    static func make(_ file: String, year: Int, scope: DuesScope, map: NetworkMap, today: Day,
                     on db: any Database) async throws -> (Data, String) {
        let calls = try await DuesFollowUp.calls(year: year, scope: scope, map: map, on: db)
        switch file {
        case "appels.csv", "appels.xlsx":
            let grids = try await DuesGrid.query(on: db).filter(\.$year == year).with(\.$rates).all()
            let terms = Dictionary(uniqueKeysWithValues: grids.map { ($0.id!, $0.terms(rates: $0.rates)) })
            let versions = Dictionary(uniqueKeysWithValues: grids.map { ($0.id!, $0.version) })
            let rows = calls.map { DuesExports.row($0, terms: terms[$0.call.$grid.id], version: versions[$0.call.$grid.id] ?? 0, today: today) }
            let rated = Set(grids.flatMap { $0.rates.compactMap { StructureType(rawValue: $0.type) } })
            let types = StructureType.allCases.filter { rated.contains($0) }
            if file.hasSuffix(".csv") { return (FrenchCSV.exportData(DuesExports.callTable(rows: rows, types: types)), Download.csvType) }
            return (DuesExports.callsXLSX(rows: rows, types: types), Download.xlsxType)
        case "avoirs.csv", "avoirs.xlsx":
            let table = try await DuesExports.creditTable(calls, on: db)
            return file.hasSuffix(".csv") ? (FrenchCSV.exportData(table), Download.csvType)
                : (DuesExports.tableXLSX(table, sheet: "Avoirs"), Download.xlsxType)
        case "paiements.csv", "paiements.xlsx":
            let table = try await DuesExports.paymentTable(calls, on: db)
            return file.hasSuffix(".csv") ? (FrenchCSV.exportData(table), Download.csvType)
                : (DuesExports.tableXLSX(table, sheet: "Paiements"), Download.xlsxType)
        default:
            let settings = try await DuesSettings.load(on: db)
            let entries = try await DuesExports.fecEntries(calls, settings: settings, on: db)
            return (Data(try FEC.document(entries).utf8), fecType)
        }
    }
}
