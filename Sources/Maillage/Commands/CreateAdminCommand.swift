import Fluent
import Vapor

/// `maillage create-admin --email E --name N [--password P]`: the first national admin.
/// Without a password, an invitation link is written to the outbox and printed.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Adresse e-mail de connexion") var email: String?
        @Option(name: "name", help: "Nom affiché") var name: String?
        @Option(name: "password", help: "Mot de passe (10 caractères au moins); sinon une invitation est créée") var password: String?
    }
    var help: String { "Crée un compte d'administration nationale." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let email = (signature.email ?? "").lowercased()
        guard UsersController.isEmail(email) else { throw Abort(.badRequest, reason: "--email invalide") }
        let name = signature.name ?? "Administration nationale"
        if let pw = signature.password, pw.count < PasswordResetController.minimumPasswordLength {
            throw Abort(.badRequest, reason: "Le mot de passe doit compter au moins \(PasswordResetController.minimumPasswordLength) caractères.")
        }
        let hash = try signature.password.map { try app.password.hash($0) }
        let existing = try await User.query(on: app.db).filter(\.$email == email).first()
        let user = existing ?? User(email: email, displayName: name, passwordHash: hash)
        try await app.db.transaction { tx in
            if existing == nil { try await user.create(on: tx) } else if let hash { user.passwordHash = hash; try await user.save(on: tx) }
            let has = try await RoleGrant.query(on: tx).filter(\.$user.$id == user.requireID()).filter(\.$role == Role.nationalAdmin.rawValue).count() > 0
            if !has { try await RoleGrant(userID: try user.requireID(), role: .nationalAdmin).create(on: tx) }
            try await Audit.record(.create, user, summary: "Administrateur créé en ligne de commande : \(email)", actor: nil, on: tx)
            if hash == nil { try await PasswordResetController.sendLink(to: user, purpose: .invitation, on: tx, baseURL: app.config.baseURL, outbox: app.services.outbox) }
        }
        context.console.print("Compte d'administration nationale prêt : \(email)")
        if hash == nil {
            let last = try await OutboxMessage.query(on: app.db).filter(\.$recipient == email).sort(\.$createdAt, .descending).first()
            context.console.print(last?.body ?? "")
        }
    }
}
