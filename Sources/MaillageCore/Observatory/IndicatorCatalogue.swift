/// The Observatory's questionnaire (SPEC §8 codes are a contract: add, never rename).
public struct Indicator: Sendable, Hashable, Codable {
    public enum Unit: String, Sendable, Codable {
        case count, hours, etp, euros, percent

        /// Decimal places of a raw answer: counts are integers, hours/ETP/money 2, `_pct` 1.
        public var places: Int {
            switch self {
            case .count: 0
            case .hours, .etp, .euros: 2
            case .percent: 1
            }
        }

        /// The largest plausible answer, in the unit: anything above is a typing error and is
        /// refused where it enters (form, answers file). It keeps a campaign's sums far inside
        /// 64-bit integers (10^10 € × 100 × 10^5 answers < 9.2 × 10^18).
        public var maximum: Exact {
            switch self {
            case .count: Exact(1_000_000)            // persons, exits: the largest GES counts thousands
            case .hours: Exact(100_000_000)          // 60,000 full-time years
            case .etp: Exact(100_000)
            case .euros: Exact(10_000_000_000)       // 10 billion euros
            case .percent: Exact(100)
            }
        }

        /// The maximum as people read it ("10 000 000 000 €").
        public var maximumText: String {
            let digits = String(maximum.numerator)
            var grouped = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { grouped.append("\u{202F}") }
                grouped.append(c)
            }
            switch self {
            case .count: return grouped
            case .hours: return grouped + " h"
            case .etp: return grouped + " ETP"
            case .euros: return grouped + " €"
            case .percent: return grouped + " %"
            }
        }

        /// Nil when `value` is within the plausible range, else the French reason.
        public func outOfRange(_ value: Exact) -> String? {
            guard !value.isUndefined else { return "Ce nombre est trop grand." }
            let magnitude = value < .zero ? .zero - value : value
            return maximum < magnitude ? "La valeur dépasse le maximum plausible pour cette question (\(maximumText))." : nil
        }
    }

    public enum Theme: String, Sendable, Codable, CaseIterable {
        case permanents, insertion, homeWorkers, money, exits, profile, clientele

        public var label: String {
            switch self {
            case .permanents: "Salariés permanents"
            case .insertion: "Salariés en parcours d'insertion"
            case .homeWorkers: "Intervenants à domicile (Proxim'Services)"
            case .money: "Ressources et charges"
            case .exits: "Sorties de l'année"
            case .profile: "Profil des personnes en parcours"
            case .clientele: "Répartition de la clientèle"
            }
        }
    }

    public let code: String
    public let label: String
    public let help: String
    public let unit: Unit
    public let theme: Theme
    /// Type codes the question applies to; empty means every type.
    public let types: [String]

    public init(_ code: String, _ label: String, _ help: String, _ unit: Unit, _ theme: Theme, types: [String] = []) {
        self.code = code
        self.label = label
        self.help = help
        self.unit = unit
        self.theme = theme
        self.types = types
    }

    public func applies(to type: String) -> Bool { types.isEmpty || types.contains(type) }
}

public enum IndicatorCatalogue {
    static let siae = ["AI", "ACI", "EI", "ETTI", "ETT_ESS", "EITI", "GES", "EBE", "OF", "OTHER"]

