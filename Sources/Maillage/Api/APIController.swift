import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/api/v1`: structures and delegations, scoped to the token owner's rights.
/// The contract is `Resources/openapi.json`; keep both in step.
enum APIController {
    /// Every key is always present, `null` when empty (the contract says so; synthesized
    /// encoding would leave empty optionals out).
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

        enum CodingKeys: String, CodingKey {
            case id, siret, name, types, address, postal_code, commune, department, delegation, website, status
            case joined_on, left_on, ges_parent_id, entity_ids
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(siret, forKey: .siret)
            try c.encode(name, forKey: .name)
            try c.encode(types, forKey: .types)
            try c.encode(address, forKey: .address)
            try c.encode(postal_code, forKey: .postal_code)
            try c.encode(commune, forKey: .commune)
            try c.encode(department, forKey: .department)
            try c.encode(delegation, forKey: .delegation)
            try c.encode(website, forKey: .website)
            try c.encode(status, forKey: .status)
            try c.encode(joined_on, forKey: .joined_on)
            try c.encode(left_on, forKey: .left_on)
            try c.encode(ges_parent_id, forKey: .ges_parent_id)
            try c.encode(entity_ids, forKey: .entity_ids)
        }
    }
    struct MembershipDTO: Content, Sendable {
        let id: UUID
        let status: String
        let joined_on: String
        let left_on: String?
        let leave_reason: String?

        enum CodingKeys: String, CodingKey { case id, status, joined_on, left_on, leave_reason }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(status, forKey: .status)
            try c.encode(joined_on, forKey: .joined_on)
            try c.encode(left_on, forKey: .left_on)
            try c.encode(leave_reason, forKey: .leave_reason)
        }
    }
    /// A structure with its membership periods: the same keys plus `memberships`.
    struct StructureDetailDTO: Content, Sendable {
        let structure: StructureDTO
        let memberships: [MembershipDTO]

        enum CodingKeys: String, CodingKey { case memberships }

        init(structure: StructureDTO, memberships: [MembershipDTO]) {
            self.structure = structure
            self.memberships = memberships
        }

        init(from decoder: any Decoder) throws {
            structure = try StructureDTO(from: decoder)
            memberships = try decoder.container(keyedBy: CodingKeys.self).decode([MembershipDTO].self, forKey: .memberships)
        }

        func encode(to encoder: any Encoder) throws {
            try structure.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(memberships, forKey: .memberships)
        }
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
        // The raw query items: an empty value must stay visible to be refused.
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        let raw = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        let (filters, invalid) = DirectoryFilters.parse(raw, map: map, strict: true)
        guard invalid.isEmpty else {
            throw Abort(.badRequest, reason: "\(invalid.count == 1 ? "Paramètre invalide" : "Paramètres invalides") : \(invalid.joined(separator: ", ")).")
        }
        let (rows, total) = try await DirectoryQuery.run(filters, scope: .of(user, map: map), map: map, on: req)
        let entities = try await entityIDs(of: rows.map(\.id), on: req.db)
        return ListDTO(items: rows.map { dto($0, map: map, entities: entities[$0.id] ?? []) },
                       total: total, page: filters.page, per_page: filters.perPage)
    }

    static func structure(_ req: Request) async throws -> StructureDetailDTO {
        guard let id = req.parameters.get("structureID", as: UUID.self), let s = try await Structure.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "Structure introuvable.")
        }
        try await req.authorize(s)
        let map = try await req.networkMap()
        let entities = try await entityIDs(of: [id], on: req.db)
        let periods = try await Membership.query(on: req.db).filter(\.$structure.$id == id).sort(\.$joinedOn).all()
        return StructureDetailDTO(
            structure: dto(DirectoryRow(s), map: map, entities: entities[id] ?? []),
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
            if let d = map.delegation(ofDepartment: m.department) { counts[d.code, default: 0] += m.count }
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

    private static func dto(_ s: DirectoryRow, map: NetworkMap, entities: [UUID]) -> StructureDTO {
        let status = DirectoryStatus(rawValue: s.status) ?? .none
        return StructureDTO(
            id: s.id, siret: s.siret, name: s.name, types: s.structureTypes.map(\.rawValue), address: s.address, postal_code: s.postal_code,
            commune: s.commune, department: s.department_code, delegation: map.delegation(ofDepartment: s.department_code)?.code,
            website: s.website, status: status == .none ? DirectoryStatus.former.rawValue : status.rawValue,
            joined_on: s.joined_on, left_on: s.left_on, ges_parent_id: s.ges_parent_id, entity_ids: entities.sorted { $0.uuidString < $1.uuidString })
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
