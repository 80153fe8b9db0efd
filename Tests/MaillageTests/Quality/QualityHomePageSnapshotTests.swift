import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The quality overview rendered from hand-built page models (no database).
@Suite("Quality home page snapshots", .snapshots(record: PageRenderer.record))
struct QualityHomePageSnapshotTests {
    typealias D = SnapshotData

    @Test("an admin's counts and links, and a member's structure with its certifications and CAP")
    func home() async throws {
        let admin = QualityHomePage(
            heading: "Qualité", intro: "Les certifications du réseau, l'auto-diagnostic CAP et l'accompagnement des adhérents.",
            tiles: [HomePage.Tiles(id: "qualite-chiffres", title: "Certifications en cours", intro: nil, items: [
                .init(label: "Adhérents certifiés", value: "115", note: "certificat en cours de validité", href: "/qualite/chiffres"),
                .init(label: "Engagés dans la démarche", value: "250", note: "dont 135 non encore certifiés", href: nil),
                .init(label: "Échéances d'ici 90 jours", value: "12", note: nil, href: "/qualite/echeances?mois=3&quoi=echeance"),
                .init(label: "Échues ces 12 derniers mois", value: "3", note: nil, href: "/qualite/echeances?quoi=echue"),
            ])],
            links: [.init(label: "Échéances à suivre", href: "/qualite/echeances", note: nil),
                    .init(label: "Chiffres des certifications", href: "/qualite/chiffres", note: nil),
                    .init(label: "Référentiels", href: "/qualite/referentiels", note: nil)],
            cards: nil)
        let sid = D.uuid(1)
        let today = Day(iso: "2027-03-01")!
        let held = Certification(structureID: sid, standardID: D.uuid(601), engagedOn: Day(iso: "2023-01-10")!)
        held.id = D.uuid(501)
        held.status = CertificationStatus.certified.rawValue
        held.expiresOn = "2027-04-01"
        held.auditOn = "2027-03-15"
        held.auditKind = AuditKind.renewal.rawValue
        let lapsed = Certification(structureID: sid, standardID: D.uuid(603), engagedOn: Day(iso: "2021-01-10")!)
        lapsed.status = CertificationStatus.lapsed.rawValue
        lapsed.expiresOn = "2026-12-31"
        let line = QualityHomePage.assessmentLine(.draft, year: 2027, questionnaire: true)
        let member = QualityHomePage(
            heading: "Qualité", intro: "Vos structures : leurs certifications et leur auto-diagnostic CAP 2027.", tiles: nil, links: nil,
            cards: [.init(name: "Relais Emploi Nantes", href: "/qualite/structures/\(sid)",
                          certificates: [QualityHomePage.certificate(held, standard: "CEDRE", today: today, href: "/qualite/structures/\(sid)/certifications/\(D.uuid(501))"),
                                         QualityHomePage.certificate(lapsed, standard: "Qualiopi", today: today, href: nil)],
                          assessment: line.text, assessmentHref: "/qualite/structures/\(sid)/cap/2027", assessmentAction: line.action,
                          planHref: "/qualite/structures/\(sid)/plan-actions")])
        let html1 = try await PageRenderer.render("quality/home", title: admin.heading, admin, user: D.admin, path: "/qualite")
        assertSnapshot(of: html1, as: .lines, named: "admin")
        let html2 = try await PageRenderer.render("quality/home", title: member.heading, member, user: D.manager, path: "/qualite")
        assertSnapshot(of: html2, as: .lines, named: "member")
    }
}
