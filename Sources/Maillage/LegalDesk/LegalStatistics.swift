import Fluent
import Foundation
import MaillageCore

/// The legal desk's yearly figures, as the federation's reports give them. Counts are exact
/// integers; percentages and the median are rounded once, when the page writes them.
struct LegalStatistics: Sendable, Equatable {
    /// One part of a breakdown (a category, a delegation, a type of structure).
    struct Part: Sendable, Equatable {
        let label: String
        let count: Int
    }

    let year: Int
    /// Questions asked in the year, and in the two years before (three-year comparison).
    let count: Int
    let previous: Int
    let beforePrevious: Int
    let byCategory: [Part]
    let byDelegation: [Part]
    /// A structure holding several types counts once in each of them (the parts may add up to more than `count`).
    let byType: [Part]
    /// Working days from asking to the first answer, waits for the member excluded, of the year's questions answered.
    let firstAnswerDays: [Int]
    /// Of the year's questions with a first answer, those answered within the promised delay: the
    /// first answer came on or before the due day as it stood then (the promised working days from
    /// the asking day, pushed by the waits for the member that ended before that answer).
    let answered: Int
    let answeredInTime: Int
    /// Notes whose publication (`published_at`, Paris) falls in the year.
    let notesPublished: Int

    var median: Decimal? { LegalFigures.median(firstAnswerDays) }

    /// The change on the previous year in percent (exact), nil without questions the year before.
    var change: Decimal? {
        previous == 0 ? nil : Decimal(count - previous) * 100 / Decimal(previous)
    }

    /// `part` of `total` in percent (exact), nil for an empty total.
    static func share(_ part: Int, of total: Int) -> Decimal? {
        total == 0 ? nil : Decimal(part) * 100 / Decimal(total)
    }
}

/// One question as the statistics read it (pure inputs, tests build them by hand).
struct LegalStatQuestion: Sendable {
    let askedOn: Day
    let dueOn: Day
    let firstAnswerOn: Day?
    let category: LegalCategory
    let askedDepartment: String
    let types: [StructureType]
    /// The waits for the member, from the question's events.
    let waits: [LegalDelay.Wait]
    /// The delay promised when it was asked (stored on the question); nil: read back from `dueOn`.
    var promisedDays: Int? = nil
}

extension LegalStatistics {
    /// The figures of `year` from the questions of the scope (every year) and the notes count.
    static func compute(year: Int, questions: [LegalStatQuestion], notesPublished: Int, map: NetworkMap) -> LegalStatistics {
        let current = questions.filter { $0.askedOn.year == year }
        var categories: [LegalCategory: Int] = [:]
        var delegations: [String: Int] = [:]
        var types: [StructureType: Int] = [:]
        var days: [Int] = []
        var inTime = 0
        for q in current {
            categories[q.category, default: 0] += 1
            delegations[map.delegation(ofDepartment: q.askedDepartment)?.name ?? "Hors délégation", default: 0] += 1
            for t in Set(q.types) { types[t, default: 0] += 1 }
            guard let first = q.firstAnswerOn else { continue }
            let before = q.waits.filter { ($0.to ?? first) <= first }.map { LegalDelay.Wait(from: $0.from, to: $0.to ?? first) }
            days.append(LegalDelay(asked: q.askedOn, promised: 0, waits: before).elapsedWorkingDays(until: first))
            if first <= dueAtFirstAnswer(q, before: before) { inTime += 1 }
        }
        let byCount = { (a: Part, b: Part) in a.count != b.count ? a.count > b.count : FrenchSortKey(a.label) < FrenchSortKey(b.label) }
        return LegalStatistics(
            year: year, count: current.count,
            previous: questions.filter { $0.askedOn.year == year - 1 }.count,
            beforePrevious: questions.filter { $0.askedOn.year == year - 2 }.count,
            byCategory: LegalCategory.allCases.compactMap { c in categories[c].map { Part(label: c.label, count: $0) } }.sorted(by: byCount),
            byDelegation: delegations.map { Part(label: $0.key, count: $0.value) }.sorted(by: byCount),
            byType: StructureType.allCases.compactMap { t in types[t].map { Part(label: t.label, count: $0) } }.sorted(by: byCount),
            firstAnswerDays: days, answered: days.count, answeredInTime: inTime, notesPublished: notesPublished)
    }

