/// Checks one line of an answers file, collecting a French error per problem,
/// each tied to its column.
struct AnswerLineReader {
    let line: Int
    let cells: [String]
    let header: AnswerHeader
    let expectedCampaign: Int
    private(set) var errors: [AnswerFileError] = []
    /// The line's SIRET digits and type code when valid, even if other cells
    /// are wrong: duplicates are detected across all lines.
    private(set) var siret: String?
    private(set) var type: String?

    init(line: Int, cells: [String], header: AnswerHeader, expectedCampaign: Int) {
        self.line = line
        self.cells = cells
        self.header = header
        self.expectedCampaign = expectedCampaign
    }

    /// The row, or nil when a key cell is unusable; `errors` says why.
    mutating func read() -> AnswerRow? {
        readCampaign()
        siret = readSiret()
        type = readType()
        let values = readValues()
        // Only the untitled columns this line reaches (they are in ascending order): looping over
        // all of them on every short line made a header of many ";" quadratic (a hang).
        for index in header.untitled.prefix(while: { $0 < cells.count }) where !cell(index).isEmpty {
            fail(nil, "Valeur « \(cell(index)) » dans une colonne sans titre (colonne \(XLSXCellXML.column(index))).")
        }
        guard errors.isEmpty, let siret, let type else { return nil }
        return AnswerRow(line: line, siret: siret, type: type, values: values)
    }

    /// A short line (Excel drops trailing empty cells) reads as empty cells.
    private func cell(_ index: Int) -> String {
        index < cells.count ? cells[index] : ""
    }

    private mutating func fail(_ column: String?, _ message: String) {
        errors.append(AnswerFileError(line: line, column: column, message: message))
    }

    /// A file is imported into one campaign: a line of another year is a mistake
    /// (last year's file sent again), never silently moved.
    private mutating func readCampaign() {
        let raw = cell(header.campaign)
        guard !raw.isEmpty else { return fail("campaign", "Campagne manquante.") }
        guard let year = Int(raw) else {
            return fail("campaign", "Campagne « \(raw) » invalide : une année est attendue (\(expectedCampaign)).")
        }
        if year != expectedCampaign {
            fail("campaign", "Campagne \(year) : ce fichier est importé dans la campagne \(expectedCampaign).")
        }
    }

    private mutating func readSiret() -> String? {
        let raw = cell(header.siret)
        guard !raw.isEmpty else {
            fail("siret", "SIRET manquant.")
            return nil
        }
        // The usual cell is the 14 digits themselves: nothing to take out, only the key to check.
        if SIRET.hasFourteenDigits(raw) {
            guard SIRET.hasValidKey(raw) else {
                fail("siret", "SIRET invalide (clé de contrôle) : « \(raw) ».")
                return nil
            }
            return raw
        }
        guard SIRET.hasFourteenDigits(SIRET.compact(raw)) else {
            fail("siret", "SIRET invalide (14 chiffres attendus) : « \(raw) ».")
            return nil
        }
        guard let siret = SIRET(raw) else {
            fail("siret", "SIRET invalide (clé de contrôle) : « \(raw) ».")
            return nil
        }
        return siret.digits
    }

    /// Read leniently ("ett-ess", "Proxim'Services"), kept as the code.
    private mutating func readType() -> String? {
        let raw = cell(header.type)
        guard !raw.isEmpty else {
            fail("type", "Type manquant.")
            return nil
        }
        // The code itself reads as itself (`AnswerFileParseTests`); anything else is looked up leniently.
        guard let type = StructureType(rawValue: raw) ?? StructureType.parse(raw) else {
            fail("type", "Type inconnu : « \(raw) » (attendu : \(StructureType.allCases.map(\.rawValue).joined(separator: ", "))).")
            return nil
        }
        return type.rawValue
    }

    /// Answered cells only. Negative values are kept: the answer checks report
    /// them with the other consistency rules.
    private mutating func readValues() -> [String: Exact] {
        var values: [String: Exact] = [:]
        values.reserveCapacity(header.indicators.count)
        let applies = type.flatMap { header.applies[$0] }
        for (j, column) in header.columns.enumerated() {
            let raw = cell(column.index)
            if raw.isEmpty { continue }
            // A question the type is never asked would be counted in no figure:
            // rejected rather than silently stored.
            if let type, !(applies?[j] ?? header.indicators[j].indicator.applies(to: type)) {
                fail(column.code, "Indicateur sans objet pour le type \(type) : laissez la cellule vide.")
                continue
            }
            switch AnswerFile.value(raw, unit: column.unit) {
            case .success(let value): values[column.code] = value
            case .failure(let problem): fail(column.code, problem.message)
            }
        }
        return values
    }
}

extension AnswerFile {
    struct ValueProblem: Error {
        let message: String
    }

    /// "1 234,56", "1234.56", "-3": a comma or a point as decimal mark, spaces
    /// (plain or non-breaking) between thousands; no more decimals than the
    /// indicator's unit has (SPEC §8: counts whole, hours/ETP/euros 2, `_pct` 1).
    /// Trailing zeros are no extra precision ("12,50" is a valid percentage).
    static func value(_ raw: String, unit: Indicator.Unit) -> Result<Exact, ValueProblem> {
        guard let value = Exact(decimal: raw) else {
            return .failure(ValueProblem(message: "« \(raw) » n'est pas un nombre."))
        }
        // Bounded before any arithmetic: past the maximum is a typing error (catalogue).
        if let reason = unit.outOfRange(value) { return .failure(ValueProblem(message: "« \(raw) » : \(reason)")) }
        var scale: Int128 = 1
        for _ in 0..<unit.places { scale *= 10 }
        // At most `places` decimals: value × scale is whole, that is (value being reduced and
        // defined, as it is in range) its denominator divides the scale.
        guard scale % value.denominator == 0 else {
            let rule = switch unit.places {
            case 0: "nombre entier attendu"
            case 1: "au plus 1 décimale"
            default: "au plus \(unit.places) décimales"
            }
            return .failure(ValueProblem(message: "« \(raw) » : \(rule)."))
        }
        return .success(value)
    }
}
