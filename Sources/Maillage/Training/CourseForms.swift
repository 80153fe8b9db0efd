import Foundation
import MaillageCore

/// A posted course (new or edit), read and bounded: every problem at once, by field, in French.
struct CourseInput: Sendable, Equatable {
    static let maxCode = 20
    static let maxTitle = 200
    static let maxText = 2000
    /// 1 minute … 400 hours.
    static let minutesRange = 1...(400 * 60)
    /// 99 999 999,99 €.
    static let maxCents: Int64 = 9_999_999_999

    var code: String
    var title: String
    var theme: TrainingTheme
    var objectives: String
    var prerequisites: String
    var audience: String
    var durationMinutes: Int
    var priceCents: Int64
    var intraDayPriceCents: Int64?
    var format: CourseFormat
    var certifying: Bool
    var visibility: CourseVisibility
    var active: Bool
    var introducedYear: Int

    /// The form's fields, as posted (`course_*` ids).
    static let fields = ["course_code", "course_title", "course_theme", "course_objectives", "course_prerequisites",
                         "course_audience", "course_hours", "course_price", "course_intra_price", "course_format",
                         "course_certifying", "course_visibility", "course_active", "course_year"]

    static func parse(_ v: [String: String]) -> Result<CourseInput, FormRefusal> {
        var errors = FieldErrors()
        let code = v["course_code", default: ""].trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty { errors.add("course_code", "Indiquez le code du cours (par exemple ETI-01).") }
        else if let refusal = MemberFields.controlRefusal(code, label: "Le code") { errors.add("course_code", refusal.message) }
        else if code.count > maxCode || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            errors.add("course_code", "Le code fait au plus \(maxCode) caractères : lettres A à Z, chiffres et tirets.")
        }
        let title = text(v, "course_title", label: "L'intitulé", max: maxTitle, required: "Indiquez l'intitulé du cours.", errors: &errors)
        let theme = TrainingTheme(rawValue: v["course_theme", default: ""])
        if theme == nil { errors.add("course_theme", "Choisissez le thème du cours.") }
        let objectives = text(v, "course_objectives", label: "Le texte des objectifs", max: maxText, required: "Indiquez les objectifs du cours.", errors: &errors)
        let prerequisites = text(v, "course_prerequisites", label: "Le texte des prérequis", max: maxText, required: nil, errors: &errors)
        let audience = text(v, "course_audience", label: "Le public visé", max: maxText, required: nil, errors: &errors)
        let minutes = hoursAsMinutes(v["course_hours", default: ""])
        if minutes == nil {
            errors.add("course_hours", "Indiquez la durée en heures, jusqu'à 400 et à la minute près (par exemple 14 ou 3,5).")
        }
        let price = amount(v["course_price", default: ""], field: "course_price", required: true, errors: &errors)
        let intra = amount(v["course_intra_price", default: ""], field: "course_intra_price", required: false, errors: &errors)
        let format = CourseFormat(rawValue: v["course_format", default: ""])
        if format == nil { errors.add("course_format", "Choisissez inter, intra ou les deux.") }
        let visibility = CourseVisibility(rawValue: v["course_visibility", default: ""])
        if visibility == nil { errors.add("course_visibility", "Choisissez qui voit ce cours.") }
        let yearText = v["course_year", default: ""].trimmingCharacters(in: .whitespaces)
        let year = Int(yearText).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil { errors.add("course_year", "Indiquez l'année d'entrée au catalogue, de 2000 à 2100.") }
        guard errors.isEmpty, let theme, let minutes, let price, let format, let visibility, let year else { return .failure(FormRefusal(errors: errors)) }
        return .success(CourseInput(
            code: code, title: title, theme: theme, objectives: objectives, prerequisites: prerequisites, audience: audience,
            durationMinutes: minutes, priceCents: price, intraDayPriceCents: intra, format: format,
            certifying: checked(v["course_certifying"]), visibility: visibility, active: checked(v["course_active"]),
            introducedYear: year))
    }

    /// « 14 », « 3,5 », « 3.25 » hours → minutes; nil when not a whole number of minutes or out of 1 min … 400 h.
    static func hoursAsMinutes(_ typed: String) -> Int? {
        var text = typed.trimmingCharacters(in: .whitespaces)
        for suffix in ["heures", "heure", "h"] where text.lowercased().hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        // Hundredths of an hour, exactly, through the money reader (no Double).
        guard !text.hasPrefix("-"), !text.hasPrefix("+"), !text.contains("€"), let hundredths = Money.parse(text)?.cents,
              hundredths <= 400 * 100 else { return nil }
        let scaled = hundredths * 60
        guard scaled % 100 == 0 else { return nil }
        let minutes = Int(scaled / 100)
        return minutesRange.contains(minutes) ? minutes : nil
    }

    /// The form value of a stored duration: « 14 », « 3,5 ».
    static func hoursText(_ minutes: Int) -> String {
        let hundredths = Int64(minutes) * 100 / 60
        if Int64(minutes) * 100 % 60 != 0 { return FrenchFormat.minutesAsHours(minutes).replacingOccurrences(of: "\u{202F}h", with: "") }
        let text = Money(cents: hundredths).plain.replacingOccurrences(of: ".", with: ",")
        return text.hasSuffix(",00") ? String(text.dropLast(3)) : text.hasSuffix("0") ? String(text.dropLast()) : text
    }

    /// The form value of an amount: « 450,00 ».
    static func amountText(_ cents: Int64?) -> String {
        cents.map { Money(cents: $0).plain.replacingOccurrences(of: ".", with: ",") } ?? ""
    }

    static func values(of c: TrainingCourse) -> [String: String] {
        ["course_code": c.code, "course_title": c.title, "course_theme": c.theme, "course_objectives": c.objectives,
         "course_prerequisites": c.prerequisites, "course_audience": c.audience, "course_hours": hoursText(c.durationMinutes),
         "course_price": amountText(c.priceCents), "course_intra_price": amountText(c.intraDayPriceCents), "course_format": c.format,
         "course_certifying": c.certifying ? "1" : "", "course_visibility": c.visibility, "course_active": c.active ? "1" : "",
         "course_year": String(c.introducedYear)]
    }

    func apply(to c: TrainingCourse) {
        c.code = code
        c.title = title
        c.theme = theme.rawValue
        c.objectives = objectives
        c.prerequisites = prerequisites
        c.audience = audience
        c.durationMinutes = durationMinutes
        c.priceCents = priceCents
        c.intraDayPriceCents = intraDayPriceCents
        c.format = format.rawValue
        c.certifying = certifying
        c.visibility = visibility.rawValue
        c.active = active
        c.introducedYear = introducedYear
    }

    static func checked(_ value: String?) -> Bool { ["1", "on", "true", "oui"].contains(value ?? "") }

    /// A free text of the form, trimmed: required, at most `max` characters, no control character
    /// (`label`, « L'intitulé », names it in that message).
    static func text(_ v: [String: String], _ field: String, label: String, max: Int, required: String?,
                     errors: inout FieldErrors) -> String {
        let value = v[field, default: ""].replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if let refusal = MemberFields.controlRefusal(value, label: label) { errors.add(field, refusal.message) }
        else if value.isEmpty, let required { errors.add(field, required) }
        else if value.count > max { errors.add(field, "Ce texte ne peut dépasser \(FrenchFormat.integer(max)) caractères.") }
        return value
    }

    static func amount(_ typed: String, field: String, required: Bool, errors: inout FieldErrors) -> Int64? {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { errors.add(field, "Indiquez le prix en euros (par exemple 450,00).") }
            return nil
        }
        guard let money = Money.parse(text), money.cents >= 0, money.cents <= maxCents else {
            errors.add(field, "Montant invalide : écrivez des euros et au plus deux décimales, jusqu'à 99 999 999,99 €.")
            return nil
        }
        return money.cents
    }
}
