import Fluent
import Foundation
import MaillageCore
import Vapor

/// A realistic synthetic federation: 14 delegations, about 550 structures (about 60 % AI),
/// a few GES with their entities, some structures with two types, some that left,
/// and one account per role. No real person's or structure's name.
enum DemoNetwork {
    static let password = "maillage-demo"

    struct Account: Sendable {
        let email: String
        let name: String
        let role: Role
        let label: String
    }

    static let accounts: [Account] = [
        Account(email: "admin@demo.maillage.test", name: "Alix Administratrice", role: .nationalAdmin, label: "administration nationale"),
        Account(email: "delegue.pdl@demo.maillage.test", name: "Dominique Délégué", role: .regionalDelegate, label: "délégation Pays de la Loire"),
        Account(email: "adherent@demo.maillage.test", name: "Morgan Adhérent", role: .memberManager, label: "responsable d'un GES adhérent"),
        Account(email: "juriste@demo.maillage.test", name: "Jordan Juriste", role: .jurist, label: "juriste"),
        Account(email: "formation@demo.maillage.test", name: "Flavie Formation", role: .trainingAdmin, label: "formation (formatrice et administration du catalogue)"),
        Account(email: "ca@demo.maillage.test", name: "Camille Conseil", role: .boardMember, label: "conseil d'administration"),
        Account(email: "juriste2@demo.maillage.test", name: "Inès Juriste", role: .jurist, label: "juriste (seconde, relectures)"),
        Account(email: "formateur@demo.maillage.test", name: "Félix Formateur", role: .trainer, label: "formateur (ses sessions)"),
    ]

    /// Members per delegation, close to the federation's own figures (PDL 75, Normandie 57, ~550 in all).
    static let weights: [(String, Int)] = [
        ("ARA", 60), ("BFC", 34), ("BRE", 36), ("CVL", 30), ("HDF", 48), ("IDF", 45), ("NOR", 57),
        ("NAQ", 55), ("OCC", 50), ("PDL", 75), ("PAC", 40), ("GUA", 6), ("GUY", 4), ("OIN", 10),
    ]

    static func loadIfEmpty(on app: Application) async throws {
        if try await Structure.query(on: app.db).count() == 0 {
            let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()).hash(password)
            try await load(on: app.db, passwordHash: hash)
            try await DemoDues.storeFiles(app.services.files, on: app.db)
            try await DemoLibrary.storeFiles(app.services.files, on: app.db)
        }
        try await printLogins(app)
    }

    static func load(on db: any Database, passwordHash: String) async throws {
        let map = try await NetworkMap.load(on: db, year: NetworkMap.currentYear())
        var rng = DemoRandom(seed: 2026)
        let plan = DemoStructures.generate(map: map, rng: &rng)
        try await db.transaction { tx in
            for s in plan.structures { try await s.structure.create(on: tx) }
            for s in plan.structures {
                for m in s.memberships { m.$structure.id = try s.structure.requireID(); try await m.create(on: tx) }
                try await MembershipSummary.refresh(s.structure, on: tx)
                try await s.structure.save(on: tx)
            }
            for account in accounts {
                let user = User(email: account.email, displayName: account.name, passwordHash: passwordHash)
                try await user.create(on: tx)
                let uid = try user.requireID()
                switch account.role {
                case .regionalDelegate:
                    try await RoleGrant(userID: uid, role: .regionalDelegate, delegationID: map.delegation(code: "PDL")?.delegationID).create(on: tx)
                case .memberManager:
                    try await RoleGrant(userID: uid, role: .memberManager, structureID: plan.managedGES.structure.id).create(on: tx)
                case .trainingAdmin:
                    // A trainer holding the grant to manage the catalogue.
                    try await RoleGrant(userID: uid, role: .trainer).create(on: tx)
                    try await RoleGrant(userID: uid, role: .trainingAdmin).create(on: tx)
                default:
                    try await RoleGrant(userID: uid, role: account.role).create(on: tx)
                }
            }
            let managed = Set([plan.managedGES.structure] .compactMap(\.id)
                + plan.structures.filter { $0.structure.$gesParent.id == plan.managedGES.structure.id }.compactMap(\.structure.id))
            try await DemoCampaigns.load(on: tx, managed: managed)
            try await DemoDues.load(on: tx, managed: managed, map: map)
            try await DemoLegal.load(on: tx, managed: managed)
            try await DemoLibrary.load(on: tx)
            try await DemoTraining.load(on: tx, managed: managed, map: map)
            try await DemoAgenda.load(on: tx, managed: managed, map: map)
            try await DemoQuality.load(on: tx, managed: managed, map: map)
            try await DemoSupport.load(on: tx, managed: managed, map: map)
            try await Audit.record(.create, "demo", id: "", summary: "Chargement du réseau de démonstration (\(plan.structures.count) structures, campagnes de l'Observatoire \(DemoCampaigns.closedYears.map(String.init).joined(separator: ", ")) et \(DemoCampaigns.openYear))", actor: nil, on: tx)
        }
    }

    static func printLogins(_ app: Application) async throws {
        guard let admin = try await User.query(on: app.db).filter(\.$email == accounts[0].email).first() else { return }
        let secret = SecretToken.generate(prefix: "mlg_")
        try await APIToken(userID: try admin.requireID(), name: "démo (\(FrenchFormat.dateTime(Date())))",
                           tokenHash: SecretToken.hash(secret), prefix: String(secret.prefix(8))).create(on: app.db)
        var lines = ["", "Réseau de démonstration prêt. Comptes (mot de passe : \(password)) :"]
        for a in accounts { lines.append("  \(a.email.padding(toLength: 34, withPad: " ", startingAt: 0)) \(a.label)") }
        lines.append("Jeton d'API (administration nationale) : \(secret)")
        lines.append("")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
