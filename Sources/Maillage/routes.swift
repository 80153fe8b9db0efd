import Vapor

/// The whole URL map. Every route names its authorization rule (see `Policy`); the route ×
/// role test in `Tests/MaillageTests/App/RouteRoleMatrixTests.swift` lists each one.
func routes(_ app: Application) throws {
    // Public: health check, sign-in, password links, the public directory.
    app.get("health") { _ in "ok" }.rule(.everyone)
    app.get("annuaire", use: DirectoryController.publicIndex).rule(.everyone)
    app.get("connexion", use: LoginController.show).rule(.everyone)
    app.post("connexion", use: LoginController.submit).rule(.everyone)
    app.get("mot-de-passe-oublie", use: PasswordResetController.showForgot).rule(.everyone)
    app.post("mot-de-passe-oublie", use: PasswordResetController.submitForgot).rule(.everyone)
    app.get("lien", ":token", use: PasswordResetController.showLink).rule(.everyone)
    app.post("lien", ":token", use: PasswordResetController.submitLink).rule(.everyone)

    // Signed in: home, own account, sign-out.
    app.get(use: HomeController.index).rule(.signedIn)
    app.post("deconnexion", use: LoginController.logout).rule(.signedIn)
    app.post("deconnexion-partout", use: LoginController.logoutEverywhere).rule(.signedIn)
    app.get("compte", use: AccountController.show).rule(.signedIn)
    app.post("compte", "mot-de-passe", use: AccountController.changePassword).rule(.signedIn)
    app.post("compte", "jetons", use: AccountController.createToken).rule(.signedIn)
    app.post("compte", "jetons", ":tokenID", "revoquer", use: AccountController.revokeToken).rule(.signedIn)

    // The member register.
    let members = app.grouped("adherents")
    members.get(use: DirectoryController.index).rule(.readRegister)
    members.get("nouveau", use: StructureController.new).rule(.manageRegister)
    members.post(use: StructureController.create).rule(.manageRegister)
    members.get(":structureID", use: StructureController.show).rule(.readRegister)
    members.get(":structureID", "modifier", use: StructureController.edit).rule(.manageRegister)
    members.post(":structureID", "modifier", use: StructureController.update).rule(.manageRegister)
    members.get(":structureID", "adhesions", "nouvelle", use: MembershipController.new).rule(.manageRegister)
    members.post(":structureID", "adhesions", "nouvelle", use: MembershipController.create).rule(.manageRegister)
    members.get(":structureID", "adhesions", ":membershipID", "modifier", use: MembershipController.edit).rule(.manageRegister)
    members.post(":structureID", "adhesions", ":membershipID", "modifier", use: MembershipController.update).rule(.manageRegister)
    members.get(":structureID", "adhesions", ":membershipID", "cloturer", use: MembershipController.confirmClose).rule(.manageRegister)
    members.post(":structureID", "adhesions", ":membershipID", "cloturer", use: MembershipController.close).rule(.manageRegister)
    app.get("delegations", use: DelegationsController.index).rule(.readRegister)
    app.get("export", "adherents.csv", use: ImportExportController.exportCSV).rule(.manageRegister)
    app.get("export", "adherents.xlsx", use: ImportExportController.exportXLSX).rule(.manageRegister)
    app.get("import", "adherents", use: ImportExportController.show).rule(.administer)
    app.on(.POST, "import", "adherents", body: .collect(maxSize: ImportExportController.maxUpload),
           use: ImportExportController.upload).rule(.administer)
    app.post("import", "adherents", ":batchID", "appliquer", use: ImportExportController.apply).rule(.administer)

    // National administration.
    let admin = app.grouped("admin")
    admin.get("utilisateurs", use: UsersController.index).rule(.administer)
    admin.get("utilisateurs", "nouveau", use: UsersController.new).rule(.administer)
    admin.post("utilisateurs", "nouveau", use: UsersController.create).rule(.administer)
    admin.get("utilisateurs", ":userID", use: UserRolesController.show).rule(.administer)
    admin.post("utilisateurs", ":userID", "roles", use: UserRolesController.addGrant).rule(.administer)
    admin.post("utilisateurs", ":userID", "roles", ":grantID", "supprimer", use: UserRolesController.revokeGrant).rule(.administer)
    admin.post("utilisateurs", ":userID", "statut", use: UserRolesController.toggleActive).rule(.administer)
    admin.get("journal", use: JournalController.auditLog).rule(.administer)
    admin.get("courriels", use: JournalController.outbox).rule(.administer)

    // The Observatory: campaigns, answers and their validation, imports, reports, benchmark.
    let obs = app.grouped("observatoire")
    obs.get(use: CampaignController.index).rule(.readFigures)
    obs.get("campagnes", "nouvelle", use: CampaignController.new).rule(.administer)
    obs.post("campagnes", use: CampaignController.create).rule(.administer)
    obs.get(":year", use: FollowUpController.show).rule(.followSurvey)
    obs.post(":year", "parametres", use: CampaignController.updateSettings).rule(.administer)
    obs.get(":year", "cloturer", use: CampaignController.confirmClose).rule(.administer)
    obs.post(":year", "cloturer", use: CampaignController.close).rule(.administer)
    obs.post(":year", "relances", use: FollowUpController.remind).rule(.followSurvey)
    obs.get(":year", "validation", use: FollowUpController.queue).rule(.followSurvey)
    obs.get(":year", "reponses", ":structureID", ":type", use: AnswerController.show).rule(.answerSurvey)
    obs.post(":year", "reponses", ":structureID", ":type", use: AnswerController.save).rule(.answerSurvey)
    obs.post(":year", "reponses", ":structureID", ":type", "valider", use: AnswerController.validate).rule(.followSurvey)
    obs.post(":year", "reponses", ":structureID", ":type", "renvoyer", use: AnswerController.sendBack).rule(.followSurvey)
    obs.post(":year", "reponses", ":structureID", ":type", "rouvrir", use: AnswerController.reopen).rule(.administer)
    obs.get(":year", "import", use: AnswerImportController.show).rule(.administer)
    obs.on(.POST, ":year", "import", body: .collect(maxSize: AnswerImportController.maxUpload),
           use: AnswerImportController.upload).rule(.administer)
    obs.post(":year", "import", ":batchID", "appliquer", use: AnswerImportController.apply).rule(.administer)
    obs.get(":year", "export", ":file", use: AnswerImportController.export).rule(.followSurvey)
    obs.get(":year", "rapport", use: ReportController.national).rule(.readFigures)
    obs.get(":year", "rapport", ":code", use: ReportController.delegation).rule(.readFigures)
    obs.get(":year", "portrait", ":type", use: ReportController.portrait).rule(.readFigures)
    obs.get(":year", "tableaux", ":scope", ":file", use: ReportController.table).rule(.readFigures)
    obs.get(":year", "chiffres.json", use: ReportController.figuresJSON).rule(.readFigures)
    obs.get(":year", "positionnement", ":structureID", use: BenchmarkController.show).rule(.answerSurvey)

    // JSON API (bearer tokens; CSRF does not apply).
    app.get("api", "openapi.json", use: APIController.openAPI).rule(.everyone)
    let api = app.grouped("api", "v1")
    api.get("structures", use: APIController.structures).rule(.readRegister)
    api.get("structures", ":structureID", use: APIController.structure).rule(.readRegister)
    api.get("delegations", use: APIController.delegations).rule(.readRegister)
    api.get("delegations", ":code", use: APIController.delegation).rule(.readRegister)
    api.get("observatoire", ":year", "chiffres", use: ReportController.figuresAPI).rule(.readFigures)
}
