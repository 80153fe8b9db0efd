import Fluent
import SQLKit

/// The delegations' support of their members (issue #14): the programmes as data, each member's
/// support, and the intervention days logged by kind.
struct CreateSupport: AsyncMigration {
    var name: String { "021_CreateSupport" }

    func prepare(on db: any Database) async throws {
        try await db.schema("support_programmes")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("active", .bool, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema("member_supports")
            .id()
            .field("structure_id", .uuid, .required, .references("structures", "id"))
            .field("programme_id", .uuid, .required, .references("support_programmes", "id"))
            .field("delegation_id", .uuid, .required, .references("delegations", "id"))
            .field("delegate_id", .uuid, .references("users", "id"))
            .field("delegate_name", .string, .required)
            .field("started_on", .string, .required)
            .field("ended_on", .string)
            .field("status", .string, .required)
            .field("outcome", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("intervention_days")
            .id()
            .field("delegation_id", .uuid, .required, .references("delegations", "id"))
            .field("on_day", .string, .required)
            .field("kind", .string, .required)
            .field("half_days", .int, .required)
            .field("structure_id", .uuid, .references("structures", "id"))
            .field("support_id", .uuid, .references("member_supports", "id"))
            .field("note", .string, .required)
            .field("recorded_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime)
            .create()

        for programme in Self.programmes { try await programme.create(on: db) }

        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX member_supports_structure ON member_supports (structure_id)").run()
        try await sql.raw("CREATE INDEX member_supports_delegation ON member_supports (delegation_id, started_on)").run()
        try await sql.raw("CREATE INDEX intervention_days_delegation ON intervention_days (delegation_id, on_day)").run()
    }

    /// The programmes the delegations run today; admins add and retire others.
    static var programmes: [SupportProgramme] {
        [
            SupportProgramme(code: "COODIAG", name: "COODIAG", description: "Diagnostic partagé de la structure et de son projet, avec un plan de consolidation.", position: 1),
            SupportProgramme(code: "CAP", name: "Accompagnement CAP RSE", description: "Accompagnement à l'auto-diagnostic CAP et à la démarche RSE jusqu'au label.", position: 2),
            SupportProgramme(code: "CEDRE-ISO", name: "Accompagnement CEDRE ISO", description: "Préparation à la certification CEDRE ISO 9001 : audits blancs, revue documentaire, audits croisés.", position: 3),
            SupportProgramme(code: "POEC", name: "POEC", description: "Préparation opérationnelle à l'emploi collective montée avec les structures et l'opérateur de compétences.", position: 4),
            SupportProgramme(code: "OPEN-BADGES", name: "Open Badges", description: "Reconnaissance des compétences des salariés en parcours par des badges numériques.", position: 5),
            SupportProgramme(code: "DIAG-FIN", name: "Diagnostic financier", description: "Analyse des comptes, du modèle économique et de la trésorerie, avec des pistes d'action.", position: 6),
        ]
    }

    func revert(on db: any Database) async throws {
        for table in ["intervention_days", "member_supports", "support_programmes"] {
            try await db.schema(table).delete()
        }
    }
}
