import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The question pages rendered from page models built by hand: asking (blank, refused, with
/// suggestions), one question as the member, the jurist and the delegate without sharing.
@Suite("Legal question page snapshots", .snapshots(record: PageRenderer.record))
struct LegalQuestionPageSnapshotTests {
    typealias D = SnapshotData

    static let jurist = CurrentUser(id: D.uuid(904), email: "jordan.juriste@exemple.fr", displayName: "Jordan Petit",
                                    grants: [.init(role: .jurist, delegationID: nil, structureID: nil)], managedStructureIDs: [])

    static func newPage(form: [String: String] = [:]) -> QuestionNewPage {
        var page = QuestionNewPage(
            action: SiteURL.legal(.createQuestion).path, homeHref: SiteURL.legal(.home).path,
            structures: [QuestionOption(value: D.uuid(1).uuidString, label: "Relais Emploi Nantes", selected: true),
                         QuestionOption(value: D.uuid(2).uuidString, label: "Tempo Emploi Nantes", selected: false)],
            onlyStructure: nil,
            categories: LegalCategory.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0 == .labour) },
            suggestURL: SiteURL.legal(.suggestions).path, maxFiles: 5, maxFileSize: "10 Mo", accepted: ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg")
        page.form = form
        return page
    }

    @Test("ask: blank, refused (subject too long, a PDF named .png), with suggestions found without the script")
    func ask() async throws {
        let path = SiteURL.legal(.newQuestion).path
        let blank = try await PageRenderer.render("legal/question-new", title: "Poser une question", Self.newPage(), user: D.manager, path: path)
        assertSnapshot(of: blank, as: .lines, named: "blank")
        var refused = Self.newPage(form: ["structure": D.uuid(1).uuidString, "category": "labour", "subject": "Période d'essai", "body": "Peut-on la renouveler ?"])
        var errors = FieldErrors()
        errors.add("ask_subject", "L'objet ne peut dépasser 200 caractères (il en compte 214).")
        errors.add("ask_attachments", "« contrat.png » est un PDF, pas une image PNG : renommez-le ou choisissez le bon fichier.")
        refused.errors = errors
        let html2 = try await PageRenderer.render("legal/question-new", title: "Poser une question", refused, user: D.manager, path: path)
        assertSnapshot(of: html2, as: .lines, named: "refused")
        var suggested = Self.newPage(form: ["subject": "licenciements"])
        suggested.suggestionsAsked = true
        suggested.hasSuggestions = true
        suggested.suggestions = .init(notes: [.init(title: [Highlight(text: "Le ", mark: false), Highlight(text: "licenciement", mark: true),
                                                           Highlight(text: " d'un salarié en insertion", mark: false)],
                                                    href: LegalURL.note(D.uuid(50)).path)],
                                      heading: LegalSuggestions.heading)
        let html3 = try await PageRenderer.render("legal/question-new", title: "Poser une question", suggested, user: D.manager, path: path)
        assertSnapshot(of: html3, as: .lines, named: "suggestions")
    }

    static func question(textsHidden: Bool = false) -> QuestionPage {
        let q = D.uuid(100)
        let file = QuestionPage.Attachment(name: "contrat.pdf", href: LegalURL.attachment(q, D.uuid(200)).path, detail: "PDF, 12 ko")
        return QuestionPage(
            id: q.uuidString, subject: "Renouveler une période d'essai", structure: "Relais Emploi Nantes",
            structureHref: SiteURL.structure(.value(D.uuid(1))).path, category: "Droit du travail", status: "En cours",
            statusCode: "in_progress", askedOn: "02/04/2026", asker: "Alex Bernard", dueOn: "10/04/2026", overdue: true,
            assignee: "Jordan Petit", shared: false, sharedLabel: "Non partagée avec la délégation",
            homeHref: SiteURL.legal(.home).path, version: 3, textsHidden: textsHidden,
            paragraphs: textsHidden ? [] : ["Pouvons-nous renouveler la période d'essai ?", "Le contrat est un CDDI de 6 mois."],
            attachments: textsHidden ? [] : [file],
            messages: textsHidden ? [] : [
                .init(id: D.uuid(300).uuidString, author: "Jordan Petit", side: "jurist", kindLabel: "Demande de précisions",
                      isInternal: false, isAnswer: false, at: "07/04/2026 10:00", paragraphs: ["Quelle est la durée du contrat ?"], attachments: []),
                .init(id: D.uuid(301).uuidString, author: "Alex Bernard", side: "member", kindLabel: "Message de l'adhérent",
                      isInternal: false, isAnswer: false, at: "14/04/2026 09:30", paragraphs: ["Six mois."], attachments: [file]),
            ],
            events: [.init(at: "02/04/2026 11:00", label: "Question posée", by: "Alex Bernard")],
            maxFiles: 5)
    }

    @Test("question: the member's view (message, share), the jurist's (internal note shown apart, every step), the delegate without sharing")
    func question() async throws {
        let q = D.uuid(100)
        let path = LegalURL.question(q).path
        var member = Self.question()
        member.reply = .init(action: LegalURL.postMessage(q).path, uploads: true)
        member.share = .init(action: LegalURL.share(q).path, uploads: false)
        let html1 = try await PageRenderer.render("legal/question", title: member.subject, member, user: D.manager, path: path)
        assertSnapshot(of: html1, as: .lines, named: "member")

        var jurist = Self.question()
        jurist.messages.append(.init(id: D.uuid(302).uuidString, author: "Jordan Petit", side: "jurist", kindLabel: "Note interne (juristes seulement)",
                                     isInternal: true, isAnswer: false, at: "14/04/2026 11:00", paragraphs: ["Voir la jurisprudence de 2019."],
                                     attachments: []))
        jurist.take = .init(action: LegalURL.take(q).path, uploads: false)
        jurist.assign = .init(action: LegalURL.assign(q).path, uploads: false)
        jurist.jurists = [QuestionOption(value: D.uuid(904).uuidString, label: "Jordan Petit", selected: true)]
        jurist.requestInfo = .init(action: LegalURL.requestInfo(q).path, uploads: true)
        jurist.answer = .init(action: LegalURL.answer(q).path, uploads: true)
        jurist.internalNote = .init(action: LegalURL.internalNote(q).path, uploads: true)
        var errors = FieldErrors()
        errors.add("answer_text", "Écrivez votre message.")
        jurist.errors = errors
        let html2 = try await PageRenderer.render("legal/question", title: jurist.subject, jurist, user: Self.jurist, path: path)
        assertSnapshot(of: html2, as: .lines, named: "jurist")

        let delegate = Self.question(textsHidden: true)
        let html3 = try await PageRenderer.render("legal/question", title: delegate.subject, delegate, user: D.delegate, path: path)
        assertSnapshot(of: html3, as: .lines, named: "delegate")
    }
}
