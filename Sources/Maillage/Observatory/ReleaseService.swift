import Fluent
import Foundation
import MaillageCore
import Vapor

/// Publishing a campaign's figures, and reading a release back. A release freezes what its
/// figures are computed from; its cube is recomputed from that snapshot (the engine is
/// deterministic) and its documents are served as stored, byte for byte.
enum ReleaseService {
    /// Publishes the campaign's current figures as its next release: snapshot, documents and
    /// audit entry in one transaction. Two admins publishing at once: the second gets a 409.
    static func publish(_ campaign: Campaign, by user: CurrentUser?, on db: any Database) async throws -> ObservatoryRelease {
        // Whole seconds: the date is printed in the documents and read back from the database.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        // The map as the database holds it, not a cached one: a release freezes it.
        let map = try await NetworkMap.load(on: db, year: campaign.year)
        let snapshot = ReleaseSnapshot(settings: campaign.settings, units: try await ObservatoryData.units(campaign, map: map, on: db),
                                       members: try await ObservatoryData.members(campaign, map: map, on: db))
        let earlier = try await ObservatoryRelease.all(of: campaign, on: db)
        let release = ObservatoryRelease(campaignID: try campaign.requireID(), number: (earlier.last?.number ?? 0) + 1,
                                         publishedAt: now, publishedBy: user?.id, snapshot: snapshot)
        let cube = cube(snapshot, earlier: earlier.compactMap(\.snapshot))
        do {
            try await db.transaction { tx in
                try await release.create(on: tx)
                for scope in ["national"] + map.delegations.map(\.code) {
                    let json = FiguresDocument.make(campaign: campaign, scope: scope, cube: cube, k: snapshot.k, generatedAt: now).json()
                    try await ReleaseDocument(releaseID: release.requireID(), scope: scope, json: String(decoding: json, as: UTF8.self)).create(on: tx)
                }
                try await Audit.record(.create, "publication_observatoire", id: try release.requireID().uuidString,
                                       summary: "Publication n° \(release.number) des chiffres de la campagne \(campaign.year)",
                                       after: ["numero": String(release.number), "reponses": String(release.answers)], actor: user, on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Abort(.conflict, reason: "Une autre publication de la campagne \(campaign.year) vient d'être enregistrée. Rechargez la page.")
        }
        return release
    }

    /// The cube of a release: its own answers, with what changed since each earlier release
    /// of the campaign put through secrecy (`ReleaseSecrecy`).
    static func cube(_ snapshot: ReleaseSnapshot, earlier: [ReleaseSnapshot]) -> FigureCube {
        FigureCube(units: snapshot.surveyUnits, members: snapshot.surveyMembers, settings: snapshot.settings,
                   earlier: earlier.map(\.surveyUnits))
    }

    /// The release's cube, computed once per instance (a release never changes).
    static func cube(of release: ObservatoryRelease, on db: any Database, cache: FigureStore) async throws -> FigureStore.Released {
        try await cache.releases.value(try release.requireID(), at: .immutable) {
            // Read whole only on a miss: the release given may be a header without its snapshot.
            guard let snapshot = try await ObservatoryRelease.find(release.requireID(), on: db)?.snapshot else {
                throw Abort(.internalServerError, reason: "Publication illisible.")
            }
            let earlier = try await ObservatoryRelease.query(on: db).filter(\.$campaign.$id == release.$campaign.id)
                .filter(\.$number < release.number).sort(\.$number).all().compactMap(\.snapshot)
            return FigureStore.Released(cube: cube(snapshot, earlier: earlier), members: snapshot.surveyMembers, settings: snapshot.settings)
        }
    }

    static func document(of release: ObservatoryRelease, scope: String, on db: any Database) async throws -> String? {
        try await ReleaseDocument.query(on: db).filter(\.$release.$id == release.requireID()).filter(\.$scope == scope).first()?.json
    }
}
