import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/qualite`: the quality overview. National admins and delegates read the counts of their scope
/// (certified now, in the approach, expiring within 90 days, lapsed in the last year) and the
/// links; a member manager reads each of its structures' certifications and this year's CAP.
enum QualityHomeController {
    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let delegations = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }
        var tiles: [HomePage.Tiles] = []
        var intro = "Vos structures : leurs certifications et leur auto-diagnostic CAP \(today.year)."
        if user.isNationalAdmin || !delegations.isEmpty {
            let departments: Set<String>? = user.isNationalAdmin ? nil : Set(delegations.flatMap(\.departments))
            tiles.append(try await counts(req, today: today, departments: departments, map: map))
            intro = user.isNationalAdmin ? "Les certifications du réseau, l'auto-diagnostic CAP et l'accompagnement des adhérents."
                : "Les certifications des adhérents de votre délégation, leurs audits et leur accompagnement."
        }
        let cards = user.managedStructureIDs.isEmpty ? [] : try await cards(req, user: user, today: today)
        let links: [HomePage.Link] = [
            ("Échéances à suivre", SiteURL.quality(.followUp)), ("Chiffres des certifications", .quality(.figures)),
            ("Référentiels", .quality(.standards)), ("Questionnaires CAP", .quality(.questionnaires)),
            ("Accompagnement des adhérents", SupportURL.start),
        ].compactMap { label, url in req.link(to: url).map { HomePage.Link(label: label, href: $0, note: nil) } }
        let page = QualityHomePage(heading: "Qualité", intro: intro, tiles: tiles.isEmpty ? nil : tiles,
                                   links: links.isEmpty ? nil : links, cards: cards.isEmpty ? nil : cards)
        return try await req.renderPage("quality/home", title: page.heading, page)
    }

    /// The scope's key counts, from the certifications' states and days.
    static func counts(_ req: Request, today: Day, departments: Set<String>?, map: NetworkMap) async throws -> HomePage.Tiles {
        var query = Certification.query(on: req.db).field(\.$id).field(\.$structure.$id).field(\.$status).field(\.$expiresOn)
        if let departments {
            let ids = try await Structure.query(on: req.db).filter(\.$departmentCode ~~ Array(departments)).all(\.$id).compactMap { $0 }
            query = query.filter(\.$structure.$id ~~ ids)
        }
        let all = try await query.all()
        let yearAgo = CertificationDates.adding(months: -12, to: today)
        let soon = today.adding(days: QualityHomeTasks.expiryDays)
        var held = Set<UUID>(), engaged = Set<UUID>(), expiring = 0, lapsed = 0
        for c in all {
            let s = c.statusValue
            let expired = (c.expiresOnValue.map { $0 < today } ?? false)
            if s.holdsCertificate && !expired { held.insert(c.$structure.id) }
            if s.isLive && !(expired && (s.holdsCertificate || s == .suspended)) { engaged.insert(c.$structure.id) }
            if let x = c.expiresOnValue, (s.holdsCertificate || s == .suspended), x >= today, x <= soon { expiring += 1 }
            if let x = c.expiresOnValue, x < today, x >= yearAgo, s == .lapsed || s.holdsCertificate || s == .suspended { lapsed += 1 }
        }
        let follow = req.link(to: .quality(.followUp))
        return HomePage.Tiles(id: "qualite-chiffres", title: "Certifications en cours", intro: nil, items: [
            HomePage.Tile(label: "Adhérents certifiés", value: FrenchFormat.integer(held.count), note: "certificat en cours de validité",
                          href: req.link(to: .quality(.figures))),
            HomePage.Tile(label: "Engagés dans la démarche", value: FrenchFormat.integer(engaged.count),
                          note: "dont \(FrenchFormat.integer(engaged.subtracting(held).count)) non encore certifiés", href: nil),
            HomePage.Tile(label: "Échéances d'ici \(QualityHomeTasks.expiryDays) jours", value: FrenchFormat.integer(expiring), note: nil,
                          href: req.link(to: .quality(.followUp), query: ["mois": "3", "quoi": QualityFollowUpItem.What.expiry.rawValue])),
            HomePage.Tile(label: "Échues ces 12 derniers mois", value: FrenchFormat.integer(lapsed), note: nil,
                          href: follow.map { _ in SiteURL.quality(.followUp).path(query: ["quoi": QualityFollowUpItem.What.lapsed.rawValue]) }),
        ])
    }

    /// One card per structure managed: its certifications (live first), this year's CAP state.
    static func cards(_ req: Request, user: CurrentUser, today: Day) async throws -> [QualityHomePage.Card] {
        let structures = try await Structure.query(on: req.db).filter(\.$id ~~ Array(user.managedStructureIDs)).sort(\.$name).all()
        let ids = structures.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let certifications = try await Certification.query(on: req.db).filter(\.$structure.$id ~~ ids).all()
        let standards = Dictionary(uniqueKeysWithValues: try await QualityStandard.query(on: req.db).all().map { ($0.id!, $0) })
        let year = today.year
        let questionnaire = try await CapQuestionnaire.query(on: req.db).filter(\.$year == year).count() > 0
        let assessments = try await CapAssessment.query(on: req.db).filter(\.$year == year).filter(\.$structure.$id ~~ ids).all()
        var cards: [QualityHomePage.Card] = []
        for s in structures {
            guard let sid = s.id else { continue }
            let mine = certifications.filter { $0.$structure.id == sid }.sorted { a, b in
                let pa = standards[a.$standard.id]?.position ?? 0, pb = standards[b.$standard.id]?.position ?? 0
                return (a.statusValue.isLive ? 0 : 1, pa, a.engagedOn) < (b.statusValue.isLive ? 0 : 1, pb, b.engagedOn)
            }
            var certificates: [QualityHomePage.Certificate] = []
            for c in mine {
                certificates.append(QualityHomePage.certificate(c, standard: standards[c.$standard.id]?.name ?? "—", today: today,
                                                                href: try await req.link(to: QualityURL.certification(sid, c.id!), on: s)))
            }
            let status = assessments.first { $0.$structure.id == sid }?.statusValue
            let line = QualityHomePage.assessmentLine(status, year: year, questionnaire: questionnaire)
            let target = status == .submitted ? QualityURL.assessmentResults(sid, year) : QualityURL.assessment(sid, year)
            cards.append(QualityHomePage.Card(
                name: s.name, href: try await req.link(to: QualityURL.structure(sid), on: s),
                certificates: certificates.isEmpty ? nil : certificates, assessment: line.text,
                assessmentHref: line.action == nil ? nil : try await req.link(to: target, on: s), assessmentAction: line.action,
                planHref: try await req.link(to: QualityURL.actionPlan(sid), on: s)))
        }
        return cards
    }
}
