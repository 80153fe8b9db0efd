import Fluent
import Foundation
import MaillageCore

/// The demo's legal desk (issue #12): two jurists, about 300 questions from 2024 to the day the
/// demo is loaded across the six categories (labour law the largest, « autre » rising as the
/// federation's reports say), across delegations; most answered and closed, some in progress, new,
/// waiting for the member or overdue. Every question's events are the steps it went through (asked,
/// taken, waits, answered, closed), so its due day is `LegalDelay` of its events and the statistics
/// compute. The demo member has questions of its own in every state. Notes: `DemoLegalNotes`.
enum DemoLegal {
    static let promisedDays = 5
    /// Questions per full year (2026 is cut at the day the demo is loaded).
    static let perYear: [Int: Int] = [2024: 92, 2025: 102, 2026: 112]
    /// Shares by category and year (per cent): labour first, « other » rising.
    static let shares: [Int: [(LegalCategory, Int)]] = [
        2024: [(.labour, 40), (.iae, 23), (.personalServices, 13), (.tax, 8), (.company, 6), (.other, 10)],
        2025: [(.labour, 38), (.iae, 22), (.personalServices, 12), (.tax, 8), (.company, 7), (.other, 13)],
        2026: [(.labour, 36), (.iae, 20), (.personalServices, 11), (.tax, 9), (.company, 7), (.other, 17)],
    ]
    /// Questions added in the last four weeks before the demo's day (the live queue).
    static let recentExtra = 16
    static let juristEmails = ["juriste@demo.maillage.test", "juriste2@demo.maillage.test"]
    static let systemName = "Maillage (clôture automatique)"

    /// One question's life as the demo plans it; `write` cuts it at `today`.
    struct Plan {
        var topic: DemoLegalTexts.Topic
        var structure: Structure
        var person: String
        var askerID: UUID?
        var askerName: String
        var asked: Day
        var takeAfter = 1
        /// Working days after taking it that the jurist asks for a piece, and after which the member replies.
        var request: (after: Int, replyAfter: Int)?
        /// Working days from asked to the answer, waits excluded.
        var answerElapsed = 3
        /// Calendar days after the answer that the member closes it (nil: the daily job after 30 days).
        var memberClosesAfter: Int?
        var jurist = 0
        var internalNote = false
        var attachOnAsk = false
        var attachOnAnswer = false
        var shared = false
    }

    struct Step {
        var action: QuestionAction
        var from: QuestionStatus?
        var to: QuestionStatus
        var day: Day
        var hour: Int
        var byUser: UUID?
        var byName: String
        var message: (kind: MessageKind, body: String)?
    }

    static func load(on db: any Database, managed: Set<UUID>, today: Day = .today()) async throws {
        var rng = DemoRandom(seed: 1212)
        let settings = LegalSettingsRecord()
        settings.promisedDays = promisedDays
        try await settings.create(on: db)
        var jurists: [(UUID?, String)] = []
        for email in juristEmails {
            let u = try await User.query(on: db).filter(\.$email == email).first()
            jurists.append((u?.id, u?.displayName ?? "Juriste"))
        }
        let member = try await User.query(on: db).filter(\.$email == DemoNetwork.accounts[2].email).first()
        let all = try await Structure.query(on: db).with(\.$memberships).all().sorted { $0.siret < $1.siret }
        let pool = all.filter { !managed.contains($0.id!) && DemoDues.isMember($0, on: today.iso) }
        let own = all.filter { managed.contains($0.id!) }

        var plans: [Plan] = []
        for year in 2024...max(2024, min(today.year, 2026)) {
            let full = perYear[year] ?? 100
            let count = year < today.year ? full : full * max(1, dayOfYear(today)) / 365
            for _ in 0..<count {
                let category = weighted(shares[year] ?? shares[2026]!, rng: &rng)
                let last = year < today.year ? Day(year: year, month: 12, day: 31)! : today
                var asked = Day(year: year, month: 1, day: 2)!.adding(days: Int.random(in: 0...(last - Day(year: year, month: 1, day: 2)!), using: &rng))
                asked = WorkingDays.add(0, to: asked)
                if asked > today { asked = back(0, from: today) }
                plans.append(randomPlan(category: category, structure: rng.pick(pool), asked: asked, today: today, rng: &rng))
            }
        }
        // The queue as it stands: more questions in the last four weeks, some of them late or waiting.
        for i in 0..<recentExtra {
            let category = weighted(shares[min(max(today.year, 2024), 2026)]!, rng: &rng)
            var p = randomPlan(category: category, structure: rng.pick(pool), asked: back(Int.random(in: 0...19, using: &rng), from: today),
                               today: today, rng: &rng)
            if i < 4 {  // overdue: asked 6 to 12 working days ago, still not answered
                p.asked = back(6 + 2 * i, from: today)
                p.request = nil
                p.takeAfter = i == 0 ? 30 : 1
                p.answerElapsed = 30
            }
            plans.append(p)
        }
        plans += memberPlans(own: own, member: member, today: today, rng: &rng)
        plans.sort { $0.asked < $1.asked }
        for plan in plans {
            try await write(plan, jurists: jurists, today: today, on: db)
        }
        try await DemoLegalNotes.load(on: db, jurists: jurists, today: today)
        try await Audit.record(.create, "legal_question", id: "",
                               summary: "Démonstration : \(plans.count) questions juridiques, fiches et ressources", actor: nil, on: db)
    }

