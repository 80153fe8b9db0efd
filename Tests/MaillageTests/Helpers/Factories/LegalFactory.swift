import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Legal desk and library records for app tests, written straight to the database with defaults,
/// so that a test states only what matters to it. Pages and services under test go through
/// `QuestionService`, the note and library services.
enum LegalFactory {
    /// A small valid PDF (passes `FileSniffer`).
    static let pdf = Data("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8)

    @discardableResult
    static func makeSettings(on db: any Database, promisedDays: Int = 5, reopenDays: Int = 30) async throws -> LegalSettingsRecord {
        if let s = try await LegalSettingsRecord.query(on: db).filter(\.$key == LegalSettingsRecord.key).first() {
            s.promisedDays = promisedDays
            s.reopenDays = reopenDays
            try await s.save(on: db)
            return s
        }
        let s = LegalSettingsRecord()
        s.promisedDays = promisedDays
        s.reopenDays = reopenDays
        try await s.create(on: db)
        return s
    }

    /// A question of `structure`, asked on `askedOn` (due 5 working days later unless `dueOn`).
    @discardableResult
    static func makeQuestion(on db: any Database, structure: Structure, category: LegalCategory = .labour,
                             subject: String = "Période d'essai d'un salarié en CDDI",
                             body: String = "Pouvons-nous renouveler la période d'essai d'un salarié en CDDI ?",
                             status: QuestionStatus = .new, askedOn: String = "2026-03-02", dueOn: String? = nil,
                             askedBy: UUID? = nil, askerName: String = "Camille Adhérente", assigneeID: UUID? = nil,
                             shared: Bool = false) async throws -> LegalQuestion {
        let q = LegalQuestion()
        q.$structure.id = try structure.requireID()
        q.departmentCode = structure.departmentCode
        q.askedBy = askedBy
        q.askerName = askerName
        q.category = category.rawValue
        q.subject = subject
        q.body = body
        q.status = status.rawValue
        q.assigneeID = assigneeID
        q.sharedWithDelegation = shared
        let day = Day(iso: askedOn)!
        q.askedOn = askedOn
        q.askedAt = day.noonInParis
        q.dueOn = dueOn ?? WorkingDays.add(5, to: day).iso
        if status == .waiting { q.waitingSince = askedOn }
        if status == .answered || status == .closed {
            q.firstAnswerAt = day.noonInParis
            q.firstAnswerOn = askedOn
            q.answeredAt = day.noonInParis
        }
        if status == .closed { q.closedAt = day.noonInParis }
        q.lastActivityAt = day.noonInParis
        try await q.create(on: db)
        return q
    }

    @discardableResult
    static func makeMessage(on db: any Database, question: LegalQuestion, kind: MessageKind = .answer,
                            body: String = "Oui, une fois, si le contrat le prévoit.", authorID: UUID? = nil,
                            authorName: String = "Jordan Juriste") async throws -> LegalMessage {
        let m = LegalMessage()
        m.$question.id = try question.requireID()
        m.authorID = authorID
        m.authorName = authorName
        m.side = (kind == .message ? MessageSide.member : .jurist).rawValue
        m.kind = kind.rawValue
        m.body = body
        m.createdAt = Date()
        try await m.create(on: db)
        return m
    }

    /// An attachment stored in `files` (the PDF above unless `data`).
    @discardableResult
    static func makeAttachment(on db: any Database, files: any FileStore, question: LegalQuestion, message: LegalMessage? = nil,
                               name: String = "contrat.pdf", data: Data = pdf, internal: Bool = false) async throws -> LegalAttachment {
        let key = FileKey.make()
        try files.put(data, key: key)
        let a = LegalAttachment()
        a.$question.id = try question.requireID()
        a.$message.id = try message?.requireID()
        a.fileKey = key.value
        a.fileName = name
        a.contentType = "application/pdf"
        a.kind = "pdf"
        a.size = data.count
        a.sha256 = ""
        a.internal = `internal`
        a.createdAt = Date()
        try await a.create(on: db)
        return a
    }

    @discardableResult
    static func makeNote(on db: any Database, title: String = "Le licenciement d'un salarié en insertion",
                         theme: LegalCategory = .labour,
                         body: String = "Les règles du licenciement s'appliquent au salarié en CDDI, avec ses particularités.",
                         status: NoteStatus = .published, authorID: UUID? = nil, validUntil: String? = nil) async throws -> LegalNote {
        let n = LegalNote()
        n.title = title
        n.theme = theme.rawValue
        n.body = body
        n.status = status.rawValue
        n.authorID = authorID
        n.authorName = "Jordan Juriste"
        n.validUntil = validUntil
        n.publishedAt = status == .published ? Date() : nil
        n.updatedAt = Date()
        try await n.create(on: db)
        return n
    }

    /// A resource with `versions` files (each a PDF) stored in `files`.
    @discardableResult
    static func makeResource(on db: any Database, files: any FileStore, title: String = "Guide des marchés publics",
                             kind: ResourceKind = .guide, theme: ResourceTheme = .legal, audience: ResourceAudience = .members,
                             versions: Int = 1) async throws -> LibraryResource {
        let r = LibraryResource()
        r.title = title
        r.description = "Un guide pour répondre aux marchés publics avec une clause d'insertion."
        r.kind = kind.rawValue
        r.theme = theme.rawValue
        r.audience = audience.rawValue
        r.currentVersion = versions
        r.createdAt = Date()
        r.updatedAt = Date()
        try await r.create(on: db)
        for number in 1...max(versions, 1) {
            let key = FileKey.make()
            let data = pdf + Data("% version \(number)\n".utf8)
            try files.put(data, key: key)
            let v = LibraryVersion()
            v.$resource.id = try r.requireID()
            v.number = number
            v.fileKey = key.value
            v.fileName = "guide-v\(number).pdf"
            v.contentType = "application/pdf"
            v.kind = "pdf"
            v.size = data.count
            v.sha256 = ""
            v.comment = number == 1 ? "" : "Mise à jour \(number)"
            v.uploadedByName = "Jordan Juriste"
            v.uploadedAt = Date()
            try await v.create(on: db)
        }
        return r
    }
}

extension Day {
    /// Noon of the day in Paris, for a stored date of a day-level fact.
    var noonInParis: Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Paris")!
        return c.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }
}
