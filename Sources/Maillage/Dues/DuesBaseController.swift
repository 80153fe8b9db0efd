import Fluent
import Foundation
import MaillageCore
import Vapor

/// The bases pages: the year's list (admins, delegates for their delegation) and one member's
/// bases (its managers declare or confirm before the deadline, the delegation corrects).
enum DuesBaseController {
    static let columns = [
        ListColumn("structure", "Structure"), ListColumn("types", "Types", sortable: false),
        ListColumn("bases", "Assiette par type", sortable: false), ListColumn("source", "Origine"),
    ]

    static func index(_ req: Request) async throws -> Response {
        let year = try yearParameter(req)
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let scope = DuesScope.of(user, map: map)
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: columns, defaultSort: ListSort("structure"))
        let delegation = raw["delegation"].flatMap { map.delegation(code: $0) }
        let source = raw["source"].flatMap { k in BaseSource.filterLabels.contains { $0.key == k } ? k : nil }
        let flaggedOnly = raw["sans_assiette"] == "1"
        let grid = try await DuesGridService.current(year: year, on: req.db)
        var rows: [(Structure, [StructureType: ResolvedBase])] = []
        if let grid {
            let structures = try await members(on: req.db).filter { s in
                scope.includes(structureID: s.id!, department: s.departmentCode)
                    && (delegation?.departments.contains(s.departmentCode) ?? true)
            }
            let resolved = try await DuesBaseService.resolveAll(grid: grid, structures: structures, on: req.db)
            for s in structures {
                let bases = resolved[s.id!] ?? [:]
                if flaggedOnly, !bases.values.contains(where: \.flagged) { continue }
                if let source, !bases.values.contains(where: { $0.source.key == source }) { continue }
                rows.append((s, bases))
            }
        }
        let keys = Dictionary(uniqueKeysWithValues: rows.map { ($0.0.id!, FrenchSortKey($0.0.name)) })
        state.sort.apply(&rows) { a, b in
            switch state.sort.key {
            case "source": (sourceText(a.1), keys[a.0.id!]!) < (sourceText(b.1), keys[b.0.id!]!)
            default: (keys[a.0.id!]!, a.0.id!.uuidString) < (keys[b.0.id!]!, b.0.id!.uuidString)
            }
        }
        let filters: [(String, String?)] = [("delegation", delegation?.code), ("source", source), ("sans_assiette", flaggedOnly ? "1" : nil)]
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("assiettes-\(year)", filters: filters, on: req, format: format),
                                       headers: ["Structure", "SIRET", "Types", "Assiette par type", "Origine", "Règle sans assiette appliquée"],
                                       rows: rows.map { s, b in
                                           [.text(s.name), .text(s.siret), .text(typesText(s)), .text(basesText(b)), .text(sourceText(b)),
                                            .text(b.values.contains(where: \.flagged) ? "oui" : "non")]
                                       })
        }
        let list = ListView(DuesURL.bases(year), columns: columns, state: state, filters: filters, total: rows.count,
                            exportable: true, noun: ("adhérent", "adhérents"))
        let visible = scope.all ? map.delegations : map.delegations.filter { scope.delegationIDs.contains($0.delegationID) }
        let page = DuesBasesPage(
            heading: "Assiettes \(year)",
            gridLabel: grid.map { "Barème \(year), version \($0.version) : \($0.base.label.lowercased()) \($0.referenceYear) ; sans assiette : \($0.noBase.label.lowercased())" }
                ?? "Aucun barème \(year) : les assiettes apparaîtront quand il sera créé.",
            hasGrid: grid != nil, action: DuesURL.bases(year).path,
            delegations: visible.map { .init(value: $0.code, label: $0.name, selected: $0.code == delegation?.code) },
            sources: BaseSource.filterLabels.map { .init(value: $0.key, label: $0.label, selected: $0.key == source) },
            flaggedOnly: flaggedOnly, list: list,
            lines: rows[list.range].map { s, b in
                .init(structure: s.name, href: DuesURL.base(year, s.id!).path, types: typesText(s), bases: basesText(b),
                      source: sourceText(b), flagged: b.values.contains(where: \.flagged))
            })
        return try await req.renderPage("dues/bases", title: page.heading, page)
    }

    static func show(_ req: Request) async throws -> Response {
        let (year, structure) = try await load(req)
        return try await render(req, year: year, structure: structure, values: nil, reason: "", errors: FieldErrors(), problem: nil)
    }

    struct BaseForm: Decodable, Sendable {
        var action: String?
        var amounts: [String: String]?
        var reason: String?
    }

    static func save(_ req: Request) async throws -> Response {
        let (year, structure) = try await load(req)
        let form = try req.form(BaseForm.self)
        var errors = FieldErrors()
        var amounts: [StructureType: Money] = [:]
        for (key, text) in form.amounts ?? [:] {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let type = StructureType(rawValue: key), !t.isEmpty else { continue }
            if let m = Money.parse(t), m.cents >= 0, m <= DuesBaseService.maxBase { amounts[type] = m }
            else { errors.add("amount-\(key)", "Un montant en euros de 0 à 999 999 999,99 € (par exemple 612 345,00).") }
        }
        guard let action = form.action.flatMap(DuesBaseAction.init(rawValue:)) else {
            errors.add("action", "Choisissez : confirmer, déclarer ou corriger.")
            return try await render(req, year: year, structure: structure, values: form.amounts, reason: form.reason ?? "",
                                    errors: errors, problem: nil, status: .unprocessableEntity)
        }
        if !errors.isEmpty, action != .confirm {
            return try await render(req, year: year, structure: structure, values: form.amounts, reason: form.reason ?? "",
                                    errors: errors, problem: nil, status: .unprocessableEntity)
        }
        do {
            try await DuesBaseService.change(action, year: year, structure: structure, amounts: amounts, reason: form.reason,
                                             parties: try await req.parties(to: structure), actor: try req.requireUser(),
                                             today: CampaignForm.iso(req.services.clock.now), on: req.db)
        } catch let refusal as DuesBaseService.Refusal {
            switch refusal {
            case .notPermitted: throw Abort(.forbidden)
            case .noGrid: throw Abort(.notFound)
            case .invalid(let e):
                return try await render(req, year: year, structure: structure, values: form.amounts, reason: form.reason ?? "",
                                        errors: e, problem: nil, status: .unprocessableEntity)
            case .callIssued, .deadlinePassed, .wrongState:
                return try await render(req, year: year, structure: structure, values: form.amounts, reason: form.reason ?? "",
                                        errors: FieldErrors(), problem: refusal.message, status: .conflict)
            }
        }
        let done: String = switch action {
        case .confirm: "Assiettes \(year) confirmées."
        case .declare: "Assiettes \(year) déclarées."
        case .correct: "Assiettes \(year) corrigées : la correction est au journal."
        }
        req.flash(done)
        return req.redirect(to: DuesURL.base(year, structure.id!).path)
    }

    // MARK: - Helpers

    static func yearParameter(_ req: Request) throws -> Int {
        guard let year = req.parameters.get("year", as: Int.self), (2000...2100).contains(year) else { throw Abort(.notFound) }
        return year
    }

    static func load(_ req: Request) async throws -> (Int, Structure) {
        let year = try yearParameter(req)
        let structure = try await req.structureParameter()
        _ = try await req.authorize(structure)
        return (year, structure)
    }

    /// Active and associate members: those a call of the year goes to.
    static func members(on db: any Database) async throws -> [Structure] {
        try await Structure.query(on: db).filter(\.$status ~~ [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue]).all()
    }

    static func typesText(_ s: Structure) -> String { s.types.map(\.duesCode).joined(separator: ", ") }

    static func basesText(_ b: [StructureType: ResolvedBase]) -> String {
        b.isEmpty ? "Aucun type soumis à la part variable"
            : b.keys.sorted().map { "\($0.duesCode) \(b[$0]!.amount.map(FrenchFormat.money) ?? "—")" }.joined(separator: " · ")
    }

    static func sourceText(_ b: [StructureType: ResolvedBase]) -> String {
        var seen: [String] = []
        for t in b.keys.sorted() where !seen.contains(b[t]!.sentence) { seen.append(b[t]!.sentence) }
        return seen.joined(separator: " · ")
    }

    static func render(_ req: Request, year: Int, structure: Structure, values: [String: String]?, reason: String,
                       errors: FieldErrors, problem: String?, status: HTTPStatus = .ok) async throws -> Response {
        let grid = try await DuesGridService.current(year: year, on: req.db)
        var bases: [StructureType: ResolvedBase] = [:]
        if let grid { bases = try await DuesBaseService.resolveAll(grid: grid, structures: [structure], on: req.db)[structure.id!] ?? [:] }
        let parties = try await req.parties(to: structure)
        let today = CampaignForm.iso(req.services.clock.now)
        let call = try await DuesBaseService.issuedCall(year: year, structureID: structure.id!, on: req.db)
        let open = grid.map { DuesBaseService.isOpen($0, today: today) } ?? false
        var notice: String?
        if let call { notice = DuesBaseService.Refusal.callIssued(call).message }
        else if grid != nil, !open, parties.contains(.manager), !parties.contains(.delegate), !parties.contains(.nationalAdmin) {
            notice = DuesBaseService.Refusal.deadlinePassed("").message
        }
        let writable = grid != nil && call == nil && !bases.isEmpty
        let states = Set(bases.values.map { DuesBaseState($0.source) })
        let canDeclare = writable && open && states.contains { DuesBaseWorkflow.table.actions(from: $0, by: parties).contains(.declare) }
        let canCorrect = writable && !DuesBaseWorkflow.table.transition(.correct).by.isDisjoint(with: parties)
        let page = DuesBasePage(
            heading: "Assiettes \(year) — \(structure.name)", structureName: structure.name,
            gridLabel: grid.map { "\($0.base.label) \($0.referenceYear) (barème \(year), version \($0.version))" },
            deadline: grid?.declarationDeadline.map { "À déclarer ou confirmer au plus tard le \(FrenchFormat.date($0))." },
            readOnlyNotice: notice ?? (grid == nil ? "Aucun barème \(year) : rien à déclarer pour l'instant." : nil),
            problem: problem,
            rows: bases.keys.sorted().map { t in
                let b = bases[t]!
                return .init(type: t.rawValue, label: "\(t.duesCode) — \(t.label)", amount: b.amount.map(FrenchFormat.money) ?? "Aucune assiette",
                             source: b.sentence, flagged: b.flagged,
                             value: values?[t.rawValue] ?? b.amount.map { DuesGridForm.amount($0.cents) } ?? "",
                             error: errors["amount-\(t.rawValue)"])
            },
            canDeclare: canDeclare, canCorrect: canCorrect,
            action: canDeclare || canCorrect ? DuesURL.saveBase(year, structure.id!).path : nil,
            reason: reason, errors: errors, listHref: req.link(to: DuesURL.bases(year)), callsHref: req.link(to: DuesURL.calls(year)))
        return try await req.renderPage("dues/base", title: page.heading, page, status: status)
    }
}
