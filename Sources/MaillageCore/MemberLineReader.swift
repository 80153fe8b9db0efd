/// Checks one line of a member file, collecting a French message per problem.
struct MemberLineReader {
    let cells: MemberLineCells
    private(set) var messages: [String] = []
    /// The line's SIRET when valid, even if other cells are wrong: duplicates
    /// are detected across all lines.
    private(set) var siret: SIRET?

    init(cells: MemberLineCells) {
        self.cells = cells
    }

    /// The row, or nil when a required value is unusable; `messages` says why.
    mutating func read() -> MemberRow? {
        siret = readSiret()
        let name = cells["nom"]
        if name.isEmpty { messages.append("Nom manquant.") }
        let types = readTypes()
        let department = readDepartment()
        let commune = cells["commune"]
        if commune.isEmpty { messages.append("Commune manquante.") }
        let status = readStatus()
        let joinedOn = readJoinedOn()
        let ges = readGesParent()

        guard messages.isEmpty, let siret, let department, let status else { return nil }
        return MemberRow(line: cells.line, siret: siret, name: name, types: types,
                         address: cells.optional("adresse"), postalCode: cells.optional("code_postal"),
                         commune: commune, department: department, website: cells.optional("site_web"),
                         status: status, joinedOn: joinedOn, gesParentSiret: ges)
    }

    private mutating func readSiret() -> SIRET? {
        let raw = cells["siret"]
        if raw.isEmpty {
            messages.append("SIRET manquant.")
        } else if let problem = SIRET.problem(raw) {
            messages.append("SIRET « \(raw) » : \(problem)")
        }
        return SIRET(raw)
    }

    private mutating func readTypes() -> [StructureType] {
        let (types, unknown) = StructureType.parseList(cells["types"])
        messages += unknown.map { "Type inconnu : « \($0) »." }
        if types.isEmpty && unknown.isEmpty { messages.append("Aucun type indiqué.") }
        return types
    }

    private mutating func readDepartment() -> String? {
        let raw = cells["departement"]
        if raw.isEmpty {
            messages.append("Département manquant.")
            return nil
        }
        guard let code = Departments.normalize(raw) else {
            messages.append("Département inconnu : « \(raw) ».")
            return nil
        }
        return code
    }

    /// An empty status means a full member, the usual case.
    private mutating func readStatus() -> MembershipStatus? {
        guard let raw = cells.optional("statut") else { return .active }
        guard let status = MembershipStatus.parse(raw) else {
            messages.append("Statut inconnu : « \(raw) » (attendu : actif ou associé).")
            return nil
        }
        return status
    }

    private mutating func readJoinedOn() -> String? {
        guard let raw = cells.optional("date_adhesion") else { return nil }
        guard let day = FrenchFormat.parseDay(raw) else {
            messages.append("Date d'adhésion invalide : « \(raw) » (attendu : JJ/MM/AAAA).")
            return nil
        }
        return day
    }

    private mutating func readGesParent() -> SIRET? {
        guard let raw = cells.optional("siret_ges") else { return nil }
        guard let siret = SIRET(raw) else {
            messages.append("SIRET du GES invalide : « \(raw) ».")
            return nil
        }
        return siret
    }
}
