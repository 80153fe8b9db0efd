import Foundation
import MaillageCore

/// The support forms, read and bounded: every problem at once, by field, in French. What needs the
/// database (the programme is active, the delegate, the structure of the delegation) is checked
/// by `SupportService` in its transaction.
enum SupportForms {
    static let maxTitle = 200
    static let maxText = 4000

    /// The summary's labels of the support forms' fields (`FieldErrors.label(for:)`).
    static let labels: [String: String] = [
        "programme_code": "Code du programme", "programme_name": "Nom du programme", "programme_description": "Description",
        "programme_position": "Position",
        "support_programme": "Programme", "support_started": "Début du suivi", "support_delegate": "Délégué",
        "support_outcome": "Résultat", "support_status": "Statut", "support_ended": "Fin du suivi",
        "day_delegation": "Délégation", "day_on": "Date", "day_kind": "Nature", "day_amount": "Durée en jours",
        "day_structure": "Structure", "day_support": "Suivi", "day_note": "Note",
    ]

    /// A typed day dd/mm/yyyy in 2000…`today.year + 1`; nil with the field's message.
    static func day(_ v: [String: String], _ field: String, today: Day, required: String?, errors: inout FieldErrors) -> Day? {
        let text = v[field, default: ""].trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if let required { errors.add(field, required) }
            return nil
        }
        guard text.count <= 20, let day = Day(typed: text) else {
            errors.add(field, "Date invalide : écrivez-la jj/mm/aaaa.")
            return nil
        }
        guard (2000...(today.year + 1)).contains(day.year) else {
            errors.add(field, "La date doit tomber entre 2000 et \(today.year + 1).")
            return nil
        }
        return day
    }

    static func text(_ v: [String: String], _ field: String, label: String, max: Int, required: String?, errors: inout FieldErrors) -> String {
        CourseInput.text(v, field, label: label, max: max, required: required, errors: &errors)
    }

    /// The posted values of `fields`, each cut at 5 000 characters (the checks then say what is too long).
    static func values(_ all: [String: String], _ fields: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in fields { values[key] = all[key].map { String($0.prefix(5000)) } }
        return values
    }
}

/// A posted programme (new or edit).
struct ProgrammeInput: Sendable, Equatable {
    static let maxCode = 20
    static let positions = 0...999
    static let fields = ["programme_code", "programme_name", "programme_description", "programme_active", "programme_position"]

    var code: String
    var name: String
    var description: String
    var active: Bool
    var position: Int

    static func parse(_ v: [String: String]) -> Result<ProgrammeInput, FormRefusal> {
        var errors = FieldErrors()
        let code = v["programme_code", default: ""].trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty { errors.add("programme_code", "Indiquez le code du programme (par exemple COODIAG).") }
        else if let refusal = MemberFields.controlRefusal(code, label: "Le code") { errors.add("programme_code", refusal.message) }
        else if code.count > maxCode || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            errors.add("programme_code", "Le code fait au plus \(maxCode) caractères : lettres A à Z, chiffres et tirets.")
        }
        let name = SupportForms.text(v, "programme_name", label: "Le nom", max: SupportForms.maxTitle,
                                     required: "Indiquez le nom du programme.", errors: &errors)
        let description = SupportForms.text(v, "programme_description", label: "La description", max: SupportForms.maxText,
                                            required: nil, errors: &errors)
        let position = Int(v["programme_position", default: ""].trimmingCharacters(in: .whitespaces)).flatMap { positions.contains($0) ? $0 : nil }
        if position == nil { errors.add("programme_position", "Indiquez la position dans les listes, un nombre de 0 à 999.") }
        guard errors.isEmpty, let position else { return .failure(FormRefusal(errors: errors)) }
        return .success(ProgrammeInput(code: code, name: name, description: description,
                                       active: CourseInput.checked(v["programme_active"]), position: position))
    }

    static func values(of p: SupportProgramme) -> [String: String] {
        ["programme_code": p.code, "programme_name": p.name, "programme_description": p.description,
         "programme_active": p.active ? "1" : "", "programme_position": String(p.position)]
    }

    func apply(to p: SupportProgramme) {
        p.code = code
        p.name = name
        p.description = description
        p.active = active
        p.position = position
    }
}

/// A posted new support: programme, start, delegate, outcome.
struct SupportInput: Sendable, Equatable {
    static let fields = ["support_programme", "support_started", "support_delegate", "support_outcome"]

    var programmeID: UUID
    var startedOn: Day
    var delegateID: UUID
    var outcome: String

