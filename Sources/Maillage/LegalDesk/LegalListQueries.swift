import Fluent
import Foundation
import MaillageCore

/// One question as the lists, exports, home tasks and the API read it: metadata, and the subject
/// only when the person may read it (`LegalScope.readsTexts`). Never a body or a message.
struct LegalQuestionLine: Sendable {
    let id: UUID
    let structureID: UUID
    let structureName: String
    /// The structure's current department (scope) and the one it had when it asked (statistics).
    let department: String
    let askedDepartment: String
    let types: [StructureType]
    let category: LegalCategory
    /// Nil when the person may not read it (a delegate, not shared).
    let subject: String?
    let status: QuestionStatus
    let assigneeID: UUID?
    let askedOn: String
    let dueOn: String
    /// The delay promised when it was asked (working days).
    let promisedDays: Int
    let firstAnswerOn: String?
    let answeredOn: String?
    let waitedDays: Int
    let own: Bool

    /// New or in progress, and past its due day (Paris). A question waiting for the member never is.
    func isOverdue(today: Day) -> Bool { LegalListQueries.isOverdue(status: status, dueOn: dueOn, today: today) }

    /// « En attente de votre réponse » for the member, « En attente de l'adhérent » for the others.
    var statusLabel: String { own ? status.memberLabel : status.label }
}

/// The filters of the questions list (a GET form): a bad value falls back to « all ».
struct LegalListFilters: Sendable, Equatable {
    var status: QuestionStatus?
    var category: LegalCategory?
    /// A delegation code of the network map.
    var delegation: String?
    /// A jurist's id, or `aucun` (unassigned).
    var assignee: String?
    var overdue: Bool

    static func parse(_ q: [String: String], map: NetworkMap, jurists: Set<UUID>) -> LegalListFilters {
        let a = q["juriste"].flatMap { v -> String? in
            v == "aucun" ? v : UUID(uuidString: v).flatMap { jurists.contains($0) ? $0.uuidString : nil }
        }
        return LegalListFilters(status: q["statut"].flatMap(QuestionStatus.init(rawValue:)),
                                category: q["categorie"].flatMap(LegalCategory.init(rawValue:)),
                                delegation: q["delegation"].flatMap { map.delegation(code: $0)?.code },
                                assignee: a, overdue: q["retard"] == "1")
    }

    /// As query items, in URL order (nil when unset).
    var items: [(String, String?)] {
        [("statut", status?.rawValue), ("categorie", category?.rawValue), ("delegation", delegation),
         ("juriste", assignee), ("retard", overdue ? "1" : nil)]
    }

    func matches(_ l: LegalQuestionLine, map: NetworkMap, today: Day) -> Bool {
        if let status, l.status != status { return false }
        if let category, l.category != category { return false }
        if let delegation, map.delegation(ofDepartment: l.department)?.code != delegation { return false }
        if let assignee {
            if assignee == "aucun" { if l.assigneeID != nil { return false } } else if l.assigneeID?.uuidString != assignee { return false }
        }
        if overdue && !l.isOverdue(today: today) { return false }
        return true
    }
}

/// The questions in a person's scope, read in one joined query.
enum LegalListQueries {
    static func isOverdue(status: QuestionStatus, dueOn: String, today: Day) -> Bool {
        guard status.isOpenForJurists, let due = Day(iso: dueOn) else { return false }
        return today > due
    }

    /// Every question in `scope` (optionally asked in `year`), newest first.
    ///
    /// A scope's departments pick questions by the structure's current department (`atAsking` false:
    /// the list, the API — the delegate now in charge follows the member), or by the department the
    /// structure had when it asked (`atAsking` true: the statistics — a question belongs to the
    /// delegation that was in charge when it was asked, as their by-delegation breakdown counts it).
    static func lines(scope: LegalScope, year: Int? = nil, departmentAtAsking atAsking: Bool = false,
                      on db: any Database) async throws -> [LegalQuestionLine] {
        guard !scope.isEmpty else { return [] }
        let query = LegalQuestion.query(on: db).join(Structure.self, on: \LegalQuestion.$structure.$id == \Structure.$id)
        if !scope.all {
            query.group(.or) { or in
                if !scope.structureIDs.isEmpty { or.filter(\LegalQuestion.$structure.$id ~~ Array(scope.structureIDs)) }
                if !scope.departments.isEmpty {
                    if atAsking { or.filter(\LegalQuestion.$departmentCode ~~ Array(scope.departments)) }
                    else { or.filter(Structure.self, \.$departmentCode ~~ Array(scope.departments)) }
                }
            }
        }
        if let year {
            query.filter(\.$askedOn >= "\(year)-01-01").filter(\.$askedOn <= "\(year)-12-31")
        }
        let rows = try await query.sort(\.$askedOn, .descending).all()
        return try rows.map { q in
            let s = try q.joined(Structure.self)
            let sid = q.$structure.id
            return LegalQuestionLine(
                id: try q.requireID(), structureID: sid, structureName: s.name, department: s.departmentCode,
                askedDepartment: q.departmentCode, types: s.types, category: q.categoryValue,
                subject: scope.readsTexts(structureID: sid, shared: q.sharedWithDelegation) ? q.subject : nil,
                status: q.statusValue, assigneeID: q.assigneeID, askedOn: q.askedOn, dueOn: q.dueOn,
                promisedDays: q.promisedDays, firstAnswerOn: q.firstAnswerOn, answeredOn: q.answeredAt.map { Day.today(now: $0).iso },
                waitedDays: q.waitedDays, own: scope.isOwn(structureID: sid))
        }
    }

    /// The jurists: the active users holding the jurist role, in French order of their names. The
    /// one place that says who is a jurist (assignee column and filter, assignment, notifications).
    static func jurists(on db: any Database) async throws -> [(id: UUID, name: String, email: String)] {
        let ids = Set(try await RoleGrant.query(on: db).filter(\.$role == Role.jurist.rawValue).all().map(\.$user.id))
        guard !ids.isEmpty else { return [] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).filter(\.$isActive == true).all()
        return users.compactMap { u in u.id.map { (id: $0, name: u.displayName, email: u.email) } }
            .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
    }
}
