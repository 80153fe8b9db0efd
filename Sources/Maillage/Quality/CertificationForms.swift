import Fluent
import Foundation
import MaillageCore
import Vapor

/// The certification forms: a new certification, a step, a document. Each reads its fields,
/// bounds them and reports every problem at once, by field, in French; the service then checks
/// them against the record.
enum CertificationForms {
    static let maxFileSize = 12 * 1024 * 1024

    static let labels: [String: String] = [
        "certification_standard": "Référentiel", "certification_engaged_on": "Date d'engagement",
        "certification_body": "Organisme certificateur", "certification_auditor": "Auditeur ou auditrice",
        "certification_note": "Note", "certification_day": "Date", "certification_expires_on": "Échéance",
        "certification_audit_kind": "Type d'audit", "certification_confirm": "Confirmation du retrait",
        "document_kind": "Type de document", "document_title": "Titre du document", "document_file": "Fichier",
    ]
    .merging(StandardInput.labels) { a, _ in a }
    .merging(MockAuditInput.labels) { a, _ in a }

    // MARK: a new certification

    static let newFields = ["certification_standard", "certification_engaged_on", "certification_body", "certification_auditor", "certification_note"]

    static func values(from all: [String: String], fields: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in fields { values[key] = all[key].map { String($0.prefix(4100)) } }
        return values
    }

    static func parseNew(_ v: [String: String], structureID: UUID, today: Day) -> Result<CertificationService.NewCertification, FormRefusal> {
        var errors = FieldErrors()
        let standardID = UUID(uuidString: v["certification_standard", default: ""])
        if standardID == nil { errors.add("certification_standard", "Choisissez un référentiel dans la liste.") }
        let engaged = day(v, "certification_engaged_on", required: "Indiquez la date d'engagement (jj/mm/aaaa).", today: today, errors: &errors)
        if let engaged, engaged > today { errors.add("certification_engaged_on", "La date d'engagement ne peut être postérieure à aujourd'hui.") }
        let body = text(v, "certification_body", label: "L'organisme", max: CertificationService.maxText, required: nil, errors: &errors)
        let auditor = text(v, "certification_auditor", label: "L'auditeur", max: CertificationService.maxText, required: nil, errors: &errors)
        let note = text(v, "certification_note", label: "La note", max: CertificationService.maxNote, required: nil, errors: &errors)
        guard errors.isEmpty, let standardID, let engaged else { return .failure(FormRefusal(errors: errors)) }
        return .success(.init(structureID: structureID, standardID: standardID, engagedOn: engaged, body: body, auditor: auditor, note: note))
    }

    // MARK: a step

    static let stepFields = ["certification_day", "certification_expires_on", "certification_audit_kind", "certification_body",
                             "certification_auditor", "certification_note", "certification_confirm", "version"]

    /// What each step's form asks.
    struct StepFields: Sendable, Equatable, Encodable {
        var day: String?
        var expiry = false
        var auditKind = false
        var bodyAndAuditor = false
        var note: String?
        var noteRequired = false
        var confirm = false
    }

    static func fields(_ action: CertificationAction) -> StepFields {
        switch action {
        case .planAudit: StepFields(day: "Date de l'audit", auditKind: true, bodyAndAuditor: true)
        case .certify: StepFields(day: "Date de la décision", expiry: true, bodyAndAuditor: true, note: "Note")
        case .recordSurveillance: StepFields(day: "Date de l'audit de surveillance", bodyAndAuditor: true, note: "Conclusions de l'audit")
        case .renew: StepFields(day: "Date de la décision de renouvellement", expiry: true, bodyAndAuditor: true, note: "Note")
        case .suspend: StepFields(note: "Motif de la suspension", noteRequired: true)
        case .reinstate: StepFields(day: "Date du rétablissement", note: "Note")
        case .withdraw: StepFields(note: "Motif du retrait", noteRequired: true, confirm: true)
        case .lapse, .create: StepFields()
        }
    }

