import Vapor
import Logging

/// `maillage <command>`: serve (default), migrate, demo, create-admin, import-members,
/// export-members, backup. `demo` is handled here because it ends by serving.
@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let isDemo = env.arguments.dropFirst().first == "demo"
        if isDemo {
            // `maillage demo [serve flags]` = migrate + load the demo network + serve.
            env.arguments = [env.arguments[0], "serve"] + env.arguments.dropFirst(2)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app)
            if isDemo {
                try await app.autoMigrate()
                try await DemoNetwork.loadIfEmpty(on: app)
            }
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
