import Foundation
import MaillageCore

/// The sessions the browser tests rely on (guarantees (a) to (e) of `DemoTraining`), dated from
/// the demo's « today ».
extension DemoTraining {
    static func guaranteed(courses: [String: TrainingCourse], pool: [Structure], byDelegation: [String: [Structure]],
                           own: [Structure], map: NetworkMap, today: Day, rng: inout DemoRandom) -> [SessionPlan] {
        let pdl = map.delegation(code: "PDL")
        let local = byDelegation["PDL"].flatMap { $0.isEmpty ? nil : $0 } ?? pool
        func others(_ n: Int, theme: TrainingTheme, from: [Structure]) -> [TraineePlan] {
            (0..<n).map { _ in trainee(rng.pick(from), theme: theme, rng: &rng) }
        }
        func mine(_ i: Int, theme: TrainingTheme, status: RegistrationStatus = .confirmed) -> TraineePlan? {
            guard !own.isEmpty else { return nil }
            var t = trainee(own[i % own.count], theme: theme, rng: &rng)
            t.status = status
            t.byMember = true
            return t
        }
        var plans: [SessionPlan] = []

        // (a) ETI-01 in PDL, formateur@, 11 of 12, no managed structure.
        let eti = courses["ETI-01"]!
        plans.append(SessionPlan(course: eti, delegation: pdl, days: days(from: WorkingDays.add(15, to: today.adding(days: 1)), count: 3),
                                 capacity: 12, status: .confirmed, trainer: 0,
                                 trainees: others(11, theme: .supervision, from: local)))

        // (b) DEV-01, full (10 of 10) with 2 waiting; the member: one seat, first on the list.
        let dev = courses["DEV-01"]!
        var b = SessionPlan(course: dev, delegation: map.delegation(code: "IDF") ?? pdl,
                            days: days(from: WorkingDays.add(25, to: today.adding(days: 1)), count: 2),
                            capacity: 10, status: .confirmed, trainer: 1, trainees: others(9, theme: .development, from: pool))
        if let m = mine(0, theme: .development) { b.trainees.insert(m, at: 3) } else { b.trainees += others(1, theme: .development, from: pool) }
        if let m = mine(1, theme: .development, status: .waiting) { b.trainees.append(m) } else {
            var t = others(1, theme: .development, from: pool)[0]
            t.status = .waiting
            b.trainees.append(t)
        }
        var w = others(1, theme: .development, from: pool)[0]
        w.status = .waiting
        b.trainees.append(w)
        plans.append(b)

        // (c) DRT-02 by formateur@: its two days over, still confirmed, 6 trainees, nothing marked.
        let drt = courses["DRT-02"]!
        plans.append(SessionPlan(course: drt, delegation: pdl, days: days(from: DemoLegal.back(3, from: today.adding(days: -1)), count: 2),
                                 capacity: 12, status: .confirmed, trainer: 0, trainees: others(6, theme: .hr, from: local)))

        // (d) ASP-01 by formateur@, done three weeks ago: 3 of the member's trainees, attendance and ratings.
        let asp = courses["ASP-01"]!
        var d = SessionPlan(course: asp, delegation: pdl, days: days(from: DemoLegal.back(20, from: today), count: 3),
                            capacity: 12, status: .done, trainer: 0, trainees: others(6, theme: .support, from: local))
        for i in 0..<3 { if let m = mine(i, theme: .support) { d.trainees.append(m) } }
        for i in d.trainees.indices {
            d.trainees[i].presence = Array(repeating: true, count: 6)
            if i == 1 { d.trainees[i].presence![4] = false }
            d.trainees[i].scores = i == 2 ? nil : scores(level: 5, rng: &rng)
        }
        plans.append(d)

        // (e) FIN-01 in PDL: the member holds a confirmed and a cancelled registration.
        let fin = courses["FIN-01"]!
        var e = SessionPlan(course: fin, delegation: pdl, days: days(from: WorkingDays.add(35, to: today.adding(days: 1)), count: 2),
                            capacity: 14, status: .confirmed, trainer: 1, trainees: others(4, theme: .finance, from: local))
        if let m = mine(2, theme: .finance) { e.trainees.append(m) }
        if let m = mine(0, theme: .finance, status: .cancelled) { e.trainees.insert(m, at: 1) }
        plans.append(e)
        return plans
    }
}
