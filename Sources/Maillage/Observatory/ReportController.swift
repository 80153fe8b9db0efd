import Foundation
import MaillageCore
import Vapor

/// Published Observatory figures: the national and delegation reports, the median portraits,
/// their tables as CSV and XLSX, and the figures export as JSON (web and API). Everything
/// here is aggregated and under statistical secrecy; individual answers never show.
enum ReportController {
    static func national(_ req: Request) async throws -> Response {
        let page = try await nationalPage(req)
        return try await req.renderPage("observatory/report", title: page.heading, page)
    }

    static func delegation(_ req: Request) async throws -> Response {
        let page = try await delegationPage(req)
        return try await req.renderPage("observatory/report", title: page.heading, page)
    }

    /// The national report as this person may read it (live or a release); the page and its PDF.
    static func nationalPage(_ req: Request) async throws -> ReportPage {
        let source = try await ReportSource.load(req)
        let page = ReportPage.report(source, try await source.input(req, delegation: Figure.all), delegation: nil)
        return marked(page, source, req, pdf: .reportPDF(source.campaign.year))
    }

    /// A delegation's report (`:code`), as this person may read it; 404 for an unknown code.
    static func delegationPage(_ req: Request) async throws -> ReportPage {
        let source = try await ReportSource.load(req, delegation: req.parameters.get("code"))
        guard let code = req.parameters.get("code"), let entry = source.map.delegation(code: code) else { throw Abort(.notFound) }
        let page = ReportPage.report(source, try await source.input(req, delegation: entry.code), delegation: entry)
        return marked(page, source, req, pdf: .delegationReportPDF(source.campaign.year, entry.code))
    }

    static func portrait(_ req: Request) async throws -> Response {
        let source = try await ReportSource.load(req)
        guard let type = req.parameters.get("type"), ReportSource.isPortraitType(type) else { throw Abort(.notFound) }
        let page = marked(ReportPage.portrait(source, type: type), source, req, pdf: nil)
        return try await req.renderPage("observatory/portrait", title: page.heading, page)
    }

    /// The cover says who publishes, which figures these are (a release and its date, or
    /// provisional ones), and what the engine had to leave out; a scope where most figures are
    /// secret says so once and shows only what can be read.
    private static func marked(_ page: ReportPage, _ source: ReportSource, _ req: Request, pdf: SiteURL?) -> ReportPage {
        var page = page
        let c = source.campaign
        page.edition = source.view.edition
        // An open campaign's figures still move, even once a release is published.
        page.provisional = source.view.isProvisional || c.isOpen
        page.coverEdition = "Données \(c.year) — " + (source.view.release.map { release in
            "publication du \(FrenchFormat.dateTime(release.publishedAt).prefix(10))" + (c.isOpen ? " (provisoire : l'enquête est en cours)" : "")
        } ?? "provisoire")
        // The federation's identity (its colours come with the layout's theme stylesheet).
        let theme = req.application.theme
        page.federation = theme?.federationName ?? req.application.config.federationName
        page.logo = theme?.logo.map { $0.hasPrefix("data:") ? $0 : "/" + $0 }
        // The PDF of the same figures: a release asked for stays the one printed.
        let asked = (try? req.query.get(Int.self, at: "publication")).map { ["publication": String($0)] as KeyValuePairs<String, String?> }
        page.pdfHref = pdf.flatMap { url in
            guard ChromiumPDF(config: req.application.config).isAvailable else { return nil }
            return asked.map { req.link(to: url, query: $0) } ?? req.link(to: url)
        }
        page.releasesHref = SiteURL.releases(c.year).path
        let excluded = source.cube.excluded.count
        let problems = (excluded > 0 ? [FrenchFormat.plural(excluded, "valeur hors des bornes du questionnaire écartée", "valeurs hors des bornes du questionnaire écartées")
                                         + " du calcul : à corriger dans les réponses."] : [])
            + source.cube.problems
        page.problems = problems.isEmpty ? nil : problems
        page.collapseIfMostlySecret(k: source.view.settings.k)
        return page
    }

    /// `/observatoire/:year/tableaux/:scope/:file`: scope "national", a delegation code or
    /// "portrait-<type>"; file "<table id>.csv" (French Excel) or "<table id>.xlsx".
    static func table(_ req: Request) async throws -> Response {
        let scope = req.parameters.get("scope")
        let source = try await ReportSource.load(req, delegation: scope == "national" || scope?.hasPrefix("portrait-") == true ? nil : scope)
        guard let scope, let file = req.parameters.get("file"),
              let dot = file.lastIndex(of: ".") else { throw Abort(.notFound) }
        let id = String(file[..<dot]), ext = String(file[file.index(after: dot)...])
        guard let sections = try await sections(scope, source: source, req) else { throw Abort(.notFound) }
        guard let table = sections.flatMap(\.tables).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let name = "observatoire-\(source.campaign.year)-\(scope)-\(id).\(ext)"
        switch ext {
        case "csv": return Download.response(FrenchCSV.exportData(table.csvRows), type: Download.csvType, name: name)
        case "xlsx": return Download.response(XLSX.workbook([table.xlsxSheet]), type: Download.xlsxType, name: name)
        default: throw Abort(.notFound)
        }
    }

