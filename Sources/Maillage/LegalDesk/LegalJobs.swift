import Foundation
import MaillageCore
import Vapor

/// The legal desk's jobs, registered in `configure`.
enum LegalJobs {
    /// Answered questions whose answer is older than `reopen_days` are closed by the system.
    static let autoCloseKind = "legal.autoclose"
    static let autoCloseHour = 3

    static func register(on app: Application) {
        app.jobs.register(autoCloseKind, maxAttempts: 3) { ctx in
            let app = ctx.application
            let context = QuestionService.Context(now: app.services.clock.now, baseURL: app.config.baseURL, outbox: app.services.outbox)
            let closed = try await QuestionService.autoClose(context: context, on: ctx.db)
            return closed == 0 ? nil : "\(FrenchFormat.plural(closed, "question clôturée", "questions clôturées"))"
        }
        app.jobs.daily(autoCloseKind, at: autoCloseHour, kind: autoCloseKind)
    }
}
