import Fluent
import Foundation
import MaillageCore

// The delegations' support of their members (migration 021). Days are `YYYY-MM-DD` text.

/// A support programme as data (COODIAG, CAP support, CEDRE ISO support, POEC, Open Badges,
/// financial diagnosis…), managed by national admins.
final class SupportProgramme: Model, @unchecked Sendable {
    static let schema = "support_programmes"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "active") var active: Bool
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(code: String, name: String, description: String, active: Bool = true, position: Int) {
        self.code = code
        self.name = name
        self.description = description
        self.active = active
        self.position = position
    }
}

/// A member's support in a programme, by a delegation (and one of its delegates).
final class MemberSupport: Model, @unchecked Sendable {
    static let schema = "member_supports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Parent(key: "programme_id") var programme: SupportProgramme
    @Parent(key: "delegation_id") var delegation: Delegation
    @OptionalParent(key: "delegate_id") var delegate: User?
    @Field(key: "delegate_name") var delegateName: String
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @Field(key: "status") var status: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(structureID: UUID, programmeID: UUID, delegationID: UUID, delegateID: UUID?, delegateName: String, startedOn: Day) {
        self.$structure.id = structureID
        self.$programme.id = programmeID
        self.$delegation.id = delegationID
        self.$delegate.id = delegateID
        self.delegateName = delegateName
        self.startedOn = startedOn.iso
        self.status = SupportStatus.ongoing.rawValue
        self.outcome = ""
        self.version = 1
    }

    var statusValue: SupportStatus { SupportStatus(rawValue: status) ?? .ongoing }
    var startedOnValue: Day? { Day(iso: startedOn) }
    var endedOnValue: Day? { endedOn.flatMap(Day.init(iso:)) }
}

/// Intervention days a delegation logs, by kind, in half-days (a day is 2), optionally about one
/// member or one support.
final class InterventionDay: Model, @unchecked Sendable {
    static let schema = "intervention_days"

    @ID(key: .id) var id: UUID?
    @Parent(key: "delegation_id") var delegation: Delegation
    @Field(key: "on_day") var onDay: String
    @Field(key: "kind") var kind: String
    @Field(key: "half_days") var halfDays: Int
    @OptionalParent(key: "structure_id") var structure: Structure?
    @OptionalParent(key: "support_id") var support: MemberSupport?
    @Field(key: "note") var note: String
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(delegationID: UUID, on day: Day, kind: InterventionKind, halfDays: Int, structureID: UUID? = nil, supportID: UUID? = nil,
         note: String = "", recordedBy: UUID?) {
        self.$delegation.id = delegationID
        self.onDay = day.iso
        self.kind = kind.rawValue
        self.halfDays = halfDays
        self.$structure.id = structureID
        self.$support.id = supportID
        self.note = note
        self.$recordedBy.id = recordedBy
    }

    var kindValue: InterventionKind { InterventionKind(rawValue: kind) ?? .other }
    var onDayValue: Day? { Day(iso: onDay) }
}
