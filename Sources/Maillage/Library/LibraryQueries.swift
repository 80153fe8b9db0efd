import Fluent
import Foundation
import MaillageCore

/// The library's reads, callable without HTTP.
enum LibraryQueries {
    /// What a person may read: public resources for anyone, members' ones too for anyone holding a role.
    static func audiences(for user: CurrentUser?) -> Set<ResourceAudience> {
        guard let user, !user.grants.isEmpty else { return [.public] }
        return Set(ResourceAudience.allCases)
    }

    /// The resources matching `filters` among `audiences`; with a search text, only those the
    /// search index finds (any order: the list sorts).
    static func resources(_ filters: LibraryFilters, audiences: Set<ResourceAudience>,
                          on db: any Database) async throws -> [LibraryResource] {
        var query = LibraryResource.query(on: db).filter(\.$audience ~~ audiences.map(\.rawValue))
        if let theme = filters.theme { query = query.filter(\.$theme == theme.rawValue) }
        if let kind = filters.kind { query = query.filter(\.$kind == kind.rawValue) }
        if let audience = filters.audience { query = query.filter(\.$audience == audience.rawValue) }
        if !filters.q.isEmpty {
            let hits = try await SearchIndex.search(filters.q, kinds: [.resource],
                                                    audiences: Set(audiences.map(searchAudience)),
                                                    limit: SearchIndex.maxLimit, on: db)
            guard !hits.isEmpty else { return [] }
            query = query.filter(\.$id ~~ hits.map(\.id))
        }
        return try await query.all()
    }

    /// A resource's versions, newest first.
    static func versions(of resourceID: UUID, on db: any Database) async throws -> [LibraryVersion] {
        try await LibraryVersion.query(on: db).filter(\.$resource.$id == resourceID).sort(\.$number, .descending).all()
    }

    /// The current version (the highest number) of a resource.
    static func current(of resourceID: UUID, on db: any Database) async throws -> LibraryVersion? {
        try await LibraryVersion.query(on: db).filter(\.$resource.$id == resourceID).sort(\.$number, .descending).first()
    }

    /// A version of that resource (nil for another resource's version).
    static func version(_ id: UUID, of resourceID: UUID, on db: any Database) async throws -> LibraryVersion? {
        try await LibraryVersion.query(on: db).filter(\.$id == id).filter(\.$resource.$id == resourceID).first()
    }

    /// The current version of each resource, by resource id.
    static func currentVersions(of ids: [UUID], on db: any Database) async throws -> [UUID: LibraryVersion] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: LibraryVersion] = [:]
        for v in try await LibraryVersion.query(on: db).filter(\.$resource.$id ~~ ids).all()
        where (result[v.$resource.id]?.number ?? 0) < v.number {
            result[v.$resource.id] = v
        }
        return result
    }

    static func searchAudience(_ a: ResourceAudience) -> SearchAudience {
        switch a {
        case .public: .public
        case .members: .members
        }
    }
}
