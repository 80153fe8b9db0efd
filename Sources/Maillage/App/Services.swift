import Foundation
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

    init(config: AppConfig, clock: any WallClock = SystemClock()) {
        self.clock = clock
        networkMaps = NetworkMaps(clock: clock)
        figures = FigureStore(maps: networkMaps)
        outbox = Outbox()
        files = DirectoryFileStore(directory: config.filesDirectory)
        caches = RequestCaches(clock: clock)
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
