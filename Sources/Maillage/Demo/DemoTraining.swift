import Fluent
import Foundation
import MaillageCore

/// The demo's training body (issue #13): about 60 courses (13 new this year) and four packs
/// (`DemoTraining+Catalogue`), about 150 sessions over the 24 months before the demo's « today »
/// (the wall clock in Paris at load) and the four months after it — inter mostly, some intra at
/// member structures, across delegations, some national or remote, some cancelled with a reason,
/// some full with a waiting list —, and about 1,000 trainees present in the sessions done, with
/// attendance for every half-day (a few absences) and ratings for most of them.
///
/// Guarantees the browser tests rely on (`DemoTrainingTests` checks each one):
/// - (a) a coming confirmed inter session of « ETI-01 » in PDL, run by formateur@, capacity 12,
///   exactly 11 confirmed registrations, none of the member's managed structures registered to it
///   (the only coming session of ETI-01);
/// - (b) a coming session (DEV-01), full (10 of 10) with a waiting list of 2 (the demo member holds
///   one confirmed seat and the first place on the list);
/// - (c) a session run by formateur@ (DRT-02) whose half-days are all before today, still
///   « confirmed » (not done), with 6 confirmed trainees and no attendance marked yet;
/// - (d) a done session run by formateur@ (ASP-01) with 3 trainees of the member's managed
///   structures, attendance for every half-day and ratings: certificates for the member;
/// - (e) the member's managed structures hold registrations confirmed, waiting and cancelled to
///   coming sessions ((b) and a FIN-01 session in PDL).
enum DemoTraining {
    static let trainerEmails = ["formateur@demo.maillage.test", "formation@demo.maillage.test"]
    /// Generated sessions (the five of the guarantees come on top).
    static let generated = 145
    static let windowBefore = 730, windowAfter = 120

    /// One trainee of a plan: present on each half-day (done sessions), the rating's scores.
    struct TraineePlan {
        var structure: Structure
        var first: String
        var last: String
        var status: RegistrationStatus = .confirmed
        var category: TraineeCategory = .privateEmployee
        var funding: TrainingFunding = .skillsOperator
        var byMember = false
        /// nil: not marked; else one flag per half-day.
        var presence: [Bool]?
        var scores: [Int]?
    }

    struct SessionPlan {
        var course: TrainingCourse
        var kind: SessionKind = .inter
        var structure: Structure?
        var delegation: NetworkMap.Entry?
        var days: [Day]
        var capacity = 12
        var status: SessionStatus
        var cancelReason: String?
        var trainer = 0
        var trainees: [TraineePlan] = []
    }

    static func load(on tx: any Database, managed: Set<UUID>, map: NetworkMap, today: Day = .today()) async throws {
        var rng = DemoRandom(seed: 1313)
        let courses = try await writeCatalogue(on: tx, today: today, rng: &rng)
        var trainers: [(UUID, String)] = []
        for email in trainerEmails {
            guard let u = try await User.query(on: tx).filter(\.$email == email).first() else { continue }
            trainers.append((try u.requireID(), u.displayName))
        }
        guard !trainers.isEmpty else { return }
        let member = try await User.query(on: tx).filter(\.$email == DemoNetwork.accounts[2].email).first()
        let all = try await Structure.query(on: tx).with(\.$memberships).all().sorted { $0.siret < $1.siret }
        let pool = all.filter { !managed.contains($0.id!) && DemoDues.isMember($0, on: today.iso) }
        let own = all.filter { managed.contains($0.id!) }
        guard !pool.isEmpty else { return }
        var byDelegation: [String: [Structure]] = [:]
        for s in pool { byDelegation[map.delegation(ofDepartment: s.departmentCode)?.code ?? "", default: []].append(s) }

        var plans = generate(courses: Array(courses.values).sorted { $0.code < $1.code }, pool: pool, byDelegation: byDelegation,
                             map: map, today: today, rng: &rng)
        plans += guaranteed(courses: courses, pool: pool, byDelegation: byDelegation, own: own, map: map, today: today, rng: &rng)
        let count = try await write(plans, trainers: trainers, member: member, today: today, on: tx, rng: &rng)
        try await Audit.record(.create, "demo", id: "training",
                               summary: "Démonstration : \(courses.count) formations, \(plans.count) sessions, \(count) inscriptions",
                               actor: nil, on: tx)
    }

    /// Working days from `first`, `n` of them.
    static func days(from first: Day, count n: Int) -> [Day] {
        (0..<max(1, n)).map { WorkingDays.add($0, to: first) }
    }

    static func trainee(_ s: Structure, theme: TrainingTheme, rng: inout DemoRandom) -> TraineePlan {
        let category = category(theme, rng: &rng)
        return TraineePlan(structure: s, first: rng.pick(firstNames), last: rng.pick(lastNames), category: category,
                           funding: funding(category, rng: &rng))
    }

