import Foundation

/// Who may use the training body. The public sees the public catalogue and the inter sessions;
/// member managers register their staff and follow their own registrations only; trainers run the
/// sessions they are trainers of (attendance, certificates, steps); the training admin (a national
/// admin, or a trainer holding the training-admin grant) manages the catalogue and every session.
extension Rule {
    /// The catalogue, packs and sessions: courses and packs a training admin writes and schedules.
    static let manageCatalogue = Rule("manageCatalogue", who: .roles([.nationalAdmin, .trainingAdmin]))

    /// Running sessions: the sessions list, editing a session, its steps and its attendance. A
    /// trainer only on the sessions they are a trainer of (`TrainingAccess.runnableSession`).
    static let runSessions = Rule("runSessions", who: .roles([.nationalAdmin, .trainingAdmin, .trainer]))

    /// Registering staff to a session, for a structure one manages.
    static let registerTrainees = Rule("registerTrainees", who: .roles([.memberManager])) { _, relation in
        relation.contains(.own)
    }

    /// The registrations list: a member manager their structures', a trainer their sessions',
    /// training admins every one.
    static let followRegistrations = Rule("followRegistrations", who: .roles([.memberManager, .nationalAdmin, .trainingAdmin, .trainer]))

    /// One registration (its convocation, its certificate): its structure's managers, the trainers
    /// of its session, training admins; another structure's registration is out of sight (404).
    static let seeRegistration = Rule("seeRegistration", who: .roles([.memberManager, .nationalAdmin, .trainingAdmin, .trainer])) { user, relation in
        TrainingAccess.isTrainingAdmin(user) || user.has(.trainer) || relation.contains(.own)
    }

    /// Cancelling a registration: its structure's managers (before the session's cancellation
    /// deadline), training admins at any time.
    static let cancelRegistration = Rule("cancelRegistration", who: .roles([.memberManager, .nationalAdmin, .trainingAdmin])) { user, relation in
        TrainingAccess.isTrainingAdmin(user) || relation.contains(.own)
    }

    /// The training body's figures and its yearly declaration (no trainee's name in them).
    static let trainingFigures = Rule("trainingFigures", who: .roles([.nationalAdmin, .trainingAdmin, .trainer]))
}
