import Fluent
import Foundation

/// Sign-in throttling: slow the guesser down, never lock the owner out.
///
/// Failed sign-ins of the last 24 hours (`LoginAttempt`) feed three counters, each with an
/// exponential back-off: once a counter reaches its threshold the next try must wait, a wait
/// that doubles with every further failure up to a cap, counted from the latest failure.
/// A try made while waiting is refused (429, saying how long to wait) and not counted.
///
/// - **Account from one address** (the lone guesser): from the 5th failure since this address
///   last signed in to this account, 30 s, then 1, 2, 4… min, at most 15 min. Failures of the
///   same account from another address do not count: the owner is not locked out by a
///   stranger who knows their e-mail.
/// - **Account from every address** (a guesser spread over many addresses): from the 20th
///   failure, 1 min doubling up to 1 h. It does not apply from an address where the account
///   signed in within the last 30 days ("known"): the owner at home or at the office keeps
///   signing in while others guess from elsewhere. From a new address the owner waits like
///   anyone, or resets the password. A success does not reset this counter: the owner's daily
///   sign-in must not hand the guessers a fresh allowance.
/// - **One address, every account** (password spraying): from the 30th failure, 1 min
///   doubling up to 1 h, except for accounts known at that address: colleagues behind the
///   same network address keep signing in.
///
/// A new password (reset link, invitation, change on the account page) forgives the account's
/// failures: the lock is lifted, and the guesses were made against a password that is gone.
/// The address is `req.clientAddress`: behind a reverse proxy, list it in
/// `MAILLAGE_TRUSTED_PROXIES`, or every client shares the proxy's address.
enum LoginThrottle {
    struct BackOff: Sendable {
        let threshold: Int
        let base: TimeInterval
        let cap: TimeInterval

        /// The wait after `failures` failures, counted from the latest one.
        func wait(after failures: Int) -> TimeInterval {
            guard failures >= threshold else { return 0 }
            return min(cap, base * pow(2, Double(min(failures - threshold, 20))))
        }
    }

    static let pair = BackOff(threshold: 5, base: 30, cap: 15 * 60)
    static let account = BackOff(threshold: 20, base: 60, cap: 60 * 60)
    static let address = BackOff(threshold: 30, base: 60, cap: 60 * 60)
    /// Failures older than this are forgotten (and pruned with the sessions).
    static let window: TimeInterval = 24 * 3600
    /// An address where the account signed in within this span is "known" (successes are kept as long).
    static let knownFor: TimeInterval = 30 * 24 * 3600

    /// Seconds this address must wait before trying this account again; 0: go ahead.
    static func wait(email: String, address: String, on db: any Database, now: Date = Date()) async throws -> TimeInterval {
        let since = now.addingTimeInterval(-window)
        let recent = try await LoginAttempt.query(on: db).filter(\.$email == email).filter(\.$at >= since).all()
        let fromHere = recent.filter { $0.ip == address }
        let lastSuccessHere = fromHere.filter(\.succeeded).map(\.at).max()
        var waits = [remaining(pair, recent: fromHere.filter { !$0.succeeded && $0.at > (lastSuccessHere ?? .distantPast) }.map(\.at), now: now)]
        var known = lastSuccessHere != nil
        if !known {
            known = try await LoginAttempt.query(on: db)
                .filter(\.$email == email).filter(\.$ip == address).filter(\.$succeeded == true)
                .filter(\.$at >= now.addingTimeInterval(-knownFor)).first() != nil
        }
        if !known {
            waits.append(remaining(account, recent: recent.filter { !$0.succeeded }.map(\.at), now: now))
            let spray = try await LoginAttempt.query(on: db).filter(\.$ip == address).filter(\.$succeeded == false)
                .filter(\.$at >= since).all(\.$at)
            waits.append(remaining(Self.address, recent: spray, now: now))
        }
        return waits.max() ?? 0
    }

    /// The wait left under `rule`. Below the threshold there is none, even when the latest failure
    /// reads as later than `now` (a stored date rounded up to the microsecond, a clock stepped back):
    /// a failure "in the future" counts as just made, it never blocks on its own.
    private static func remaining(_ rule: BackOff, recent failures: [Date], now: Date) -> TimeInterval {
        let wait = rule.wait(after: failures.count)
        guard wait > 0, let last = failures.max() else { return 0 }
        return max(0, wait - max(0, now.timeIntervalSince(last)))
    }

    /// A new password lifts the lock: the account's failures are dropped.
    static func forgive(email: String, on db: any Database) async throws {
        try await LoginAttempt.query(on: db).filter(\.$email == email).filter(\.$succeeded == false).delete()
    }

    /// "45 secondes", "3 minutes", "1 heure": the wait as the refusal message says it.
    static func frenchDelay(_ seconds: TimeInterval) -> String {
        let s = max(1, Int(seconds.rounded(.up)))
        if s < 60 { return s == 1 ? "1 seconde" : "\(s) secondes" }
        let m = (s + 59) / 60
        if m < 60 { return m == 1 ? "1 minute" : "\(m) minutes" }
        let h = (m + 59) / 60
        return h == 1 ? "1 heure" : "\(h) heures"
    }
}