    /// The due day when the first answer came: the question's own promised days (stored when it
    /// was asked, so a later change of the setting changes nothing; for hand-made inputs without
    /// it, read back from its due day and its finished waits), pushed only by the waits over by then.
    static func dueAtFirstAnswer(_ q: LegalStatQuestion, before: [LegalDelay.Wait]) -> Day {
        var promised = q.promisedDays ?? 0
        if q.promisedDays == nil {
            let finished = q.waits.filter { $0.to != nil }
            while promised < 400, LegalDelay(asked: q.askedOn, promised: promised, waits: finished).due < q.dueOn { promised += 1 }
        }
        return LegalDelay(asked: q.askedOn, promised: promised, waits: before).due
    }

    /// The waits of each question from its events: entering `waiting` starts one, leaving it ends it.
    static func waits(_ events: [LegalQuestionEvent]) -> [UUID: [LegalDelay.Wait]] {
        var result: [UUID: [LegalDelay.Wait]] = [:]
        for e in events.sorted(by: { $0.at < $1.at }) {
            let q = e.$question.id
            guard let day = Day(iso: e.onDay) else { continue }
            if e.fromStatus == QuestionStatus.waiting.rawValue, var list = result[q], let last = list.last, last.to == nil {
                list[list.count - 1].to = day
                result[q] = list
            }
            if e.toStatus == QuestionStatus.waiting.rawValue { result[q, default: []].append(.init(from: day, to: nil)) }
        }
        return result
    }

    /// Reads the scope's questions of `year` and the two years before, their events and the year's notes.
    ///
    /// A delegate's questions are those asked while the structure was in the delegation's departments
    /// (`department_code` at asking), whatever its department now: a question belongs to the
    /// delegation that was in charge when it was asked, the one the by-delegation breakdown names.
    /// A structure that moved leaves its old questions with the old delegation's figures.
    static func load(year: Int, scope: LegalScope, map: NetworkMap, on db: any Database) async throws -> LegalStatistics {
        var lines: [LegalQuestionLine] = []
        for y in (year - 2)...year {
            lines += try await LegalListQueries.lines(scope: scope, year: y, departmentAtAsking: true, on: db)
        }
        let ids = lines.map(\.id)
        var events: [LegalQuestionEvent] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            events += try await LegalQuestionEvent.query(on: db).filter(\.$question.$id ~~ chunk).all()
        }
        let waits = Self.waits(events)
        let questions = lines.compactMap { l -> LegalStatQuestion? in
            guard let asked = Day(iso: l.askedOn), let due = Day(iso: l.dueOn) else { return nil }
            return LegalStatQuestion(askedOn: asked, dueOn: due, firstAnswerOn: l.firstAnswerOn.flatMap { Day(iso: $0) },
                                     category: l.category, askedDepartment: l.askedDepartment, types: l.types, waits: waits[l.id] ?? [],
                                     promisedDays: l.promisedDays)
        }
        let start = Day(year: year, month: 1, day: 1)!.startInParis, end = Day(year: year + 1, month: 1, day: 1)!.startInParis
        let notes = try await LegalNote.query(on: db).filter(\.$publishedAt >= start).filter(\.$publishedAt < end).count()
        return compute(year: year, questions: questions, notesPublished: notes, map: map)
    }
}

extension Day {
    /// Midnight of the day in Paris.
    var startInParis: Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Paris")!
        return c.date(from: DateComponents(year: year, month: month, day: day))!
    }
}
