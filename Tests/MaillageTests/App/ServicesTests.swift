import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

/// The services made once in `configure` (`app.services`), and swapped by tests.
@Suite("Services")
struct ServicesTests {
    @Test("a test swaps the clock: the network map in force follows the clock's year")
    func fixedClock() async throws {
        try await withMaillage { app in
            // setup
            let clock = FixedClock(ISO8601DateFormatter().date(from: "2015-06-01T12:00:00Z")!)
            app.services = AppServices(config: app.config, clock: clock)
            // MUT
            let in2015 = try await app.services.networkMaps.current(on: app.db)
            clock.advance(by: 366 * 24 * 3600)
            let in2016 = try await app.services.networkMaps.current(on: app.db)
            // validate
            #expect(in2015.year == 2015 && in2015.delegation(ofDepartment: "14")?.code == "BNO")
            #expect(in2016.year == 2016 && in2016.delegation(ofDepartment: "14")?.code == "NOR")
        }
    }

    @Test("a concurrency limit runs at most its limit at once, refuses one more straight away, and frees its slots")
    func concurrencyLimit() async throws {
        // setup: two runs hold both slots until released
        let limit = ConcurrencyLimit(2)
        let started = AsyncStream<Void>.makeStream()
        var releases: [AsyncStream<Void>.Continuation] = []
        var holders: [Task<Int?, any Error>] = []
        for i in 0..<2 {
            let (gate, open) = AsyncStream<Void>.makeStream()
            releases.append(open)
            holders.append(Task { try await limit.run { started.continuation.yield(); for await _ in gate { break }; return i } })
        }
        var starts = started.stream.makeAsyncIterator()
        _ = await starts.next()
        _ = await starts.next()
        // MUT
        let third = try await limit.run { 3 }
        for open in releases { open.finish() }
        var held: [Int?] = []
        for h in holders { held.append(try await h.value) }
        let after = try await limit.run { 4 }
        // validate
        #expect(third == nil)
        #expect(held == [0, 1])
        #expect(after == 4)
    }

    @Test("the outbox queues one message per distinct recipient, in the caller's transaction")
    func outbox() async throws {
        try await withMaillage { app in
            // setup
            let outbox = app.services.outbox
            // MUT
            try await outbox.queue(to: ["b@exemple.fr", "a@exemple.fr", "b@exemple.fr"], subject: "Objet", body: "Corps", on: app.db)
            struct Rollback: Error {}
            try? await app.db.transaction { tx in
                try await outbox.queue(to: "c@exemple.fr", subject: "Objet", body: "Corps", on: tx)
                throw Rollback()
            }
            // validate
            let messages = try await OutboxMessage.query(on: app.db).sort(\.$recipient).all()
            #expect(messages.map(\.recipient) == ["a@exemple.fr", "b@exemple.fr"])
            #expect(messages.allSatisfy { $0.subject == "Objet" && $0.body == "Corps" })
        }
    }

    @Test("the file store puts, gets and deletes bytes by key; a key cannot name a path")
    func fileStore() throws {
        // setup
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-files-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store: any FileStore = DirectoryFileStore(directory: dir)
        let key = FileKey.make()
        // MUT + validate
        #expect(try store.get(key) == nil)
        try store.put(Data("statuts".utf8), key: key)
        #expect(try store.get(key) == Data("statuts".utf8))
        try store.put(Data("statuts modifiés".utf8), key: key)
        #expect(try store.get(key) == Data("statuts modifiés".utf8))
        try store.delete(key)
        #expect(try store.get(key) == nil)
        try store.delete(key)
        #expect(FileKey("../etc/passwd") == nil && FileKey("a/b") == nil && FileKey("") == nil && FileKey(".") == nil)
        #expect(FileKey("piece-jointe_01") != nil)
    }

    @Test("configure makes the services once: the app and its requests share the same caches")
    func madeOnce() async throws {
        try await withMaillage { app in
            // validate
            let req = Request(application: app, on: app.eventLoopGroup.next())
            #expect(req.services.figures === app.services.figures)
            #expect(req.services.networkMaps === app.services.networkMaps)
            #expect(app.services.figures.maps === app.services.networkMaps)
            #expect(app.services.files is DirectoryFileStore)
        }
    }
}
