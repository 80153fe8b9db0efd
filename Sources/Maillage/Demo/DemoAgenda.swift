import Fluent
import Foundation
import MaillageCore

/// A year of the network's events, from three months ago to nine months ahead: national general
/// assembly, boards (board only), bureaus, webinars with their links; each delegation's directors'
/// and accountants' meetings, departmental commissions and regional days. Some are all-day, a few
/// cancelled, some take registrations (member structures registered, the demo member's among them).
/// Deterministic (`DemoRandom`), relative to today.
enum DemoAgenda {
    static func load(on tx: any Database, managed: Set<UUID>, map: NetworkMap) async throws {
        var rng = DemoRandom(seed: 0xA6E7_DA13)
        let today = Day.today()
        let structures = try await Structure.query(on: tx).all()
        var byDelegation: [UUID: [Structure]] = [:]
        for s in structures { if let d = map.delegation(ofDepartment: s.departmentCode) { byDelegation[d.delegationID, default: []].append(s) } }
        let managedStructures = structures.filter { managed.contains($0.id!) }
        var plans: [Plan] = []

        for offset in -3...8 {
            let m = AgendaDates.shifted(year: today.year, month: today.month, by: offset)
            func day(_ n: Int) -> Day { workday(Day(year: m.year, month: m.month, day: min(n, AgendaDates.daysIn(year: m.year, month: m.month)))!) }
            // National.
            plans.append(Plan(title: "Bureau national", kind: .bureau, delegation: nil, audience: .board, day: day(rng.pick([5, 6, 7])),
                              hours: ("09:30", "12:30"), place: "Siège de la fédération, Paris"))
            for (i, theme) in [rng.pick(webinarThemes), rng.pick(webinarThemes)].enumerated() {
                plans.append(Plan(title: "Webinaire : \(theme)", kind: .webinar, delegation: nil, audience: rng.chance(0.6) ? .public : .members,
                                  day: day(i == 0 ? 11 : 24), hours: ("11:00", "12:00"), online: "https://visio.maillage-demo.fr/webinaire-\(offset + 3)-\(i + 1)"))
            }
            if offset % 2 == 0 {
                plans.append(Plan(title: "Conseil d'administration", kind: .board, delegation: nil, audience: .board, day: day(15),
                                  hours: ("10:00", "16:30"), place: "Siège de la fédération, Paris", online: "https://visio.maillage-demo.fr/ca"))
            }
            if offset == 4 {
                plans.append(Plan(title: "Assemblée générale de la fédération", kind: .generalAssembly, delegation: nil, audience: .members,
                                  day: day(18), allDayUntil: day(18).adding(days: 1), place: "Palais des congrès, Lyon",
                                  capacity: 300))
            }
            if offset == 1 || offset == 7 {
                plans.append(Plan(title: "Réunion nationale des comptables", kind: .accountantsMeeting, delegation: nil, audience: .members,
                                  day: day(9), hours: ("09:30", "16:30"), place: "Siège de la fédération, Paris", capacity: 60))
            }
            // Delegations: about eight events a month, the PDL every month.
            var chosen = Array(map.delegations.shuffled(using: &rng).prefix(7))
            if let pdl = map.delegation(code: "PDL"), !chosen.contains(where: { $0.code == "PDL" }) { chosen.append(pdl) }
            for d in chosen {
                let kind = rng.pick([EventKind.directorsMeeting, .departmentalCommission, .accountantsMeeting, .regionalDay, .directorsMeeting])
                let n = rng.pick([3, 8, 10, 14, 17, 21, 22, 28])
                let place = "Maison des associations — \(d.name)"
                switch kind {
                case .regionalDay:
                    plans.append(Plan(title: "Journée régionale \(d.name)", kind: kind, delegation: d, audience: .public, day: day(n),
                                      allDayUntil: day(n), place: place, capacity: rng.pick([80, 120, 150])))
                case .departmentalCommission:
                    let dep = rng.pick(d.departments)
                    plans.append(Plan(title: "Commission départementale (\(dep))", kind: kind, delegation: d, audience: .members, day: day(n),
                                      hours: ("14:00", "17:00"), place: place))
                case .accountantsMeeting:
                    plans.append(Plan(title: "Réunion des comptables \(d.name)", kind: kind, delegation: d, audience: .members, day: day(n),
                                      hours: ("09:30", "12:30"), place: place, capacity: rng.chance(0.5) ? 25 : nil))
                default:
                    plans.append(Plan(title: "Réunion des directeurs \(d.name)", kind: kind, delegation: d, audience: rng.chance(0.3) ? .public : .members,
                                      day: day(n), hours: ("09:30", "12:30"), place: place, capacity: rng.chance(0.4) ? 40 : nil))
                }
            }
        }

        // Whatever the day the demo is loaded on, the PDL has a coming members' meeting that still
        // takes registrations (the demo member registers to it; the security suite's paths use it).
        if let pdl = map.delegation(code: "PDL") {
            plans.append(Plan(title: "Réunion des comptables \(pdl.name)", kind: .accountantsMeeting, delegation: pdl, audience: .members,
                              day: workday(today.adding(days: 24)), hours: ("09:30", "12:30"),
                              place: "Maison des associations — \(pdl.name)", capacity: 25))
        }

        for (i, p) in plans.enumerated() {
            let e = AgendaEvent()
            e.title = p.title
            e.kind = p.kind.rawValue
            e.$delegation.id = p.delegation?.delegationID
            e.audience = p.audience.rawValue
            if let last = p.allDayUntil {
                e.allDay = true
                e.startsAt = ParisTime.midnight(p.day)
                e.endsAt = ParisTime.midnight(last.adding(days: 1))
                e.lastDay = last.iso
            } else {
                e.allDay = false
                e.startsAt = ParisTime.instant(p.day, LocalTime(stored: p.hours.0)!)
                e.endsAt = ParisTime.instant(p.day, LocalTime(stored: p.hours.1)!)
                e.lastDay = p.day.iso
            }
            e.firstDay = p.day.iso
            e.place = p.place
            e.address = p.place == nil ? nil : "12 rue de la Solidarité"
            e.onlineURL = p.online
            e.description = description(p)
            let cancelled = i % 29 == 7
            e.status = cancelled ? EventStatus.cancelled.rawValue : EventStatus.confirmed.rawValue
            e.registrationOpen = p.capacity != nil
            e.capacity = p.capacity
            e.registrationDeadline = p.capacity == nil ? nil : p.day.adding(days: -5).iso
            e.sequence = cancelled ? 1 : (i % 5 == 0 ? 1 : 0)
            e.version = e.sequence + 1
            try await e.create(on: tx)
            guard let capacity = p.capacity else { continue }
            // Registrations: a few structures of the delegation (the network's for national events),
            // the demo member's structures for the PDL and national ones.
            var pool = p.delegation.flatMap { byDelegation[$0.delegationID] } ?? structures
            if p.delegation == nil || p.delegation?.code == "PDL" { pool = managedStructures + pool }
            let count = min(capacity, rng.pick([2, 4, 6, 9]))
            for k in 0..<count where !pool.isEmpty {
                let s = k < 2 && !managedStructures.isEmpty && (p.delegation == nil || p.delegation?.code == "PDL")
                    ? managedStructures[k % managedStructures.count] : rng.pick(pool)
                let first = rng.pick(firstNames), last = rng.pick(lastNames)
                let r = AgendaRegistration()
                r.$event.id = e.id!
                r.$structure.id = s.id!
                r.registeredByName = "Responsable de \(s.name)"
                r.name = "\(first) \(last)"
                r.email = "\(FrenchCollation.fold(first)).\(FrenchCollation.fold(last))\(i)-\(k)@demo-structures.fr"
                    .replacingOccurrences(of: " ", with: "-")
                r.job = rng.pick(["Directrice", "Directeur", "Comptable", "Encadrant technique", "Chargée d'insertion"])
                r.status = rng.chance(0.1) ? "cancelled" : "confirmed"
                r.createdAt = Date()
                try await r.create(on: tx)
            }
        }
    }

