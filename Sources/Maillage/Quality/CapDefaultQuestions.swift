import Foundation
import MaillageCore

/// The built-in CAP RSE questionnaire: four questions per axis on a scale of 0 to 3, weights 1 to 3.
/// « Préparer le questionnaire » copies it when no earlier year has a questionnaire to copy.
enum CapDefaultQuestions {
    struct Question: Sendable {
        let axis: CapAxis
        let code: String
        let text: String
        let help: String
        let scaleMax: Int
        let weight: Int
    }

    static let scaleLabels = "Pas engagé|Engagé|Avancé|Exemplaire"

    static func title(_ year: Int) -> String { "Auto-diagnostic CAP RSE \(year)" }

    static let questions: [Question] = [
        q(.identity, "ID-1", "Le projet social et la démarche RSE sont écrits et partagés avec l'équipe.", weight: 3),
        q(.identity, "ID-2", "La gouvernance associe les salariés et les personnes en parcours aux décisions.", weight: 2),
        q(.identity, "ID-3", "Les parties prenantes (financeurs, clients, partenaires) sont identifiées et consultées.", weight: 2),
        q(.identity, "ID-4", "La structure rend compte de sa démarche RSE (rapport, assemblée, site).", weight: 1),
        q(.people, "RH-1", "Chaque personne en parcours a un accompagnement socio-professionnel formalisé.", weight: 3),
        q(.people, "RH-2", "Un plan de formation couvre les permanents et les personnes en insertion.", weight: 3),
        q(.people, "RH-3", "La santé, la sécurité et les conditions de travail sont évaluées chaque année.", weight: 2),
        q(.people, "RH-4", "L'égalité entre les femmes et les hommes et la non-discrimination sont suivies.", weight: 1),
        q(.environment, "ENV-1", "Les consommations d'énergie et d'eau sont mesurées et suivies.", weight: 2),
        q(.environment, "ENV-2", "Les déchets sont triés, réduits et valorisés.", weight: 2),
        q(.environment, "ENV-3", "Les déplacements sont organisés pour limiter leur impact (covoiturage, mutualisation).", weight: 1),
        q(.environment, "ENV-4", "Les achats tiennent compte de critères environnementaux et sociaux.", weight: 1),
        q(.offer, "OFF-1", "Les besoins et la satisfaction des clients sont recueillis régulièrement.", weight: 2),
        q(.offer, "OFF-2", "L'offre de services est adaptée au territoire et construite avec les partenaires.", weight: 2),
        q(.offer, "OFF-3", "La qualité des prestations est contrôlée et les réclamations sont traitées.", weight: 2),
        q(.offer, "OFF-4", "Les prix couvrent les coûts et restent accessibles aux clients visés.", weight: 1),
        q(.improvement, "AME-1", "Des indicateurs de résultats (sorties, satisfaction, impact) sont suivis.", weight: 3),
        q(.improvement, "AME-2", "Un plan d'actions est tenu à jour et revu au moins une fois par an.", weight: 2),
        q(.improvement, "AME-3", "Les retours des personnes accompagnées améliorent les pratiques.", weight: 2),
        q(.improvement, "AME-4", "La structure se compare au réseau et à ses pairs (observatoire, audits).", weight: 1),
    ]

    private static func q(_ axis: CapAxis, _ code: String, _ text: String, weight: Int) -> Question {
        Question(axis: axis, code: code, text: text, help: "", scaleMax: 3, weight: weight)
    }
}
