import Fluent
import Foundation
import MaillageCore
import Vapor

/// The direct-debit page: choose the collection day, see what the file would collect, make it
/// (one transaction), download it; the runs made so far.
enum DuesDirectDebitController {
    static func directDebits(_ req: Request) async throws -> Response {
        let today = Day.today(now: req.services.clock.now)
        let query = (try? req.query.decode([String: String].self)) ?? [:]
        let text = String((query["date"] ?? defaultDate(today: today).french).prefix(40))
        var errors = FieldErrors()
        let day = parse(text, today: today, errors: &errors)
        let justMade = query["run"].flatMap(UUID.init(uuidString:))
        return try await render(req, dateText: text, day: day, errors: errors, justMade: justMade, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func submitDirectDebits(_ req: Request) async throws -> Response {
        let actor = try req.requireUser()
        let today = Day.today(now: req.services.clock.now)
        let values = try DuesPaymentController.formValues(req, keys: ["collection_date"])
        let text = values["collection_date"] ?? ""
        var errors = FieldErrors()
        guard let day = parse(text, today: today, errors: &errors) else {
            return try await render(req, dateText: text, day: nil, errors: errors, justMade: nil, status: .unprocessableEntity)
        }
        do {
            let (run, _) = try await DuesDirectDebitService.createRun(collection: day, today: today, now: req.services.clock.now, by: actor,
                                                                      files: req.services.files, on: req.db)
            req.flash("Fichier de prélèvements \(run.messageID) créé : \(FrenchFormat.plural(run.count, "prélèvement", "prélèvements")) pour \(Money(cents: run.totalCents).french), le \(day.french).")
            return req.redirect(to: SiteURL.dues(.directDebits).path(query: ["run": try run.requireID().uuidString]))
        } catch let refusal as DuesDirectDebitService.Refusal {
            errors.add("collection_date", refusal.message)
            return try await render(req, dateText: text, day: day, errors: errors, justMade: nil, status: .unprocessableEntity)
        }
    }

    static func debitRunFile(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("runID", as: UUID.self), let run = try await DuesDebitRun.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        guard let key = FileKey(run.fileKey), let data = try req.services.files.get(key) else {
            throw Abort(.gone, reason: "Le fichier de ce prélèvement n'est plus disponible dans le stockage.")
        }
        return Download.response(data, type: "application/xml", name: "prelevements-\(run.messageID).xml")
    }

    /// Three business days ahead: safely past the bank's two.
    static func defaultDate(today: Day) -> Day {
        var d = today
        var n = 0
        while n < 3 { d = DuesDirectDebitService.adding(1, to: d); if DuesDirectDebitService.isBusinessDay(d) { n += 1 } }
        return d
    }

    private static func parse(_ text: String, today: Day, errors: inout FieldErrors) -> Day? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { errors.add("collection_date", "Indiquez la date de prélèvement (jj/mm/aaaa)."); return nil }
        guard let day = Day(typed: trimmed) else {
            errors.add("collection_date", "Date invalide : écrivez-la jj/mm/aaaa (par exemple 05/03/2026).")
            return nil
        }
        if let error = DuesDirectDebitService.check(day, today: today).error { errors.add("collection_date", error); return nil }
        return day
    }

    private static func render(_ req: Request, dateText: String, day: Day?, errors: FieldErrors, justMade: UUID?,
                               status: HTTPStatus) async throws -> Response {
        let today = Day.today(now: req.services.clock.now)
        let planned = try await DuesDirectDebitService.plan(on: req.db)
        var settingsProblem: String? = nil
        do { _ = try await DuesDirectDebitService.creditor(on: req.db) } catch let r as DuesDirectDebitService.Refusal { settingsProblem = r.message }
        let runs = try await DuesDebitRun.query(on: req.db).sort(\.$createdAt, .descending).range(0..<50).all()
        let total = (try? Money.sum(planned.map(\.amount))) ?? .zero
        let page = DuesDirectDebitsPage(
            dateValue: dateText, errors: errors,
            warning: day.flatMap { DuesDirectDebitService.check($0, today: today).warning },
            previewAction: SiteURL.dues(.directDebits).path,
            submitAction: day != nil && !planned.isEmpty && settingsProblem == nil ? req.link(to: .dues(.submitDirectDebits)) : nil,
            collectionDay: day?.french ?? "",
            settingsProblem: settingsProblem,
            settingsHref: req.link(to: .dues(.settings)),
            summary: FrenchFormat.plural(planned.count, "prélèvement", "prélèvements") + " pour " + total.french,
            rows: planned.map {
                .init(number: $0.call.number, callHref: req.link(to: DuesURL.call(try! $0.call.requireID())), structure: $0.call.structureName,
                      amount: $0.amount.french, sequence: $0.sequence == .first ? "premier (FRST)" : "récurrent (RCUR)",
                      mandate: $0.mandate.reference)
            },
            runs: try runs.map { run in
                .init(id: run.messageID, date: FrenchFormat.date(run.collectionDate), count: FrenchFormat.integer(run.count),
                      total: Money(cents: run.totalCents).french, href: req.link(to: DuesURL.debitRunFile(try run.requireID())),
                      justMade: run.id == justMade)
            })
        return try await req.renderPage("dues/direct-debits", title: "Prélèvements SEPA", page, status: status)
    }
}

/// The direct-debit page (`dues/direct-debits`).
struct DuesDirectDebitsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let number: String
        let callHref: String?
        let structure: String
        let amount: String
        let sequence: String
        let mandate: String
    }
    struct Run: Encodable, Sendable {
        let id: String
        let date: String
        let count: String
        let total: String
        let href: String?
        let justMade: Bool
    }

    let dateValue: String
    var errors: FieldErrors
    let warning: String?
    let previewAction: String
    /// The POST making the file (nil: nothing to collect, a bad day or incomplete settings).
    let submitAction: String?
    let collectionDay: String
    let settingsProblem: String?
    let settingsHref: String?
    let summary: String
    let rows: [Row]
    let runs: [Run]
    var hasRuns: Bool { !runs.isEmpty }

    enum CodingKeys: String, CodingKey {
        case dateValue, errors, warning, previewAction, submitAction, collectionDay, settingsProblem, settingsHref, summary, rows, runs, hasRuns
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dateValue, forKey: .dateValue); try c.encode(errors, forKey: .errors)
        try c.encodeIfPresent(warning, forKey: .warning); try c.encode(previewAction, forKey: .previewAction)
        try c.encodeIfPresent(submitAction, forKey: .submitAction); try c.encode(collectionDay, forKey: .collectionDay)
        try c.encodeIfPresent(settingsProblem, forKey: .settingsProblem); try c.encodeIfPresent(settingsHref, forKey: .settingsHref)
        try c.encode(summary, forKey: .summary); try c.encode(rows, forKey: .rows); try c.encode(runs, forKey: .runs)
        try c.encode(hasRuns, forKey: .hasRuns)
    }
}