    static func parseStep(_ action: CertificationAction, _ v: [String: String], today: Day) -> Result<CertificationService.StepInput, FormRefusal> {
        let asked = fields(action)
        var errors = FieldErrors()
        var input = CertificationService.StepInput()
        if let label = asked.day {
            input.day = day(v, "certification_day", required: "Indiquez la \(label.lowercased()) (jj/mm/aaaa).", today: today, errors: &errors)
        }
        if asked.expiry, !v["certification_expires_on", default: ""].trimmingCharacters(in: .whitespaces).isEmpty {
            input.expiresOn = day(v, "certification_expires_on", required: nil, today: today, errors: &errors, maxYears: 12)
        }
        if asked.auditKind {
            let raw = v["certification_audit_kind", default: ""]
            if !raw.isEmpty {
                input.auditKind = AuditKind(rawValue: raw)
                if input.auditKind == nil { errors.add("certification_audit_kind", "Choisissez le type d'audit dans la liste.") }
            }
        }
        if asked.bodyAndAuditor {
            input.body = text(v, "certification_body", label: "L'organisme", max: CertificationService.maxText, required: nil, errors: &errors)
            input.auditor = text(v, "certification_auditor", label: "L'auditeur", max: CertificationService.maxText, required: nil, errors: &errors)
        }
        if let label = asked.note {
            let required = asked.noteRequired ? "Indiquez le \(label.lowercased())." : nil
            input.note = text(v, "certification_note", label: "Le texte", max: CertificationService.maxNote, required: required, errors: &errors)
        }
        if asked.confirm {
            input.confirmed = checked(v["certification_confirm"])
            if !input.confirmed { errors.add("certification_confirm", "Cochez « Je confirme le retrait » : le retrait est définitif.") }
        }
        guard errors.isEmpty else { return .failure(FormRefusal(errors: errors)) }
        return .success(input)
    }

    // MARK: shared readers

    static func checked(_ value: String?) -> Bool { CourseInput.checked(value) }

    /// A free text, trimmed: required when `required` says so, at most `max` characters, no control character.
    static func text(_ v: [String: String], _ field: String, label: String, max: Int, required: String?,
                     errors: inout FieldErrors) -> String {
        CourseInput.text(v, field, label: label, max: max, required: required, errors: &errors)
    }

    static func integer(_ v: [String: String], _ field: String, range: ClosedRange<Int>, message: String, errors: inout FieldErrors) -> Int? {
        let typed = v[field, default: ""].trimmingCharacters(in: .whitespaces)
        guard typed.count <= 6, let n = Int(typed), range.contains(n) else { errors.add(field, message); return nil }
        return n
    }

    /// A typed day (jj/mm/aaaa) from 2000 to `maxYears` years after today's year.
    static func day(_ v: [String: String], _ field: String, required: String?, today: Day, errors: inout FieldErrors,
                    maxYears: Int = 5) -> Day? {
        let typed = v[field, default: ""].trimmingCharacters(in: .whitespaces)
        if typed.isEmpty {
            if let required { errors.add(field, required) }
            return nil
        }
        guard typed.count <= 10, !MemberFields.hasControlCharacter(typed), let day = Day(typed: typed) else {
            errors.add(field, "Date non reconnue : écrivez-la jj/mm/aaaa (par exemple \(today.french)).")
            return nil
        }
        guard (2000...(today.year + maxYears)).contains(day.year) else {
            errors.add(field, "La date doit être comprise entre 2000 et \(today.year + maxYears).")
            return nil
        }
        return day
    }
}

/// A certification's document as posted: kind, title, file.
struct CertificationDocumentForm: Decodable, Sendable {
    var kind: String?
    var title: String?
    var file: File?

    enum CodingKeys: String, CodingKey {
        case kind = "document_kind", title = "document_title", file = "document_file"
    }

    struct Clean: Sendable {
        var kind: CertificationDocumentKind
        var title: String
        var file: CheckedFile
    }

    func validate() -> Result<Clean, FormRefusal> {
        var errors = FieldErrors()
        let kind = CertificationDocumentKind(rawValue: kind ?? "")
        if kind == nil { errors.add("document_kind", "Choisissez le type de document.") }
        let title = CertificationForms.text(["document_title": String((self.title ?? "").prefix(1000))], "document_title", label: "Le titre",
                                            max: CertificationService.maxText, required: "Indiquez le titre du document.", errors: &errors)
        var checked: CheckedFile?
        let chosen = UploadedFile.chosen(file.map { [$0] })
        if chosen.isEmpty {
            errors.add("document_file", "Choisissez le fichier à déposer (PDF, Word, Excel, OpenDocument, PNG ou JPEG ; \(FileSniffer.frenchSize(CertificationForms.maxFileSize)) au plus).")
        } else {
            switch StoredFiles.check(chosen, max: 1, limit: CertificationForms.maxFileSize) {
            case .success(let files): checked = files.first
            case .failure(let refusal): errors.add("document_file", refusal.message)
            }
        }
        guard errors.isEmpty, let kind, let checked else { return .failure(FormRefusal(errors: errors)) }
        return .success(Clean(kind: kind, title: title, file: checked))
    }

    var shown: [String: String] { ["document_kind": kind ?? "", "document_title": String((title ?? "").prefix(300))] }
}
