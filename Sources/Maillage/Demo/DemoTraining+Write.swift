import Fluent
import Foundation
import MaillageCore

/// Writes the session plans in batches (one multi-row insert per chunk: the demo loads in about a
/// second instead of several thousand single inserts).
extension DemoTraining {
    static let places: [String: (String, String)] = [
        "ARA": ("Maison de l'économie sociale", "8 rue Paul Bert, 69003 Lyon"),
        "BFC": ("Espace associatif des Tanneries", "2 rue des Tanneries, 21000 Dijon"),
        "BRE": ("Maison des associations", "6 cours des Alliés, 35000 Rennes"),
        "CVL": ("Centre de ressources ESS", "10 rue de la Chanterie, 45000 Orléans"),
        "HDF": ("Maison régionale de l'insertion", "25 rue Nationale, 59000 Lille"),
        "IDF": ("Siège de la fédération", "14 rue de la Solidarité, 75011 Paris"),
        "NOR": ("Maison de l'ESS", "3 quai de la Londe, 14000 Caen"),
        "NAQ": ("Espace des solidarités", "31 rue Sainte-Catherine, 33000 Bordeaux"),
        "OCC": ("Maison de l'économie solidaire", "12 allée Jean-Jaurès, 31000 Toulouse"),
        "PDL": ("Maison des associations", "12 rue de la Paix, 44000 Nantes"),
        "PAC": ("Cité des associations", "93 La Canebière, 13001 Marseille"),
        "GUA": ("Pôle ESS", "Rue Frébault, 97110 Pointe-à-Pitre"),
        "GUY": ("Maison de l'insertion", "Avenue du Général de Gaulle, 97300 Cayenne"),
        "OIN": ("Espace des entreprises solidaires", "Rue de Paris, 97400 Saint-Denis"),
    ]

    /// Writes every plan; returns the number of registrations.
    static func write(_ plans: [SessionPlan], trainers: [(UUID, String)], member: User?, today: Day,
                      on db: any Database, rng: inout DemoRandom) async throws -> Int {
        var sessions: [TrainingSession] = [], halfDays: [TrainingHalfDay] = [], leads: [TrainingSessionTrainer] = []
        var registrations: [TrainingRegistration] = [], attendance: [TrainingAttendance] = [], ratings: [TrainingRating] = []
        for plan in plans {
            let sid = UUID()
            let s = TrainingSession()
            s.id = sid
            s.$course.id = try plan.course.requireID()
            s.kind = plan.kind.rawValue
            s.$structure.id = plan.structure?.id
            s.$delegation.id = plan.delegation?.delegationID
            if plan.kind == .intra, let st = plan.structure {
                s.placeName = st.name
                s.address = "Dans les locaux de la structure (\(st.commune))"
            } else if let code = plan.delegation?.code, let place = places[code] {
                (s.placeName, s.address) = (place.0, place.1)
                s.accessInfo = "Accessible aux personnes à mobilité réduite ; transports en commun à proximité."
            } else {
                s.remoteURL = "https://visio.demo.maillage.test/formation-\(plan.course.code.lowercased())"
                s.accessInfo = "À distance : le lien de connexion est envoyé avec la convocation."
            }
            s.capacity = plan.capacity
            let first = plan.days.first!, last = plan.days.last!
            s.registrationDeadline = first.adding(days: -7).iso
            s.cancellationDeadline = first.adding(days: -3).iso
            s.status = plan.status.rawValue
            s.cancelReason = plan.cancelReason
            s.firstDay = first.iso
            s.lastDay = last.iso
            s.sequence = plan.status == .cancelled ? 1 : 0
            s.version = 1
            sessions.append(s)
            let trainer = trainers[plan.trainer % trainers.count]
            leads.append(TrainingSessionTrainer(sessionID: sid, userID: trainer.0, name: trainer.1))
            var slots: [(UUID, Int)] = []
            for day in plan.days {
                let periods: [(HalfDayPeriod, String, String, Int)] = plan.days.count == 1 && plan.course.durationMinutes <= 180
                    ? [(.morning, "09:30", "12:30", 180)]
                    : [(.morning, "09:00", "12:30", 210), (.afternoon, "13:30", "17:00", 210)]
                for (period, starts, ends, minutes) in periods {
                    let h = TrainingHalfDay()
                    h.id = UUID()
                    h.$session.id = sid
                    h.day = day.iso
                    h.period = period.rawValue
                    (h.starts, h.ends, h.minutes) = (starts, ends, minutes)
                    halfDays.append(h)
                    slots.append((h.id!, minutes))
                }
            }
            let firstStart = first.startInParis
            for (i, t) in plan.trainees.enumerated() {
                let r = TrainingRegistration()
                r.id = UUID()
                r.$session.id = sid
                r.$structure.id = try t.structure.requireID()
                r.registeredBy = t.byMember ? member?.id : nil
                r.registeredByName = t.byMember ? member?.displayName ?? "Morgan Adhérent" : rng.pick(managerNames)
                (r.firstName, r.lastName) = (t.first, t.last)
                r.email = email(t.first, t.last, registrations.count)
                r.job = job(plan.course.themeValue, rng: &rng)
                r.traineeCategory = t.category.rawValue
                r.funding = t.funding.rawValue
                r.status = t.status.rawValue
                r.position = i + 1
                let registered = min(firstStart.addingTimeInterval(-Double(8 + Int.random(in: 0...50, using: &rng)) * 86_400), Date())
                r.registeredAt = registered
                r.confirmedAt = t.status == .confirmed ? registered : nil
                if t.status == .cancelled {
                    r.cancelledAt = min(registered.addingTimeInterval(3 * 86_400), Date())
                    r.cancelledByName = plan.status == .cancelled ? trainer.1 : r.registeredByName
                }
                r.version = 1
                if plan.status == .done && t.status == .confirmed {
                    r.surveySentAt = last.startInParis.addingTimeInterval(18 * 3600)
                }
                registrations.append(r)
                guard t.status == .confirmed, let presence = t.presence else { continue }
                for (j, slot) in slots.enumerated() {
                    let a = TrainingAttendance()
                    a.$registration.id = r.id!
                    a.$halfDay.id = slot.0
                    a.present = j < presence.count ? presence[j] : true
                    a.markedBy = trainer.0
                    a.markedAt = last.startInParis.addingTimeInterval(17 * 3600)
                    attendance.append(a)
                }
                if let scores = t.scores {
                    let rating = TrainingRating()
                    rating.$registration.id = r.id!
                    rating.$session.id = sid
                    (rating.q1, rating.q2, rating.q3, rating.q4, rating.q5) = (scores[0], scores[1], scores[2], scores[3], scores[4])
                    rating.comment = rng.pick(comments)
                    rating.submittedAt = min(last.startInParis.addingTimeInterval(Double(2 + Int.random(in: 0...10, using: &rng)) * 86_400), Date())
                    ratings.append(rating)
                }
            }
        }
        try await insert(sessions, on: db)
        try await insert(leads, on: db)
        try await insert(halfDays, on: db)
        try await insert(registrations, on: db)
        try await insert(attendance, on: db)
        try await insert(ratings, on: db)
        return registrations.count
    }

    /// Multi-row inserts of 100 rows at most (far under SQLite's and PostgreSQL's bound parameters).
    static func insert<M: Model>(_ models: [M], on db: any Database) async throws {
        for start in stride(from: 0, to: models.count, by: 100) {
            try await Array(models[start..<min(start + 100, models.count)]).create(on: db)
        }
    }
}
