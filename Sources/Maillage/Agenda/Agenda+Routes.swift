import Vapor

/// The agenda's routes of the one route table (`AgendaURL`), each bound to its handler.
func registerAgendaRoutes(_ app: Application) {
    app.register(.agenda(.home), use: AgendaController.index)
    app.register(.agenda(.newEvent), use: AgendaEventController.new)
    app.register(.agenda(.createEvent), use: AgendaEventController.create)
    app.register(.agenda(.event(.key)), use: AgendaEventController.show)
    app.register(.agenda(.eventICS(.key)), use: AgendaEventController.ics)
    app.register(.agenda(.editEvent(.key)), use: AgendaEventController.edit)
    app.register(.agenda(.updateEvent(.key)), use: AgendaEventController.update)
    app.register(.agenda(.confirmCancelEvent(.key)), use: AgendaEventController.confirmCancel)
    app.register(.agenda(.cancelEvent(.key)), use: AgendaEventController.cancel)
    app.register(.agenda(.register(.key)), use: AgendaRegistrationController.new)
    app.register(.agenda(.createRegistration(.key)), use: AgendaRegistrationController.create)
    app.register(.agenda(.registrants(.key)), use: AgendaRegistrationController.registrants)
    app.register(.agenda(.cancelRegistration(.key)), use: AgendaRegistrationController.cancel)
    // Feeds.
    app.register(.agenda(.feeds), use: AgendaFeedController.feeds)
    app.register(.agenda(.resetFeedToken), use: AgendaFeedController.reset)
    app.register(.agenda(.networkFeed), use: AgendaFeedController.network)
    app.register(.agenda(.delegationFeed(.key)), use: AgendaFeedController.delegation)
    app.register(.agenda(.kindFeed(.key)), use: AgendaFeedController.kind)
    app.register(.agenda(.personalFeed(.key)), use: AgendaFeedController.personal)
}
