import Fluent
import Foundation
import MaillageCore
import Vapor

/// Reminding a campaign's late structures: a preview that says whom a click reaches and
/// whom not, then the confirmed send (`Reminders`).
enum ReminderController {
    static func preview(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let user = try req.requireUser()
        let delay = req.application.config.reminderDelayDays
        let plan = try await Reminders.plan(campaign, for: user, map: try await req.networkMap(), now: req.services.clock.now,
                                            delayDays: delay, on: req.db)
        let page = ReminderPage(campaign, plan: plan, history: try await Reminders.history(campaign, on: req.db), delayDays: delay) {
            req.link(to: .newUser, query: ["structure": $0.uuidString])
        }
        return try await req.renderPage("observatory/reminders", title: "Relances de la campagne \(campaign.year)", page)
    }

    /// Sends after the preview's confirmation (`confirm=1`); without it, shows the preview.
    static func send(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        struct Form: Decodable { var confirm: String? }
        guard try req.form(Form.self).confirm == "1" else { return req.redirect(to: SiteURL.reminderPreview(campaign.year).path) }
        guard campaign.isOpen else { throw Abort(.conflict, reason: "La campagne est close : plus de relance possible.") }
        let delay = req.application.config.reminderDelayDays
        let outcome = try await Reminders.send(campaign, by: try req.requireUser(), map: try await req.networkMap(),
                                               now: req.services.clock.now, delayDays: delay,
                                               baseURL: req.application.config.baseURL, outbox: req.services.outbox, on: req.db)
        req.flash(flash(outcome, delayDays: delay), kind: outcome.recipients > 0 ? "success" : "info")
        return req.redirect(to: SiteURL.reminderPreview(campaign.year).path)
    }

    static func flash(_ o: Reminders.Outcome, delayDays: Int) -> String {
        let delay = FrenchFormat.plural(delayDays, "jour", "jours")
        var parts: [String] = []
        if o.recipients > 0 {
            parts.append("\(FrenchFormat.plural(o.recipients, "relance mise", "relances mises")) en file d'envoi pour "
                         + "\(FrenchFormat.plural(o.structures, "structure", "structures")).")
            if o.skipped > 0 {
                parts.append("\(FrenchFormat.plural(o.skipped, "structure déjà relancée", "structures déjà relancées")) il y a moins de \(delay) : non relancées.")
            }
        } else if o.skipped > 0 {
            parts.append("Aucune relance envoyée : toutes les structures en retard ont été relancées il y a moins de \(delay).")
        } else if o.unreachable == 0 {
            parts.append("Aucune relance envoyée : aucune structure n'est en retard.")
        } else {
            parts.append("Aucune relance envoyée.")
        }
        if o.unreachable > 0 {
            parts.append("\(FrenchFormat.plural(o.unreachable, "structure n'a", "structures n'ont")) aucun compte responsable à relancer.")
        }
        return parts.joined(separator: " ")
    }
}

/// The reminders page of a campaign: counts, the structures a click reaches, those it cannot
/// reach (with an invitation link for whoever may invite), those skipped, and the history.
struct ReminderPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let name: String
        let delegation: String
        /// "2 réponses attendues".
        let answers: String
        /// Recipients of a structure reminded now; the date of the last reminder of a skipped one.
        let detail: String?
        /// Invitation of a manager, for a structure without one (admins only).
        let inviteHref: String?
    }
    struct Run: Encodable, Sendable {
        let at: String
        let actor: String
        let recipients: String
        let structures: String
    }

    let year: Int
    let isOpen: Bool
    let closedNotice: String?
    let summary: String
    let reach: String
    let delay: String
    let targets: [Line]?
    let unreachable: [Line]?
    let skipped: [Line]?
    let history: [Run]?
    /// The confirmation form's action, when a click would send something.
    let sendHref: String?
    let sendLabel: String
    let followHref: String

    init(_ c: Campaign, plan: Reminders.Plan, history: [(run: ReminderRun, actor: String)], delayDays: Int,
         invite: (UUID) -> String?) {
        year = c.year
        isOpen = c.isOpen
        closedNotice = c.isOpen ? nil : "Campagne clôturée : plus de relance possible."
        delay = FrenchFormat.plural(delayDays, "jour", "jours")
        summary = plan.late.isEmpty ? "Aucune structure en retard : toutes les réponses attendues sont transmises."
            : "\(FrenchFormat.plural(plan.late.count, "structure en retard", "structures en retard")) "
              + "(\(FrenchFormat.plural(plan.lateAnswers, "réponse non transmise", "réponses non transmises")))."
        let messages = plan.messages.count
        reach = messages == 0 ? "Aucun message ne partira."
            : "\(FrenchFormat.plural(messages, "message partira", "messages partiront")) vers les responsables de "
              + "\(FrenchFormat.plural(plan.targets.count, "structure", "structures")) (un message par responsable)."
        func row(_ s: Reminders.Late, _ detail: String?, invite: String? = nil) -> Line {
            Line(name: s.name, delegation: s.delegation ?? "—",
                      answers: FrenchFormat.plural(s.answers, "réponse attendue", "réponses attendues"), detail: detail, inviteHref: invite)
        }
        let targets = plan.targets.map { row($0, $0.managers.sorted().joined(separator: ", ")) }
        let unreachable = plan.unreachable.map { row($0, nil, invite: invite($0.id)) }
        let skipped = plan.skipped.map { row($0, $0.remindedAt.map { "Relancée le \(FrenchFormat.dateTime($0))" }) }
        self.targets = targets.isEmpty ? nil : targets
        self.unreachable = unreachable.isEmpty ? nil : unreachable
        self.skipped = skipped.isEmpty ? nil : skipped
        let runs = history.map { h in
            Run(at: FrenchFormat.dateTime(h.run.at), actor: h.actor,
                recipients: FrenchFormat.plural(h.run.recipients, "message", "messages"),
                structures: FrenchFormat.plural(h.run.structures, "structure", "structures"))
        }
        self.history = runs.isEmpty ? nil : runs
        sendHref = c.isOpen && messages > 0 ? SiteURL.reminders(c.year).path : nil
        sendLabel = "Envoyer \(FrenchFormat.plural(messages, "relance", "relances"))"
        followHref = SiteURL.campaign(c.year).path
    }
}
