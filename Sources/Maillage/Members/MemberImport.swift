import Fluent
import Foundation
import MaillageCore

/// Imports a member file (SPEC: French-Excel CSV) in two steps: a preview that lists every bad
/// line, then an all-or-nothing application. Keyed by SIRET, so importing twice changes nothing.
/// Empty optional cells keep what the register has: an import never erases an address.
enum MemberImport {
    struct Report: Sendable {
        var fileErrors: [String] = []
        var lineErrors: [LineError] = []
        var created = 0
        var updated = 0
        var unchanged = 0
        var lines = 0
        var hasErrors: Bool { !fileErrors.isEmpty || !lineErrors.isEmpty }
    }

    enum Failure: Error { case invalid(Report) }

    private enum Change {
        case create(MemberRow)
        case update(Structure, MemberRow)
    }

    /// What applying the file would do. `actor` is who imports: nil for the command line
    /// (the server's operator, who may write anywhere); a person is held to `ImportRights`.
    static func preview(_ text: String, actor: CurrentUser?, on db: any Database) async throws -> Report {
        try await plan(text, actor: actor, on: db).report
    }

    /// Applies the file in one transaction; throws `Failure.invalid` (nothing written) on any error.
    @discardableResult
    static func apply(_ text: String, actor: CurrentUser?, on db: any Database) async throws -> Report {
        try await db.transaction { tx in
            let (report, changes, parents) = try await plan(text, actor: actor, on: tx)
            if report.hasErrors { throw Failure.invalid(report) }
            var idBySiret: [String: UUID] = [:]
            for s in try await Structure.query(on: tx).field(\.$id).field(\.$siret).all() { idBySiret[s.siret] = s.id }
            // GES parents first, so that their entities can point at them.
            let ordered = changes.sorted { rank($0) < rank($1) }
            for change in ordered {
                switch change {
                case .create(let row):
                    let s = Structure()
                    fill(s, row, parentID: parents[row.line].flatMap { idBySiret[$0.digits] })
                    s.status = row.status.rawValue
                    try await s.create(on: tx)
                    idBySiret[s.siret] = s.id
                    let m = Membership(structureID: try s.requireID(), status: row.status, joinedOn: row.joinedOn ?? StructureForm.today())
                    try await m.create(on: tx)
                    try await MembershipSummary.refresh(s, on: tx)
                    try await s.save(on: tx)
                    try await Audit.record(.create, s, summary: "Import : création de « \(s.name) »", actor: actor, on: tx)
                    try await Audit.record(.create, m, summary: "Import : adhésion de « \(s.name) »", actor: actor, on: tx)
                case .update(let s, let row):
                    let before = s.auditSnapshot
                    fill(s, row, parentID: parents[row.line].flatMap { idBySiret[$0.digits] } ?? s.$gesParent.id)
                    try await s.save(on: tx)
                    try await Audit.record(.update, s, summary: "Import : mise à jour de « \(s.name) »", before: before, actor: actor, on: tx)
                    if let open = try await Membership.query(on: tx).filter(\.$structure.$id == s.requireID()).filter(\.$leftOn == nil).first(),
                       membershipDiffers(open, row) {
                        let mBefore = open.auditSnapshot
                        open.status = row.status.rawValue
                        if let j = row.joinedOn { open.joinedOn = j }
                        try await open.save(on: tx)
                        try await MembershipSummary.refresh(s, on: tx)
                        try await s.save(on: tx)
                        try await Audit.record(.update, open, summary: "Import : adhésion de « \(s.name) »", before: mBefore, actor: actor, on: tx)
                    }
                }
            }
            return report
        }
    }

    private static func rank(_ c: Change) -> Int {
        switch c {
        case .create(let r): r.types.contains(.ges) ? 0 : 1
        case .update(_, let r): r.types.contains(.ges) ? 0 : 1
        }
    }

