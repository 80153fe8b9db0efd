import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What handlers use besides the database, made once in `configure` and handed down as
/// `app.services` / `req.services`. Each is a small type a test can replace before the first
/// request (`app.services = AppServices(config:clock:)` with a `FixedClock`, say). The names
/// `app.services` and `app.caches` shadow Vapor's own, which Maillage does not use.
struct AppServices: Sendable {
    /// What time it is (`SystemClock`; `FixedClock` in tests).
    let clock: any WallClock
    /// The delegation map of a year, cached while its version does not move.
    let networkMaps: NetworkMaps
    /// Figure cubes: live ones by campaign, published ones by release.
    let figures: FigureStore
    /// E-mails waiting to be sent.
    let outbox: Outbox
    /// Uploaded files, by opaque key.
    let files: any FileStore
    /// Sessions, signed-in users and the directory snapshot.
    let caches: RequestCaches
    /// Headless Chromium runs (report PDFs) at once: each takes a few hundred MB, so a burst of
    /// clicks is refused with « réessayez » instead of exhausting the machine.
    let pdfRuns: ConcurrencyLimit

    init(config: AppConfig, clock: any WallClock = SystemClock()) {
        self.clock = clock
        networkMaps = NetworkMaps(clock: clock)
        figures = FigureStore(maps: networkMaps)
        outbox = Outbox()
        files = DirectoryFileStore(directory: config.filesDirectory)
        caches = RequestCaches()
        pdfRuns = ConcurrencyLimit(2)
    }
}

/// At most `limit` runs of something at once; one more is refused straight away (not queued),
/// so that a burst of requests cannot pile up work behind the limit either.
final class ConcurrencyLimit: Sendable {
    let limit: Int
    private let running = NIOLockedValueBox(0)

    init(_ limit: Int) { self.limit = limit }

    /// Runs `work` if a slot is free; nil when `limit` runs are already under way.
    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T? {
        let entered = running.withLockedValue { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
        guard entered else { return nil }
        defer { running.withLockedValue { $0 -= 1 } }
        return try await work()
    }
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = AppServices }
    /// Set once in `configure`, before serving: request threads only read it.
    var services: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("services used before configure") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var services: AppServices { application.services }
}
