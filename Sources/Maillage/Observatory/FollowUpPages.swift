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

    /// The late answers' filters, kept in the URL: `delegation=BRE`, `etat=brouillon`.
    struct LateFilter: Sendable {
        var delegation: String? = nil
        var state: CampaignProgress.State? = nil

        init() {}

        /// Unknown values are ignored (the list shows everything), never an error.
        init(_ raw: [String: String], map: NetworkMap) {
            delegation = raw["delegation"].flatMap { map.delegation(code: $0) != nil ? $0 : nil }
            state = raw["etat"].flatMap { v in LateFilter.states.first { $0.value == v }?.state }
        }

        static let states: [(value: String, state: CampaignProgress.State, label: String)] = [
            ("brouillon", .drafting, "Brouillon"), ("non-commencee", .notStarted, "Non commencée"),
        ]

        var items: [(String, String?)] {
            [("delegation", delegation), ("etat", state.flatMap { s in LateFilter.states.first { $0.state == s }?.value })]
        }

        func matches(_ u: CampaignProgress.Unit) -> Bool {
            (delegation == nil || u.delegation?.code == delegation) && (state == nil || u.state == state)
        }
    }
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let year: Int
    let isOpen: Bool
    let status: String
    let window: String
    /// « 120 réponses transmises sur 305 attendues, dont 80 validées ».
    let summary: String
    let total: Row
    let byDelegation: [Row]
    let byType: [Row]
    /// The page of late answers shown (`lateList` has the count, the pager and the exports).
    let late: [Late]
    let lateList: ListView
    let lateCount: Int
    let lateHeading: String
    let lateDelegations: [Option]
    let lateStates: [Option]
    let lateFormAction: String
    /// The reminder preview (« Relancer » leads there before anything is sent).
    let reminderPreviewHref: String?
    let remindLabel: String
    let queueHref: String
    let closeHref: String?
    /// A closed campaign: the page saying what reopening does (national office only).
    let reopenHref: String?
    let exportCSV: String
    let exportXLSX: String
    let reportHref: String
    let reportLabel: String
    let releasesHref: String
    let settings: CampaignFormPage?

    static let lateColumns = [ListColumn("structure", "Structure"), ListColumn("type", "Type"),
                              ListColumn("delegation", "Délégation"), ListColumn("state", "État")]
    static let lateDefaultSort = ListSort("structure")
    static let lateExportHeaders = ["Structure", "SIRET", "Type", "Délégation", "État"]

    init(_ c: Campaign, progress: CampaignProgress, user: CurrentUser, settings: CampaignFormPage?,
         late state: ListState = ListState([:], columns: FollowUpPage.lateColumns, defaultSort: FollowUpPage.lateDefaultSort),
         filter: LateFilter = LateFilter(), map: NetworkMap? = nil, reminderPreviewHref: String? = nil,
         reopenHref: String? = nil) {
        year = c.year
        isOpen = c.isOpen
        status = c.campaignStatus.label
        window = "du \(FrenchFormat.date(c.opensOn)) au \(FrenchFormat.date(c.closesOn))"
        total = FollowUpPage.row("Ensemble", progress.total)
        summary = "\(FrenchFormat.plural(total.answered, "réponse transmise", "réponses transmises")) sur "
            + "\(FrenchFormat.plural(total.expected, "attendue", "attendues")), dont \(FrenchFormat.plural(total.validated, "validée", "validées"))"
        byDelegation = progress.tally { $0.delegation?.name ?? "Hors délégation" }
            .sorted { FrenchSortKey($0.0) < FrenchSortKey($1.0) }.map { FollowUpPage.row($0.0, $0.1) }
        byType = progress.tally { $0.type }.map { FollowUpPage.row(StructureType(rawValue: $0.0)?.shortLabel ?? $0.0, $0.1) }
        let allLate = FollowUpPage.lateUnits(progress, filter: LateFilter(), sort: FollowUpPage.lateDefaultSort)
        lateCount = allLate.count
        let lateUnits = FollowUpPage.lateUnits(progress, filter: filter, sort: state.sort)
        lateList = ListView(.campaign(c.year), columns: FollowUpPage.lateColumns, state: state, filters: filter.items,
                            total: lateUnits.count, exportable: true, noun: ("réponse non transmise", "réponses non transmises"))
        late = lateUnits[lateList.range].map { u in
            Late(structure: u.structure.name, type: StructureType(rawValue: u.type)?.shortLabel ?? u.type,
                 delegation: u.delegation?.name ?? "—", state: FollowUpPage.stateLabel(u.state),
                 href: SiteURL.answer(c.year, u.structure.id, u.type).path)
        }
        lateHeading = "Réponses non transmises (\(FrenchFormat.integer(lateCount)))"
        let delegations = map?.delegations.filter { d in allLate.contains { $0.delegation?.code == d.code } } ?? []
        lateDelegations = delegations.sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
            .map { Option(value: $0.code, label: $0.name, selected: $0.code == filter.delegation) }
        lateStates = LateFilter.states.map { Option(value: $0.value, label: $0.label, selected: $0.state == filter.state) }
        lateFormAction = SiteURL.campaign(c.year).path
        self.reminderPreviewHref = c.isOpen && lateCount > 0 ? reminderPreviewHref : nil
        remindLabel = "Relancer : \(FrenchFormat.plural(lateCount, "réponse non transmise", "réponses non transmises"))"
        queueHref = SiteURL.validationQueue(c.year).path
        closeHref = user.isNationalAdmin && c.isOpen ? SiteURL.closeCampaign(c.year).path : nil
        self.reopenHref = c.isOpen ? nil : reopenHref
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

    static func stateLabel(_ s: CampaignProgress.State) -> String {
        s == .drafting ? "Brouillon" : "Non commencée"
    }

    /// The answers not transmitted (draft or not started), filtered, in French order; ties by
    /// structure name, type and id, so that the page and the export agree.
    static func lateUnits(_ progress: CampaignProgress, filter: LateFilter, sort: ListSort) -> [CampaignProgress.Unit] {
        var keyed = progress.units.filter { ($0.state == .notStarted || $0.state == .drafting) && filter.matches($0) }
            .map { u in (u, name: FrenchSortKey(u.structure.name), tie: u.type + "|" + u.structure.id.uuidString) }
        sort.apply(&keyed) { a, b in
            switch sort.key {
            case "type": return (a.0.type, a.name, a.tie) < (b.0.type, b.name, b.tie)
            case "delegation":
                return (FrenchSortKey(a.0.delegation?.name ?? ""), a.name, a.tie) < (FrenchSortKey(b.0.delegation?.name ?? ""), b.name, b.tie)
            case "state": return (stateLabel(a.0.state), a.name, a.tie) < (stateLabel(b.0.state), b.name, b.tie)
            default: return (a.name, a.tie) < (b.name, b.tie)
            }
        }
        return keyed.map(\.0)
    }

    static func lateExportCells(_ u: CampaignProgress.Unit) -> [XLSXCell] {
        [.text(u.structure.name), .text(u.structure.siret), .text(StructureType(rawValue: u.type)?.shortLabel ?? u.type),
         .text(u.delegation?.name ?? ""), .text(stateLabel(u.state))]
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
    let pending: [Item]
    let pendingList: ListView
    let returned: [Item]
    let returnedList: ListView
    let followHref: String

    static let pendingColumns = [ListColumn("structure", "Structure"), ListColumn("type", "Type"),
                                 ListColumn("submitted", "Transmise le"), ListColumn("action", "Action", sortable: false)]
    static let returnedColumns = [ListColumn("structure", "Structure"), ListColumn("type", "Type"),
                                  ListColumn("comment", "Commentaire", sortable: false)]

    init(campaign: Campaign, answers: [SurveyAnswer],
         pending pendingState: ListState = ListState([:], columns: QueuePage.pendingColumns, defaultSort: ListSort("submitted")),
         returned returnedState: ListState = ListState([:], columns: QueuePage.returnedColumns, defaultSort: ListSort("structure"), prefix: "r_")) {
        year = campaign.year
        followHref = SiteURL.campaign(campaign.year).path
        func items(_ status: AnswerStatus, _ sort: ListSort) -> [Item] {
            var keyed = answers.filter { $0.answerStatus == status }
                .map { a in (a, name: FrenchSortKey(a.structure.name), tie: a.type + "|" + a.$structure.id.uuidString) }
            sort.apply(&keyed) { a, b in
                switch sort.key {
                case "type": return (a.0.type, a.name, a.tie) < (b.0.type, b.name, b.tie)
                case "submitted":
                    let (x, y) = (a.0.submittedAt ?? .distantPast, b.0.submittedAt ?? .distantPast)
                    return x != y ? x < y : (a.name, a.tie) < (b.name, b.tie)
                default: return (a.name, a.tie) < (b.name, b.tie)
                }
            }
            return keyed.map { a, _, _ in
                Item(structure: a.structure.name, type: StructureType(rawValue: a.type)?.shortLabel ?? a.type,
                     status: a.answerStatus.label, statusKey: a.status,
                     submittedAt: a.submittedAt.map(FrenchFormat.dateTime) ?? "—", comment: a.returnComment,
                     href: SiteURL.answer(campaign.year, a.$structure.id, a.type).path)
            }
        }
        let pending = items(.submitted, pendingState.sort)
        let returned = items(.returned, returnedState.sort)
        pendingList = ListView(.validationQueue(campaign.year), columns: QueuePage.pendingColumns, state: pendingState,
                               filters: returnedState.queryItems(), total: pending.count, noun: ("réponse à valider", "réponses à valider"))
        returnedList = ListView(.validationQueue(campaign.year), columns: QueuePage.returnedColumns, state: returnedState,
                                filters: pendingState.queryItems(), total: returned.count, noun: ("réponse renvoyée", "réponses renvoyées"))
        self.pending = Array(pending[pendingList.range])
        self.returned = Array(returned[returnedList.range])
    }
}

extension FrenchFormat {
    /// "28,4 %": one decimal, rounded once, half away from zero.
    static func percent(_ v: Exact) -> String {
        v.rounded(places: 1).replacingOccurrences(of: ".", with: ",") + "\u{202F}%"
    }
}
