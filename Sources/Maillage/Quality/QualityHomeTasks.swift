import Fluent
import Foundation
import MaillageCore
import Vapor

/// The quality tasks of the home page (`HomePage.Section`s): for national admins and regional
/// delegates, the certifications of their scope expiring within 90 days; for member managers,
/// this year's CAP self-assessment to fill when its questionnaire exists and their structure has
/// not submitted it. A few grouped reads (ids, states and days only); nothing to do, no section.
enum QualityHomeTasks {
    static let expiryDays = 90

    static func sections(_ req: Request, user: CurrentUser, map: NetworkMap, today: Day) async throws -> [HomePage.Section] {
        var sections: [HomePage.Section] = []
        let delegations = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }
        if user.isNationalAdmin || !delegations.isEmpty {
            let departments: Set<String>? = user.isNationalAdmin ? nil : Set(delegations.flatMap(\.departments))
            let n = try await expiring(within: expiryDays, today: today, departments: departments, on: req.db)
            if n > 0 {
                let task = HomeTask(FrenchFormat.plural(n, "certification expire", "certifications expirent") + " d'ici \(expiryDays) jours",
                                      count: n, deadline: "Renouvellement à préparer avant l'échéance",
                                      href: req.link(to: .quality(.followUp), query: ["mois": "3", "quoi": QualityFollowUpItem.What.expiry.rawValue]),
                                      urgency: .soon)
                sections.append(HomePage.Section(id: "qualite", title: "Qualité : échéances des certifications", tasks: [task],
                                                 empty: "Aucune certification n'expire d'ici \(expiryDays) jours."))
            }
        }
        if user.has(.memberManager), !user.managedStructureIDs.isEmpty,
           let section = try await assessmentSection(req, user: user, year: today.year) {
            sections.append(section)
        }
        return sections
    }

    /// Certifications held (certified, renewed, suspended) whose expiry falls from today to
    /// `days` days ahead, in `departments` (nil: the network).
    static func expiring(within days: Int, today: Day, departments: Set<String>?, on db: any Database) async throws -> Int {
        let held = [CertificationStatus.certified, .renewed, .suspended].map(\.rawValue)
        let rows = try await Certification.query(on: db).filter(\.$status ~~ held)
            .filter(\.$expiresOn >= today.iso).filter(\.$expiresOn <= today.adding(days: days).iso)
            .field(\.$id).field(\.$structure.$id).all()
        guard let departments else { return rows.count }
        guard !rows.isEmpty else { return 0 }
        let inScope = Set(try await Structure.query(on: db).filter(\.$id ~~ Set(rows.map(\.$structure.id)))
            .filter(\.$departmentCode ~~ Array(departments)).all(\.$id).compactMap { $0 })
        return rows.filter { inScope.contains($0.$structure.id) }.count
    }

    /// « Auto-diagnostic CAP 2026 à remplir » for each structure managed that is a member and
    /// has not submitted this year's assessment; nil when there is no questionnaire this year.
    static func assessmentSection(_ req: Request, user: CurrentUser, year: Int) async throws -> HomePage.Section? {
        guard try await CapQuestionnaire.query(on: req.db).filter(\.$year == year).count() > 0 else { return nil }
        let members: Set<String> = [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue]
        let structures = try await Structure.query(on: req.db).filter(\.$id ~~ Array(user.managedStructureIDs)).sort(\.$name).all()
            .filter { members.contains($0.status) }
        guard !structures.isEmpty else { return nil }
        let assessments = try await CapAssessment.query(on: req.db).filter(\.$year == year)
            .filter(\.$structure.$id ~~ structures.compactMap(\.id)).field(\.$structure.$id).field(\.$status).all()
        let states = Dictionary(assessments.map { ($0.$structure.id, $0.statusValue) }, uniquingKeysWith: { a, _ in a })
        var tasks: [HomeTask] = []
        for s in structures {
            guard let id = s.id, states[id] != .submitted else { continue }
            let suffix = structures.count > 1 ? " pour \(s.name)" : ""
            let draft = states[id] == .draft ? " (brouillon enregistré)" : ""
            tasks.append(HomeTask("Auto-diagnostic CAP \(year) à remplir\(suffix)\(draft)",
                                  href: try await req.link(to: QualityURL.assessment(id, year), on: s), urgency: .info))
        }
        guard !tasks.isEmpty else { return nil }
        return HomePage.Section(id: "qualite-cap", title: "Qualité : auto-diagnostic CAP \(year)", tasks: tasks,
                                empty: "L'auto-diagnostic CAP \(year) est transmis.")
    }
}
