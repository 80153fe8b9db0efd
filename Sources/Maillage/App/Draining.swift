import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Counts requests being handled, so that shutdown waits for them before the databases
/// close (otherwise a request still running at SIGTERM touches a closed database and the
/// process crashes instead of exiting).
final class InFlightRequests: AsyncMiddleware, LifecycleHandler, Sendable {
    private let count = NIOLockedValueBox(0)
    static let drainTimeout: TimeInterval = 10

    /// Requests being handled now (`/metrics`).
    var current: Int { count.withLockedValue { $0 } }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        count.withLockedValue { $0 += 1 }
        defer { count.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: req)
    }

    func shutdownAsync(_ application: Application) async {
        let deadline = Date().addingTimeInterval(Self.drainTimeout)
        while count.withLockedValue({ $0 }) > 0, Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}
