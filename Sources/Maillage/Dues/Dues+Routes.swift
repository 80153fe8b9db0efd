import Vapor

/// The dues routes of the one route table (`DuesURL`), each bound to its handler.
func registerDuesRoutes(_ app: Application) {
    // Settings and grids.
    app.register(.dues(.settings), use: DuesSettingsController.show)
    app.register(.dues(.saveSettings), use: DuesSettingsController.save)
    app.register(.dues(.grids), use: DuesGridController.index)
    app.register(.dues(.newGrid), use: DuesGridController.new)
    app.register(.dues(.createGrid), use: DuesGridController.create)
    app.register(.dues(.grid(.key)), use: DuesGridController.show)
    app.register(.dues(.editGrid(.key)), use: DuesGridController.edit)
    app.register(.dues(.updateGrid(.key)), use: DuesGridController.update)
    // Bases.
    app.register(.dues(.bases(.key)), use: DuesBaseController.index)
    app.register(.dues(.base(.key, .key)), use: DuesBaseController.show)
    app.register(.dues(.saveBase(.key, .key)), use: DuesBaseController.save)
    // Calls and credit notes.
    app.register(.dues(.calls(.key)), use: DuesCallController.calls)
    app.register(.dues(.generate(.key)), use: DuesGenerationController.show)
    app.register(.dues(.submitGenerate(.key)), use: DuesGenerationController.submit)
    app.register(.dues(.call(.key)), use: DuesCallController.call)
    app.register(.dues(.printCall(.key)), use: DuesCallController.printCall)
    app.register(.dues(.callPDF(.key)), use: DuesCallController.callPDF)
    app.register(.dues(.creditNote(.key)), use: DuesCreditNoteController.show)
    app.register(.dues(.submitCreditNote(.key)), use: DuesCreditNoteController.submit)
    // Payments, mandates, direct debits, statements.
    app.register(.dues(.recordPayment(.key)), use: DuesPaymentController.recordPayment)
    app.register(.dues(.returnDebit(.key, .key)), use: DuesPaymentController.returnDebit)
    app.register(.dues(.mandates), use: DuesMandateController.mandates)
    app.register(.dues(.mandate(.key)), use: DuesMandateController.mandate)
    app.register(.dues(.saveMandate(.key)), use: DuesMandateController.saveMandate)
    app.register(.dues(.directDebits), use: DuesDirectDebitController.directDebits)
    app.register(.dues(.submitDirectDebits), use: DuesDirectDebitController.submitDirectDebits)
    app.register(.dues(.debitRunFile(.key)), use: DuesDirectDebitController.debitRunFile)
    app.register(.dues(.statements), use: DuesStatementController.statements)
    app.register(.dues(.uploadStatement), use: DuesStatementController.uploadStatement)
    app.register(.dues(.statement(.key)), use: DuesStatementController.statement)
    app.register(.dues(.applyStatement(.key)), use: DuesStatementController.applyStatement)
    // Follow-up: dashboard, reminders, exports, API.
    app.register(.dues(.home), use: DuesHomeController.index)
    app.register(.dues(.dashboard(.key)), use: DuesDashboardController.show)
    app.register(.dues(.reminderPreview(.key)), use: DuesReminderController.preview)
    app.register(.dues(.sendReminders(.key)), use: DuesReminderController.send)
    app.register(.dues(.export(.key, .key)), use: DuesExportController.export)
    app.register(.dues(.apiCalls(.key)), use: DuesAPI.calls)
}