    /// The sections of a table scope: "national", a delegation code, "portrait-<type>"; nil if unknown.
    private static func sections(_ scope: String, source: ReportSource, _ req: Request) async throws -> [ReportSection]? {
        let portraitPrefix = "portrait-"
        if scope.hasPrefix(portraitPrefix) {
            let type = String(scope.dropFirst(portraitPrefix.count))
            guard ReportSource.isPortraitType(type) else { return nil }
            return ReportPortrait.sections(ReportFigures(cube: source.cube, delegation: Figure.all), type: type, year: source.campaign.year)
        }
        guard scope == "national" || source.map.delegation(code: scope) != nil else { return nil }
        return ReportSections.all(try await source.input(req, delegation: scope == "national" ? Figure.all : scope))
    }

    /// `/observatoire/:year/chiffres.json?perimetre=national|CODE`: the SPEC §8 document.
    static func figuresJSON(_ req: Request) async throws -> Response {
        try await figures(req, scope: req.query[String.self, at: "perimetre"] ?? "national")
    }

    /// `/api/v1/observatoire/:year/chiffres?scope=national|CODE`: the same document, with the
    /// API's strictness (contract: `Resources/openapi.json`, operation `getObservatoryFigures`):
    /// a query parameter other than `scope`, or an empty `scope`, is 400; a year that is not a
    /// campaign, or a scope that is neither `national` nor a delegation of that year's map, is 404.
    static func figuresAPI(_ req: Request) async throws -> Response {
        // The raw query items, as `APIController.structures` reads them: an empty value stays visible.
        guard let components = URLComponents(string: req.url.string) else {
            throw Abort(.badRequest, reason: "La requête est mal formée.")
        }
        let items = components.queryItems ?? []
        let unknown = Set(items.map(\.name)).subtracting(["scope"]).sorted()
        guard unknown.isEmpty else {
            throw Abort(.badRequest, reason: "\(unknown.count == 1 ? "Paramètre inconnu" : "Paramètres inconnus") : \(unknown.joined(separator: ", ")). Seul le paramètre scope est accepté.")
        }
        let scope = items.first(where: { $0.name == "scope" }).map { $0.value ?? "" } ?? "national"
        guard !scope.isEmpty else {
            throw Abort(.badRequest, reason: "Paramètre invalide : scope. Indiquez national ou le code d'une délégation.")
        }
        try await requireCampaignYear(req)
        return try await figures(req, scope: scope)
    }

    /// 404 with a French reason unless the `:year` path parameter is written as a year (four
    /// digits, no sign nor leading zero) of an existing campaign; `figures` then loads it.
    private static func requireCampaignYear(_ req: Request) async throws {
        let raw = req.parameters.get("year") ?? ""
        guard raw.count == 4, raw.allSatisfy(\.isASCIIDigit), !raw.hasPrefix("0"), let year = Int(raw),
              try await Campaign.find(year: year, on: req.db) != nil else {
            throw Abort(.notFound, reason: "Campagne introuvable : aucune campagne de l'Observatoire pour l'année « \(raw) ».")
        }
    }

    private static func figures(_ req: Request, scope: String) async throws -> Response {
        let campaign = try await req.campaign()
        let map = try await req.services.networkMaps.forYear(campaign.year, on: req.db)
        guard FiguresDocument.isKnown(scope, map: map) else {
            throw Abort(.notFound, reason: "Périmètre inconnu : « \(scope) ». Indiquez national ou le code d'une délégation de la carte \(campaign.year).")
        }
        let view = try await req.requireFigureView(campaign, delegation: scope == "national" ? nil : scope)
        let data: Data
        if let release = view.release {
            // A release is downloaded as it was published, byte for byte.
            guard let stored = try await ReleaseService.document(of: release, scope: scope, on: req.db) else {
                throw Abort(.notFound, reason: "Ce périmètre ne figure pas dans la publication n° \(release.number).")
            }
            data = Data(stored.utf8)
        } else {
            data = FiguresDocument.make(campaign: campaign, scope: scope, cube: view.cube, generatedAt: Date()).json()
        }
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = .json
        FiguresDocument.label(&res.headers, release: view.release)
        return res
    }
}
