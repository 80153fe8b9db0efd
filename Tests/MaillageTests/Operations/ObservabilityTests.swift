import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import Maillage

@Suite("Operations: request ids, metrics, readiness")
struct ObservabilityTests {
    @Test("every response carries an X-Request-Id, and the error page shows the same one")
    func requestIDOnErrorPage() async throws {
        try await withMaillage { app in
            // MUT
            let page = try await TestBrowser(app).get("/nulle-part")
            let health = try await TestBrowser(app).get(.health)
            // validate
            #expect(page.status == .notFound)
            let id = try #require(page.headers.first(name: .xRequestId))
            #expect(RequestIDMiddleware.isSafe(id))
            #expect(page.body.contains("Référence de l'erreur : <code>\(id)</code>"))
            let other = try #require(health.headers.first(name: .xRequestId))
            #expect(other != id)
        }
    }

    @Test("an incoming X-Request-Id is kept only from a trusted proxy, and only when it is plain")
    func incomingRequestID() async throws {
        try await withMaillage { app in
            // setup
            app.config.trustedProxies = TrustedProxies("10.0.0.1")
            let client = PeerBrowser(app, peer: "203.0.113.9")
            let proxy = PeerBrowser(app, peer: "10.0.0.1", forwardedFor: "203.0.113.9")
            // MUT
            let fromClient = try await client.send(.GET, "/nulle-part", headers: ["X-Request-Id": "forge-par-le-client"], body: nil)
            let fromProxy = try await proxy.send(.GET, "/nulle-part", headers: ["X-Request-Id": "nginx-4f2a.9_Z"], body: nil)
            let unsafe = try await proxy.send(.GET, "/health", headers: ["X-Request-Id": "a b\"<script>"], body: nil)
            let long = try await proxy.send(.GET, "/health", headers: ["X-Request-Id": String(repeating: "a", count: 65)], body: nil)
            // validate
            let clientID = try #require(fromClient.headers.first(name: .xRequestId))
            #expect(clientID != "forge-par-le-client")
            #expect(!fromClient.body.contains("forge-par-le-client"))
            #expect(fromClient.body.contains(clientID))
            #expect(fromProxy.headers.first(name: .xRequestId) == "nginx-4f2a.9_Z")
            #expect(fromProxy.body.contains("Référence de l'erreur : <code>nginx-4f2a.9_Z</code>"))
            #expect(unsafe.headers.first(name: .xRequestId).map(RequestIDMiddleware.isSafe) == true)
            #expect(unsafe.headers.first(name: .xRequestId) != "a b\"<script>")
            #expect(long.headers.first(name: .xRequestId)?.count == 36)
        }
    }

    @Test("/metrics counts requests per route pattern and reads the job queue and the outbox")
    func metricsText() async throws {
        try await withMaillage { app in
            // setup
            let sql = app.db as! any SQLDatabase
            for (kind, status) in [("probe", "failed"), ("probe", "failed"), ("mail.send", "pending")] {
                try await sql.raw("""
                    INSERT INTO jobs (id, kind, payload, status, run_at, attempts, max_attempts, progress_done, progress_total, created_at)
                    VALUES (\(bind: UUID()), \(bind: kind), '{}', \(bind: status), \(bind: Date()), 1, 3, 0, 0, \(bind: Date()))
                    """).run()
            }
            let outboxPending = try await sql.raw("SELECT COUNT(*) AS n FROM outbox_messages WHERE sent_at IS NULL").first()!
                .decode(column: "n", as: Int.self)
            let scraper = PeerBrowser(app, peer: "127.0.0.1")
            try await scraper.get(.structure(.value(UUID())))  // a route with a parameter (redirects to sign-in)
            // MUT
            let res = try await scraper.get(.metrics)
            // validate
            #expect(res.status == .ok)
            #expect(res.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
            let samples = PrometheusText.samples(res.body)
            #expect(samples.contains { $0.name == "http_requests_total" && $0.labels["path"] == "/adherents/:structureID" && $0.value >= 1 })
            #expect(samples.contains { $0.name == "http_request_duration_seconds_bucket" && $0.labels["path"] == "/adherents/:structureID" && $0.labels["le"] == "0.002" })
            #expect(PrometheusText.value(samples, "maillage_jobs", ["kind": "probe", "status": "failed"]) == 2)
            #expect(PrometheusText.value(samples, "maillage_jobs", ["kind": "mail.send", "status": "pending"]) == 1)
            #expect(PrometheusText.value(samples, "maillage_jobs_failed_total") == 2)
            #expect(PrometheusText.value(samples, "maillage_outbox_pending") == Double(outboxPending))
            #expect(PrometheusText.value(samples, "maillage_db_up") == 1)
            #expect((PrometheusText.value(samples, "maillage_db_ping_seconds") ?? -1) >= 0)
            #expect(PrometheusText.value(samples, "maillage_migrations_pending") == 0)
            #expect(PrometheusText.value(samples, "maillage_http_requests_in_flight") == 1)  // the scrape itself
            #expect((PrometheusText.value(samples, "maillage_db_pool_event_loops", ["driver": app.config.databaseURL == nil ? "sqlite" : "postgresql"]) ?? 0) >= 1)
            #expect(PrometheusText.value(samples, "maillage_metrics_source_up", ["source": "jobs"]) == 1)
        }
    }

