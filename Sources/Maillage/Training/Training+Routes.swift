import Vapor

/// The training body's routes of the one route table (`TrainingURL`), each bound to its handler.
func registerTrainingRoutes(_ app: Application) {
    // Catalogue: courses and packs.
    app.register(.training(.catalogue), use: CatalogueController.index)
    app.register(.training(.newCourse), use: CourseController.new)
    app.register(.training(.createCourse), use: CourseController.create)
    app.register(.training(.course(.key)), use: CourseController.show)
    app.register(.training(.editCourse(.key)), use: CourseController.edit)
    app.register(.training(.updateCourse(.key)), use: CourseController.update)
    app.register(.training(.newPack), use: PackController.new)
    app.register(.training(.createPack), use: PackController.create)
    app.register(.training(.pack(.key)), use: PackController.show)
    app.register(.training(.editPack(.key)), use: PackController.edit)
    app.register(.training(.updatePack(.key)), use: PackController.update)
    // Sessions and their steps.
    app.register(.training(.sessions), use: SessionController.index)
    app.register(.training(.newSession), use: SessionController.new)
    app.register(.training(.createSession), use: SessionController.create)
    app.register(.training(.session(.key)), use: SessionController.show)
    app.register(.training(.editSession(.key)), use: SessionController.edit)
    app.register(.training(.updateSession(.key)), use: SessionController.update)
    app.register(.training(.confirmSessionStep(.key, .key)), use: SessionController.confirmStep)
    app.register(.training(.sessionStep(.key, .key)), use: SessionController.step)
    // Registrations.
    app.register(.training(.register(.key)), use: RegistrationController.new)
    app.register(.training(.createRegistration(.key)), use: RegistrationController.create)
    app.register(.training(.registrations), use: RegistrationController.index)
    app.register(.training(.registration(.key)), use: RegistrationController.show)
    app.register(.training(.convocation(.key)), use: RegistrationController.convocation)
    app.register(.training(.confirmCancelRegistration(.key)), use: RegistrationController.confirmCancel)
    app.register(.training(.cancelRegistration(.key)), use: RegistrationController.cancel)
    // Attendance, certificates, satisfaction.
    app.register(.training(.attendance(.key)), use: AttendanceController.show)
    app.register(.training(.saveAttendance(.key)), use: AttendanceController.save)
    app.register(.training(.attendanceSheet(.key)), use: AttendanceController.sheet)
    app.register(.training(.attendanceSheetPDF(.key)), use: AttendanceController.sheetPDF)
    app.register(.training(.certificate(.key)), use: CertificateController.show)
    app.register(.training(.certificatePDF(.key)), use: CertificateController.pdf)
    app.register(.training(.survey(.key)), use: SatisfactionController.show)
    app.register(.training(.submitSurvey(.key)), use: SatisfactionController.submit)
    // Figures.
    app.register(.training(.figures), use: TrainingFiguresController.show)
    app.register(.training(.figuresFile(.key, .key)), use: TrainingFiguresController.file)
}
