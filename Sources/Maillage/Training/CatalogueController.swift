import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/formations`: the catalogue for everyone. Members-only courses and packs only for those who
/// see them (`TrainingAccess.sees`); inactive courses never.
enum CatalogueController {
    static func index(_ req: Request) async throws -> Response {
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let filters = CatalogueFilters(raw)
        let user = req.currentUser
        let today = Day.today(now: req.services.clock.now)
        let visible = try await TrainingCourse.query(on: req.db).filter(\.$active == true).all()
            .filter { TrainingAccess.sees($0.visibilityValue, user) }
        let courses = visible.filter(filters.matches)
            .sorted { (FrenchSortKey($0.title), $0.code) < (FrenchSortKey($1.title), $1.code) }
        let coming = try await SessionQueries.comingInter(courseIDs: courses.compactMap(\.id), today: today, on: req.db)
        let groups = TrainingTheme.allCases.compactMap { theme -> CataloguePage.Theme? in
            let rows = courses.filter { $0.themeValue == theme }.map { c in
                CataloguePage.Course(
                    code: c.code, title: c.title, href: req.link(to: TrainingURL.course(c.id!)),
                    badges: CoursePage.badges(c, year: today.year), duration: FrenchFormat.minutesAsHours(c.durationMinutes),
                    price: FrenchFormat.euros(cents: c.priceCents), format: c.formatValue.label,
                    sessions: (coming[c.id!] ?? []).prefix(3).map { CourseController.line($0, req) }.nonEmpty)
            }
            return rows.isEmpty ? nil : .init(label: theme.label, courses: rows)
        }
        let packs = try await packLines(req, courses: visible)
        let page = CataloguePage(
            action: TrainingURL.start.path, q: filters.q,
            themes: TrainingTheme.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.theme) },
            formats: CourseFormat.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.format) },
            certifyingOnly: filters.certifyingOnly, filtered: !filters.isEmpty,
            resetHref: filters.isEmpty ? nil : TrainingURL.start.path,
            count: FrenchFormat.plural(courses.count, "cours", "cours"), groups: groups,
            packs: filters.isEmpty ? packs.nonEmpty : nil,
            newCourseHref: req.link(to: .training(.newCourse)), newPackHref: req.link(to: .training(.newPack)),
            newSessionHref: req.link(to: .training(.newSession)), sessionsHref: req.link(to: .training(.sessions)))
        return try await req.renderPage("training/catalogue", title: "Catalogue des formations", page)
    }

    /// The active packs the person sees, each with its courses in order (those the person sees).
    static func packLines(_ req: Request, courses: [TrainingCourse]) async throws -> [CataloguePage.Pack] {
        let packs = try await TrainingPack.query(on: req.db).filter(\.$active == true).all()
            .filter { TrainingAccess.sees($0.visibilityValue, req.currentUser) }
            .sorted { FrenchSortKey($0.title) < FrenchSortKey($1.title) }
        guard !packs.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: courses.map { ($0.id!, $0) })
        let links = try await TrainingPackCourse.query(on: req.db).filter(\.$pack.$id ~~ packs.compactMap(\.id)).all()
        return packs.map { p in
            let items = links.filter { $0.$pack.id == p.id }.sorted { $0.position < $1.position }.compactMap { byID[$0.$course.id] }
            return .init(title: p.title, href: req.link(to: TrainingURL.pack(p.id!)),
                         courses: items.map { "\($0.code) — \($0.title)" },
                         duration: FrenchFormat.minutesAsHours(items.reduce(0) { $0 + $1.durationMinutes }))
        }
    }
}
