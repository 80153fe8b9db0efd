import Foundation
import MaillageCore

struct FollowUpPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let label: String
        let expected: Int
        let answered: Int
        let validated: Int
        let drafting: Int
        let notStarted: Int
        let rate: String
    }
    struct Late: Encodable, Sendable {
        let structure: String
        let type: String
        let delegation: String
        let state: String
        let href: String
    }

    let year: Int
    let isOpen: Bool
    let status: String
    let window: String
    let total: Row
    let byDelegation: [Row]
    let byType: [Row]
    let late: [Late]?
    let lateCount: Int
    let remindHref: String?
    let queueHref: String
    let closeHref: String?
    let exportCSV: String
    let exportXLSX: String
    let reportHref: String
    let reportLabel: String
    let releasesHref: String
    let settings: CampaignFormPage?

    init(_ c: Campaign, progress: CampaignProgress, user: CurrentUser, settings: CampaignFormPage?) {
        year = c.year
        isOpen = c.isOpen
        status = c.campaignStatus.label
        window = "du \(FrenchFormat.date(c.opensOn)) au \(FrenchFormat.date(c.closesOn))"
        total = FollowUpPage.row("Ensemble", progress.total)
        byDelegation = progress.tally { $0.delegation?.name ?? "Hors délégation" }.map { FollowUpPage.row($0.0, $0.1) }
        byType = progress.tally { $0.type }.map { FollowUpPage.row(StructureType(rawValue: $0.0)?.shortLabel ?? $0.0, $0.1) }
        let lateUnits = progress.units.filter { $0.state == .notStarted || $0.state == .drafting }
        lateCount = lateUnits.count
        let shown = lateUnits.prefix(200).map { u in
            Late(structure: u.structure.name, type: StructureType(rawValue: u.type)?.shortLabel ?? u.type,
                 delegation: u.delegation?.name ?? "—", state: u.state == .drafting ? "Brouillon" : "Non commencée",
                 href: SiteURL.answer(c.year, u.structure.id, u.type).path)
        }
        late = shown.isEmpty ? nil : Array(shown)
        remindHref = c.isOpen && lateCount > 0 ? SiteURL.reminders(c.year).path : nil
        queueHref = SiteURL.validationQueue(c.year).path
        closeHref = user.isNationalAdmin && c.isOpen ? SiteURL.closeCampaign(c.year).path : nil
        exportCSV = SiteURL.answersExport(c.year, "csv").path
        exportXLSX = SiteURL.answersExport(c.year, "xlsx").path
        // Live figures: the network's for an admin, their own delegation's for a delegate.
        let own = user.isNationalAdmin ? nil
            : progress.units.lazy.compactMap(\.delegation).first { user.delegatedDelegationIDs.contains($0.delegationID) }
        reportHref = own.map { SiteURL.delegationReport(c.year, $0.code).path } ?? SiteURL.report(c.year).path
        reportLabel = own.map { "Rapport \($0.name) (chiffres provisoires)" } ?? "Rapport national (chiffres provisoires)"
        releasesHref = SiteURL.releases(c.year).path
        self.settings = settings
    }

    static func row(_ label: String, _ t: CampaignProgress.Tally) -> Row {
        let rate = t.expected == 0 ? "—" : FrenchFormat.percent(Exact(Int128(t.answered)) / Exact(Int128(t.expected)) * Exact(100))
        return Row(label: label, expected: t.expected, answered: t.answered, validated: t.validated,
                   drafting: t.drafting, notStarted: t.notStarted, rate: rate)
    }
}

struct QueuePage: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let structure: String
        let type: String
        let status: String
        let statusKey: String
        let submittedAt: String
        let comment: String?
        let href: String
    }
    let year: Int
    let pending: [Item]?
    let returned: [Item]?
    let followHref: String

    init(campaign: Campaign, answers: [SurveyAnswer]) {
        year = campaign.year
        followHref = SiteURL.campaign(campaign.year).path
        let items = answers.map { a in
            Item(structure: a.structure.name, type: StructureType(rawValue: a.type)?.shortLabel ?? a.type,
                 status: a.answerStatus.label, statusKey: a.status,
                 submittedAt: a.submittedAt.map(FrenchFormat.dateTime) ?? "—", comment: a.returnComment,
                 href: SiteURL.answer(campaign.year, a.$structure.id, a.type).path)
        }
        let pending = items.filter { $0.statusKey == AnswerStatus.submitted.rawValue }
        let returned = items.filter { $0.statusKey == AnswerStatus.returned.rawValue }
        self.pending = pending.isEmpty ? nil : pending
        self.returned = returned.isEmpty ? nil : returned
    }
}

extension FrenchFormat {
    /// "28,4 %": one decimal, rounded once, half away from zero.
    static func percent(_ v: Exact) -> String {
        v.rounded(places: 1).replacingOccurrences(of: ".", with: ",") + "\u{202F}%"
    }
}
