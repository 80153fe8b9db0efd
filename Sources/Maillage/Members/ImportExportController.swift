import Fluent
import Foundation
import MaillageCore
import Vapor

/// Member file upload (preview, then apply) and exports (CSV for French Excel, XLSX).
enum ImportExportController {
    static let maxUpload: ByteCount = "5mb"

    static func show(_ req: Request) async throws -> Response {
        try await MemberImporter(actor: try req.requireUser()).uploadPage(req, error: nil, notice: nil, status: .ok)
    }

    static func upload(_ req: Request) async throws -> Response {
        try await MemberImporter(actor: try req.requireUser()).upload(req)
    }

    static func apply(_ req: Request) async throws -> Response {
        try await MemberImporter(actor: try req.requireUser()).apply(req)
    }

    /// The empty file to fill in: the header and one example line (`MemberFile.template`).
    static func templateCSV(_ req: Request) async throws -> Response {
        Download.response(FrenchCSV.exportData(MemberFile.template), type: Download.csvType, name: "modele-adherents.csv")
    }

    static func templateXLSX(_ req: Request) async throws -> Response {
        Download.response(MemberFile.templateWorkbook(), type: Download.xlsxType, name: "modele-adherents.xlsx")
    }

    // MARK: export

    /// The member file exactly as SPEC §8 writes it (codes as headers): the import's contract.
    static func exportCSV(_ req: Request) async throws -> Response {
        let (structures, filters, _) = try await exportSelection(req)
        let rows = try await MemberExport.rows(structures, on: req.db)
        return Download.response(FrenchCSV.exportData(rows), type: Download.csvType,
                                 name: ListView.fileName("fichier-adherents", filters: filters.filterItems(), on: req, format: .csv))
    }

    /// French sheet « Adhérents » (labels, delegation, typed dates, filters) and sheet « Codes » (the contract).
    static func exportXLSX(_ req: Request) async throws -> Response {
        let (structures, filters, map) = try await exportSelection(req)
        let contract = try await MemberExport.rows(structures, on: req.db)
        return Download.response(try await MemberWorkbook.data(structures, contract: contract, map: map, on: req.db),
                                 type: Download.xlsxType,
                                 name: ListView.fileName("fichier-adherents", filters: filters.filterItems(), on: req, format: .xlsx))
    }

    /// The directory's current filters and sort, within the person's scope, every page.
    private static func exportSelection(_ req: Request) async throws -> ([DirectoryRow], DirectoryFilters, NetworkMap) {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let (filters, _) = try DirectoryController.state(req, map: map)
        let snapshot = try await DirectoryQuery.snapshot(on: req)
        let matched = snapshot.matching(filters, scope: .of(user, map: map), map: map, currentOnly: false)
        return (matched.map { snapshot.rows[$0] }, filters, map)
    }
}