    @Test("/metrics answers 404 to a remote peer, unless it shows the metrics token")
    func metricsAccess() async throws {
        try await withMaillage { app in
            // setup
            let remote = PeerBrowser(app, peer: "203.0.113.9")
            let viaProxy = PeerBrowser(app, peer: "127.0.0.1", forwardedFor: "203.0.113.9")
            app.config.trustedProxies = TrustedProxies("127.0.0.1")
            // MUT + validate: no token configured
            #expect(try await remote.get(.metrics).status == .notFound)
            #expect(try await viaProxy.get(.metrics).status == .notFound)  // nginx on loopback forwarding a remote client
            #expect(try await TestBrowser(app).get(.metrics).status == .notFound)
            // with a token
            app.config.metricsToken = "s3cret-token"
            var wrong = HTTPHeaders(), right = HTTPHeaders()
            wrong.bearerAuthorization = .init(token: "s3cret-tokem")
            right.bearerAuthorization = .init(token: "s3cret-token")
            #expect(try await remote.send(.GET, SiteURL.metrics.path, headers: wrong, body: nil).status == .notFound)
            let ok = try await remote.send(.GET, SiteURL.metrics.path, headers: right, body: nil)
            #expect(ok.status == .ok)
            #expect(ok.body.contains("# TYPE maillage_db_up gauge"))
        }
    }

    @Test("/ready is 200 « prêt » once migrated, 503 with the pending migration named otherwise")
    func readiness() async throws {
        try await withMaillage { app in
            // MUT + validate: migrated
            let ready = try await TestBrowser(app).get(.ready)
            #expect(ready.status == .ok)
            #expect(ready.body == "prêt\n")
            // setup: this build expects one more migration than the database ran
            app.expectedMigrationNames += ["017_AddSomethingLater"]
            // MUT
            let notReady = try await TestBrowser(app).get(.ready)
            let json = try await TestBrowser(app).get(.ready, headers: ["Accept": "application/json"])
            let pending = try await PendingMigrations.names(expected: app.expectedMigrationNames, on: app.db)
            // validate
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.body.contains("1 migration(s) en attente (017_AddSomethingLater) : lancez `maillage migrate`"))
            #expect(json.status == .serviceUnavailable)
            let status = try JSONDecoder().decode(ReadinessController.Status.self, from: Data(json.body.utf8))
            #expect(status.ready == false)
            #expect(status.pendingMigrations == ["017_AddSomethingLater"])
            #expect(pending == ["017_AddSomethingLater"])
            #expect(try await TestBrowser(app).get(.health).body == "ok")
        }
    }

    @Test("a database never migrated has every migration pending, in the list's order")
    func neverMigrated() async throws {
        // setup
        let app = try await Application.make(.testing)
        do {
            var config = AppConfig.fromEnvironment()
            config.databaseURL = nil
            config.databasePath = ":memory:"
            config.rootDirectory = TestPaths.root
            try await configure(app, config: config)
            // MUT
            let pending = try await PendingMigrations.names(expected: app.expectedMigrationNames, on: app.db)
            let status = await ReadinessController.check(app, db: app.db)
            // validate
            #expect(pending == Migrations.all.map(\.name))
            #expect(status.ready == false)
            let first = Migrations.all.prefix(2).map(\.name).joined(separator: ", ")
            #expect(status.reason.contains("\(Migrations.all.count) migration(s) en attente (\(first),"))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

@Suite("Operations: JSON log lines")
struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    @Test("one JSON object per line with time, level, label, message, flattened metadata and source")
    func jsonLine() throws {
        // setup
        let lines = Lines()
        var logger = Logger(label: "maillage.test") { label in
            JSONLogHandler(label: label, level: .info, write: { lines.append($0) })
        }
        logger[metadataKey: "request-id"] = "abc-123"
        // MUT
        logger.info("Requête « reçue »\n\"ligne 2\"", metadata: [
            "status": .stringConvertible(404), "duration_ms": .stringConvertible(12.5),
            "job": .dictionary(["kind": "mail.send"]), "message": "caché",
        ])
        logger.debug("not at this level")
        // validate
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "maillage.test")
        #expect(object["message"] as? String == "Requête « reçue »\n\"ligne 2\"")
        #expect(object["request-id"] as? String == "abc-123")
        #expect(object["status"] as? Int == 404)
        #expect(object["duration_ms"] as? Double == 12.5)
        #expect(object["job.kind"] as? String == "mail.send")
        #expect(object["meta.message"] as? String == "caché")
        #expect(object["source"] as? String == "MaillageTests")
        #expect((object["line"] as? Int ?? 0) > 0)
        let time = try #require(object["time"] as? String)
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
    }

    @Test("timestamps are UTC with milliseconds, control characters are escaped")
    func formatting() {
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: 1_796_530_621.0456)) == "2026-12-06T04:17:01.045Z")
        #expect(JSONLogHandler.quoted("a\u{1}b\\") == "\"a\\u0001b\\\\\"")
    }
}

/// Just enough of the Prometheus text format to read samples back.
enum PrometheusText {
    struct Sample { let name: String; let labels: [String: String]; let value: Double }

    static func samples(_ text: String) -> [Sample] {
        text.split(separator: "\n").compactMap { raw in
            let line = String(raw)
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { labels[String(kv[0])] = String(kv[1].dropFirst().dropLast()) }
            }
            return Sample(name: String(series[..<brace]), labels: labels, value: value)
        }
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { k, v in sample.labels[k] == v } }?.value
    }
}
