import Vapor

/// The support routes of the one route table (`SupportURL`), each bound to its handler.
func registerSupportRoutes(_ app: Application) {
    app.register(.support(.home), use: SupportController.index)
    app.register(.support(.days), use: InterventionDaysController.index)
    app.register(.support(.createDays), use: InterventionDaysController.create)
    app.register(.support(.figures), use: SupportFiguresController.show)
    app.register(.support(.figuresFile(.key, .key)), use: SupportFiguresController.file)
    app.register(.support(.programmes), use: ProgrammeController.index)
    app.register(.support(.newProgramme), use: ProgrammeController.new)
    app.register(.support(.createProgramme), use: ProgrammeController.create)
    app.register(.support(.editProgramme(.key)), use: ProgrammeController.edit)
    app.register(.support(.updateProgramme(.key)), use: ProgrammeController.update)
    app.register(.support(.structure(.key)), use: SupportController.structure)
    app.register(.support(.newSupport(.key)), use: SupportController.new)
    app.register(.support(.createSupport(.key)), use: SupportController.create)
    app.register(.support(.support(.key, .key)), use: SupportController.show)
    app.register(.support(.editSupport(.key, .key)), use: SupportController.edit)
    app.register(.support(.updateSupport(.key, .key)), use: SupportController.update)
}
