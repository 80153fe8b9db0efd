import Fluent
import Foundation
import MaillageCore

/// A posted standard (national admins): code, name, description, cycle, surveillance interval,
/// group certification, public label, reminder days, active, position. Every problem at once.
struct StandardInput: Sendable, Equatable {
    static let maxCode = 20
    static let cycleRange = 1...10
    static let surveillanceRange = 0...60
    static let reminderRange = 1...730
    static let maxReminders = 4
    static let positionRange = 0...999

    var code: String
    var name: String
    var description: String
    var cycleYears: Int
    var surveillanceMonths: Int
    var groupCertification: Bool
    var publicLabel: Bool
    var reminderDays: [Int]
    var active: Bool
    var position: Int

    static let fields = ["standard_code", "standard_name", "standard_description", "standard_cycle_years", "standard_surveillance_months",
                         "standard_group", "standard_public", "standard_reminder_days", "standard_active", "standard_position"]

    static let labels: [String: String] = [
        "standard_code": "Code du référentiel", "standard_name": "Nom du référentiel", "standard_description": "Description",
        "standard_cycle_years": "Durée du cycle (années)", "standard_surveillance_months": "Audits de surveillance (mois)",
        "standard_reminder_days": "Rappels (jours avant)", "standard_position": "Ordre d'affichage",
    ]

    /// The form's values worth keeping from a post (bounded).
    static func values(from all: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in fields { values[key] = all[key].map { String($0.prefix(4100)) } }
        return values
    }

    static func parse(_ v: [String: String]) -> Result<StandardInput, FormRefusal> {
        var errors = FieldErrors()
        let code = v["standard_code", default: ""].trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty { errors.add("standard_code", "Indiquez le code du référentiel (par exemple CEDRE).") }
        else if let refusal = MemberFields.controlRefusal(code, label: "Le code") { errors.add("standard_code", refusal.message) }
        else if code.count > maxCode || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            errors.add("standard_code", "Le code fait au plus \(maxCode) caractères : lettres A à Z, chiffres et tirets.")
        }
        let name = CertificationForms.text(v, "standard_name", label: "Le nom", max: CertificationService.maxText,
                                           required: "Indiquez le nom du référentiel.", errors: &errors)
        let description = CertificationForms.text(v, "standard_description", label: "La description", max: CertificationService.maxNote,
                                                  required: nil, errors: &errors)
        let cycle = CertificationForms.integer(v, "standard_cycle_years", range: cycleRange,
                                               message: "Indiquez la durée du cycle en années, de 1 à 10.", errors: &errors)
        let surveillance = CertificationForms.integer(v, "standard_surveillance_months", range: surveillanceRange,
                                                      message: "Indiquez l'intervalle des audits de surveillance en mois, de 0 (aucun) à 60.", errors: &errors)
        let position = CertificationForms.integer(v, "standard_position", range: positionRange,
                                                  message: "Indiquez l'ordre d'affichage, de 0 à 999.", errors: &errors)
        let reminders = reminderDays(v["standard_reminder_days", default: ""], errors: &errors)
        guard errors.isEmpty, let cycle, let surveillance, let position, let reminders else { return .failure(FormRefusal(errors: errors)) }
        return .success(StandardInput(code: code, name: name, description: description, cycleYears: cycle, surveillanceMonths: surveillance,
                                      groupCertification: CertificationForms.checked(v["standard_group"]),
                                      publicLabel: CertificationForms.checked(v["standard_public"]), reminderDays: reminders,
                                      active: CertificationForms.checked(v["standard_active"]), position: position))
    }

    /// "90, 30" → [90, 30]: each 1…730, at most four, largest first, each once. Empty: no reminder.
    static func reminderDays(_ typed: String, errors: inout FieldErrors) -> [Int]? {
        let parts = typed.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
        let numbers = parts.map { Int($0) }
        guard numbers.allSatisfy({ $0.map(reminderRange.contains) ?? false }) else {
            errors.add("standard_reminder_days", "Indiquez des nombres de jours de 1 à 730, séparés par des virgules (par exemple 90,30).")
            return nil
        }
        let days = Array(Set(numbers.compactMap { $0 })).sorted(by: >)
        guard days.count <= maxReminders else {
            errors.add("standard_reminder_days", "Quatre rappels au plus.")
            return nil
        }
        return days
    }

    static func values(of s: QualityStandard) -> [String: String] {
        ["standard_code": s.code, "standard_name": s.name, "standard_description": s.description,
         "standard_cycle_years": String(s.cycleYears), "standard_surveillance_months": String(s.surveillanceMonths),
         "standard_group": s.groupCertification ? "1" : "", "standard_public": s.publicLabel ? "1" : "",
         "standard_reminder_days": s.reminderOffsets.map(String.init).joined(separator: ","), "standard_active": s.active ? "1" : "",
         "standard_position": String(s.position)]
    }
}

/// Writes standards with their audit entry (`quality.standard.create|update`) in one transaction.
enum StandardService {
    static func save(_ id: UUID?, _ input: StandardInput, by actor: CurrentUser, on db: any Database) async throws -> Result<QualityStandard, FormRefusal> {
        do {
            return try await write(id, input, by: actor, on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two admins saving the same code at once: the unique key refuses the second, nothing is written.
            return .failure(.init("standard_code", "Ce code est déjà celui d'un autre référentiel."))
        }
    }

    private static func write(_ id: UUID?, _ input: StandardInput, by actor: CurrentUser, on db: any Database) async throws -> Result<QualityStandard, FormRefusal> {
        try await db.writeTransaction { tx in
            let taken = try await QualityStandard.query(on: tx).filter(\.$code == input.code).all()
            if taken.contains(where: { $0.id != id }) { return .failure(.init("standard_code", "Ce code est déjà celui d'un autre référentiel.")) }
            let standard: QualityStandard
            if let id {
                try await RowLock.lock(QualityStandard.schema, id, on: tx)
                guard let found = try await QualityStandard.find(id, on: tx) else { return .failure(.init("standard_code", "Ce référentiel n'existe plus.")) }
                standard = found
            } else {
                standard = QualityStandard()
            }
            let before = id == nil ? nil : snapshot(standard)
            standard.code = input.code
            standard.name = input.name
            standard.description = input.description
            standard.cycleYears = input.cycleYears
            standard.surveillanceMonths = input.surveillanceMonths
            standard.groupCertification = input.groupCertification
            standard.publicLabel = input.publicLabel
            standard.reminderDays = input.reminderDays.map(String.init).joined(separator: ",")
            standard.active = input.active
            standard.position = input.position
            try await standard.save(on: tx)
            let sid = try standard.requireID()
            try await Audit.record(id == nil ? .create : .update, id == nil ? "quality.standard.create" : "quality.standard.update",
                                   id: sid.uuidString, summary: "Référentiel \(standard.name) \(id == nil ? "ajouté" : "modifié")",
                                   before: before, after: snapshot(standard), actor: actor, on: tx)
            // The public directory shows the labels of standards marked public.
            try await CacheVersions.bump(.register, on: tx)
            return .success(standard)
        }
    }

    static func snapshot(_ s: QualityStandard) -> [String: String] {
        ["code": s.code, "nom": s.name, "description": s.description, "cycle_annees": String(s.cycleYears),
         "surveillance_mois": String(s.surveillanceMonths), "groupe": String(s.groupCertification),
         "label_public": String(s.publicLabel), "relances": s.reminderDays, "actif": String(s.active), "position": String(s.position)]
    }
}
