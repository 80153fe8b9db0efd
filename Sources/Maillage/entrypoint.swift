import Foundation
import Vapor
import Logging

/// `maillage <command>`: serve (default), migrate, demo, create-admin, import-members,
/// export-members, backup. `demo` is handled here because it ends by serving.
@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try Observability.bootstrapLogging(from: &env)  // LOG_FORMAT=json: one JSON object per line
        let isDemo = env.arguments.dropFirst().first == "demo"
        if isDemo {
            // `maillage demo [serve flags]` = migrate + load the demo network + serve.
            env.arguments = [env.arguments[0], "serve"] + env.arguments.dropFirst(2)
        }
        var config = AppConfig.fromEnvironment()
        if isDemo { config = config.forDemo(serveArguments: env.arguments, environment: ProcessInfo.processInfo.environment) }
        let command = env.arguments.dropFirst().first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "serve"
        if command == "serve", !RootDirectory.hasViews(at: config.rootDirectory) {
            // Refuse now rather than answer 500 on every page.
            FileHandle.standardError.write(Data("Erreur : \(RootDirectory.missingViews(config.rootDirectory))\n".utf8))
            exit(1)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app, config: config)
            if isDemo {
                try await app.autoMigrate()
                try await DemoNetwork.loadIfEmpty(on: app)
            } else if command == "serve", !env.arguments.contains("--auto-migrate") {
                try await PendingMigrations.refuseToServeIfPending(app)
            }
            try await app.execute()
        } catch {
            // A command that fails says why and exits non-zero, without a crash report.
            let code = (error as? ExitError)?.code ?? 1
            if !(error is ExitError) { FileHandle.standardError.write(Data("Erreur : \(String(describing: error))\n".utf8)) }
            try? await app.asyncShutdown()
            exit(code)
        }
        try await app.asyncShutdown()
    }
}
