import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/cotisations/:year/generer`: the preview of a generation at a chosen date (who is called,
/// for how much, who has no base, who is already called), then the generation itself.
enum DuesGenerationController {
    /// How many lines of the preview the page shows (the counts and total cover them all).
    static let previewLines = 50

    static func show(_ req: Request) async throws -> Response {
        let year = try year(req)
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let today = Day.today(now: req.services.clock.now)
        var errors = FieldErrors()
        let typed = raw["date"].map { String($0.prefix(40)) } ?? today.french
        let day = parseDate(typed, errors: &errors) ?? today
        return try await render(req, year: year, typed: typed, day: day, errors: errors, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func submit(_ req: Request) async throws -> Response {
        let year = try year(req)
        let form = formValues(req)
        guard form["confirm"] == "1" else { return req.redirect(to: DuesURL.generate(year).path) }
        var errors = FieldErrors()
        let typed = String((form["date"] ?? "").prefix(40))
        guard let day = parseDate(typed, errors: &errors) else {
            return try await render(req, year: year, typed: typed, day: Day.today(now: req.services.clock.now), errors: errors,
                                    status: .unprocessableEntity)
        }
        do {
            let result = try await DuesCallService.generate(year: year, issuedOn: day, by: try req.requireUser(), on: req.db)
            req.flash(result.message)
            return req.redirect(to: DuesURL.calls(year).path)
        } catch let failure as DuesCallService.Failure {
            errors.add("date", failure.message)
            return try await render(req, year: year, typed: typed, day: day, errors: errors, status: .unprocessableEntity)
        }
    }

    private static func year(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), DuesCallService.years.contains(year) else { throw Abort(.notFound) }
        return year
    }

    /// A typed issue date (« 15/01/2026 » or « 2026-01-15 »), years 2000 to 2100.
    static func parseDate(_ typed: String, errors: inout FieldErrors) -> Day? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { errors.add("date", "Indiquez la date d'émission des appels."); return nil }
        guard let day = Day(typed: t), DuesCallService.years.contains(day.year) else {
            errors.add("date", "Date d'émission non valable : écrivez-la jj/mm/aaaa, entre 2000 et 2100.")
            return nil
        }
        return day
    }

    static func formValues(_ req: Request) -> [String: String] {
        ((try? req.content.decode([String: String].self)) ?? [:]).mapValues { String($0.prefix(2000)) }
    }

    static func render(_ req: Request, year: Int, typed: String, day: Day, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let page: DuesGeneratePage
        do {
            let preview = try await DuesCallService.preview(year: year, issuedOn: day, on: req.db)
            page = makePage(req, year: year, typed: typed, errors: errors, preview: preview)
        } catch let failure as DuesCallService.Failure {
            page = DuesGeneratePage(
                year: year, heading: "Émettre les appels de cotisation \(year)", date: typed, errors: errors,
                previewAction: DuesURL.generate(year).path, submitAction: DuesURL.submitGenerate(year).path,
                noGrid: failure.message, newGridHref: req.link(to: .dues(.newGrid)), gridVersion: nil, count: 0, summary: "",
                alreadyCalled: nil, total: "", dueOn: "", lines: [], more: nil, flagged: [], hasFlagged: false, flaggedSummary: "", callsHref: req.link(to: DuesURL.calls(year)))
        }
        return try await req.renderPage("dues/generate", title: page.heading, page, status: status)
    }

    static func makePage(_ req: Request, year: Int, typed: String, errors: FieldErrors, preview p: DuesCallService.Preview) -> DuesGeneratePage {
        let line: (DuesCallService.Candidate) -> DuesGeneratePage.Line = { c in
            .init(structure: c.structure.name, types: DuesCallPage.typesLabel(c.structure.types), delegation: c.delegationName ?? "",
                  total: FrenchFormat.euros(cents: c.amount.total.cents), explanation: c.amount.explanationText, noBase: c.noBase)
        }
        let n = p.candidates.count
        return DuesGeneratePage(
            year: year, heading: "Émettre les appels de cotisation \(year)", date: typed, errors: errors,
            previewAction: DuesURL.generate(year).path, submitAction: DuesURL.submitGenerate(year).path,
            noGrid: nil, newGridHref: nil, gridVersion: "Barème \(p.grid.year), version \(p.grid.version)", count: n,
            summary: n == 0 ? "Aucun appel à émettre : chaque adhérent a déjà son appel de \(year)."
                : "\(FrenchFormat.integer(n)) \(n == 1 ? "appel sera émis" : "appels seront émis") le \(p.issuedOn.french), pour un total de \(FrenchFormat.euros(cents: p.total.cents)).",
            alreadyCalled: p.alreadyCalled == 0 ? nil
                : "\(FrenchFormat.integer(p.alreadyCalled)) \(p.alreadyCalled == 1 ? "adhérent a" : "adhérents ont") déjà un appel de \(year) : \(p.alreadyCalled == 1 ? "il n'est" : "ils ne sont") pas appelé\(p.alreadyCalled == 1 ? "" : "s") à nouveau.",
            total: FrenchFormat.euros(cents: p.total.cents), dueOn: p.dueOn.french,
            lines: p.candidates.prefix(previewLines).map(line),
            more: n > previewLines ? "… et \(FrenchFormat.integer(n - previewLines)) autres appels." : nil,
            flagged: p.flagged.map(line), hasFlagged: !p.flagged.isEmpty,
            flaggedSummary: p.flagged.isEmpty ? "Aucun adhérent sans assiette."
                : "\(FrenchFormat.integer(p.flagged.count)) \(p.flagged.count == 1 ? "adhérent" : "adhérents") sans assiette : la règle du barème pour les membres sans assiette s'applique (\(p.grid.noBase.label)).",
            callsHref: req.link(to: DuesURL.calls(year)))
    }
}
