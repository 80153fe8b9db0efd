/// Statistical secrecy over time. Every release of a campaign's figures is frozen; a later
/// release differs from an earlier one by the answers that changed in between, and the
/// difference of two published sums is itself a sum — over the structures that changed. So
/// the changes between two releases are treated as a campaign of their own (one row per
/// changed answer, a value for each indicator that changed) and put through the same secrecy:
/// a figure of the later release whose change comes from fewer than k structures, or whose
/// change could be worked out by subtraction along a line (secondary suppression), is
/// withheld from that release. Its earlier value stays published in the earlier release.
/// See docs/OBSERVATORY.md, "Releases and secrecy over time".
enum ReleaseSecrecy {
    struct Key: Hashable, Sendable {
        let code: Int
        let type: String
        let delegation: String
    }

    /// Cells × codes of `current` to withhold, against each earlier release.
    static func withheld(current: [SurveyUnit], earlier: [[SurveyUnit]], k: Int) -> Set<Key> {
        var out = Set<Key>()
        for previous in earlier {
            let delta = changes(from: previous, to: current)
            guard !delta.isEmpty else { continue }
            let layout = CubeLayout(units: delta)
            let stats = FigureCube.statistics(delta, layout: layout, k: k)
            let secrecy = Secrecy(layout: layout, k: k) { stats.n[$1, $0] }
            for cell in 0..<layout.cellCount {
                let type = layout.typeCode(layout.type(ofCell: cell)), delegation = layout.delegationCode(layout.delegation(ofCell: cell))
                for code in 0..<CubeCodes.computed where secrecy.isSecret(code, cell: cell) {
                    out.insert(Key(code: code, type: type, delegation: delegation))
                }
            }
        }
        return out
    }

    /// One row per answer that differs (added, removed, changed, or moved to another
    /// delegation), with a marker for each code whose value differs: the rows a reader could
    /// isolate by comparing the two releases.
    static func changes(from old: [SurveyUnit], to new: [SurveyUnit]) -> [SurveyUnit] {
        struct Answer: Hashable { let structure: String; let type: String }
        var before: [Answer: SurveyUnit] = [:]
        for unit in old { before[Answer(structure: unit.structure, type: unit.type)] = unit }
        var out: [SurveyUnit] = []
        var seen = Set<Answer>()
        for unit in new {
            let key = Answer(structure: unit.structure, type: unit.type)
            seen.insert(key)
            guard let previous = before[key] else { out.append(marked(unit, codes: Set(unit.values.keys))); continue }
            if previous.delegation != unit.delegation {
                out.append(marked(previous, codes: Set(previous.values.keys)))
                out.append(marked(unit, codes: Set(unit.values.keys)))
                continue
            }
            let codes = Set(previous.values.keys).union(unit.values.keys).filter { previous.values[$0] != unit.values[$0] }
            if !codes.isEmpty { out.append(marked(unit, codes: codes)) }
        }
        for unit in old where !seen.contains(Answer(structure: unit.structure, type: unit.type)) {
            out.append(marked(unit, codes: Set(unit.values.keys)))
        }
        return out
    }

    /// A change row: 1 for each changed code, and for the derived sums a changed part moves.
    private static func marked(_ unit: SurveyUnit, codes: Set<String>) -> SurveyUnit {
        var values: [String: Exact] = [:]
        for code in codes { values[code] = Exact(1) }
        if !codes.isDisjoint(with: IndicatorCatalogue.fundingCodes) { values["public_funding_eur"] = Exact(1) }
        if !codes.isDisjoint(with: ["exits_sustainable", "exits_transition", "exits_positive"]) { values["dynamic_exits"] = Exact(1) }
        return SurveyUnit(structure: unit.structure, type: unit.type, delegation: unit.delegation, values: values)
    }
}
