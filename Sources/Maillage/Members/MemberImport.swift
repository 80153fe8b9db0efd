import Fluent
import Foundation
import MaillageCore

/// Imports a member file (SPEC: French-Excel CSV, or XLSX with the same columns) through the
/// import flow (`Importer`): a preview that lists every bad line and, for each update, every
/// field it changes (a rename, a new type, another department or GES to confirm), then an
/// all-or-nothing application of what the person chose. Keyed by SIRET, so importing twice
/// changes nothing. Empty optional cells keep what the register has: an import never erases
/// an address. Every write goes through `RegisterService`.
struct MemberImporter: BatchImporter {
    /// Who imports: nil for the command line (the server's operator, who may write anywhere);
    /// a person is held to `ImportRights`.
    let actor: CurrentUser?

    struct Line: Sendable {
        let row: MemberRow
        /// The register's record, when the line updates one.
        let stored: Structure?
    }

    static func read(_ text: String) -> MemberFileParse {
        MemberFile.parse(FrenchCSV.parse(text))
    }

    /// A CSV's text, or a workbook (by its ZIP signature, or its name).
    static func read(_ data: Data, filename: String) -> MemberFileParse {
        isWorkbook(data, filename: filename) ? MemberFile.parse(xlsx: data) : read(FrenchCSV.decode(data))
    }

    static func isWorkbook(_ data: Data, filename: String) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || filename.lowercased().hasSuffix(".xlsx")
    }

    /// What the register already holds, read once for the whole file.
    struct Register {
        let bySiret: [String: Structure]
        let byID: [UUID: Structure]
        let byNameCommune: [String: Structure]
        let openByStructure: [UUID: Membership]
        let map: NetworkMap
    }

    func plan(_ parsed: MemberFileParse, on db: any Database) async throws -> ImportPreview<Line> {
        var preview = ImportPreview<Line>(lines: parsed.rows.count + parsed.errors.count, fileErrors: parsed.fileErrors)
        var errors: [Int: [String]] = [:]
        for e in parsed.errors { errors[e.line, default: []] += e.messages }

        let existing = try await Structure.query(on: db).all()
        let openMemberships = try await Membership.query(on: db).filter(\.$leftOn == nil).all()
        let register = Register(
            bySiret: Dictionary(existing.map { ($0.siret, $0) }, uniquingKeysWith: { a, _ in a }),
            byID: Dictionary(existing.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }),
            byNameCommune: Dictionary(existing.map { (Self.nameKey($0.name, $0.commune), $0) }, uniquingKeysWith: { a, _ in a }),
            openByStructure: Dictionary(openMemberships.map { ($0.$structure.id, $0) }, uniquingKeysWith: { a, _ in a }),
            map: try await NetworkMap.load(on: db))
        let bySiret = register.bySiret
        let inFile = Dictionary(parsed.rows.map { ($0.siret.digits, $0) }, uniquingKeysWith: { a, _ in a })
        let rights = ImportRights(actor: actor, map: register.map)

        var planned: [PlannedLine<Line>] = []
        for row in parsed.rows {
            var messages = rights.problems(row, stored: bySiret[row.siret.digits])
            if let parent = row.gesParentSiret,
               let problem = rights.gesProblem(row, parent: parent, stored: bySiret, inFile: inFile) {
                messages.append(problem)
            }
            if let current = bySiret[row.siret.digits] {
                if messages.isEmpty {
                    let fields = Self.changes(current, row, register, inFile: inFile)
                    planned.append(PlannedLine(line: row.line, effect: fields.isEmpty ? .unchanged : .update,
                                               change: Line(row: row, stored: current), fields: fields))
                }
            } else {
                if let twin = register.byNameCommune[Self.nameKey(row.name, row.commune)] {
                    messages.append(rights.mayName(twin)
                        ? "Doublon probable : « \(twin.name) » existe déjà à \(twin.commune) avec le SIRET \(twin.siret)."
                        : "Doublon probable : une structure de même nom existe déjà dans cette commune, hors de votre délégation.")
                }
                if messages.isEmpty { planned.append(PlannedLine(line: row.line, effect: .create, change: Line(row: row, stored: nil))) }
            }
            if !messages.isEmpty { errors[row.line, default: []] += messages }
        }
        preview.lineErrors = errors.keys.sorted().map { LineError(line: $0, messages: errors[$0]!) }
        // GES first, so that their entities can point at them.
        let isGES: (PlannedLine<Line>) -> Bool = { $0.change.row.types.contains(.ges) }
        preview.planned = planned.filter(isGES) + planned.filter { !isGES($0) }
        return preview
    }

    func write(_ line: PlannedLine<Line>, on tx: any Database) async throws {
        let row = line.change.row
        let system = RegisterService.Actor.system(actor)
        var parentID: UUID? = nil
        if let parent = row.gesParentSiret {
            parentID = try await Structure.query(on: tx).filter(\.$siret == parent.digits).first()?.id
        }
        do {
            guard let stored = line.change.stored else {
                try await RegisterService.create(StructureDraft(row, keeping: nil, parentID: parentID), status: row.status,
                                                 joined: row.joinedDay ?? Day.today(), by: system, via: .memberImport, on: tx)
                return
            }
            try await RegisterService.update(stored, to: StructureDraft(row, keeping: stored, parentID: parentID ?? stored.$gesParent.id),
                                             by: system, via: .memberImport, on: tx)
            if let open = try await Membership.query(on: tx).filter(\.$structure.$id == stored.requireID()).filter(\.$leftOn == nil).first(),
               Self.membershipDiffers(open, row) {
                let input = PeriodInput(status: row.status, joined: row.joinedDay ?? open.joined)
                try await RegisterService.correct(open, with: input, of: stored, by: system, via: .memberImport, on: tx)
            }
        } catch let refusal as RegisterService.Refusal {
            throw ImportLineRefusal(messages: refusal.messages)
        }
    }

    static func nameKey(_ name: String, _ commune: String) -> String {
        Structure.searchKey(name) + "|" + Structure.searchKey(commune)
    }

    private static func membershipDiffers(_ m: Membership, _ row: MemberRow) -> Bool {
        m.membershipStatus != row.status || (row.joinedDay != nil && row.joinedDay != m.joined)
    }
}

extension StructureDraft {
    /// A file line as the register saves it: an empty optional cell keeps the stored value.
    init(_ row: MemberRow, keeping stored: Structure?, parentID: UUID?) {
        self.init(siret: row.siret, name: row.name, types: row.types, address: row.address ?? stored?.address,
                  postalCode: row.postalCode ?? stored?.postalCode, commune: row.commune, department: row.department,
                  website: row.website ?? stored?.website, gesParentID: parentID)
    }
}

/// The member import for callers that hold the file's text: the command line and tests.
enum MemberImport {
    typealias Report = ImportPreview<MemberImporter.Line>
    typealias Failure = ImportRefused<MemberImporter.Line>

    /// What applying the file would do. `actor` is who imports (nil: the command line).
    static func preview(_ text: String, actor: CurrentUser?, on db: any Database) async throws -> Report {
        try await MemberImporter(actor: actor).preview(MemberImporter.read(text), on: db)
    }

    /// Applies the file in one transaction; throws `Failure` (nothing written) on any error.
    /// By default everything the file changes is applied, sensitive changes included.
    @discardableResult
    static func apply(_ text: String, actor: CurrentUser?, selecting selection: ImportSelection = .everything,
                      on db: any Database) async throws -> Report {
        try await MemberImporter(actor: actor).apply(MemberImporter.read(text), on: db, selecting: selection)
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