    private static func plan(_ text: String, actor: CurrentUser?, on db: any Database) async throws
        -> (report: Report, changes: [Change], parents: [Int: SIRET])
    {
        let parsed = MemberFile.parse(FrenchCSV.parse(text))
        var report = Report(fileErrors: parsed.fileErrors)
        report.lines = parsed.rows.count + parsed.errors.count
        var errors: [Int: [String]] = [:]
        for e in parsed.errors { errors[e.line, default: []] += e.messages }

        let existing = try await Structure.query(on: db).all()
        let bySiret = Dictionary(existing.map { ($0.siret, $0) }, uniquingKeysWith: { a, _ in a })
        let byNameCommune = Dictionary(existing.map { (nameKey($0.name, $0.commune), $0) }, uniquingKeysWith: { a, _ in a })
        let openMemberships = try await Membership.query(on: db).filter(\.$leftOn == nil).all()
        let openByStructure = Dictionary(openMemberships.map { ($0.$structure.id, $0) }, uniquingKeysWith: { a, _ in a })
        let inFile = Dictionary(parsed.rows.map { ($0.siret.digits, $0) }, uniquingKeysWith: { a, _ in a })
        let rights = ImportRights(actor: actor, map: try await NetworkMap.load(on: db))

        var changes: [Change] = []
        var parents: [Int: SIRET] = [:]
        for row in parsed.rows {
            var messages = rights.problems(row, stored: bySiret[row.siret.digits])
            if let parent = row.gesParentSiret {
                if let problem = rights.gesProblem(row, parent: parent, stored: bySiret, inFile: inFile) { messages.append(problem) }
                else { parents[row.line] = parent }
            }
            if let current = bySiret[row.siret.digits] {
                if messages.isEmpty {
                    let parentID = row.gesParentSiret.flatMap { bySiret[$0.digits]?.id }
                    if structureDiffers(current, row, parentID: parentID)
                        || openByStructure[current.id!].map({ membershipDiffers($0, row) }) == true
                        || (row.gesParentSiret != nil && parentID == nil) {
                        changes.append(.update(current, row))
                    } else {
                        report.unchanged += 1
                    }
                }
            } else {
                if let twin = byNameCommune[nameKey(row.name, row.commune)] {
                    messages.append(rights.mayName(twin)
                        ? "Doublon probable : « \(twin.name) » existe déjà à \(twin.commune) avec le SIRET \(twin.siret)."
                        : "Doublon probable : une structure de même nom existe déjà dans cette commune, hors de votre délégation.")
                }
                if messages.isEmpty { changes.append(.create(row)) }
            }
            if !messages.isEmpty { errors[row.line, default: []] += messages }
        }
        report.lineErrors = errors.keys.sorted().map { LineError(line: $0, messages: errors[$0]!) }
        report.created = changes.filter { if case .create = $0 { true } else { false } }.count
        report.updated = changes.count - report.created
        return (report, changes, parents)
    }

    private static func nameKey(_ name: String, _ commune: String) -> String {
        Structure.searchKey(name) + "|" + Structure.searchKey(commune)
    }

    private static func fill(_ s: Structure, _ row: MemberRow, parentID: UUID?) {
        s.siret = row.siret.digits
        s.name = row.name
        s.types = row.types
        if let v = row.address { s.address = v }
        if let v = row.postalCode { s.postalCode = v }
        s.commune = row.commune
        s.departmentCode = row.department
        if let v = row.website { s.website = v }
        s.$gesParent.id = parentID
        s.refreshSearchText()
    }

    private static func structureDiffers(_ s: Structure, _ row: MemberRow, parentID: UUID?) -> Bool {
        s.name != row.name || s.types != row.types || s.commune != row.commune || s.departmentCode != row.department
            || (row.address != nil && row.address != s.address) || (row.postalCode != nil && row.postalCode != s.postalCode)
            || (row.website != nil && row.website != s.website) || (parentID != nil && parentID != s.$gesParent.id)
    }

    private static func membershipDiffers(_ m: Membership, _ row: MemberRow) -> Bool {
        m.status != row.status.rawValue || (row.joinedOn != nil && row.joinedOn != m.joinedOn)
    }
}

/// Rows of the member file for a set of structures (export), in the import's own format.
enum MemberExport {
    static func rows(_ structures: [DirectoryRow], on db: any Database) async throws -> [[String]] {
        let parentIDs = Set(structures.compactMap(\.ges_parent_id))
        let parents = parentIDs.isEmpty ? [] : try await Structure.query(on: db).filter(\.$id ~~ Array(parentIDs)).all()
        let siretOf = Dictionary(parents.map { ($0.id!, $0.siret) }, uniquingKeysWith: { a, _ in a })
        let members: [MemberRow] = structures.compactMap { s in
            guard let siret = SIRET(s.siret) else { return nil }
            return MemberRow(line: 0, siret: siret, name: s.name, types: s.structureTypes, address: s.address, postalCode: s.postal_code,
                             commune: s.commune, department: s.department_code, website: s.website,
                             status: MembershipStatus(rawValue: s.status) ?? .active, joinedOn: s.joined_on,
                             gesParentSiret: s.ges_parent_id.flatMap { siretOf[$0] }.flatMap(SIRET.init))
        }
        return MemberFile.exportRows(members)
    }
}
