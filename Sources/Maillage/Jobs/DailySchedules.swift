import Fluent
import Foundation
import SQLKit
import Vapor

/// Daily schedules run once per day across instances: each instance checks every minute,
/// and the one whose insert of (name, day) into `schedule_runs` goes through enqueues the
/// job in the same transaction; the others' inserts do nothing (`ON CONFLICT DO NOTHING`),
/// so they skip. An instance started after the hour catches up the same day.
enum DailySchedules {
    static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// The day ('YYYY-MM-DD', Paris) and the hour (Paris) of `date`.
    static func parisDay(_ date: Date) -> (day: String, hour: Int) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: paris, from: date)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        return (day, c.hour ?? 0)
    }

    struct Inserted: Decodable { let name: String }

    /// Enqueues each schedule due at `now` that has not run today; returns the names enqueued.
    static func run(_ schedules: [JobRegistry.Daily], now: Date, logger: Logger, on db: any Database) async throws -> [String] {
        let (day, hour) = parisDay(now)
        var enqueued: [String] = []
        for s in schedules where hour >= s.hour {
            let jobID = UUID()
            let won = try await db.transaction { tx -> Bool in
                let query: SQLQueryString = """
                    INSERT INTO schedule_runs (name, day, job_id, at) VALUES (\(bind: s.name), \(bind: day), \(bind: jobID), \(bind: now))
                    ON CONFLICT (name, day) DO NOTHING RETURNING name
                    """
                guard try await JobQueue.sql(tx).raw(query).first(decoding: Inserted.self) != nil else { return false }
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                let payload = String(decoding: try encoder.encode(["schedule": s.name, "day": day]), as: UTF8.self)
                _ = try await JobQueue.insert(id: jobID, kind: s.kind, payload: payload, runAt: nil,
                                              uniqueKey: "schedule:\(s.name):\(day)", requestedBy: nil,
                                              maxAttempts: JobQueue.defaultMaxAttempts, on: tx)
                return true
            }
            if won {
                enqueued.append(s.name)
                logger.info("daily schedule enqueued", metadata: ["schedule": .string(s.name), "day": .string(day),
                                                                  "job": .string(jobID.uuidString)])
            }
        }
        if !enqueued.isEmpty { JobQueue.doorbell.ring() }
        return enqueued
    }
}
