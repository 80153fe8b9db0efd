import Vapor

/// `maillage route-table`: every registered route with its rule, one per line
/// (`GET /adherents/:structureID seeStructure`). The security suite reads it to check each
/// route's rule against its own table.
struct RouteTableCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Prints every route with the rule that guards it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        for route in context.application.routes.all {
            let path = "/" + route.path.map(\.description).joined(separator: "/")
            context.console.print("\(route.method.rawValue) \(path) \(route.policyRule?.name ?? "-")")
        }
    }
}
