import Fluent
import Foundation
import MaillageCore

/// The demo's quality body (issue #14): certifications across the network with their history since
/// 2017 (`DemoQuality+Certifications`), the delegates' mock audits (`DemoQuality+MockAudits`), and
/// three years of CAP self-assessments with the action plans (`DemoQuality+Cap`). Deterministic
/// (`DemoRandom`), dated from the demo's « today »; rows written in bulk.
///
/// Figures: about a quarter of the active members hold a certificate today (mostly CEDRE, some
/// CEDRE ISO 9001, a few Qualiopi and CAP RSE), others engaged in the approach, with their first
/// audit planned, suspended, lapsed or withdrawn; some certificates expire within 90 days and some
/// audits come soon. About a hundred members answered the CAP self-assessment over three years.
///
/// Guarantees the browser tests rely on (`DemoQualityTests` checks each one):
/// - (a) every structure the demo member manages has a submitted CAP assessment for last year and
///   none for the current year, whose questionnaire exists;
/// - (b) the PDL member `delegateTarget` (the first active single-type AI of the PDL by SIRET, not
///   managed by the demo member; « Trait d'Union Laval 2 » today) has no certification and no mock
///   audit: the delegate records a mock audit, then engages a CEDRE certification;
/// - (c) the PDL structures hold a certification expiring within 90 days and a lapsed one;
/// - (d) last year's submitted assessments of each managed structure's type number at least 5
///   (the network median shows).
enum DemoQuality {
    /// Certifications start in 2017 (the demo's history).
    static let firstYear = 2017

    /// What the generators share.
    struct Context {
        let today: Day
        let map: NetworkMap
        /// Every structure, by SIRET, with its memberships.
        let all: [Structure]
        /// Active (or associate) members today, by SIRET.
        let active: [Structure]
        let managed: Set<UUID>
        let standards: [String: QualityStandard]
        let adminID: UUID?
        let delegate: (id: UUID, name: String)?
        let member: UUID?
        let target: Structure?

        func delegation(_ s: Structure) -> NetworkMap.Entry? { map.delegation(ofDepartment: s.departmentCode) }
        func isPDL(_ s: Structure) -> Bool { delegation(s)?.code == "PDL" }

        /// Who records a step or a mock audit for `s`: the demo delegate in the PDL, else nobody
        /// with an account (the delegation's delegate by name).
        func delegateOf(_ s: Structure) -> (id: UUID?, name: String) {
            if isPDL(s), let d = delegate { return (d.id, d.name) }
            return (nil, DemoSupport.delegateNames[delegation(s)?.code ?? ""] ?? "Délégation régionale")
        }
    }

    static func load(on tx: any Database, managed: Set<UUID>, map: NetworkMap, today: Day = .today()) async throws {
        var rng = DemoRandom(seed: 1414)
        let all = try await Structure.query(on: tx).with(\.$memberships).all().sorted { $0.siret < $1.siret }
        let standards = Dictionary(uniqueKeysWithValues: try await QualityStandard.query(on: tx).all().map { ($0.code, $0) })
        guard !all.isEmpty, standards.count >= 4 else { return }
        let admin = try await User.query(on: tx).filter(\.$email == DemoNetwork.accounts[0].email).first()
        let delegate = try await User.query(on: tx).filter(\.$email == DemoNetwork.accounts[1].email).first()
        let member = try await User.query(on: tx).filter(\.$email == DemoNetwork.accounts[2].email).first()
        let active = all.filter { DemoDues.isMember($0, on: today.iso) }
        let ctx = Context(today: today, map: map, all: all, active: active, managed: managed, standards: standards,
                          adminID: admin?.id, delegate: try delegate.map { (try $0.requireID(), $0.displayName) },
                          member: member?.id, target: delegateTarget(active: active, managed: managed, map: map))

        let certs = try await writeCertifications(ctx, on: tx, rng: &rng)
        let cap = try await writeCap(ctx, on: tx, rng: &rng)
        try await Audit.record(.create, "demo", id: "quality",
                               summary: "Démonstration : \(certs.certifications) certifications (\(certs.events) étapes), \(certs.mockAudits) audits blancs, \(cap.assessments) auto-diagnostics CAP, \(cap.actions) actions",
                               actor: nil, on: tx)
    }

    /// The PDL member the delegate's browser test works on: the first active AI (of that single
    /// type) of the PDL by SIRET, not a structure of the demo member, not in a GES.
    static func delegateTarget(active: [Structure], managed: Set<UUID>, map: NetworkMap) -> Structure? {
        active.first { s in
            map.delegation(ofDepartment: s.departmentCode)?.code == "PDL" && !managed.contains(s.id!)
                && s.types == [.ai] && s.$gesParent.id == nil
        }
    }

    // MARK: - Days

    /// `d` moved by `n` months (the day kept, or the month's last day).
    static func months(_ n: Int, from d: Day) -> Day {
        let total = d.year * 12 + (d.month - 1) + n
        let y = total / 12, m = total % 12 + 1
        for day in stride(from: d.day, through: 1, by: -1) {
            if let out = Day(year: y, month: m, day: day) { return out }
        }
        return Day(year: y, month: m, day: 28)!
    }

    static func years(_ n: Int, from d: Day) -> Day { months(12 * n, from: d) }

    /// A day between `a` and `b` included (`a` when `b` is before it).
    static func between(_ a: Day, _ b: Day, rng: inout DemoRandom) -> Day {
        let span = b - a
        return span <= 0 ? a : a.adding(days: Int.random(in: 0...span, using: &rng))
    }

    /// A date-time on `day` in working hours (Paris), never after now.
    static func instant(_ day: Day, rng: inout DemoRandom) -> Date {
        let at = ParisTime.midnight(day).addingTimeInterval(Double(9 * 3600 + Int.random(in: 0...(8 * 3600), using: &rng)))
        return min(at, Date().addingTimeInterval(-60))
    }

    /// Multi-row inserts of 100 rows at most (as `DemoTraining.insert`).
    static func insert<M: Model>(_ models: [M], on db: any Database) async throws {
        for start in stride(from: 0, to: models.count, by: 100) {
            try await Array(models[start..<min(start + 100, models.count)]).create(on: db)
        }
    }

    static func person(_ rng: inout DemoRandom) -> String {
        "\(rng.pick(DemoTraining.firstNames)) \(rng.pick(DemoTraining.lastNames))"
    }
}