    public static let all: [Indicator] = [
        .init("permanents_headcount", "Salariés permanents (effectif)", "Personnes salariées hors parcours d'insertion au 31 décembre.", .count, .permanents),
        .init("permanents_hours", "Heures travaillées des permanents", "Total des heures rémunérées sur l'année.", .hours, .permanents),
        .init("permanents_etp", "ETP des permanents", "Équivalents temps plein sur l'année.", .etp, .permanents),
        .init("insertion_new_persons", "Personnes entrées dans l'année", "Personnes accueillies en parcours pour la première fois de l'année.", .count, .insertion, types: siae),
        .init("insertion_persons", "Personnes mises au travail", "Personnes en parcours ayant travaillé au moins une heure dans l'année.", .count, .insertion, types: siae),
        .init("insertion_hours", "Heures travaillées en insertion", "Heures rémunérées des personnes en parcours.", .hours, .insertion, types: siae),
        .init("insertion_etp", "ETP en insertion", "Heures en insertion divisées par la durée annuelle d'un temps plein du type.", .etp, .insertion, types: siae),
        .init("home_workers_headcount", "Intervenants à domicile (effectif)", "Salariés intervenant au domicile des particuliers.", .count, .homeWorkers, types: ["PROXIM"]),
        .init("home_workers_etp", "ETP des intervenants à domicile", "", .etp, .homeWorkers, types: ["PROXIM"]),
        .init("supervision_etp", "ETP d'encadrement", "Encadrement des intervenants.", .etp, .homeWorkers, types: ["PROXIM"]),
        .init("salaries_total_eur", "Masse salariale brute", "Salaires bruts versés sur l'année, en euros.", .euros, .money),
        .init("salaries_insertion_eur", "dont salaires des personnes en parcours", "", .euros, .money, types: siae),
        .init("turnover_eur", "Chiffre d'affaires HT", "", .euros, .money),
        .init("funding_state_eur", "Aides de l'État (DREETS/DDETS, aide au poste)", "", .euros, .money),
        .init("funding_department_eur", "Financements du département", "", .euros, .money),
        .init("funding_region_eur", "Financements de la région", "", .euros, .money),
        .init("funding_municipal_eur", "Financements des communes et EPCI", "", .euros, .money),
        .init("funding_esf_eur", "Fonds social européen", "", .euros, .money),
        .init("funding_other_eur", "Autres financements publics", "", .euros, .money),
        .init("employer_contributions_eur", "Cotisations patronales versées", "", .euros, .money),
        .init("taxes_eur", "Impôts et taxes versés", "", .euros, .money),
        .init("local_purchases_eur", "Achats et charges externes locaux", "Dépenses auprès de fournisseurs du territoire.", .euros, .money),
        .init("charges_total_eur", "Total des charges", "", .euros, .money),
        .init("exits_total", "Sorties (total)", "Égal à la somme des quatre catégories ci-dessous.", .count, .exits, types: siae),
        .init("exits_sustainable", "Sorties vers l'emploi durable", "CDI, CDD ou intérim de 6 mois et plus, création d'entreprise, titularisation.", .count, .exits, types: siae),
        .init("exits_transition", "Sorties vers l'emploi de transition", "CDD ou intérim de moins de 6 mois, contrat aidé hors IAE.", .count, .exits, types: siae),
        .init("exits_positive", "Sorties positives", "Formation qualifiante, embauche dans une autre SIAE, autres sorties reconnues.", .count, .exits, types: siae),
        .init("exits_other", "Autres sorties", "", .count, .exits, types: siae),
        .init("persons_women", "Femmes", "Parmi les personnes mises au travail.", .count, .profile, types: siae),
        .init("persons_men", "Hommes", "", .count, .profile, types: siae),
        .init("age_under_26", "Moins de 26 ans", "", .count, .profile, types: siae),
        .init("age_26_49", "26 à 49 ans", "", .count, .profile, types: siae),
        .init("age_50_plus", "50 ans et plus", "", .count, .profile, types: siae),
        .init("rsa_recipients", "Bénéficiaires du RSA", "", .count, .profile, types: siae),
        .init("long_term_jobseekers", "Demandeurs d'emploi de longue durée (12 mois et plus)", "", .count, .profile, types: siae),
        .init("below_bac", "Niveau de qualification inférieur au bac", "", .count, .profile, types: siae),
        .init("clientele_private_pct", "Clientèle : entreprises privées (%)", "Part du chiffre d'affaires.", .percent, .clientele),
        .init("clientele_nonprofit_pct", "Clientèle : associations (%)", "", .percent, .clientele),
        .init("clientele_public_pct", "Clientèle : collectivités et organismes publics (%)", "", .percent, .clientele),
        .init("clientele_individuals_pct", "Clientèle : particuliers (%)", "", .percent, .clientele),
    ]

    public static let byCode: [String: Indicator] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
    public static let fundingCodes = ["funding_state_eur", "funding_department_eur", "funding_region_eur",
                                      "funding_municipal_eur", "funding_esf_eur", "funding_other_eur"]
}

extension Indicator {
    /// Whether an answer moved by more than half of last year's value, up or down: exactly
    /// |current − previous| × 2 > |previous| (50 % exactly is not flagged). From a previous 0,
    /// any other value is a change. The answer form flags it for the member and the delegate.
    public static func changedByMoreThanHalf(from previous: Exact, to current: Exact) -> Bool {
        let gap = current < previous ? previous - current : current - previous
        let base = previous < .zero ? .zero - previous : previous
        return base.isZero ? !gap.isZero : base < gap * Exact(2)
    }
}
