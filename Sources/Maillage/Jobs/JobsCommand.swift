import Fluent
import Foundation
import SQLKit
import Vapor

/// `maillage jobs status|probe|run-schedules`: the queue from scripts.
struct JobsCommands: AsyncCommandGroup {
    var help: String { "File de travaux : état, travaux d'essai, tâches quotidiennes." }
    var commands: [String: any AnyAsyncCommand] {
        ["status": JobsStatusCommand(), "probe": JobsProbeCommand(), "run-schedules": JobsRunSchedulesCommand()]
    }
}

/// What the queue holds: jobs by kind and status, and the oldest pending one.
struct JobsStatus: Encodable, Sendable {
    struct Count: Encodable, Sendable { let kind: String; let status: String; let count: Int }
    let counts: [Count]
    /// When the oldest pending job was enqueued (ISO 8601), if any.
    let oldestPending: String?
    let oldestPendingKind: String?

    static func load(on db: any Database) async throws -> JobsStatus {
        let sql = JobQueue.sql(db)
        struct Row: Decodable { let kind: String; let status: String; let n: Int }
        let rows = try await sql.raw("SELECT kind, status, COUNT(*) AS n FROM jobs GROUP BY kind, status ORDER BY kind, status")
            .all(decoding: Row.self)
        struct Oldest: Decodable { let kind: String; let created_at: Date }
        let oldest = try await sql.raw("SELECT kind, created_at FROM jobs WHERE status = 'pending' ORDER BY created_at LIMIT 1")
            .first(decoding: Oldest.self)
        return JobsStatus(counts: rows.map { Count(kind: $0.kind, status: $0.status, count: $0.n) },
                          oldestPending: oldest.map { ISO8601DateFormatter().string(from: $0.created_at) },
                          oldestPendingKind: oldest?.kind)
    }
}

/// `maillage jobs status [--json]`
struct JobsStatusCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Sortie JSON") var json: Bool
    }
    var help: String { "Travaux par type et par état, et le plus ancien en attente." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let status = try await JobsStatus.load(on: context.application.db)
        if signature.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            context.console.print(String(decoding: try encoder.encode(status), as: UTF8.self))
            return
        }
        if status.counts.isEmpty { context.console.print("Aucun travail.") }
        for c in status.counts { context.console.print("\(c.kind)\t\(c.status)\t\(c.count)") }
        if let at = status.oldestPending, let kind = status.oldestPendingKind {
            context.console.print("Plus ancien en attente : \(kind), créé le \(at)")
        }
    }
}

/// `maillage jobs probe N`: enqueues N `probe` jobs (see `ProbeJob`).
struct JobsProbeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "count", help: "Nombre de travaux d'essai") var count: Int
    }
    var help: String { "Met en file N travaux d'essai (table probe_runs)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard (1...100_000).contains(signature.count) else {
            context.console.error("Indiquez un nombre entre 1 et 100 000.")
            throw ExitError(code: 1)
        }
        let db = context.application.db
        try await db.transaction { tx in
            for i in 0..<signature.count { try await JobQueue.enqueue(ProbeJob.kind, payload: ["n": i], on: tx) }
        }
        context.console.print("\(signature.count) travaux d'essai en file.")
    }
}

/// `maillage jobs run-schedules`: enqueues the daily jobs due today that no instance has
/// enqueued yet, and runs them.
struct JobsRunSchedulesCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Met en file les tâches quotidiennes dues aujourd'hui (une fois par jour pour toutes les instances)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let jobs = context.application.jobs
        let names = try await jobs.runSchedules()
        context.console.print(names.isEmpty ? "Aucune tâche quotidienne à lancer." : "Lancées : \(names.joined(separator: ", ")).")
        // Run them here rather than wait for a worker (claims are atomic: a serving instance
        // may take one first, it then runs there).
        let kinds = jobs.registry.dailySchedules.filter { names.contains($0.name) }.map(\.kind)
        if !kinds.isEmpty { try await jobs.runDue(kinds: kinds) }
    }
}
