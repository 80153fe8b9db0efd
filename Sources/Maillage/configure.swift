import Fluent
import SQLKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Wires the application: database, migrations, sessions, views, middleware, services, routes, commands.
func configure(_ app: Application, config: AppConfig = .fromEnvironment()) async throws {
    app.config = config
    try configureDatabase(app, config: config)
    app.databases.middleware.use(RegisterVersionMiddleware<Structure>())
    app.databases.middleware.use(RegisterVersionMiddleware<Membership>())
    app.databases.middleware.use(AccountsVersionMiddleware<User>())
    app.databases.middleware.use(AccountsVersionMiddleware<RoleGrant>())
    app.migrations.add(Migrations.all)

    app.sessions.use { _ in DatabaseSessionDriver() }
    app.sessions.configuration = .init(cookieName: "maillage_session") { id in
        HTTPCookies.Value(string: id.string, maxAge: 60 * 60 * 12, path: "/",
                          isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    app.views.use(.leaf)
    app.leaf.configuration.rootDirectory = config.rootDirectory + "Resources/Views/"
    app.leaf.cache.isEnabled = app.environment.isRelease || app.environment == .testing

    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    // Outermost: every response, errors and 404s included, carries the request id.
    MetricsRegistry.bootstrap()
    app.middleware.use(RequestIDMiddleware())
    // Registered after the databases: shut down before them, once requests have drained.
    let inFlight = InFlightRequests()
    app.inFlightRequests = inFlight
    app.lifecycle.use(inFlight)
    app.middleware.use(inFlight)
    // Headers above errors: the French page made from any error below gets them too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(SiteErrorMiddleware())
    app.middleware.use(NulGuardMiddleware())
    app.middleware.use(AssetMiddleware(files: FileMiddleware(publicDirectory: config.rootDirectory + "Public/", defaultFile: nil)))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(SessionsReadyMiddleware())
    app.middleware.use(CurrentUserMiddleware())
    app.middleware.use(PolicyMiddleware())
    app.middleware.use(CSRFMiddleware())

    app.services = AppServices(config: config)  // made before serving: request threads only read it
    try routes(app)
    registerCommands(app)
    // Jobs: the kinds and daily schedules of every instance, and the worker (`serve` only;
    // registered after the databases, it stops before they close).
    JobKinds.register(app)
    try MailDelivery.register(app, config: config)  // mail.send, when MAILLAGE_SMTP_URL is set
    ExportJobs.register(on: app)  // export.register, export.answers, daily exports.cleanup
    DuesJobs.register(on: app)    // dues.reminders (daily) and the dues capability's other jobs
    LegalJobs.register(on: app)   // legal.autoclose (daily): answered questions closed after reopen_days
    QualityReminders.register(on: app)  // quality.reminders (daily, 06:00): expiry and audit reminders, then lapses
    app.lifecycle.use(JobWorker())
}

private func configureDatabase(_ app: Application, config: AppConfig) throws {
    if let url = config.databaseURL {
        var pg = try SQLPostgresConfiguration(url: url)
        pg.searchPath = ["public"]
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 4), as: .psql)
        return
    }
    // SQLite's statements run on the blocking thread pool, and sqlite-nio answers a locked
    // database by retrying on its thread without yielding it. The process-wide pool has one
    // thread per core and is shared by every application of the process (the test suite runs
    // dozens at once): waiting statements of some could take it whole while the one holding a
    // lock waits for a thread to finish — every database then stalls. Each application gets its
    // own pool, enough for its connections (one per event loop), files and password hashes.
    app.threadPool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
    if config.databasePath == ":memory:" {
        app.databases.use(.sqlite(.memory), as: .sqlite)
    } else {
        let dir = (config.databasePath as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        // Foreign keys are on by default in SQLiteKit; sqlite-nio retries on SQLITE_BUSY.
        app.databases.use(.sqlite(.file(config.databasePath), sqlLogLevel: .trace), as: .sqlite)
        // `restore` writes the database file itself: nothing may open (and so create) it first.
        if app.environment.arguments.dropFirst().first != "restore" { app.lifecycle.use(SQLiteTuning()) }
    }
}

/// Write-ahead logging lets readers proceed while one writer commits (and `backup` copy live).
private struct SQLiteTuning: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
