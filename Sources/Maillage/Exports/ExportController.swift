import Crypto
import Fluent
import Foundation
import MaillageCore
import Vapor

/// Long exports prepared by a job: a form posts to the direct export's own address, the job is
/// queued with the person's scope, and its page follows it until the file is ready.
enum ExportController {
    // MARK: asking

    /// `POST /export/adherents.csv|xlsx?<the directory's filters>`: the member file of the
    /// directory's selection, in the scope the direct export would use.
    static func prepareMembersCSV(_ req: Request) async throws -> Response { try await prepareMembers(req, format: .csv) }
    static func prepareMembersXLSX(_ req: Request) async throws -> Response { try await prepareMembers(req, format: .xlsx) }

    private static func prepareMembers(_ req: Request, format: ListFormat) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let (filters, _) = try DirectoryController.state(req, map: map)
        let query = Dictionary(filters.queryItems().compactMap { k, v in v.map { (k, $0) } }, uniquingKeysWith: { a, _ in a })
        let payload = ExportPayload(
            subject: .register, format: format.rawValue,
            fileName: ListView.fileName("fichier-adherents", filters: filters.filterItems(), on: req, format: format),
            title: "Fichier des adhérents (\(format.rawValue.uppercased()))", requestedBy: user.id,
            scope: .register(of: user, map: map), query: query)
        return try await enqueue(payload, req)
    }

    /// `POST /observatoire/:year/export/reponses.csv|xlsx`: the campaign's answers, every one
    /// for an admin, the delegation's for a delegate.
    static func prepareAnswers(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let user = try req.requireUser()
        let file = req.parameters.get("file") ?? ""
        guard file == "reponses.csv" || file == "reponses.xlsx" else { throw Abort(.notFound) }
        let format: ListFormat = file.hasSuffix(".csv") ? .csv : .xlsx
        let payload = ExportPayload(
            subject: .answers, format: format.rawValue, fileName: "observatoire-\(campaign.year)-\(file)",
            title: "Réponses de la campagne \(campaign.year) (\(format.rawValue.uppercased()))", requestedBy: user.id,
            scope: .answers(of: user), year: campaign.year)
        return try await enqueue(payload, req)
    }

    /// Same person, same file, same filters: the same export while it is pending or running.
    static func uniqueKey(_ p: ExportPayload) -> String {
        let query = (p.query ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let digest = SHA256.hash(data: Data("\(p.subject.kind)|\(p.format)|\(p.year ?? 0)|\(query)".utf8))
        return "export:\(p.requestedBy.uuidString):" + digest.map { String(format: "%02x", $0) }.joined().prefix(32)
    }

    private static func enqueue(_ payload: ExportPayload, _ req: Request) async throws -> Response {
        // A second click while the first is being prepared leads to the same export.
        let id = try await JobQueue.enqueue(payload.subject.kind, payload: payload, runAt: nil, uniqueKey: uniqueKey(payload),
                                            requestedBy: payload.requestedBy, maxAttempts: 3, on: req.db)
        return req.redirect(to: SiteURL.export(id).path, redirectType: .normal)
    }

    /// The directory's filters and sort from a query string, as `DirectoryController.state` reads them.
    static func directoryFilters(_ raw: [String: String], map: NetworkMap) -> DirectoryFilters {
        var raw = raw
        if let legacy = raw["sort"].flatMap({ DirectoryFilters.apiSorts[$0] }) { raw["sort"] = legacy.value }
        var (filters, _) = DirectoryFilters.parse(raw, map: map)
        let state = ListState(raw, columns: DirectoryFilters.columns, defaultSort: DirectoryFilters.defaultSort)
        filters.sort = state.sort
        filters.perPage = state.perPage
        return filters
    }

    // MARK: following

    /// `GET /exports`: the person's recent exports.
    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let now = req.services.clock.now
        let exports = try await ExportQuery.recent(requestedBy: user.id, on: req.db)
        let page = ExportsPage(exports: exports.map { ExportView($0, now: now, size: nil) })
        return try await req.renderPage("exports/index", title: "Mes exports", page)
    }

    /// `GET /exports/:exportID`: where the export stands; the file's link once it is ready.
    static func show(_ req: Request) async throws -> Response {
        let export = try await requireExport(req)
        let now = req.services.clock.now
        var size: Int? = nil
        if export.status == "done", !export.isExpired(now: now), let key = export.result.flatMap(FileKey.init) {
            size = try req.services.files.get(key)?.count
        }
        let view = ExportView(export, now: now, size: size)
        let page = ExportPage(export: view, listHref: SiteURL.exports.path, refreshHref: SiteURL.export(export.id).path)
        return try await req.renderPage("exports/show", title: view.title, page)
    }

    /// `GET /exports/:exportID/fichier`: the file, under the direct export's name and type,
    /// while the person still has the right that produced it.
    static func download(_ req: Request) async throws -> Response {
        let export = try await requireExport(req)
        guard export.status == "done" else { return req.redirect(to: SiteURL.export(export.id).path) }
        let user = try req.requireUser()
        guard ExportRights.stillAllowed(user, export.payload, map: try await req.networkMap()) else {
            throw Abort(.forbidden, reason: ExportRights.refusal)
        }
        guard !export.isExpired(now: req.services.clock.now), let key = export.result.flatMap(FileKey.init),
              let data = try req.services.files.get(key) else {
            throw Abort(.gone, reason: ExportView.expiredMessage)
        }
        return Download.response(data, type: export.payload.contentType, name: export.payload.fileName)
    }

    /// The export of the `:exportID` parameter when the signed-in person asked for it; 404 otherwise.
    private static func requireExport(_ req: Request) async throws -> ExportRecord {
        let user = try req.requireUser()
        guard let id = req.parameters.get("exportID", as: UUID.self),
              let export = try await ExportQuery.find(id, requestedBy: user.id, on: req.db),
              ExportRights.isRequester(user, of: export) else { throw Abort(.notFound) }
        return export
    }
}
