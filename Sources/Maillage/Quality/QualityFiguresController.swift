import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/qualite/chiffres?annee=YYYY&delegation=CODE`: the certification figures of a year as the
/// activity reports publish them, for the network or one delegation (anyone holding a role;
/// certifications are public labels). A bad year or delegation falls back with a notice.
enum QualityFiguresController {
    static func show(_ req: Request) async throws -> Response {
        let today = Day.today(now: req.services.clock.now)
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let typedYear = raw["annee"].flatMap { $0.isEmpty ? nil : $0 }
        let chosen = TrainingFiguresController.year(typedYear)
        let year = chosen.map { min($0, today.year) } ?? today.year
        let map = try await req.services.networkMaps.forYear(year, on: req.db)
        let typedDelegation = raw["delegation"].flatMap { $0.isEmpty ? nil : $0 }
        let delegation = typedDelegation.flatMap { map.delegation(code: $0) }
        var notices: [String] = []
        if typedYear != nil && chosen == nil || (chosen ?? 0) > today.year {
            notices.append("L'année demandée n'est pas valable (une année entre 2000 et \(today.year) est attendue) : voici les chiffres de \(year).")
        }
        if typedDelegation != nil && delegation == nil {
            notices.append("Cette délégation n'existe pas en \(year) : voici les chiffres du réseau.")
        }
        let data = try await load(year: year, on: req)
        let url = SiteURL.quality(.figures)
        let code = delegation?.code
        let years = Set(((today.year - 4)...today.year).filter { $0 >= 2000 } + [year]).sorted(by: >)
        let page = QualityFiguresPage.build(
            year: year, delegation: delegation, data: data, notice: notices.isEmpty ? nil : notices.joined(separator: " "),
            years: years.map { YearLink(label: String($0), href: url.path(query: ["annee": String($0), "delegation": code]), current: $0 == year) },
            delegations: map.delegations.map { .init(value: $0.code, label: $0.name, selected: $0.code == code) },
            action: url.path,
            links: [("Échéances à suivre", SiteURL.quality(.followUp)), ("Qualité", QualityURL.start)].compactMap { label, url in
                req.link(to: url).map { HomePage.Link(label: label, href: $0, note: nil) }
            })
        return try await req.renderPage("quality/figures", title: page.heading, page)
    }

    /// The events up to the year's end, the members active at the end of each of the three
    /// years, their maps, the standards and the names of the structures listed.
    static func load(year: Int, on req: Request) async throws -> QualityFiguresData {
        let records = try await QualityFiguresQueries.records(through: year, on: req.db)
        var members: [Int: [CertificationFigures.Member]] = [:], maps: [Int: NetworkMap] = [:]
        for y in (year - 2)...year {
            members[y] = try await QualityFiguresQueries.members(at: y, on: req.db)
            maps[y] = try await req.services.networkMaps.forYear(y, on: req.db)
        }
        let listed = Set(CertificationFigures.listed(year, records: records).map(\.structureID))
        return QualityFiguresData(
            records: records, members: members, maps: maps,
            standards: try await QualityFiguresQueries.standards(on: req.db).map { ($0.code, $0.name) },
            names: try await QualityFiguresQueries.names(of: listed, on: req.db))
    }
}