    static func randomPlan(category: LegalCategory, structure: Structure, asked: Day, today: Day, rng: inout DemoRandom) -> Plan {
        let topic = rng.pick(DemoLegalTexts.topics(of: category))
        let person = rng.pick(DemoLegalTexts.personNames)
        var p = Plan(topic: topic, structure: structure, person: person, askerID: nil,
                     askerName: rng.pick(DemoLegalTexts.personNames), asked: asked)
        p.takeAfter = rng.pick([0, 0, 1, 1, 1, 2])
        // Recent questions are late more often and wait for the member longer: the queue shows both.
        let recent = WorkingDays.count(from: asked, to: today) <= 20
        if rng.chance(topic.request != nil ? 0.45 : (recent ? 0.3 : 0.1)) {
            p.request = (after: rng.pick([0, 1, 1, 2]), replyAfter: Int.random(in: 1...(recent ? 14 : 6), using: &rng))
        }
        p.answerElapsed = rng.chance(recent ? 0.45 : 0.13) ? Int.random(in: 6...11, using: &rng) : Int.random(in: 1...5, using: &rng)
        if rng.chance(0.25) { p.memberClosesAfter = Int.random(in: 1...8, using: &rng) }
        p.jurist = [.tax, .company, .other].contains(category) ? (rng.chance(0.8) ? 1 : 0) : (rng.chance(0.75) ? 0 : 1)
        p.internalNote = rng.chance(0.12)
        p.attachOnAsk = rng.chance(0.05)
        p.attachOnAnswer = rng.chance(0.03)
        p.shared = rng.chance(0.2)
        return p
    }

    /// The demo member's own questions: closed (2024, 2025), answered, waiting for it, in progress, new.
    static func memberPlans(own: [Structure], member: User?, today: Day, rng: inout DemoRandom) -> [Plan] {
        guard !own.isEmpty else { return [] }
        let name = member?.displayName ?? "Morgan Adhérent"
        func plan(_ topic: Int, _ structure: Int, asked: Day) -> Plan {
            Plan(topic: DemoLegalTexts.topics[topic], structure: own[structure % own.count], person: rng.pick(DemoLegalTexts.personNames),
                 askerID: member?.id, askerName: name, asked: back(0, from: asked))
        }
        var closed24 = plan(0, 0, asked: Day(year: 2024, month: 3, day: 12)!)
        closed24.memberClosesAfter = 3
        var closed25 = plan(7, 1, asked: Day(year: 2025, month: 6, day: 10)!)
        closed25.attachOnAsk = true
        closed25.request = (after: 1, replyAfter: 2)
        closed25.answerElapsed = 4
        var answered = plan(21, 0, asked: back(12, from: today))
        answered.answerElapsed = 3
        answered.attachOnAnswer = true
        answered.jurist = 1
        answered.shared = true
        var waiting = plan(8, 1, asked: back(6, from: today))
        waiting.takeAfter = 0
        waiting.request = (after: 1, replyAfter: 40)
        waiting.internalNote = true
        var progress = plan(1, 0, asked: back(2, from: today))
        progress.takeAfter = 1
        progress.answerElapsed = 5
        progress.internalNote = true
        var fresh = plan(11, 2, asked: today)
        fresh.takeAfter = 2
        return [closed24, closed25, answered, waiting, progress, fresh]
    }