    /// Presence on `halfDays` half-days: about 3 % absent all along, 8 % missing one half-day.
    static func presence(_ halfDays: Int, rng: inout DemoRandom) -> [Bool] {
        let x = Int.random(in: 0..<100, using: &rng)
        if x < 3 { return Array(repeating: false, count: halfDays) }
        var p = Array(repeating: true, count: halfDays)
        if x < 11 && halfDays > 1 { p[Int.random(in: 0..<halfDays, using: &rng)] = false }
        return p
    }

    /// Five scores around the session's level (mostly 4 and 5, some 3, rarely 2).
    static func scores(level: Int, rng: inout DemoRandom) -> [Int] {
        (0..<5).map { _ in
            let x = Int.random(in: 0..<100, using: &rng)
            return min(5, max(2, level + (x < 10 ? -1 : x < 12 ? -2 : x > 75 ? 1 : 0)))
        }
    }

    /// The generated sessions, spread over the window; past ones done (some cancelled), coming ones
    /// planned or confirmed. ETI-01 has no generated coming session (guarantee (a) is the only one).
    static func generate(courses: [TrainingCourse], pool: [Structure], byDelegation: [String: [Structure]],
                         map: NetworkMap, today: Day, rng: inout DemoRandom) -> [SessionPlan] {
        let weights = DemoNetwork.weights.filter { map.delegation(code: $0.0) != nil }
        var plans: [SessionPlan] = []
        for _ in 0..<generated {
            let first = WorkingDays.add(0, to: today.adding(days: Int.random(in: -windowBefore...windowAfter, using: &rng)))
            let coming = first > today
            let candidates = courses.filter { $0.active && $0.introducedYear <= first.year && !(coming && $0.code == "ETI-01") }
            let course = rng.pick(candidates)
            let spec = Self.courses.first { $0.code == course.code }!
            var plan = SessionPlan(course: course, days: days(from: first, count: spec.days), capacity: rng.pick([10, 12, 12, 12, 14, 15]),
                                   status: .planned, trainer: Int.random(in: 0...1, using: &rng))
            if plan.days.last! >= today && !coming { plan.days = days(from: today.adding(days: -20), count: spec.days) }
            let intra = spec.format != .inter && rng.chance(0.12)
            if intra {
                let s = rng.pick(pool)
                plan.kind = .intra
                plan.structure = s
                plan.delegation = map.delegation(ofDepartment: s.departmentCode)
            } else if spec.days > 0 && rng.chance(0.85) {
                plan.delegation = map.delegation(code: weighted(weights, rng: &rng))
            }
            let past = plan.days.last! < today
            if rng.chance(0.06) {
                plan.status = .cancelled
                plan.cancelReason = rng.pick(["Nombre d'inscrits insuffisant.", "Formateur indisponible (raison de santé).",
                                              "Salle indisponible : session reportée à une date ultérieure."])
            } else if past {
                plan.status = .done
            } else {
                plan.status = (plan.days[0] - today) < 40 || rng.chance(0.4) ? .confirmed : .planned
            }
            let level = rng.pick([4, 4, 5, 5, 5, 3])
            let local = plan.delegation.flatMap { byDelegation[$0.code] } ?? []
            func someone() -> Structure {
                if let s = plan.structure { return s }
                return !local.isEmpty && rng.chance(0.7) ? rng.pick(local) : rng.pick(pool)
            }
            let halfDays = spec.days == 0 ? 1 : spec.days * 2
            let confirmed: Int
            switch plan.status {
            case .done: confirmed = Int.random(in: 6...plan.capacity, using: &rng)
            case .cancelled: confirmed = Int.random(in: 0...4, using: &rng)
            default: confirmed = rng.chance(0.15) ? plan.capacity : Int.random(in: 1...(plan.capacity - 1), using: &rng)
            }
            for _ in 0..<confirmed {
                var t = trainee(someone(), theme: course.themeValue, rng: &rng)
                if plan.status == .cancelled { t.status = .cancelled }
                if plan.status == .done {
                    t.presence = presence(halfDays, rng: &rng)
                    if t.presence!.contains(true) && rng.chance(0.86) { t.scores = scores(level: level, rng: &rng) }
                }
                plan.trainees.append(t)
            }
            if confirmed == plan.capacity && plan.status != .done {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    var t = trainee(someone(), theme: course.themeValue, rng: &rng)
                    t.status = .waiting
                    plan.trainees.append(t)
                }
            }
            if plan.status != .cancelled && rng.chance(0.3) {  // a cancelled registration, freed seat
                var t = trainee(someone(), theme: course.themeValue, rng: &rng)
                t.status = .cancelled
                plan.trainees.insert(t, at: Int.random(in: 0...plan.trainees.count, using: &rng))
            }
            plans.append(plan)
        }
        return plans
    }

    static func weighted(_ items: [(String, Int)], rng: inout DemoRandom) -> String {
        var x = Int.random(in: 0..<max(1, items.map(\.1).reduce(0, +)), using: &rng)
        for (code, w) in items {
            if x < w { return code }
            x -= w
        }
        return items.last?.0 ?? "PDL"
    }
}
