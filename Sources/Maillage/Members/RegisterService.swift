import Fluent
import Foundation
import MaillageCore

/// Every write to the register, each in one transaction with its audit entries: a structure
/// created with its first membership, a structure updated, a membership period opened,
/// corrected or closed (`MembershipWorkflow`). The structure pages, the member import and the
/// commands all come here; none of them writes a structure or a period itself.
enum RegisterService {
    /// Why a write was refused; nothing was written.
    enum Refusal: Error {
        /// French messages by form field (`status`, `joined_on`, `left_on`, `leave_reason`).
        case invalid(FieldErrors)
        /// The period is not in a state the step starts from (a stale page, a double click).
        case wrongState(MembershipWorkflow.State)
        /// This person may not take this step on this structure.
        case notPermitted

        /// In French, for an import line.
        var messages: [String] {
            switch self {
            case .invalid(let errors): errors.summary.map(\.message)
            case .wrongState: ["L'adhésion de cette structure a changé entre-temps : relancez l'aperçu."]
            case .notPermitted: ["Vous ne pouvez pas modifier les adhésions de cette structure."]
            }
        }
    }

    /// Who writes: what they are to the structure, and who signs the audit entries (nil: the
    /// application itself, from a command).
    struct Actor: Sendable {
        let parties: Set<Party>
        let user: CurrentUser?

        /// An import or a command: the application acts, for `user` when someone started it.
        static func system(_ user: CurrentUser?) -> Actor { Actor(parties: [.system], user: user) }

        /// A person creating a structure in `department`, which has no record yet.
        static func person(_ user: CurrentUser, creatingIn department: String, map: NetworkMap) -> Actor {
            Actor(parties: Policy.parties(of: user, relation: Policy.relation(of: user, to: nil, department: department, map: map)), user: user)
        }
    }

    /// Where the write comes from, for the audit entries' wording.
    enum Origin: Sendable {
        case page, memberImport

        func summary(_ page: String, _ memberImport: String, _ name: String) -> String {
            "\(self == .page ? page : memberImport) « \(name) »"
        }
    }

    /// The step `action` from `state`, or why not.
    static func check(_ action: MembershipWorkflow.Action, from state: MembershipWorkflow.State,
                      by actor: Actor) throws(Refusal) -> Transition<MembershipWorkflow.State, MembershipWorkflow.Action> {
        do {
            return try MembershipWorkflow.table.check(action, from: state, by: actor.parties)
        } catch {
            switch error {
            case .wrongState(let s): throw .wrongState(s)
            case .notPermitted: throw .notPermitted
            }
        }
    }

    // MARK: structures

    /// A new structure with its first membership, and an audit entry for each.
    @discardableResult
    static func create(_ draft: StructureDraft, status: MembershipStatus, joined: Day, by actor: Actor, via origin: Origin,
                       on db: any Database) async throws -> Structure {
        let step = try check(.open, from: .none, by: actor)
        let structure = Structure()
        structure.apply(draft)
        structure.directoryStatus = DirectoryStatus(status)
        try await db.transaction { tx in
            try await structure.create(on: tx)
            let membership = Membership(structureID: try structure.requireID(), status: status, joined: joined)
            try await membership.create(on: tx)
            try await MembershipSummary.refresh(structure, on: tx)
            try await structure.save(on: tx)
            try await Audit.record(.create, structure, summary: origin.summary("Création de", "Import : création de", structure.name),
                                   actor: actor.user, on: tx)
            try await Audit.record(step.audit, membership, summary: origin.summary("Adhésion de", "Import : adhésion de", structure.name),
                                   actor: actor.user, on: tx)
        }
        return structure
    }

    /// The structure's register fields changed (its memberships are left as they are).
    static func update(_ structure: Structure, to draft: StructureDraft, by actor: Actor, via origin: Origin,
                       on db: any Database) async throws {
        let before = structure.auditSnapshot
        try await db.transaction { tx in
            structure.apply(draft)
            try await structure.save(on: tx)
            try await Audit.record(.update, structure, summary: origin.summary("Modification de", "Import : mise à jour de", structure.name),
                                   before: before, actor: actor.user, on: tx)
        }
    }

    // MARK: membership periods

    /// Opens a period: only when none is open, and not before the last leave.
    @discardableResult
    static func open(_ input: PeriodInput, for structure: Structure, by actor: Actor, on db: any Database) async throws -> Membership {
        let step = try check(.open, from: .none, by: actor)
        let sid = try structure.requireID()
        return try await db.transaction { tx in
            let periods = try await Membership.query(on: tx).filter(\.$structure.$id == sid).all()
            var rules = FieldErrors()
            if periods.contains(where: { $0.leftOn == nil }) {
                rules.add("status", "Une adhésion est déjà en cours : clôturez-la avant d'en ouvrir une nouvelle.")
            }
            if let joined = input.joined, let lastLeft = periods.compactMap(\.left).max(), joined < lastLeft {
                rules.add("joined_on", "La date doit suivre la dernière sortie (\(lastLeft.french)).")
            }
            let errors = PeriodInput.merged(input.unread, rules)
            guard errors.isEmpty, let status = input.status, let joined = input.joined else { throw Refusal.invalid(errors) }
            let m = Membership(structureID: sid, status: status, joined: joined)
            try await m.create(on: tx)
            try await MembershipSummary.refresh(structure, on: tx)
            try await structure.save(on: tx)
            try await Audit.record(step.audit, m, summary: "Nouvelle adhésion de « \(structure.name) »", actor: actor.user, on: tx)
            return m
        }
    }

