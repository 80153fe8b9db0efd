import Fluent
import Foundation
import MaillageCore
import Vapor

/// Why a support step was refused; the controllers show the form again with it.
enum SupportRefusal: Error, Sendable {
    /// A field is wrong (422).
    case form(FieldErrors)
    /// A delegation, structure or support outside the person's delegation (403), said next to its field.
    case outOfScope(FieldErrors)
    /// The form's version is not the support's any more (409).
    case stale
    /// The support is gone (404).
    case gone

    static let staleMessage = "Ce suivi a été modifié entre-temps par une autre personne : vos changements ne sont pas enregistrés. Rechargez la page."

    var status: HTTPStatus {
        switch self {
        case .form: .unprocessableEntity
        case .outOfScope: .forbidden
        case .stale: .conflict
        case .gone: .notFound
        }
    }

    var errors: FieldErrors {
        switch self {
        case .form(let e), .outOfScope(let e): e
        case .stale, .gone: FieldErrors()
        }
    }

    static func form(_ field: String, _ message: String) -> SupportRefusal { .form(FormRefusal(field, message).errors) }
    static func outOfScope(_ field: String, _ message: String) -> SupportRefusal { .outOfScope(FormRefusal(field, message).errors) }
}

/// Writes members' supports: each create or edit re-read, checked and written with its audit entry
/// in one transaction (`support.create`, `support.update`); an edit carries the version it was
/// read at, and an older one is refused without writing anything.
enum SupportService {
    static let alreadyRunning = "Cette structure a déjà un suivi en cours dans ce programme : modifiez-le plutôt."

    /// A new support of `structureID`, run by `delegationID` (the structure's delegation today).
    static func create(structureID: UUID, delegationID: UUID, _ input: SupportInput, by actor: CurrentUser,
                       on db: any Database) async throws -> Result<MemberSupport, SupportRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(Structure.schema, structureID, on: tx)
            var errors = FieldErrors()
            let programme = try await SupportProgramme.find(input.programmeID, on: tx)
            if programme == nil || programme?.active != true { errors.add("support_programme", "Choisissez un programme proposé aujourd'hui.") }
            let delegates = try await SupportAccess.delegates(of: delegationID, recorder: actor, on: tx)
            let delegate = delegates.first { $0.id == input.delegateID }
            if delegate == nil { errors.add("support_delegate", "Choisissez le délégué dans la liste.") }
            if let programme, programme.active {
                let running = try await MemberSupport.query(on: tx).filter(\.$structure.$id == structureID)
                    .filter(\.$programme.$id == input.programmeID).filter(\.$status == SupportStatus.ongoing.rawValue).count()
                if running > 0 { errors.add("support_programme", alreadyRunning) }
            }
            guard errors.isEmpty, let programme, let delegate else { return .failure(.form(errors)) }
            let support = MemberSupport(structureID: structureID, programmeID: input.programmeID, delegationID: delegationID,
                                        delegateID: delegate.id, delegateName: delegate.name, startedOn: input.startedOn)
            support.outcome = input.outcome
            try await support.create(on: tx)
            try await Audit.record(.create, "support.create", id: try support.requireID().uuidString,
                                   summary: "Suivi « \(programme.name) » commencé le \(input.startedOn.french)",
                                   after: snapshot(support, programme: programme), actor: actor, on: tx)
            return .success(support)
        }
    }

    /// Saves an edit of the support `id` of `structureID`, read at `version`.
    static func update(_ id: UUID, of structureID: UUID, version: Int?, _ input: SupportEditInput, by actor: CurrentUser,
                       on db: any Database) async throws -> Result<MemberSupport, SupportRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(MemberSupport.schema, id, on: tx)
            guard let support = try await MemberSupport.query(on: tx).filter(\.$id == id).filter(\.$structure.$id == structureID).first() else {
                return .failure(.gone)
            }
            guard let version, version == support.version else { return .failure(.stale) }
            if let ended = input.endedOn, let started = support.startedOnValue, ended < started {
                return .failure(.form("support_ended", "La fin ne peut précéder le début du suivi (\(started.french))."))
            }
            // Taking up an ended support again: not while another one of the programme runs (as `create` refuses).
            if input.status == .ongoing, support.statusValue != .ongoing {
                try await RowLock.lock(Structure.schema, structureID, on: tx)
                let running = try await MemberSupport.query(on: tx).filter(\.$structure.$id == structureID)
                    .filter(\.$programme.$id == support.$programme.id).filter(\.$status == SupportStatus.ongoing.rawValue)
                    .filter(\.$id != id).count()
                if running > 0 { return .failure(.form("support_status", alreadyRunning)) }
            }
            let programme = try await SupportProgramme.find(support.$programme.id, on: tx)
            let before = snapshot(support, programme: programme)
            support.status = input.status.rawValue
            support.endedOn = input.endedOn?.iso
            support.outcome = input.outcome
            support.version += 1
            try await support.save(on: tx)
            try await Audit.record(.update, "support.update", id: id.uuidString,
                                   summary: "Suivi « \(programme?.name ?? "") » modifié (\(input.status.label.lowercased()))",
                                   before: before, after: snapshot(support, programme: programme), actor: actor, on: tx)
            return .success(support)
        }
    }

    static func snapshot(_ s: MemberSupport, programme: SupportProgramme?) -> [String: String] {
        ["structure": s.$structure.id.uuidString, "programme": programme?.code ?? s.$programme.id.uuidString,
         "delegation": s.$delegation.id.uuidString, "delegue": s.delegateName, "debut": s.startedOn, "fin": s.endedOn ?? "",
         "statut": s.status, "resultat": s.outcome]
    }
}