    static func parse(_ v: [String: String], today: Day) -> Result<SupportInput, FormRefusal> {
        var errors = FieldErrors()
        let programme = UUID(uuidString: v["support_programme", default: ""])
        if programme == nil { errors.add("support_programme", "Choisissez le programme.") }
        let started = SupportForms.day(v, "support_started", today: today, required: "Indiquez le début du suivi (jj/mm/aaaa).", errors: &errors)
        let delegate = UUID(uuidString: v["support_delegate", default: ""])
        if delegate == nil { errors.add("support_delegate", "Choisissez le délégué qui suit la structure.") }
        let outcome = SupportForms.text(v, "support_outcome", label: "Le résultat", max: SupportForms.maxText, required: nil, errors: &errors)
        guard errors.isEmpty, let programme, let started, let delegate else { return .failure(FormRefusal(errors: errors)) }
        return .success(SupportInput(programmeID: programme, startedOn: started, delegateID: delegate, outcome: outcome))
    }
}

/// A posted edit of a support: status, end, outcome (with the form's version).
struct SupportEditInput: Sendable, Equatable {
    static let fields = ["support_status", "support_ended", "support_outcome", "version"]

    var status: SupportStatus
    var endedOn: Day?
    var outcome: String

    /// `startedOn`: the support's start, which the end may not precede.
    static func parse(_ v: [String: String], startedOn: Day?, today: Day) -> Result<SupportEditInput, FormRefusal> {
        var errors = FieldErrors()
        let status = SupportStatus(rawValue: v["support_status", default: ""])
        if status == nil { errors.add("support_status", "Choisissez le statut du suivi.") }
        let ended = SupportForms.day(v, "support_ended", today: today, required: nil, errors: &errors)
        if let ended, let startedOn, ended < startedOn {
            errors.add("support_ended", "La fin ne peut précéder le début du suivi (\(startedOn.french)).")
        }
        if let status, status != .ongoing, ended == nil, errors["support_ended"] == nil {
            errors.add("support_ended", "Indiquez la date de fin d'un suivi terminé ou abandonné.")
        }
        let outcome = SupportForms.text(v, "support_outcome", label: "Le résultat", max: SupportForms.maxText, required: nil, errors: &errors)
        guard errors.isEmpty, let status else { return .failure(FormRefusal(errors: errors)) }
        return .success(SupportEditInput(status: status, endedOn: ended, outcome: outcome))
    }

    static func values(of s: MemberSupport) -> [String: String] {
        ["support_status": s.status, "support_ended": s.endedOnValue?.french ?? "", "support_outcome": s.outcome, "version": String(s.version)]
    }
}

/// A posted intervention day: delegation, day, kind, amount (days with halves), optional
/// structure (SIRET or name) and support, note.
struct DayInput: Sendable, Equatable {
    static let fields = ["day_delegation", "day_on", "day_kind", "day_amount", "day_structure", "day_support", "day_note"]

    var delegationID: UUID
    var day: Day
    var kind: InterventionKind
    var halfDays: Int
    /// As typed (SIRET or name), resolved by the service; empty when none.
    var structure: String
    var supportID: UUID?
    var note: String

    static func parse(_ v: [String: String], today: Day) -> Result<DayInput, FormRefusal> {
        var errors = FieldErrors()
        let delegation = UUID(uuidString: v["day_delegation", default: ""])
        if delegation == nil { errors.add("day_delegation", "Choisissez la délégation.") }
        let day = SupportForms.day(v, "day_on", today: today, required: "Indiquez la date (jj/mm/aaaa).", errors: &errors)
        let kind = InterventionKind(rawValue: v["day_kind", default: ""])
        if kind == nil { errors.add("day_kind", "Choisissez la nature de l'intervention.") }
        let amountText = v["day_amount", default: ""]
        let halfDays = SupportFigures.halfDays(typed: amountText)
        if halfDays == nil {
            errors.add("day_amount", amountText.trimmingCharacters(in: .whitespaces).isEmpty
                ? "Indiquez la durée en jours (par exemple 1, 0,5 ou 2,5)."
                : "Durée invalide : écrivez un nombre de jours par demi-journées, de 0,5 à 20 (par exemple 1, 0,5 ou 2,5).")
        }
        let structure = SupportForms.text(v, "day_structure", label: "Le SIRET ou le nom de la structure", max: SupportForms.maxTitle,
                                          required: nil, errors: &errors)
        let supportText = v["day_support", default: ""]
        let support = UUID(uuidString: supportText)
        if !supportText.isEmpty, support == nil { errors.add("day_support", "Choisissez un suivi de la liste, ou aucun.") }
        let note = SupportForms.text(v, "day_note", label: "La note", max: SupportForms.maxText, required: nil, errors: &errors)
        guard errors.isEmpty, let delegation, let day, let kind, let halfDays else { return .failure(FormRefusal(errors: errors)) }
        return .success(DayInput(delegationID: delegation, day: day, kind: kind, halfDays: halfDays, structure: structure,
                                 supportID: support, note: note))
    }
}
