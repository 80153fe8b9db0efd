import Vapor

/// The dues capability's jobs, registered in `configure`. Helpers add their registrations here.
enum DuesJobs {
    static func register(on app: Application) {
        DuesReminders.register(on: app)   // dues.reminders, daily at 08:00 Paris
    }
}
