import Vapor

/// The legal desk's routes of the one route table (`LegalURL`), each bound to its handler.
func registerLegalRoutes(_ app: Application) {
    // Questions: the list (queue), asking, one question and its files.
    app.register(.legal(.home), use: LegalHomeController.index)
    app.register(.legal(.newQuestion), use: QuestionController.new)
    app.register(.legal(.createQuestion), use: QuestionController.create)
    app.register(.legal(.question(.key)), use: QuestionController.show)
    app.register(.legal(.attachment(.key, .key)), use: QuestionController.attachment)
    // Steps of a question.
    app.register(.legal(.postMessage(.key)), use: QuestionController.postMessage)
    app.register(.legal(.reopen(.key)), use: QuestionController.reopen)
    app.register(.legal(.share(.key)), use: QuestionController.share)
    app.register(.legal(.take(.key)), use: QuestionController.take)
    app.register(.legal(.assign(.key)), use: QuestionController.assign)
    app.register(.legal(.requestInfo(.key)), use: QuestionController.requestInfo)
    app.register(.legal(.answer(.key)), use: QuestionController.answer)
    app.register(.legal(.internalNote(.key)), use: QuestionController.internalNote)
    app.register(.legal(.close(.key)), use: QuestionController.close)
    // Notes and search.
    app.register(.legal(.noteFromQuestion(.key)), use: LegalNoteController.fromQuestion)
    app.register(.legal(.createNoteFromQuestion(.key)), use: LegalNoteController.createFromQuestion)
    app.register(.legal(.notes), use: LegalNoteController.index)
    app.register(.legal(.newNote), use: LegalNoteController.new)
    app.register(.legal(.createNote), use: LegalNoteController.create)
    app.register(.legal(.note(.key)), use: LegalNoteController.show)
    app.register(.legal(.editNote(.key)), use: LegalNoteController.edit)
    app.register(.legal(.updateNote(.key)), use: LegalNoteController.update)
    app.register(.legal(.noteStep(.key, .key)), use: LegalNoteController.step)
    app.register(.legal(.suggestions), use: LegalSearchController.suggestions)
    app.register(.legal(.search), use: LegalSearchController.search)
    // Settings, statistics, API.
    app.register(.legal(.settings), use: LegalSettingsController.show)
    app.register(.legal(.saveSettings), use: LegalSettingsController.save)
    app.register(.legal(.statistics), use: LegalStatisticsController.show)
    app.register(.legal(.statisticsFile(.key, .key)), use: LegalStatisticsController.file)
    app.register(.legal(.apiQuestions), use: LegalAPI.questions)
}
