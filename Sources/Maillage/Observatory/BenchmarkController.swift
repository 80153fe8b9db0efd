import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/observatoire/:year/positionnement/:structureID`: where a structure stands among
/// structures of its type. It shows the structure's own answers, so only those who may see
/// them get it (its managers, its regional delegate, the national admin); anyone else gets
/// a 404, as if the structure had no benchmark.
enum BenchmarkController {
    static func show(_ req: Request) async throws -> Response {
        let campaign = try await req.campaign()
        let structure = try await req.structureParameter()
        guard try await req.may(.answerSurvey, on: structure) else { throw Abort(.notFound) }
        let answers = try await counted(campaign: campaign, structure: structure, maps: req.services.networkMaps, on: req.db)
        // Its own values always; the quartiles of what this person may see (live for the admin
        // and the structure's delegate, else the latest release: none published, none yet).
        let view = try await req.figureView(campaign, delegation: answers.first?.unit.delegation)
        let cube = view?.cube ?? FigureCube(units: [], members: [], settings: campaign.settings)
        var page = BenchmarkPage(year: campaign.year, k: view?.settings.k ?? campaign.k, structureID: try structure.requireID(),
                                 structureName: structure.name, answers: answers, cube: cube, settings: view?.settings ?? campaign.settings)
        page.edition = view?.edition ?? "Les chiffres de l'Observatoire \(campaign.year) ne sont pas encore publiés : les repères (médiane, quartiles) apparaîtront à leur publication."
        let others = try await otherYears(of: structure, besides: campaign.year, on: req.db)
        page.otherYears = others.isEmpty ? nil : others
        return try await req.renderPage("observatory/benchmark", title: page.heading, page)
    }

    /// The structure's benchmarks of the other campaigns it answered (answer transmitted),
    /// newest first.
    static func otherYears(of structure: Structure, besides year: Int, on db: any Database) async throws -> [BenchmarkPage.Link] {
        let answers = try await SurveyAnswer.query(on: db).filter(\.$structure.$id == structure.requireID())
            .filter(\.$status ~~ AnswerStatus.allCases.filter(\.counts).map(\.rawValue)).all()
        let ids = Set(answers.map(\.$campaign.id))
        let campaigns = try await Campaign.query(on: db).filter(\.$id ~~ Array(ids)).filter(\.$year != year).sort(\.$year, .descending).all()
        return try campaigns.map { BenchmarkPage.Link(label: "Positionnement \($0.year)", href: SiteURL.benchmark($0.year, try structure.requireID()).path) }
    }

    /// The structure's answers counted in the figures (submitted or validated), each placed in
    /// its delegation by the map of the campaign's year, as `ObservatoryData.units` does.
    static func counted(campaign: Campaign, structure: Structure, maps: NetworkMaps, on db: any Database) async throws -> [BenchmarkPage.Answer] {
        let map = try await maps.forYear(campaign.year, on: db)
        let answers = try await SurveyAnswer.query(on: db)
            .filter(\.$campaign.$id == campaign.requireID()).filter(\.$structure.$id == structure.requireID())
            .filter(\.$status ~~ AnswerStatus.allCases.filter(\.counts).map(\.rawValue))
            .all()
        return ReportPage.ordered(answers.map(\.type)).compactMap { type in
            guard let a = answers.first(where: { $0.type == type }) else { return nil }
            let delegation = map.delegation(ofDepartment: a.departmentCode)
            return BenchmarkPage.Answer(
                unit: SurveyUnit(structure: structure.id!.uuidString, type: a.type, delegation: delegation?.code, values: a.values),
                delegationName: delegation?.name)
        }
    }
}
