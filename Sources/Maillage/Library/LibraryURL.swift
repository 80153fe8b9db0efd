import Foundation
import Vapor

/// The resource library's routes (`/ressources`), inside the one route table as `SiteURL.library(_)`.
enum LibraryURL: Sendable {
    case home
    case newResource, createResource
    case resource(Parameter<UUID>)
    case download(Parameter<UUID>)
    case versionDownload(Parameter<UUID>, Parameter<UUID>)
    case editResource(Parameter<UUID>), updateResource(Parameter<UUID>)
    case addVersion(Parameter<UUID>)
}

extension LibraryURL {
    var method: HTTPMethod {
        switch self {
        case .createResource, .updateResource, .addVersion: .POST
        default: .GET
        }
    }

    var rule: Rule {
        switch self {
        // Anyone: each handler then checks the resource's audience (`ResourceAudience`).
        case .home, .resource, .download, .versionDownload: .everyone
        case .newResource, .createResource, .editResource, .updateResource, .addVersion: .publishResources
        }
    }

    /// One file of 10 MB at most.
    static let maxFileSize = 10 * 1024 * 1024
    static let maxUpload: ByteCount = ByteCount(value: maxFileSize + 1024 * 1024)

    var uploadLimit: ByteCount? {
        switch self {
        case .createResource, .addVersion: Self.maxUpload
        default: nil
        }
    }

    var segments: [String] {
        let root = "ressources"
        switch self {
        case .home: return [root]
        case .newResource, .createResource: return [root, "nouvelle"]
        case .resource(let r): return [root, r.segment("resourceID")]
        case .download(let r): return [root, r.segment("resourceID"), "telecharger"]
        case .versionDownload(let r, let v): return [root, r.segment("resourceID"), "versions", v.segment("versionID"), "telecharger"]
        case .editResource(let r), .updateResource(let r): return [root, r.segment("resourceID"), "modifier"]
        case .addVersion(let r): return [root, r.segment("resourceID"), "versions"]
        }
    }
}

extension LibraryURL {
    static var start: SiteURL { .library(.home) }
    static func resource(_ id: UUID) -> SiteURL { .library(.resource(.value(id))) }
    static func download(_ id: UUID) -> SiteURL { .library(.download(.value(id))) }
    static func versionDownload(_ r: UUID, _ v: UUID) -> SiteURL { .library(.versionDownload(.value(r), .value(v))) }
    static func editResource(_ id: UUID) -> SiteURL { .library(.editResource(.value(id))) }
    static func updateResource(_ id: UUID) -> SiteURL { .library(.updateResource(.value(id))) }
    static func addVersion(_ id: UUID) -> SiteURL { .library(.addVersion(.value(id))) }
}
