import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Counts requests being handled, so that shutdown waits for them before the databases
/// close (otherwise a request still running at SIGTERM touches a closed database and the
/// process crashes instead of exiting). From the start of shutdown, a request that arrives
/// anyway (on a kept-alive connection) is answered 503 « réessayez » with `Connection: close`
/// before it reaches the sessions or the database; a proxy retries it on another instance.
final class InFlightRequests: AsyncMiddleware, LifecycleHandler, Sendable {
    private struct State { var count = 0; var closing = false }
    private let state = NIOLockedValueBox(State())
    static let drainTimeout: TimeInterval = 10

    /// Requests being handled now (`/metrics`).
    var current: Int { state.withLockedValue { $0.count } }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let admitted = state.withLockedValue { s -> Bool in
            guard !s.closing else { return false }
            s.count += 1
            return true
        }
        guard admitted else {
            return Response(status: .serviceUnavailable,
                            headers: ["Connection": "close", "Retry-After": "1", "Content-Type": "text/plain; charset=utf-8"],
                            body: .init(string: "Le serveur redémarre : réessayez dans un instant."))
        }
        defer { state.withLockedValue { $0.count -= 1 } }
        return try await next.respond(to: req)
    }

    func shutdownAsync(_ application: Application) async {
        state.withLockedValue { $0.closing = true }
        let deadline = Date().addingTimeInterval(Self.drainTimeout)
        while state.withLockedValue({ $0.count }) > 0, Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}
