import Fluent
import Foundation
import Testing
import Vapor
@testable import Maillage

/// Sign-in throttling (`LoginThrottle`): the guesser is slowed, the owner is not locked out.
@Suite("Throttle: sign-in back-off per account and address")
struct ThrottleTests {
    static let home = "198.51.100.7"
    static let attacker = "203.0.113.9"

    /// The app's clock stands still: a wait is exactly what the rule says, however slow the machine.
    static func stopClock(_ app: Application) {
        app.services = AppServices(config: app.config, clock: FixedClock(Date()))
    }

    @Test("five failures from a stranger's address do not lock the owner out at theirs; the stranger is told how long to wait")
    func strangerCannotLockOwnerOut() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            Self.stopClock(app)
            let stranger = PeerBrowser(app, peer: Self.attacker)
            for _ in 0..<5 { try await stranger.login(Fixtures.Who.jurist.email, password: "faux") }
            // MUT
            let refused = try await stranger.login(Fixtures.Who.jurist.email, password: Fixtures.password)
            let owner = try await PeerBrowser(app, peer: Self.home).login(Fixtures.Who.jurist.email, password: Fixtures.password)
            // validate
            #expect(refused.status == .tooManyRequests)
            // 30 s from the 5th failure (the clock stands still)
            #expect(refused.headers.first(name: .retryAfter) == "30")
            #expect(refused.body.contains("Réessayez dans 30 secondes"))
            #expect(owner.status == .seeOther)
        }
    }

    @Test("behind a trusted proxy, one client's failures do not lock out the others; the client itself is slowed")
    func proxyAddressIsNotShared() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            app.config.trustedProxies = TrustedProxies("10.0.0.1")
            Self.stopClock(app)
            let sprayer = PeerBrowser(app, peer: "10.0.0.1", forwardedFor: Self.attacker)
            for i in 0..<30 { try await sprayer.login("victime\(i)@exemple.fr", password: "123456") }
            // MUT
            let colleague = try await PeerBrowser(app, peer: "10.0.0.1", forwardedFor: Self.home)
                .login(Fixtures.Who.trainer.email, password: Fixtures.password)
            let slowed = try await sprayer.login(Fixtures.Who.board.email, password: Fixtures.password)
            // validate
            #expect(colleague.status == .seeOther)
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.body.contains("Réessayez dans 1 minute"))
            let addresses = Set(try await LoginAttempt.query(on: app.db).all().map(\.ip))
            #expect(addresses == [Self.attacker, Self.home])
        }
    }

    @Test("guessing from many addresses slows every new address, but not the owner's known one")
    func distributedGuessing() async throws {
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            Self.stopClock(app)
            #expect(try await PeerBrowser(app, peer: Self.home).login(Fixtures.Who.jurist.email, password: Fixtures.password).status == .seeOther)
            for i in 1...20 {
                try await PeerBrowser(app, peer: "203.0.113.\(i)").login(Fixtures.Who.jurist.email, password: "essai\(i)")
            }
            // MUT
            let newcomer = try await PeerBrowser(app, peer: "192.0.2.1").login(Fixtures.Who.jurist.email, password: Fixtures.password)
            let owner = try await PeerBrowser(app, peer: Self.home).login(Fixtures.Who.jurist.email, password: Fixtures.password)
            // validate
            #expect(newcomer.status == .tooManyRequests)
            #expect(newcomer.body.contains("Réessayez dans 1 minute"))
            #expect(owner.status == .seeOther)
        }
    }

    @Test("a password reset lifts the lock")
    func resetLiftsLock() async throws {
        try await withMaillage { app in
            // setup: locked from home (5 failures) and everywhere (20 more from elsewhere)
            _ = try await Fixtures.load(on: app)
            let email = Fixtures.Who.trainer.email
            for _ in 0..<5 { try await PeerBrowser(app, peer: Self.home).login(email, password: "oubli") }
            for i in 1...20 { try await PeerBrowser(app, peer: "203.0.113.\(i)").login(email, password: "essai") }
            #expect(try await PeerBrowser(app, peer: Self.home).login(email, password: Fixtures.password).status == .tooManyRequests)
            let owner = PeerBrowser(app, peer: Self.home)
            try await owner.post(.sendResetLink, form: [("email", email)])
            let path = try await ResetLinkTests.linkPath(sentTo: email, on: app)
            // MUT
            let reset = try await owner.post(path, form: [("password", "nouveau-mot-de-passe"), ("confirmation", "nouveau-mot-de-passe")])
            // validate
            #expect(reset.status == .seeOther)
            #expect(try await PeerBrowser(app, peer: Self.home).login(email, password: "nouveau-mot-de-passe").status == .seeOther)
            #expect(try await PeerBrowser(app, peer: "192.0.2.1").login(email, password: "nouveau-mot-de-passe").status == .seeOther)
        }
    }

    @Test("the wait doubles with each failure up to its cap, runs from the latest failure, and a success at the address resets it")
    func backOff() async throws {
        try await withMaillage { app in
            // setup
            let now = Date()
            func fail(_ n: Int, from ip: String, latest secondsAgo: TimeInterval, succeeded: Bool = false) async throws {
                for i in 0..<n {
                    try await AccountsFactory.makeLoginAttempt(on: app.db, ip: ip, succeeded: succeeded,
                                                               ago: secondsAgo + Double(n - 1 - i), now: now)
                }
            }
            // PostgreSQL keeps microseconds: compare to the millisecond
            func near(_ a: TimeInterval, _ b: TimeInterval) -> Bool { abs(a - b) < 0.001 }
            func wait(_ ip: String) async throws -> TimeInterval {
                try await LoginThrottle.wait(email: "x@exemple.fr", address: ip, on: app.db, now: now)
            }
            // validate (pure back-off)
            #expect(LoginThrottle.pair.wait(after: 4) == 0)
            #expect([5, 6, 7, 9, 10, 500].map(LoginThrottle.pair.wait(after:)) == [30, 60, 120, 480, 900, 900])
            #expect([19, 20, 21, 26, 1000].map(LoginThrottle.account.wait(after:)) == [0, 60, 120, 3600, 3600])
            // MUT + validate: 5 failures, the latest 20 s ago: 10 s left; another address is free
            try await fail(5, from: "192.0.2.1", latest: 20)
            #expect(near(try await wait("192.0.2.1"), 10))
            #expect(try await wait("192.0.2.2") == 0)
            // a sixth failure (an older one): the wait doubles, still from the latest, 60 − 20 s
            try await fail(1, from: "192.0.2.1", latest: 31)
            #expect(near(try await wait("192.0.2.1"), 40))
            // a success from the address starts its count again
            try await fail(1, from: "192.0.2.1", latest: 5, succeeded: true)
            #expect(try await wait("192.0.2.1") == 0)
            try await fail(4, from: "192.0.2.1", latest: 1)
            #expect(try await wait("192.0.2.1") == 0)
            try await fail(1, from: "192.0.2.1", latest: 0)
            #expect(near(try await wait("192.0.2.1"), 30))
            // a failure stored a microsecond after `now` (the database rounds up) blocks nothing below
            // the threshold, and above it counts as just made
            try await fail(1, from: "192.0.2.9", latest: -0.000_001)
            #expect(try await wait("192.0.2.9") == 0)
            try await fail(4, from: "192.0.2.9", latest: -0.000_001)
            #expect(near(try await wait("192.0.2.9"), 30))
        }
    }

    @Test("waits are said in French: seconds, minutes, hours")
    func frenchDelay() {
        #expect(LoginThrottle.frenchDelay(0.2) == "1 seconde")
        #expect(LoginThrottle.frenchDelay(29.3) == "30 secondes")
        #expect(LoginThrottle.frenchDelay(60) == "1 minute")
        #expect(LoginThrottle.frenchDelay(61) == "2 minutes")
        #expect(LoginThrottle.frenchDelay(900) == "15 minutes")
        #expect(LoginThrottle.frenchDelay(3600) == "1 heure")
    }

    @Test("failures are pruned after a day, successes (known addresses) after a month")
    func prune() async throws {
        try await withMaillage { app in
            // setup
            let day: TimeInterval = 24 * 3600
            for (age, ok) in [(2 * day, false), (10 * day, true), (40 * day, true), (3600, false)] {
                try await AccountsFactory.makeLoginAttempt(on: app.db, succeeded: ok, ago: age)
            }
            // MUT
            try await DatabaseSessionDriver.prune(on: app.db)
            // validate
            let left = try await LoginAttempt.query(on: app.db).sort(\.$at).all()
            #expect(left.map(\.succeeded) == [true, false])
        }
    }
}
