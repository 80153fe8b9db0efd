import Foundation
import MaillageCore
import Vapor

/// The registration form as posted: a structure and five rows of `trainee_<n>_<field>`, read and
/// bounded where they enter. A row left blank (no name, e-mail or job typed) is ignored.
enum RegistrationForms {
    static let textFields = ["first_name", "last_name", "email", "job"]
    static let fields = textFields + ["category", "funding"]

    /// The posted values, bounded (a huge post never reaches the service whole).
    static func values(_ req: Request) -> [String: String] {
        let raw = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = ["structure": String((raw["structure"] ?? "").prefix(64))]
        for n in 1...RegistrationService.maxTrainees {
            for f in fields {
                let key = "trainee_\(n)_\(f)"
                values[key] = String((raw[key] ?? "").prefix(400)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return values
    }

    /// The structure chosen among `managed` (the only one when there is one) and the trainees of
    /// the rows typed, with every problem at once, by field.
    static func parse(_ values: [String: String], managed: [UUID]) -> (structure: UUID?, trainees: [RegistrationService.Trainee], rows: [Int], errors: FieldErrors) {
        var errors = FieldErrors()
        var structure: UUID? = nil
        if managed.count == 1, (values["structure"] ?? "").isEmpty {
            structure = managed[0]
        } else if let id = UUID(uuidString: values["structure"] ?? ""), managed.contains(id) {
            structure = id
        } else {
            errors.add("structure", "Choisissez la structure des personnes à inscrire.")
        }
        var trainees: [RegistrationService.Trainee] = []
        var rows: [Int] = []
        for n in 1...RegistrationService.maxTrainees {
            func v(_ f: String) -> String { values["trainee_\(n)_\(f)"] ?? "" }
            guard textFields.contains(where: { !v($0).isEmpty }) else { continue }
            rows.append(n)
            // A choice outside the lists is refused, never replaced: it feeds the yearly declaration.
            if !v("category").isEmpty, TraineeCategory(rawValue: v("category")) == nil {
                errors.add("trainee_\(n)_category", "Choisissez la catégorie de la personne dans la liste.")
            }
            if !v("funding").isEmpty, TrainingFunding(rawValue: v("funding")) == nil {
                errors.add("trainee_\(n)_funding", "Choisissez le financement dans la liste.")
            }
            trainees.append(.init(firstName: v("first_name"), lastName: v("last_name"), email: v("email"), job: v("job"),
                                  category: TraineeCategory(rawValue: v("category")) ?? .privateEmployee,
                                  funding: TrainingFunding(rawValue: v("funding")) ?? .skillsOperator))
        }
        // The service numbers its fields by position among the typed rows: bring them back to the form's rows.
        for item in RegistrationService.validate(trainees).summary {
            errors.add(formField(item.field, rows: rows), item.message)
        }
        return (structure, trainees, rows, errors)
    }

    /// `trainee_2_email` of the service (the 2nd typed row) → the form's row it came from.
    static func formField(_ field: String, rows: [Int]) -> String {
        let parts = field.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, parts[0] == "trainee", let i = Int(parts[1]), i >= 1 else { return field }
        let n = i <= rows.count ? rows[i - 1] : (rows.isEmpty ? 1 : i)
        return "trainee_\(n)_\(parts[2])"
    }
}

extension RegistrationForms {
    static let fieldLabels = ["first_name": "prénom", "last_name": "nom", "email": "adresse e-mail", "job": "poste",
                              "category": "catégorie", "funding": "financement"]

    /// The error summary's label of a row's field: « Personne 2 : adresse e-mail ».
    static func label(for field: String) -> String? {
        let parts = field.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, let n = Int(parts[1]), let name = fieldLabels[String(parts[2])] else { return nil }
        return "Personne \(n) : \(name)"
    }
}
