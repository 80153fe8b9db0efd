import Vapor

func registerCommands(_ app: Application) {
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(ImportMembersCommand(), as: "import-members")
    app.asyncCommands.use(ExportMembersCommand(), as: "export-members")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(CopyDatabaseCommand(), as: "copy-database")
    app.asyncCommands.use(ObservatoryCommands(), as: "observatory")
    app.asyncCommands.use(RouteTableCommand(), as: "route-table")
    app.asyncCommands.use(JobsCommands(), as: "jobs")
    app.asyncCommands.use(MailCommands(), as: "mail")
    app.asyncCommands.use(DuesCommands(), as: "dues")
    app.asyncCommands.use(LegalCommands(), as: "legal")
}
