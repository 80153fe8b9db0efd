import Crypto
import Fluent
import Foundation
import Metrics
import Prometheus
import SQLKit
import Vapor

/// The process's metrics: Vapor records `http_requests_total`, `http_request_errors_total`
/// and `http_request_duration_seconds` (by method, route pattern and status) through
/// swift-metrics; they land in one Prometheus registry. `MetricsSystem` can be bootstrapped
/// once per process while tests make many applications, hence the one-time initialiser.
enum MetricsRegistry {
    static let shared = PrometheusCollectorRegistry()

    /// Page and export latencies: from a cached page (a few ms) to a national export (many s).
    static let durationBuckets: [Duration] = [
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(30),
    ]

    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: shared)
        factory.durationHistogramBuckets["http_request_duration_seconds"] = durationBuckets
        MetricsSystem.bootstrap(factory)
    }()

    /// Idempotent: the first call bootstraps, the others do nothing.
    static func bootstrap() { _ = bootstrapped }
}

extension Application {
    private struct InFlightKey: StorageKey { typealias Value = InFlightRequests }

    /// The in-flight request counter (`App/Draining.swift`), read by `/metrics`.
    var inFlightRequests: InFlightRequests? {
        get { storage[InFlightKey.self] }
        set { storage[InFlightKey.self] = newValue }
    }
}

/// `GET /metrics`, Prometheus text format: the process's registry, then gauges computed at
/// scrape time from the database (job queue, outbox, pool, a timed ping) and the process.
enum MetricsController {
    static func scrape(_ req: Request) async throws -> Response {
        guard mayScrape(req) else { throw Abort(.notFound) }
        var text = MetricsRegistry.shared.emitToString()
        text += await ScrapeGauges.collect(req.application, db: req.db).emitToString()
        let res = Response(status: .ok, body: .init(string: text))
        res.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return res
    }

    /// The scraper runs on this machine (the client, proxies resolved, is a loopback address),
    /// or shows `Authorization: Bearer $MAILLAGE_METRICS_TOKEN` when that setting is set.
    static func mayScrape(_ req: Request) -> Bool {
        if let token = req.application.config.metricsToken, let given = req.headers.bearerAuthorization?.token,
           constantTimeEqual(given, token) {
            return true
        }
        guard let client = req.clientAddress, let ip = IPAddress(client) else { return false }
        return TrustedProxies.loopback.contains(ip)
    }

    /// Compares digests, so the time taken says nothing about how much of the token matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Data(a.utf8))), y = Array(SHA256.hash(data: Data(b.utf8)))
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension TrustedProxies {
    static let loopback = TrustedProxies("127.0.0.0/8, ::1")
}

/// Gauges read from the database at each scrape, in a registry of their own made per scrape:
/// a kind or status that disappears disappears from the output too.
enum ScrapeGauges {
    static func collect(_ app: Application, db: any Database) async -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        registry.makeGauge(name: "maillage_http_requests_in_flight", help: "Requests being handled by this instance.")
            .set(Double(app.inFlightRequests?.current ?? 0))
        databasePool(app, into: registry)

        let start = ContinuousClock.now
        let up = (try? await DatabaseProbe.ping(db)) != nil
        registry.makeGauge(name: "maillage_db_up", help: "1 when the database answered the scrape's ping.").set(up ? 1.0 : 0.0)
        guard up else { return registry }
        registry.makeGauge(name: "maillage_db_ping_seconds", help: "Round trip of SELECT 1 during the scrape.")
            .set((ContinuousClock.now - start).seconds)

        if let pending = try? await PendingMigrations.names(expected: app.expectedMigrationNames, on: db) {
            registry.makeGauge(name: "maillage_migrations_pending", help: "Migrations of this build not yet run.")
                .set(Double(pending.count))
        }
        guard let sql = db as? any SQLDatabase else { return registry }
        let jobsRead = await jobs(sql, into: registry)
        let outboxRead = await outbox(sql, into: registry)
        for (source, ok) in [("jobs", jobsRead), ("outbox", outboxRead)] {
            registry.makeGauge(name: "maillage_metrics_source_up", labels: [("source", source)],
                               help: "1 when the table behind a group of gauges could be read.").set(ok ? 1.0 : 0.0)
        }
        return registry
    }

    /// What the pool lets us know: how many event loops, and connections each may open.
    private static func databasePool(_ app: Application, into registry: PrometheusCollectorRegistry) {
        let loops = Array(app.eventLoopGroup.makeIterator()).count
        let perLoop = maxConnectionsPerEventLoop(app)
        let driver = app.config.databaseURL == nil ? "sqlite" : "postgresql"
        registry.makeGauge(name: "maillage_db_pool_event_loops", labels: [("driver", driver)],
                           help: "Event loops, each with its own connection pool.").set(Double(loops))
        registry.makeGauge(name: "maillage_db_pool_max_connections_per_event_loop", labels: [("driver", driver)],
                           help: "Connections each event loop's pool may open.").set(Double(perLoop))
        registry.makeGauge(name: "maillage_db_pool_max_connections", labels: [("driver", driver)],
                           help: "Connections this instance may open in all.").set(Double(loops * perLoop))
    }

    /// Read from the driver's configuration (not public API; SQLite's is one connection).
    static func maxConnectionsPerEventLoop(_ app: Application) -> Int {
        guard let configuration = app.databases.configuration() else { return 1 }
        return Mirror(reflecting: configuration).children
            .first { $0.label == "maxConnectionsPerEventLoop" }?.value as? Int ?? 1
    }

    /// Job queue depth by kind and status, failed jobs by kind, age of the oldest due job.
    private static func jobs(_ sql: any SQLDatabase, into registry: PrometheusCollectorRegistry) async -> Bool {
        do {
            let rows = try await sql.raw("SELECT kind, status, COUNT(*) AS n FROM jobs GROUP BY kind, status").all()
            var failed: [String: Int] = [:]
            for row in rows {
                let kind = try row.decode(column: "kind", as: String.self)
                let status = try row.decode(column: "status", as: String.self)
                let n = try row.decode(column: "n", as: Int.self)
                registry.makeGauge(name: "maillage_jobs", labels: [("kind", kind), ("status", status)],
                                   help: "Jobs in the queue by kind and status.").set(Double(n))
                if status == "failed" { failed[kind, default: 0] += n }
            }
            registry.makeGauge(name: "maillage_jobs_failed_total", help: "Jobs that failed for good, all kinds.")
                .set(Double(failed.values.reduce(0, +)))
            return true
        } catch {
            return false
        }
    }

    /// Messages waiting to leave, and those refused for good (once the outbox has a status).
    private static func outbox(_ sql: any SQLDatabase, into registry: PrometheusCollectorRegistry) async -> Bool {
        func pending(_ n: Int) {
            registry.makeGauge(name: "maillage_outbox_pending", help: "E-mails waiting in the outbox.").set(Double(n))
        }
        do {
            let row = try await sql.raw("""
                SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
                       SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed FROM outbox_messages
                """).first()
            let waiting = try row?.decode(column: "pending", as: Int?.self) ?? 0
            let failed = try row?.decode(column: "failed", as: Int?.self) ?? 0
            pending(waiting)
            registry.makeGauge(name: "maillage_outbox_failed", help: "E-mails the mail server refused for good.")
                .set(Double(failed))
            return true
        } catch {
            // Before the outbox had a status: a message is pending until it has left.
            guard let row = try? await sql.raw("SELECT COUNT(*) AS n FROM outbox_messages WHERE sent_at IS NULL").first(),
                  let n = try? row.decode(column: "n", as: Int.self) else { return false }
            pending(n)
            return true
        }
    }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
