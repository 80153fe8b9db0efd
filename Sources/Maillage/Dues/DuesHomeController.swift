import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/cotisations?annee=2026`: the dues home of a year (the current year by default).
enum DuesHomeController {
    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let year = (try? req.query.get(String.self, at: "annee")).flatMap(DuesFollowUp.year) ?? today.year
        let gridYears = Set(try await DuesGrid.query(on: req.db).field(\.$id).field(\.$year).all().map(\.year))
        let years = YearLink.links(gridYears.union([year, today.year]), current: year, to: .dues(.home))
        let isDelegate = !user.delegatedDelegationIDs.isEmpty
        let isMember = !user.managedStructureIDs.isEmpty
        let admin: [DuesHomePage.Link] = user.isNationalAdmin ? links(req, [
            ("Barèmes", .dues(.grids), "Créer et versionner le barème de l'année"),
            ("Générer les appels \(year)", DuesURL.generate(year), "Aperçu puis émission des appels de l'année"),
            ("Appels \(year)", DuesURL.calls(year), "Liste, statuts, restes dus"),
            ("Tableau de bord \(year)", DuesURL.dashboard(year), "Appelé, encaissé, répartition 40/50/10"),
            ("Relances \(year)", DuesURL.reminderPreview(year), "Appels en retard à relancer"),
            ("Assiettes \(year)", DuesURL.bases(year), "Bases déclarées, confirmées, corrigées"),
            ("Prélèvements SEPA", .dues(.directDebits), "Fichiers pain.008 par échéance"),
            ("Relevés bancaires", .dues(.statements), "Import camt.053 ou CSV, rapprochement"),
            ("Mandats SEPA", .dues(.mandates), "Mandats des adhérents (RUM)"),
            ("Paramètres", .dues(.settings), "Identité de la fédération, comptes comptables"),
        ]) + DuesExportController.files.compactMap { f in
            req.link(to: DuesURL.export(year, f.file)).map { DuesHomePage.Link(label: "Export : " + f.label, href: $0, note: nil) }
        } : []
        let delegateLinks: [DuesHomePage.Link] = isDelegate && !user.isNationalAdmin ? links(req, [
            ("Appels \(year) de la délégation", DuesURL.calls(year), "Statuts et restes dus de vos adhérents"),
            ("Tableau de bord \(year)", DuesURL.dashboard(year), "Appelé, encaissé, part de la délégation"),
            ("Relances \(year)", DuesURL.reminderPreview(year), "Relancer les appels en retard"),
            ("Assiettes \(year)", DuesURL.bases(year), "Vérifier et corriger les assiettes déclarées"),
        ]) : []
        let delegations = user.delegatedDelegationIDs.compactMap { map.delegation(id: $0)?.name }
        var calls: [DuesHomePage.Call] = []
        var bases: [DuesHomePage.MemberItem] = []
        var mandates: [DuesHomePage.MemberItem] = []
        if isMember {
            let own = DuesScope(all: false, delegationIDs: [], departments: [], structureIDs: user.managedStructureIDs)
            for l in try await DuesFollowUp.calls(year: year, scope: own, map: map, on: req.db) {
                let c = l.call
                let status = DuesFollowUp.status(of: c, today: today)
                calls.append(.init(number: c.number, href: req.link(to: DuesURL.call(c.id!)), name: c.structureName,
                                   issuedOn: FrenchFormat.date(c.issuedOn), dueOn: FrenchFormat.date(c.dueOn),
                                   total: DuesHomePage.euros(c.total), outstanding: DuesHomePage.euros(c.outstanding),
                                   status: DuesFollowUp.label(status), statusCode: status))
            }
            let structures = try await Structure.query(on: req.db).filter(\.$id ~~ Array(user.managedStructureIDs)).sort(\.$name).all()
            let grid = try await DuesGrid.query(on: req.db).filter(\.$year == year).sort(\.$version, .descending).first()
            let declared = Set(try await DuesBase.query(on: req.db).filter(\.$year == year)
                .filter(\.$structure.$id ~~ Array(user.managedStructureIDs))
                .filter(\.$source ~~ ["declared", "confirmed", "corrected"]).all().map { $0.$structure.id })
            let active = Set(try await DuesMandate.query(on: req.db).filter(\.$structure.$id ~~ Array(user.managedStructureIDs))
                .filter(\.$status == "active").all().map { $0.$structure.id })
            for s in structures {
                let id = s.id!
                if grid != nil {
                    let deadline = grid?.declarationDeadline.map { "avant le \(FrenchFormat.date($0))" } ?? "avant l'émission des appels"
                    bases.append(.init(name: s.name, text: declared.contains(id) ? "Assiette \(year) déclarée ou confirmée."
                                           : "Assiette \(year) à confirmer ou déclarer \(deadline).",
                                       href: req.link(to: DuesURL.base(year, id)), linkLabel: "Voir l'assiette"))
                }
                mandates.append(.init(name: s.name, text: active.contains(id) ? "Mandat de prélèvement SEPA actif."
                                          : "Aucun mandat de prélèvement : vous réglez par virement ou par chèque.",
                                      href: req.link(to: DuesURL.mandate(id)), linkLabel: "Voir le mandat"))
            }
        }
        let page = DuesHomePage(
            year: year, heading: "Cotisations \(year)",
            intro: user.isNationalAdmin ? "Barème, appels, paiements, relances et exports comptables de l'année."
                : isDelegate ? "Le suivi des cotisations des adhérents de votre délégation." : "Les cotisations de votre structure.",
            years: years.count > 1 ? years : nil,
            admin: admin.isEmpty ? nil : admin,
            delegate: delegateLinks.isEmpty ? nil : delegateLinks,
            delegateTitle: delegations.isEmpty ? nil : "Délégation " + delegations.joined(separator: ", "),
            calls: calls.isEmpty ? nil : calls,
            callsEmpty: isMember && calls.isEmpty ? "Aucun appel de cotisation \(year) pour votre structure." : nil,
            bases: bases.isEmpty ? nil : bases, mandates: mandates.isEmpty ? nil : mandates, isMember: isMember)
        return try await req.renderPage("dues/home", title: page.heading, page)
    }

    static func links(_ req: Request, _ items: [(String, SiteURL, String)]) -> [DuesHomePage.Link] {
        items.compactMap { label, url, note in req.link(to: url).map { DuesHomePage.Link(label: label, href: $0, note: note) } }
    }
}
