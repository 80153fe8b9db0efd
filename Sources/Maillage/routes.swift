import Vapor

/// The whole URL map: each line binds one route of the table (`SiteURL`: method, path,
/// rule, upload limit) to its handler. The route × role tests list each one.
func routes(_ app: Application) throws {
    // Public: health check, sign-in, password links, the public directory.
    app.register(.health) { _ in "ok" }
    app.register(.ready, use: ReadinessController.ready)
    app.register(.metrics, use: MetricsController.scrape)
    app.register(.publicDirectory, use: DirectoryController.publicIndex)
    app.register(.login, use: LoginController.show)
    app.register(.submitLogin, use: LoginController.submit)
    app.register(.forgotPassword, use: PasswordResetController.showForgot)
    app.register(.sendResetLink, use: PasswordResetController.submitForgot)
    app.register(.tokenLink(.key), use: PasswordResetController.showLink)
    app.register(.setPassword(.key), use: PasswordResetController.submitLink)

    // Signed in: home, own account, sign-out.
    app.register(.home, use: HomeController.index)
    app.register(.logout, use: LoginController.logout)
    app.register(.logoutEverywhere, use: LoginController.logoutEverywhere)
    app.register(.account, use: AccountController.show)
    app.register(.accountPassword, use: AccountController.changePassword)
    app.register(.accountTokens, use: AccountController.createToken)
    app.register(.revokeToken(.key), use: AccountController.revokeToken)

    // The member register.
    app.register(.directory, use: DirectoryController.index)
    app.register(.newStructure, use: StructureController.new)
    app.register(.createStructure, use: StructureController.create)
    app.register(.structure(.key), use: StructureController.show)
    app.register(.editStructure(.key), use: StructureController.edit)
    app.register(.updateStructure(.key), use: StructureController.update)
    app.register(.newMembership(.key), use: MembershipController.new)
    app.register(.createMembership(.key), use: MembershipController.create)
    app.register(.editMembership(.key, .key), use: MembershipController.edit)
    app.register(.updateMembership(.key, .key), use: MembershipController.update)
    app.register(.closeMembership(.key, .key), use: MembershipController.confirmClose)
    app.register(.submitCloseMembership(.key, .key), use: MembershipController.close)
    app.register(.delegations, use: DelegationsController.index)
    app.register(.exportMembersCSV, use: ImportExportController.exportCSV)
    app.register(.exportMembersXLSX, use: ImportExportController.exportXLSX)
    app.register(.prepareMembersCSV, use: ExportController.prepareMembersCSV)
    app.register(.prepareMembersXLSX, use: ExportController.prepareMembersXLSX)
    app.register(.importMembers, use: ImportExportController.show)
    app.register(.uploadMembers, use: ImportExportController.upload)
    app.register(.applyImport(.key), use: ImportExportController.apply)
    app.register(.membersTemplateCSV, use: ImportExportController.templateCSV)
    app.register(.membersTemplateXLSX, use: ImportExportController.templateXLSX)

    // National administration.
    app.register(.users, use: UsersController.index)
    app.register(.newUser, use: UsersController.new)
    app.register(.createUser, use: UsersController.create)
    app.register(.user(.key), use: UserRolesController.show)
    app.register(.userGrants(.key), use: UserRolesController.addGrant)
    app.register(.revokeGrant(.key, .key), use: UserRolesController.revokeGrant)
    app.register(.userStatus(.key), use: UserRolesController.toggleActive)
    app.register(.auditLog, use: JournalController.auditLog)
    app.register(.outbox, use: OutboxController.outbox)
    app.register(.retryOutboxMessage(.key), use: OutboxController.retry)

    // The Observatory: campaigns, answers and their validation, imports, reports, benchmark.
    app.register(.observatory, use: CampaignController.index)
    app.register(.newCampaign, use: CampaignController.new)
    app.register(.createCampaign, use: CampaignController.create)
    app.register(.campaign(.key), use: FollowUpController.show)
    app.register(.campaignSettings(.key), use: CampaignController.updateSettings)
    app.register(.closeCampaign(.key), use: CampaignController.confirmClose)
    app.register(.submitCloseCampaign(.key), use: CampaignController.close)
    app.register(.reopenCampaign(.key), use: CampaignController.confirmReopen)
    app.register(.submitReopenCampaign(.key), use: CampaignController.reopen)
    app.register(.reminderPreview(.key), use: ReminderController.preview)
    app.register(.reminders(.key), use: ReminderController.send)
    app.register(.validationQueue(.key), use: FollowUpController.queue)
    app.register(.answer(.key, .key, .key), use: AnswerController.show)
    app.register(.saveAnswer(.key, .key, .key), use: AnswerController.save)
    app.register(.validateAnswer(.key, .key, .key), use: AnswerController.validate)
    app.register(.returnAnswer(.key, .key, .key), use: AnswerController.sendBack)
    app.register(.reopenAnswer(.key, .key, .key), use: AnswerController.reopen)
    app.register(.answersImport(.key), use: AnswerImportController.show)
    app.register(.uploadAnswers(.key), use: AnswerImportController.upload)
    app.register(.applyAnswersImport(.key, .key), use: AnswerImportController.apply)
    app.register(.answersTemplateCSV(.key), use: AnswerImportController.templateCSV)
    app.register(.answersTemplateXLSX(.key), use: AnswerImportController.templateXLSX)
    app.register(.answersExportFile(.key, .key), use: AnswerImportController.export)
    app.register(.prepareAnswersExport(.key, .key), use: ExportController.prepareAnswers)
    app.register(.report(.key), use: ReportController.national)
    app.register(.delegationReport(.key, .key), use: ReportController.delegation)
    app.register(.portrait(.key, .key), use: ReportController.portrait)
    app.register(.reportTable(.key, .key, .key), use: ReportController.table)
    app.register(.figuresJSON(.key), use: ReportController.figuresJSON)
    app.register(.reportPDF(.key), use: ReportController.nationalPDF)
    app.register(.delegationReportPDF(.key, .key), use: ReportController.delegationPDF)
    app.register(.benchmark(.key, .key), use: BenchmarkController.show)
    app.register(.releases(.key), use: ReleaseController.index)
    app.register(.newRelease(.key), use: ReleaseController.confirm)
    app.register(.publishRelease(.key), use: ReleaseController.publish)
    app.register(.releaseFigures(.key, .key), use: ReleaseController.document)

    // Long exports prepared by a job (`Exports/`): the person's list, one export, its file.
    app.register(.exports, use: ExportController.index)
    app.register(.export(.key), use: ExportController.show)
    app.register(.exportFile(.key), use: ExportController.download)

    // Identity and help: the colours of the settings (checked here, at start), the help pages.
    app.register(.theme, use: try ThemeController.stylesheet(for: app))
    app.register(.help, use: HelpController.index)
    app.register(.helpSection(.key), use: HelpController.section)

    // JSON API (bearer tokens; CSRF does not apply).
    app.register(.openAPI, use: APIController.openAPI)
    app.register(.apiStructures, use: APIController.structures)
    app.register(.apiStructure(.key), use: APIController.structure)
    app.register(.apiDelegations, use: APIController.delegations)
    app.register(.apiDelegation(.key), use: APIController.delegation)
    app.register(.apiFigures(.key), use: ReportController.figuresAPI)

    // Dues (`/cotisations`, `Dues/Dues+Routes.swift`).
    registerDuesRoutes(app)
    registerLegalRoutes(app)
    registerLibraryRoutes(app)
    registerTrainingRoutes(app)
    registerAgendaRoutes(app)
    registerQualityRoutes(app)
    registerSupportRoutes(app)
}

extension RoutesBuilder {
    /// Registers a route of the table: its method and pattern, its upload limit if it takes
    /// files, and the rule that guards it.
    @discardableResult
    func register<R: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        let route = if let limit = url.uploadLimit {
            upload(url.pathComponents, limit: limit, use: handler)
        } else {
            on(url.method, url.pathComponents, use: handler)
        }
        return route.rule(url.rule)
    }
}