    /// Corrects a period as typed: its status and dates, a leave date closing it or cleared to
    /// reopen it (`MembershipWorkflow.correction`). An import corrects the open period.
    static func correct(_ period: Membership, with input: PeriodInput, of structure: Structure, by actor: Actor,
                        via origin: Origin, on db: any Database) async throws {
        try await write(period, input, of: structure, by: actor, on: db,
                        action: { MembershipWorkflow.correction(from: $0, leaving: input.left != nil || input.unread["left_on"] != nil) },
                        summary: origin.summary("Correction d'une adhésion de", "Import : adhésion de", structure.name))
    }

    /// Closes the open period on a leave date, for a reason.
    static func close(_ period: Membership, with input: PeriodInput, of structure: Structure, by actor: Actor,
                      on db: any Database) async throws {
        try await write(period, input, of: structure, by: actor, on: db, action: { _ in .close },
                        summary: "Sortie de « \(structure.name) »")
    }

    /// The checks a corrected or closed period passes: dates in order, a reason for every
    /// leave, one open period at a time. The period is read again inside the transaction.
    private static func write(_ period: Membership, _ input: PeriodInput, of structure: Structure, by actor: Actor,
                              on db: any Database, action: (MembershipWorkflow.State) -> MembershipWorkflow.Action,
                              summary: String) async throws {
        let pid = try period.requireID()
        let sid = try structure.requireID()
        let step = try check(action(period.state), from: period.state, by: actor)
        try await db.transaction { tx in
            guard let m = try await Membership.find(pid, on: tx) else { throw Refusal.wrongState(.none) }
            _ = try check(step.action, from: m.state, by: actor)
            var rules = FieldErrors()
            if let joined = input.joined, let left = input.left, left < joined {
                rules.add("left_on", "La date de sortie précède la date d'adhésion.")
            }
            if step.to == .closed, input.left == nil, input.unread["left_on"] == nil {
                rules.add("left_on", "Indiquez la date de sortie.")
            }
            if input.left != nil, input.reason.isEmpty { rules.add("leave_reason", "Indiquez le motif de sortie.") }
            var errors = PeriodInput.merged(input.unread, rules)
            if input.left == nil, m.leftOn != nil,
               try await Membership.query(on: tx).filter(\.$structure.$id == sid).filter(\.$leftOn == nil)
                   .filter(\.$id != pid).count() > 0 {
                errors.add("left_on", "Une autre adhésion est en cours : cette période doit rester close.")
            }
            guard errors.isEmpty, let status = input.status, let joined = input.joined else { throw Refusal.invalid(errors) }
            let before = m.auditSnapshot
            m.membershipStatus = status
            m.joined = joined
            m.left = input.left
            m.leaveReason = input.left == nil ? nil : input.reason
            try await m.save(on: tx)
            try await MembershipSummary.refresh(structure, on: tx)
            try await structure.save(on: tx)
            try await Audit.record(step.audit, m, summary: summary, before: before, actor: actor.user, on: tx)
            period.status = m.status
            period.joinedOn = m.joinedOn
            period.leftOn = m.leftOn
            period.leaveReason = m.leaveReason
        }
    }
}

/// A structure's register fields as a page or a file line would save them.
struct StructureDraft: Sendable {
    var siret: SIRET
    var name: String
    var types: [StructureType]
    var address: String?
    var postalCode: String?
    var commune: String
    var department: String
    var website: String?
    var gesParentID: UUID?
}

/// A membership period as typed: the values that could be read, and the problems of those
/// that could not (`unread`, by form field), reported together with the register's rules.
struct PeriodInput: Sendable {
    var status: MembershipStatus?
    var joined: Day?
    var left: Day?
    var reason = ""
    var unread = FieldErrors()

    /// The fields in the form's order, each with its reading problems before the rules'.
    static func merged(_ first: FieldErrors, _ then: FieldErrors) -> FieldErrors {
        var all = FieldErrors()
        for field in ["status", "joined_on", "left_on", "leave_reason"] {
            if let m = first[field] { all.add(field, m) }
            if let m = then[field] { all.add(field, m) }
        }
        return all
    }
}

extension Transition where State == MembershipWorkflow.State {
    /// The audit action the table says this step records.
    var audit: AuditAction { AuditAction(rawValue: records) ?? .update }
}

extension Structure {
    func apply(_ d: StructureDraft) {
        siret = d.siret.digits
        name = d.name
        types = d.types
        address = d.address
        postalCode = d.postalCode
        commune = d.commune
        departmentCode = d.department
        website = d.website
        $gesParent.id = d.gesParentID
        refreshSearchText()
    }
}
