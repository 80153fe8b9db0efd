/// The checks of one survey answer (one structure, one type), all reported at once.
/// Blocking problems prevent submission; warnings can be confirmed by the member.
public struct AnswerCheck: Sendable, Equatable {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    /// The indicator codes the message belongs next to.
    public let fields: [String]
    public let message: String
}

public enum AnswerChecks {
    /// Tolerance of hours against ETP × divisor (a warning past it).
    public static let hoursETPTolerance = Exact(15, 100)

    public static func run(_ values: [String: Exact], divisor: Exact?) -> [AnswerCheck] {
        var out: [AnswerCheck] = []
        func v(_ code: String) -> Exact? { values[code] }
        for (code, value) in values.sorted(by: { $0.key < $1.key }) where value < .zero {
            out.append(.init(severity: .error, fields: [code], message: "La valeur ne peut pas être négative."))
        }
        let exitParts = ["exits_sustainable", "exits_transition", "exits_positive", "exits_other"]
        if let total = v("exits_total"), exitParts.allSatisfy({ v($0) != nil }) {
            let sum = exitParts.reduce(Exact.zero) { $0 + v($1)! }
            if sum != total {
                out.append(.init(severity: .error, fields: ["exits_total"] + exitParts,
                                 message: "Le total des sorties (\(total.rounded(places: 0))) doit égaler la somme des quatre catégories (\(sum.rounded(places: 0)))."))
            }
        }
        if let persons = v("insertion_persons") {
            for (parts, what) in [(["persons_women", "persons_men"], "femmes et hommes"),
                                  (["age_under_26", "age_26_49", "age_50_plus"], "tranches d'âge")] where parts.allSatisfy({ v($0) != nil }) {
                let sum = parts.reduce(Exact.zero) { $0 + v($1)! }
                if sum != persons {
                    out.append(.init(severity: .error, fields: parts,
                                     message: "La somme \(what) (\(sum.rounded(places: 0))) doit égaler le nombre de personnes mises au travail (\(persons.rounded(places: 0)))."))
                }
            }
            for code in ["rsa_recipients", "long_term_jobseekers", "below_bac"] {
                if let n = v(code), persons < n {
                    out.append(.init(severity: .error, fields: [code],
                                     message: "Ne peut pas dépasser le nombre de personnes mises au travail (\(persons.rounded(places: 0)))."))
                }
            }
        }
        let shares = ["clientele_private_pct", "clientele_nonprofit_pct", "clientele_public_pct", "clientele_individuals_pct"]
        let given = shares.compactMap { v($0) }
        if !given.isEmpty {
            let sum = given.reduce(Exact.zero, +)
            let gap = sum < Exact(100) ? Exact(100) - sum : sum - Exact(100)
            if Exact(1, 2) < gap {
                out.append(.init(severity: .error, fields: shares,
                                 message: "Les parts de clientèle totalisent \(sum.rounded(places: 1).replacingOccurrences(of: ".", with: ",")) % au lieu de 100 %."))
            }
        }
        if let divisor {
            for (hours, etp) in [("insertion_hours", "insertion_etp"), ("permanents_hours", "permanents_etp")] {
                guard let h = v(hours), let e = v(etp), !e.isZero else { continue }
                let expected = e * divisor
                let gap = h < expected ? expected - h : h - expected
                if hoursETPTolerance * expected < gap {
                    out.append(.init(severity: .warning, fields: [hours, etp],
                                     message: "Heures et ETP ne concordent pas : \(e.rounded(places: 2).replacingOccurrences(of: ".", with: ",")) ETP × \(divisor.rounded(places: 0)) h = \(expected.rounded(places: 0)) h, loin des \(h.rounded(places: 0)) h déclarées. Vérifiez, ou confirmez si c'est exact."))
                }
            }
        }
        return out
    }
}
