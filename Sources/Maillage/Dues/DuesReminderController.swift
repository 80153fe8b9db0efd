import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/cotisations/:year/relances`: the overdue calls a send reminds now (and those nobody can
/// receive), then the confirmed send for the person's perimeter (`DuesReminders`).
enum DuesReminderController {
    static func preview(_ req: Request) async throws -> Response {
        let year = try year(req)
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let scope = DuesScope.of(user, map: map)
        let today = Day.today(now: req.services.clock.now)
        let plan = try await DuesReminders.plan(year: year, scope: scope, today: today, map: map, on: req.db)
        let history = try await DuesReminders.history(year: year, scope: scope, map: map, on: req.db)
        let grids = try await DuesGrid.query(on: req.db).filter(\.$year == year).sort(\.$version, .descending).first()
        let page = DuesReminderPage(year: year, plan: plan, history: history, delays: grids?.reminderDelays ?? [],
                                    sendHref: req.link(to: DuesURL.sendReminders(year)),
                                    homeHref: req.link(to: .dues(.home)), call: { req.link(to: DuesURL.call($0)) })
        return try await req.renderPage("dues/reminders", title: "Relances des cotisations \(year)", page)
    }

    /// Sends after the preview's confirmation (`confirm=1`); without it, back to the preview.
    static func send(_ req: Request) async throws -> Response {
        let year = try year(req)
        struct Form: Decodable { var confirm: String? }
        guard (try? req.content.decode(Form.self))?.confirm == "1" else {
            return req.redirect(to: DuesURL.reminderPreview(year).path)
        }
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let outcome = try await DuesReminders.send(year: year, scope: .of(user, map: map), actor: user,
                                                   today: Day.today(now: req.services.clock.now), now: req.services.clock.now,
                                                   map: map, baseURL: req.application.config.baseURL,
                                                   outbox: req.services.outbox, on: req.db)
        req.flash(flash(outcome), kind: outcome.messages > 0 ? "success" : "info")
        return req.redirect(to: DuesURL.reminderPreview(year).path)
    }

    static func flash(_ o: DuesReminders.Outcome) -> String {
        var parts: [String] = []
        if o.messages > 0 {
            parts.append("\(FrenchFormat.plural(o.messages, "relance mise", "relances mises")) en file d'envoi.")
        } else {
            parts.append("Aucune relance envoyée : aucun appel n'attend de relance.")
        }
        if o.unreachable > 0 {
            parts.append("\(FrenchFormat.plural(o.unreachable, "appel n'a", "appels n'ont")) aucun destinataire.")
        }
        return parts.joined(separator: " ")
    }

    static func year(_ req: Request) throws -> Int {
        guard let y = DuesFollowUp.year(req.parameters.get("year")) else { throw Abort(.notFound, reason: "Année de cotisation inconnue.") }
        return y
    }
}

/// The reminders page: what a send does now, the calls without recipient, the history.
struct DuesReminderPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let number: String
        let href: String?
        let name: String
        let delegation: String
        let dueOn: String
        let outstanding: String
        let step: String
        let recipients: String
    }
    struct Sent: Encodable, Sendable {
        let at: String
        let number: String
        let step: String
        let actor: String
    }

    let year: Int
    let summary: String
    let rule: String
    let targets: [Line]?
    let unreachable: [Line]?
    let history: [Sent]?
    let sendHref: String?
    let sendLabel: String
    let homeHref: String?

    init(year: Int, plan: DuesReminders.Plan, history: [(number: String, step: Int, sentAt: Date, actor: String)], delays: [Int],
         sendHref: String?, homeHref: String?, call: (UUID) -> String?) {
        self.year = year
        let n = plan.targets.count
        summary = n == 0 ? "Aucun appel n'attend de relance aujourd'hui."
            : "\(FrenchFormat.plural(n, "appel en retard sera relancé", "appels en retard seront relancés")) (un courriel par appel, à ses responsables)."
        rule = delays.isEmpty ? "Le barème de l'année ne prévoit pas de relance."
            : "Relances prévues " + delays.map { FrenchFormat.plural($0, "jour", "jours") }.joined(separator: " puis ")
              + " après l'échéance ; une étape n'est jamais envoyée deux fois."
        func line(_ d: DuesReminders.Due) -> Line {
            Line(number: d.number, href: call(d.callID), name: d.name, delegation: d.delegation.isEmpty ? "—" : d.delegation,
                 dueOn: FrenchFormat.date(d.dueOn), outstanding: FrenchFormat.euros(cents: d.outstanding.cents),
                 step: "Relance \(d.step) (\(FrenchFormat.plural(d.daysLate, "jour", "jours")) de retard)",
                 recipients: d.recipients.isEmpty ? "sans destinataire" : d.recipients.joined(separator: ", "))
        }
        let targets = plan.targets.map(line)
        let unreachable = plan.unreachable.map(line)
        self.targets = targets.isEmpty ? nil : targets
        self.unreachable = unreachable.isEmpty ? nil : unreachable
        let sent = history.map { Sent(at: FrenchFormat.dateTime($0.sentAt), number: $0.number, step: "Relance \($0.step)", actor: $0.actor) }
        self.history = sent.isEmpty ? nil : sent
        self.sendHref = n > 0 ? sendHref : nil
        sendLabel = "Envoyer \(FrenchFormat.plural(n, "relance", "relances"))"
        self.homeHref = homeHref
    }
}