    private struct Plan {
        var title: String
        var kind: EventKind
        var delegation: NetworkMap.Entry?
        var audience: EventAudience
        var day: Day
        var hours: (String, String) = ("09:30", "12:30")
        var allDayUntil: Day? = nil
        var place: String? = nil
        var online: String? = nil
        var capacity: Int? = nil
    }

    /// Moves a Saturday or a Sunday to the Monday after.
    private static func workday(_ d: Day) -> Day { d.weekday >= 6 ? d.adding(days: 8 - d.weekday) : d }

    private static func description(_ p: Plan) -> String {
        switch p.kind {
        case .generalAssembly: "Ordre du jour : rapport moral et d'activité, comptes de l'exercice, rapport du commissaire aux comptes, élection du conseil d'administration.\nDéjeuner sur place."
        case .board: "Ordre du jour : suivi budgétaire, orientations, point sur les délégations.\nDocuments préparatoires envoyés une semaine avant."
        case .bureau: "Préparation du prochain conseil d'administration et affaires courantes."
        case .webinar: "Une heure pour faire le point avec l'équipe nationale, questions en direct.\nLe lien de connexion est ouvert dix minutes avant."
        case .departmentalCommission: "Échanges entre structures du département : conventionnements, dialogue de gestion, actualités locales."
        case .directorsMeeting: "Rencontre des directrices et directeurs : actualités du réseau, retours d'expérience, questions diverses."
        case .accountantsMeeting: "Clôture des comptes, cotisations, aides au poste : les points de l'année pour les comptables."
        case .regionalDay: "Journée ouverte aux structures, partenaires et financeurs : tables rondes le matin, ateliers l'après-midi."
        case .other: ""
        }
    }

    private static let webinarThemes = ["actualités de l'insertion", "dialogue de gestion", "réforme des aides au poste",
                                        "observatoire du réseau", "cotisations de l'année", "RSE et achats responsables",
                                        "formation des encadrants", "outils numériques du réseau"]
    private static let firstNames = ["Camille", "Dominique", "Claude", "Sacha", "Alix", "Lou", "Noa", "Maël", "Charlie", "Eden",
                                     "Sofia", "Yanis", "Inès", "Hugo", "Léa", "Karim", "Nadia", "Julien"]
    private static let lastNames = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre",
                                    "Michel", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Mercier"]
}
