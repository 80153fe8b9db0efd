import Fluent
import Foundation
import MaillageCore

/// Writes the support programmes (national admins): each create or edit with its audit entry
/// (`support.programme.create`, `support.programme.update`) in one transaction. A code taken by
/// another programme is a French error on the code.
enum ProgrammeService {
    static let codeTaken = "Ce code est déjà celui d'un autre programme."

    static func create(_ input: ProgrammeInput, by actor: CurrentUser, on db: any Database) async throws -> Result<SupportProgramme, FormRefusal> {
        try await db.writeTransaction { tx in
            if try await codeTaken(input.code, except: nil, on: tx) { return .failure(.init("programme_code", codeTaken)) }
            let p = SupportProgramme()
            input.apply(to: p)
            try await p.create(on: tx)
            try await Audit.record(.create, "support.programme.create", id: try p.requireID().uuidString,
                                   summary: "Programme d'accompagnement \(p.code) « \(p.name) » créé", after: snapshot(p), actor: actor, on: tx)
            return .success(p)
        }
    }

    static func update(_ id: UUID, _ input: ProgrammeInput, by actor: CurrentUser, on db: any Database) async throws -> Result<SupportProgramme, FormRefusal> {
        try await db.writeTransaction { tx in
            try await RowLock.lock(SupportProgramme.schema, id, on: tx)
            guard let p = try await SupportProgramme.find(id, on: tx) else { return .failure(.init("programme_code", "Ce programme n'existe plus.")) }
            if try await codeTaken(input.code, except: id, on: tx) { return .failure(.init("programme_code", codeTaken)) }
            let before = snapshot(p)
            input.apply(to: p)
            try await p.save(on: tx)
            try await Audit.record(.update, "support.programme.update", id: id.uuidString,
                                   summary: "Programme d'accompagnement \(p.code) « \(p.name) » modifié", before: before, after: snapshot(p),
                                   actor: actor, on: tx)
            return .success(p)
        }
    }

    private static func codeTaken(_ code: String, except id: UUID?, on db: any Database) async throws -> Bool {
        try await SupportProgramme.query(on: db).filter(\.$code == code).all().contains { $0.id != id }
    }

    static func snapshot(_ p: SupportProgramme) -> [String: String] {
        ["code": p.code, "nom": p.name, "description": p.description, "actif": p.active ? "oui" : "non", "position": String(p.position)]
    }
}