    /// The steps of `plan`, all of them (some may lie after today).
    static func steps(of plan: Plan, jurists: [(UUID?, String)]) -> [Step] {
        let (jid, jname) = jurists[plan.jurist % jurists.count]
        let fill = { (t: String) in DemoLegalTexts.fill(t, structure: plan.structure.name, person: plan.person) }
        var out = [Step(action: .ask, from: nil, to: .new, day: plan.asked, hour: 9, byUser: plan.askerID, byName: plan.askerName)]
        let taken = WorkingDays.add(plan.takeAfter, to: plan.asked)
        out.append(Step(action: .take, from: .new, to: .inProgress, day: taken, hour: 10, byUser: jid, byName: jname))
        var waited = 0
        var earliestAnswer = taken
        if let r = plan.request {
            let text = plan.topic.request ?? DemoLegalTexts.genericRequest
            let asked = WorkingDays.add(r.after, to: taken)
            let replied = WorkingDays.add(r.replyAfter, to: asked)
            waited = WorkingDays.count(from: asked, to: replied)
            out.append(Step(action: .requestInfo, from: .inProgress, to: .waiting, day: asked, hour: 11, byUser: jid, byName: jname,
                            message: (.request, text)))
            out.append(Step(action: .reply, from: .waiting, to: .inProgress, day: replied, hour: 14, byUser: plan.askerID,
                            byName: plan.askerName, message: (.message, DemoLegalTexts.replies[plan.asked.day % DemoLegalTexts.replies.count])))
            earliestAnswer = WorkingDays.add(1, to: replied)
        }
        let answered = max(WorkingDays.add(plan.answerElapsed + waited, to: plan.asked), earliestAnswer)
        out.append(Step(action: .answer, from: .inProgress, to: .answered, day: answered, hour: 16, byUser: jid, byName: jname,
                        message: (.answer, fill(plan.topic.answer))))
        if let after = plan.memberClosesAfter {
            out.append(Step(action: .close, from: .answered, to: .closed, day: answered.adding(days: after), hour: 17,
                            byUser: plan.askerID, byName: plan.askerName))
        } else {
            out.append(Step(action: .close, from: .answered, to: .closed, day: answered.adding(days: LegalSettingsRecord.defaultReopenDays),
                            hour: 7, byUser: nil, byName: systemName))
        }
        return out
    }

    /// Writes the question as it stands on `today`: the steps up to yesterday (asking also today).
    static func write(_ plan: Plan, jurists: [(UUID?, String)], today: Day, on db: any Database) async throws {
        let all = steps(of: plan, jurists: jurists)
        let kept = all.filter { $0.day < today || ($0.day == today && $0.action == .ask) }
        guard let last = kept.last else { return }
        let q = LegalQuestion()
        q.$structure.id = try plan.structure.requireID()
        q.departmentCode = plan.structure.departmentCode
        q.askedBy = plan.askerID
        q.askerName = plan.askerName
        q.category = plan.topic.category.rawValue
        q.subject = plan.topic.subject
        q.body = DemoLegalTexts.fill(plan.topic.body, structure: plan.structure.name, person: plan.person)
        q.status = last.to.rawValue
        q.assigneeID = kept.count > 1 ? jurists[plan.jurist % jurists.count].0 : nil
        q.sharedWithDelegation = plan.shared
        q.askedAt = at(plan.asked, 9)
        q.askedOn = plan.asked.iso
        let delay = delayOf(kept)
        q.dueOn = delay.due.iso
        q.waitingSince = last.to == .waiting ? last.day.iso : nil
        q.waitedDays = delay.waits.reduce(0) { sum, w in sum + (w.to.map { WorkingDays.count(from: w.from, to: $0) } ?? 0) }
        let answers = kept.filter { $0.action == .answer }
        q.firstAnswerAt = answers.first.map { at($0.day, $0.hour) }
        q.firstAnswerOn = answers.first?.day.iso
        q.answeredAt = answers.last.map { at($0.day, $0.hour) }
        q.closedAt = kept.last(where: { $0.action == .close }).map { at($0.day, $0.hour) }
        q.lastActivityAt = at(last.day, last.hour)
        q.version = kept.count
        try await q.create(on: db)
        let qid = try q.requireID()
        var answerMessage: LegalMessage?
        var answerDay: Day?
        for s in kept {
            let e = LegalQuestionEvent()
            e.$question.id = qid
            e.action = s.action.rawValue
            e.fromStatus = s.from?.rawValue
            e.toStatus = s.to.rawValue
            e.at = at(s.day, s.hour)
            e.onDay = s.day.iso
            e.byUser = s.byUser
            e.byName = s.byName
            try await e.create(on: db)
            if let (kind, body) = s.message {
                let m = try await message(qid, kind: kind, body: body, by: s, on: db)
                if kind == .answer { (answerMessage, answerDay) = (m, s.day) }
            }
            if plan.internalNote, s.action == .take {
                let note = DemoLegalTexts.internalNotes[plan.asked.day % DemoLegalTexts.internalNotes.count]
                _ = try await message(qid, kind: .internal, body: note, by: Step(action: .take, from: nil, to: .inProgress, day: s.day, hour: 10,
                                                                                  byUser: s.byUser, byName: s.byName), minute: 30, on: db)
            }
        }
        if plan.attachOnAsk {
            try await attach(qid, message: nil, name: "Contrat de travail \(plan.person).pdf", kind: .pdf, day: plan.asked,
                             by: plan.askerID, on: db)
        }
        if plan.attachOnAnswer, let m = answerMessage {
            try await attach(qid, message: m, name: "Modèle d'avenant.docx", kind: .docx, day: answerDay ?? plan.asked,
                             by: m.authorID, on: db)
        }
        let publicText = ([q.body] + kept.compactMap { $0.message }.filter { $0.kind != .internal }.map(\.body)).joined(separator: "\n\n")
        try await SearchIndex.upsert(SearchDocument(id: qid, kind: .question, title: q.subject, body: publicText, audience: .jurists,
                                                    structureID: q.$structure.id, updatedAt: q.lastActivityAt), on: db)
    }

