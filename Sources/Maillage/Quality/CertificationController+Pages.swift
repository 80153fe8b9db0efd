import Fluent
import Foundation
import MaillageCore
import Vapor

/// The certification page's model: facts, the steps the person may take, the history and the
/// documents (with the upload form for those who record).
enum CertificationShow {
    static func page(_ req: Request, _ access: CertificationAccess,
                     upload: (form: [String: String], errors: FieldErrors)?) async throws -> CertificationPage {
        let c = access.certification
        let sid = try access.structure.requireID(), cid = try c.requireID()
        let today = Day.today(now: req.services.clock.now)
        let events = try await CertificationEvent.query(on: req.db).filter(\.$certification.$id == cid).all()
            .sorted { ($0.onDay, $0.createdAt ?? .distantPast) > ($1.onDay, $1.createdAt ?? .distantPast) }
        let actorIDs = Array(Set(events.compactMap { $0.$actor.id }))
        let names = actorIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await User.query(on: req.db).filter(\.$id ~~ actorIDs).all().map { ($0.id!, $0.displayName) })
        let documents = try await CertificationDocument.query(on: req.db).filter(\.$certification.$id == cid).all()
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
        let steps: [QualityLink] = CertificationWorkflow.actions(from: c.statusValue, by: access.parties).compactMap { action in
            guard let step = action.stepName, let href = req.link(to: QualityURL.certificationStep(sid, cid, step)) else { return nil }
            return QualityLink(href: href, label: action.label)
        }
        let uploadHref = try await req.link(to: QualityURL.uploadCertificationDocument(sid, cid), on: access.structure)
        return CertificationPage(
            structureName: access.structure.name,
            qualityHref: try await req.link(to: QualityURL.structure(sid), on: access.structure),
            standardName: access.standard.name, status: c.statusValue.label,
            lapsedNotice: QualityStructureSummary.lapsedSentence(c, standardName: access.standard.name),
            warning: warning(c, today: today),
            facts: facts(c),
            steps: steps.isEmpty ? nil : steps,
            events: events.map { e in
                CertificationPage.Event(
                    day: e.onDayValue?.french ?? e.onDay,
                    label: CertificationAction(rawValue: e.action)?.eventLabel ?? e.action,
                    status: e.toStatusValue.label + (e.auditKind.flatMap(AuditKind.init(rawValue:)).map { " (\($0.label.lowercased()))" } ?? "")
                        + (e.expiresOnValue.map { e.action == CertificationAction.lapse.rawValue ? "" : ", échéance le \($0.french)" } ?? ""),
                    note: e.note.isEmpty ? nil : e.note,
                    by: e.$actor.id.flatMap { names[$0] } ?? "Maillage")
            },
            documents: documents.isEmpty ? nil : documents.map { d in
                .init(title: d.title, kind: d.kindValue.label, fileName: d.fileName, size: FileSniffer.frenchSize(Int(d.size)),
                      date: d.createdAt.map { Day.today(now: $0).french } ?? "",
                      href: QualityURL.certificationDocument(sid, cid, d.id!).path)
            },
            upload: uploadHref.map { href in
                let form = upload?.form ?? ["document_kind": CertificationDocumentKind.auditReport.rawValue]
                return .init(action: href,
                             kinds: CertificationDocumentKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["document_kind"]) },
                             form: form, errors: upload?.errors ?? FieldErrors(), maxSize: FileSniffer.frenchSize(CertificationForms.maxFileSize))
            })
    }

    static func facts(_ c: Certification) -> [CertificationPage.Fact] {
        var out: [CertificationPage.Fact] = [.init(label: "Engagement", value: c.engagedOnValue?.french ?? c.engagedOn)]
        if let d = c.certifiedOnValue { out.append(.init(label: "Première certification", value: d.french)) }
        if let d = c.decisionOnValue, d != c.certifiedOnValue { out.append(.init(label: "Dernière décision", value: d.french)) }
        if let d = c.expiresOnValue { out.append(.init(label: "Échéance", value: d.french)) }
        if let d = c.auditOnValue {
            out.append(.init(label: "Prochain audit", value: d.french + (c.auditKindValue.map { " (\($0.label.lowercased()))" } ?? "")))
        }
        if c.renewals > 0 { out.append(.init(label: "Renouvellements", value: FrenchFormat.integer(c.renewals))) }
        out.append(.init(label: "Organisme certificateur", value: c.body.isEmpty ? "—" : c.body))
        out.append(.init(label: "Auditeur ou auditrice", value: c.auditor.isEmpty ? "—" : c.auditor))
        if !c.note.isEmpty { out.append(.init(label: "Note", value: c.note)) }
        return out
    }

    /// What needs doing: an expiry passed (to be taken note of), or no audit planned before the expiry.
    static func warning(_ c: Certification, today: Day) -> String? {
        guard [.certified, .renewed, .suspended].contains(c.statusValue), let expiry = c.expiresOnValue else { return nil }
        if today > expiry { return "L'échéance du \(expiry.french) est passée sans renouvellement : constatez l'échéance, ou enregistrez le renouvellement." }
        if c.auditOn == nil { return "Aucun audit n'est programmé avant l'échéance du \(expiry.french) : programmez l'audit de renouvellement." }
        return nil
    }
}

extension CertificationAction {
    /// The history's words for a step.
    var eventLabel: String {
        switch self {
        case .create: "Engagement dans la démarche"
        case .planAudit: "Audit programmé"
        case .certify: "Certification"
        case .recordSurveillance: "Audit de surveillance"
        case .renew: "Renouvellement"
        case .suspend: "Suspension"
        case .reinstate: "Rétablissement"
        case .withdraw: "Retrait"
        case .lapse: "Échéance constatée"
        }
    }
}

/// Keeps a certification's documents: the record and its audit entry in one transaction (the
/// bytes are already in the store; the caller discards them if this fails).
enum CertificationDocuments {
    static func add(_ clean: CertificationDocumentForm.Clean, file: StoredFile, to certificationID: UUID, of structureID: UUID,
                    by actor: CurrentUser, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let c = try await Certification.query(on: tx).filter(\.$id == certificationID)
                .filter(\.$structure.$id == structureID).first() else { throw Abort(.notFound) }
            let d = CertificationDocument()
            d.$certification.id = try c.requireID()
            d.kind = clean.kind.rawValue
            d.title = clean.title
            d.fileKey = file.key.value
            d.fileName = file.name
            d.contentType = file.contentType
            d.size = Int64(file.size)
            d.sha256 = file.sha256
            d.$uploadedBy.id = actor.id
            try await d.create(on: tx)
            try await Audit.record(.create, "quality.certification.document", id: try d.requireID().uuidString,
                                   summary: "Document « \(clean.title) » (\(clean.kind.label.lowercased())) ajouté à une certification",
                                   after: ["structure": structureID.uuidString, "certification": certificationID.uuidString,
                                           "type": clean.kind.rawValue, "titre": clean.title, "fichier": file.name,
                                           "taille": String(file.size), "sha256": file.sha256],
                                   actor: actor, on: tx)
        }
    }
}
