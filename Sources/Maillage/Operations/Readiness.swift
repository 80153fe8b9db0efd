import Fluent
import Foundation
import SQLKit
import Vapor

/// Which migrations of the one list (`Migrations.all`) the database has not run yet. Fluent
/// records each one it ran by its `name` (by default the type's full name,
/// `Maillage.CreateNetwork`) in `_fluent_migrations`; no such table means none ran.
enum PendingMigrations {
    static func names(expected: [String], on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let applied: Set<String>
        do {
            let rows = try await sql.select().column("name").from(MigrationLog.schema).all()
            applied = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        } catch {
            // The table is missing on a database never migrated; anything else is the
            // database not answering, which the caller's ping has already told apart.
            applied = []
        }
        return expected.filter { !applied.contains($0) }
    }

    /// « 3 migration(s) en attente (CreateJobs, …) : lancez `maillage migrate` … »
    static func message(_ pending: [String]) -> String {
        let shown = pending.prefix(4).map(shortName).joined(separator: ", ")
        let more = pending.count > 4 ? " et \(pending.count - 4) autre(s)" : ""
        return "\(pending.count) migration(s) en attente (\(shown)\(more)) : lancez `maillage migrate` avant de démarrer le serveur."
    }

    /// `CreateNetwork` for `Maillage.CreateNetwork`.
    static func shortName(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }

    /// `maillage serve` does not start on a database that lacks migrations: every page would
    /// answer 500 on a missing table or column. Says why in French and exits 1.
    static func refuseToServeIfPending(_ app: Application) async throws {
        let pending = try await names(expected: app.expectedMigrationNames, on: app.db)
        guard !pending.isEmpty else { return }
        FileHandle.standardError.write(Data("Erreur : \(message(pending))\n".utf8))
        throw ExitError(code: 1)
    }
}

extension Application {
    private struct ExpectedMigrationsKey: StorageKey { typealias Value = [String] }

    /// The names of the migrations this build expects to find applied (tests may add one).
    var expectedMigrationNames: [String] {
        get { storage[ExpectedMigrationsKey.self] ?? Migrations.all.map(\.name) }
        set { storage[ExpectedMigrationsKey.self] = newValue }
    }
}

/// `/health` says the process answers (no database: a load balancer must not drop every
/// instance when the database blinks); `/ready` says this instance can serve: the database
/// answers and every migration has run. 503 with a French reason otherwise.
enum ReadinessController {
    struct Status: Content {
        let ready: Bool
        let reason: String
        let pendingMigrations: [String]
    }

    static func ready(_ req: Request) async throws -> Response {
        let status = await check(req.application, db: req.db)
        let res = Response(status: status.ready ? .ok : .serviceUnavailable)
        // Exactly JSON: `*/*` (curl, load balancers) equals `.json` for Vapor, and gets the text.
        if req.headers.accept.contains(where: { $0.mediaType.type == "application" && $0.mediaType.subType == "json" }) {
            try res.content.encode(status)
        } else {
            res.body = .init(string: status.reason + "\n")
            res.headers.contentType = .plainText
        }
        return res
    }

    static func check(_ app: Application, db: any Database) async -> Status {
        do {
            try await DatabaseProbe.ping(db)
        } catch {
            return Status(ready: false, reason: "pas prêt : la base de données ne répond pas.", pendingMigrations: [])
        }
        do {
            let pending = try await PendingMigrations.names(expected: app.expectedMigrationNames, on: db)
            if !pending.isEmpty {
                return Status(ready: false, reason: "pas prêt : " + PendingMigrations.message(pending),
                              pendingMigrations: pending.map(PendingMigrations.shortName))
            }
        } catch {
            return Status(ready: false, reason: "pas prêt : les migrations n'ont pas pu être lues.", pendingMigrations: [])
        }
        return Status(ready: true, reason: "prêt", pendingMigrations: [])
    }
}

enum DatabaseProbe {
    /// One round trip (`SELECT 1`); throws when the database does not answer.
    static func ping(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        _ = try await sql.raw("SELECT 1 AS one").first()
    }
}
