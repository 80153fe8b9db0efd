import Foundation
import MaillageCore

/// Trainees of the demo: French names (no real person), jobs by theme, categories and fundings in
/// the shares a training body of the network declares (mostly employees funded through the OPCO).
extension DemoTraining {
    static let firstNames = [
        "Claire", "Yann", "Sophie", "Karim", "Nadia", "Thomas", "Julie", "Mehdi", "Élodie", "Nicolas", "Sandrine", "Romain",
        "Aurélie", "Sébastien", "Fatima", "Jérôme", "Camille", "Laurent", "Inès", "Pascal", "Amandine", "Olivier", "Hélène",
        "Mamadou", "Céline", "Franck", "Nathalie", "Bruno", "Émilie", "Cédric", "Agnès", "Rachid", "Léa", "Gaëlle", "Hugo",
        "Valérie", "Stéphane", "Sabrina", "Mathieu", "Anne-Laure", "Loïc", "Awa", "Benoît", "Chloé", "Denis", "Manon",
    ]
    static let lastNames = [
        "Morvan", "Le Goff", "Barreau", "Haddad", "Ferhat", "Lemoine", "Girard", "Benali", "Roux", "Fontaine", "Chevalier",
        "Perrin", "Marchand", "Guérin", "Diallo", "Lefèvre", "Bonnet", "Dupuis", "Carpentier", "Moreau", "Lambert", "Fournier",
        "Mercier", "Rolland", "Traoré", "Garnier", "Bertrand", "Caron", "Nguyen", "Faure", "Renaud", "Blanchard", "Schmitt",
        "Hamon", "Collet", "Picard", "Leclerc", "Aubry", "Poirier", "Texier", "Meunier", "Da Silva", "Boyer", "Kerbrat",
    ]
    static let managerNames = ["Hélène Duval", "Marc Lebrun", "Samia Khelifi", "Patrick Jaouen", "Isabelle Roche", "Thierry Masson"]
    static let comments = [
        "Très concret, des outils utilisables dès demain.", "Bons échanges entre structures.", "Formatrice à l'écoute.",
        "Un peu dense sur la deuxième journée.", "Les cas pratiques étaient adaptés à notre réalité.", "", "",
        "J'aurais aimé plus de temps sur les exercices.", "Supports clairs, merci.", "",
    ]

    static func job(_ theme: TrainingTheme, rng: inout DemoRandom) -> String {
        switch theme {
        case .supervision: rng.pick(["Encadrant technique", "Encadrante technique", "Chef d'équipe", "Responsable de production"])
        case .support: rng.pick(["Conseillère en insertion professionnelle", "Conseiller en insertion professionnelle", "Accompagnatrice socioprofessionnelle"])
        case .hr: rng.pick(["Responsable des ressources humaines", "Assistante administrative", "Directeur"])
        case .management: rng.pick(["Directrice", "Directeur", "Directrice adjointe", "Coordinateur"])
        case .finance: rng.pick(["Comptable", "Responsable administratif et financier", "Directrice"])
        case .quality: rng.pick(["Référente qualité", "Référent qualité", "Directeur"])
        case .development: rng.pick(["Chargée de développement", "Chargé de relations entreprises", "Directeur"])
        case .governance: rng.pick(["Administrateur bénévole", "Présidente", "Trésorier", "Directrice"])
        }
    }

    /// Private employees about 80 %, jobseekers about 6 %, others (volunteers, public employees) the rest;
    /// volunteers weigh more in governance courses.
    static func category(_ theme: TrainingTheme, rng: inout DemoRandom) -> TraineeCategory {
        let x = Int.random(in: 0..<100, using: &rng)
        if theme == .governance { return x < 55 ? .privateEmployee : x < 58 ? .jobseeker : .other }
        return x < 80 ? .privateEmployee : x < 86 ? .jobseeker : .other
    }

    /// Through the group account with the skills operator about 65 %, the employer 25 %, other 10 %.
    static func funding(_ category: TraineeCategory, rng: inout DemoRandom) -> TrainingFunding {
        let x = Int.random(in: 0..<100, using: &rng)
        switch category {
        case .privateEmployee: return x < 70 ? .skillsOperator : x < 96 ? .employer : .other
        case .jobseeker: return x < 20 ? .skillsOperator : .other
        case .other: return x < 30 ? .skillsOperator : x < 60 ? .employer : .other
        }
    }

    /// "elodie.lefevre@exemple.org": ASCII, lower case.
    static func email(_ first: String, _ last: String, _ n: Int) -> String {
        let fold = { (s: String) in
            s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
                .lowercased().filter { $0.isASCII && ($0.isLetter || $0 == "-") }
        }
        return "\(fold(first)).\(fold(last))\(n % 7 == 0 ? String(n % 100) : "")@exemple.org"
    }
}