    /// The delay as the service keeps it: the waits are the stretches between a request and the member's reply.
    static func delayOf(_ steps: [Step]) -> LegalDelay {
        var waits: [LegalDelay.Wait] = []
        for s in steps {
            if s.to == .waiting { waits.append(LegalDelay.Wait(from: s.day, to: nil)) }
            else if s.from == .waiting, !waits.isEmpty { waits[waits.count - 1].to = s.day }
        }
        return LegalDelay(asked: steps[0].day, promised: promisedDays, waits: waits)
    }

    static func message(_ qid: UUID, kind: MessageKind, body: String, by s: Step, minute: Int = 0, on db: any Database) async throws -> LegalMessage {
        let m = LegalMessage()
        m.$question.id = qid
        m.authorID = s.byUser
        m.authorName = s.byName
        m.side = (kind == .message ? MessageSide.member : .jurist).rawValue
        m.kind = kind.rawValue
        m.body = body
        m.createdAt = at(s.day, s.hour, minute)
        try await m.create(on: db)
        return m
    }

    static func attach(_ qid: UUID, message: LegalMessage?, name: String, kind: FileKind,
                       day: Day, by: UUID?, on db: any Database) async throws {
        let data = DemoFiles.attachment(name: name, kind: kind)
        let a = LegalAttachment()
        a.$question.id = qid
        a.$message.id = try message?.requireID()
        a.fileKey = DemoFiles.key(for: data)
        a.fileName = name
        a.contentType = kind.contentType
        a.kind = kind.rawValue
        a.size = data.count
        a.sha256 = StoredFiles.sha256Hex(data)
        a.internal = false
        a.uploadedBy = by
        a.createdAt = at(day, 9, 5)
        try await a.create(on: db)  // the bytes are put by `storeFiles`, from the row's name and kind
    }

    // MARK: - Days

    static func at(_ day: Day, _ hour: Int, _ minute: Int = 0) -> Date {
        DemoDues.date(day, hour: hour).addingTimeInterval(TimeInterval(minute * 60 + (day.day * 7 % 50) * 60))
    }

    /// The working day `n` working days before `day` (n = 0: `day` or the working day before).
    static func back(_ n: Int, from day: Day) -> Day {
        var current = day
        while !current.isWorkingDay { current = current.adding(days: -1) }
        var left = n
        while left > 0 {
            current = current.adding(days: -1)
            if current.isWorkingDay { left -= 1 }
        }
        return current
    }

    static func dayOfYear(_ day: Day) -> Int { day - Day(year: day.year, month: 1, day: 1)! + 1 }

    static func weighted(_ shares: [(LegalCategory, Int)], rng: inout DemoRandom) -> LegalCategory {
        var n = Int.random(in: 0..<shares.reduce(0) { $0 + $1.1 }, using: &rng)
        for (c, w) in shares {
            if n < w { return c }
            n -= w
        }
        return shares[0].0
    }
}
