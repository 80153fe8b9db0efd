import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/api/v1`: structures and delegations, scoped to the token owner's rights.
/// The contract is `Resources/openapi.json`; keep both in step.
enum APIController {
    struct StructureDTO: Content, Sendable {
        let id: UUID
        let siret: String
        let name: String
        let types: [String]
        let address: String?
        let postal_code: String?
        let commune: String
        let department: String
        let delegation: String?
        let website: String?
        let status: String
        let joined_on: String?
        let left_on: String?
        let ges_parent_id: UUID?
        let entity_ids: [UUID]
    }
    struct MembershipDTO: Content, Sendable {
        let id: UUID
        let status: String
        let joined_on: String
        let left_on: String?
        let leave_reason: String?
    }
    struct StructureDetailDTO: Content, Sendable {
        let id: UUID
        let siret: String
        let name: String
        let types: [String]
        let address: String?
        let postal_code: String?
        let commune: String
        let department: String
        let delegation: String?
        let website: String?
        let status: String
        let joined_on: String?
        let left_on: String?
        let ges_parent_id: UUID?
        let entity_ids: [UUID]
        let memberships: [MembershipDTO]
    }
    struct ListDTO: Content, Sendable {
        let items: [StructureDTO]
        let total: Int
        let page: Int
        let per_page: Int
    }
    struct DelegationDTO: Content, Sendable {
        let code: String
        let name: String
        let departments: [String]
        let active_members: Int
    }
    struct DelegationListDTO: Content, Sendable { let items: [DelegationDTO] }

    static func structures(_ req: Request) async throws -> ListDTO {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let (filters, invalid) = DirectoryFilters.parse(try req.query.decode([String: String].self), map: map)
        guard invalid.isEmpty else {
            throw Abort(.badRequest, reason: "Paramètre(s) invalide(s) : \(invalid.joined(separator: ", ")).")
        }
        let (rows, total) = try await DirectoryQuery.run(filters, scope: .of(user, map: map), map: map, on: req.db)
        let entities = try await entityIDs(of: rows.compactMap(\.id), on: req.db)
        return ListDTO(items: rows.map { dto($0, map: map, entities: entities[$0.id!] ?? []) },
                       total: total, page: filters.page, per_page: filters.perPage)
    }

    static func structure(_ req: Request) async throws -> StructureDetailDTO {
        guard let id = req.parameters.get("structureID", as: UUID.self), let s = try await Structure.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "Structure introuvable.")
        }
        _ = try await Policy.require(view: s, req)
        let map = try await req.networkMap()
        let entities = try await entityIDs(of: [id], on: req.db)
        let periods = try await Membership.query(on: req.db).filter(\.$structure.$id == id).sort(\.$joinedOn).all()
        let b = dto(s, map: map, entities: entities[id] ?? [])
        return StructureDetailDTO(
            id: b.id, siret: b.siret, name: b.name, types: b.types, address: b.address, postal_code: b.postal_code,
            commune: b.commune, department: b.department, delegation: b.delegation, website: b.website, status: b.status,
            joined_on: b.joined_on, left_on: b.left_on, ges_parent_id: b.ges_parent_id, entity_ids: b.entity_ids,
            memberships: periods.map { MembershipDTO(id: $0.id!, status: $0.status, joined_on: $0.joinedOn, left_on: $0.leftOn, leave_reason: $0.leaveReason) })
    }

    static func delegations(_ req: Request) async throws -> DelegationListDTO {
        DelegationListDTO(items: try await delegationDTOs(req))
    }

    static func delegation(_ req: Request) async throws -> DelegationDTO {
        let code = req.parameters.get("code") ?? ""
        guard let d = try await delegationDTOs(req).first(where: { $0.code == code }) else {
            throw Abort(.notFound, reason: "Délégation inconnue.")
        }
        return d
    }

    private static func delegationDTOs(_ req: Request) async throws -> [DelegationDTO] {
        let map = try await req.networkMap()
        var counts: [String: Int] = [:]
        for m in try await NetworkCounts.members(on: req.db) {
            if let d = map.delegation(ofDepartment: m.department) { counts[d.code, default: 0] += 1 }
        }
        return map.delegations.map { DelegationDTO(code: $0.code, name: $0.name, departments: $0.departments, active_members: counts[$0.code] ?? 0) }
    }

    private static func entityIDs(of ids: [UUID], on db: any Database) async throws -> [UUID: [UUID]] {
        guard !ids.isEmpty else { return [:] }
        let children = try await Structure.query(on: db).filter(\.$gesParent.$id ~~ ids).field(\.$id).field(\.$gesParent.$id).all()
        var out: [UUID: [UUID]] = [:]
        for c in children { if let p = c.$gesParent.id, let id = c.id { out[p, default: []].append(id) } }
        return out
    }

    private static func dto(_ s: Structure, map: NetworkMap, entities: [UUID]) -> StructureDTO {
        let status = DirectoryStatus(rawValue: s.status) ?? .none
        return StructureDTO(
            id: s.id!, siret: s.siret, name: s.name, types: s.types.map(\.rawValue), address: s.address, postal_code: s.postalCode,
            commune: s.commune, department: s.departmentCode, delegation: map.delegation(ofDepartment: s.departmentCode)?.code,
            website: s.website, status: status == .none ? DirectoryStatus.former.rawValue : status.rawValue,
            joined_on: s.joinedOn, left_on: s.leftOn, ges_parent_id: s.$gesParent.id, entity_ids: entities.sorted { $0.uuidString < $1.uuidString })
    }

    /// The OpenAPI document, read once and served as is.
    static func openAPI(_ req: Request) async throws -> Response {
        let path = req.application.config.rootDirectory + "Resources/openapi.json"
        let data = try await req.fileio.collectFile(at: path)
        let res = Response(status: .ok, body: .init(buffer: data))
        res.headers.contentType = .json
        return res
    }
}
