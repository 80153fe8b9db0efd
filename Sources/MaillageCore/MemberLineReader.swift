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
        let name = readText("nom", label: "Le nom", max: MemberFields.nameMax)
        if name?.isEmpty == true { messages.append("Nom manquant.") }
        let types = readTypes()
        let department = readDepartment()
        let commune = readText("commune", label: "La commune", max: MemberFields.communeMax)
        if commune?.isEmpty == true { messages.append("Commune manquante.") }
        let address = readText("adresse", label: "L'adresse", max: MemberFields.addressMax)
        let postalCode = readPostalCode()
        let website = readWebsite()
        let status = readStatus()
        let joinedOn = readJoinedOn()
        let ges = readGesParent()

        guard messages.isEmpty, let siret, let name, let commune, let department, let status else { return nil }
        return MemberRow(line: cells.line, siret: siret, name: name, types: types,
                         address: address.flatMap { $0.isEmpty ? nil : $0 }, postalCode: postalCode,
                         commune: commune, department: department, website: website,
                         status: status, joinedOn: joinedOn, gesParentSiret: ges)
    }

    /// A text cell within its bounds (see `MemberFields.text`), "" when empty, nil when refused.
    private mutating func readText(_ column: String, label: String, max: Int) -> String? {
        switch MemberFields.text(cells[column], label: label, max: max) {
        case .success(let text): return text
        case .failure(let refusal): messages.append(refusal.message); return nil
        }
    }

    /// Five digits; four are padded with a zero, as Excel turns 01000 into 1000.
    private mutating func readPostalCode() -> String? {
        guard let raw = cells.optional("code_postal") else { return nil }
        let code = raw.count == 4 ? "0" + raw : raw
        guard code.count == 5, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            messages.append("Code postal invalide : « \(MemberFields.shown(raw)) » (attendu : 5 chiffres).")
            return nil
        }
        return code
    }

    /// Only http(s) addresses: the public directory shows them as links.
    private mutating func readWebsite() -> String? {
        guard let raw = cells.optional("site_web") else { return nil }
        switch WebAddress.check(raw) {
        case .success(let address): return address
        case .failure(let refusal):
            messages.append("Site web « \(MemberFields.shown(raw)) » : \(refusal.message)")
            return nil
        }
    }

    private mutating func readSiret() -> SIRET? {
        let raw = cells["siret"]
        if raw.isEmpty {
            messages.append("SIRET manquant.")
        } else if let problem = SIRET.problem(raw) {
            messages.append("SIRET « \(MemberFields.shown(raw)) » : \(problem)")
        }
        return SIRET(raw)
    }

    private mutating func readTypes() -> [StructureType] {
        let (types, unknown) = StructureType.parseList(cells["types"])
        messages += unknown.prefix(5).map { "Type inconnu : « \(MemberFields.shown($0)) »." }
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
            messages.append("Département inconnu : « \(MemberFields.shown(raw)) ».")
            return nil
        }
        return code
    }

    /// An empty status means a full member, the usual case.
    private mutating func readStatus() -> MembershipStatus? {
        guard let raw = cells.optional("statut") else { return .active }
        guard let status = MembershipStatus.parse(raw) else {
            messages.append("Statut inconnu : « \(MemberFields.shown(raw)) » (attendu : actif ou associé).")
            return nil
        }
        return status
    }

    private mutating func readJoinedOn() -> String? {
        guard let raw = cells.optional("date_adhesion") else { return nil }
        guard let day = FrenchFormat.parseDay(raw) else {
            messages.append("Date d'adhésion invalide : « \(MemberFields.shown(raw)) » (attendu : JJ/MM/AAAA).")
            return nil
        }
        guard MemberFields.isInRange(isoDay: day) else {
            messages.append("Date d'adhésion hors limites : « \(raw) » (entre \(MemberFields.years.lowerBound) et \(MemberFields.years.upperBound)).")
            return nil
        }
        return day
    }

    private mutating func readGesParent() -> SIRET? {
        guard let raw = cells.optional("siret_ges") else { return nil }
        guard let siret = SIRET(raw) else {
            messages.append("SIRET du GES invalide : « \(MemberFields.shown(raw)) ».")
            return nil
        }
        return siret
    }
}
