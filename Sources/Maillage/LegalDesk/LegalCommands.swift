import Fluent
import Foundation
import MaillageCore
import Vapor

/// `maillage legal …`: the legal desk from scripts.
struct LegalCommands: AsyncCommandGroup {
    var help: String { "Appui juridique : données de banc d'essai." }
    var commands: [String: any AnyAsyncCommand] { ["bench-data": LegalBenchDataCommand()] }
}

/// `maillage legal bench-data --questions N --notes M [--seed S] [--password P]`: fills the configured
/// database with N answered and closed questions (over the existing structures) and M published
/// notes, all indexed for search, plus two accounts to sign in with (a jurist, and a member manager
/// of the first structure): what `scripts/bench-legal.sh` measures the search page on.
struct LegalBenchDataCommand: AsyncCommand {
    static let juristEmail = "juriste@banc.maillage.test"
    static let memberEmail = "adherent@banc.maillage.test"

    struct Signature: CommandSignature {
        @Option(name: "questions", help: "Nombre de questions (0 à 200 000)") var questions: Int?
        @Option(name: "notes", help: "Nombre de fiches publiées (0 à 50 000)") var notes: Int?
        @Option(name: "seed", help: "Graine du tirage (défaut 2026)") var seed: Int?
        @Option(name: "password", help: "Mot de passe des deux comptes (défaut banc-d-essai-2026)") var password: String?
    }
    var help: String { "Génère des questions répondues et des fiches publiées, indexées, pour le banc d'essai de la recherche." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let questions = signature.questions ?? 0, notes = signature.notes ?? 0
        guard (0...200_000).contains(questions), (0...50_000).contains(notes) else {
            context.console.error("Indiquez --questions entre 0 et 200 000 et --notes entre 0 et 50 000.")
            throw ExitError(code: 1)
        }
        let app = context.application
        let db = app.db
        let structures = try await Structure.query(on: db).sort(\.$siret).all()
        guard !structures.isEmpty else {
            context.console.error("Aucune structure : importez d'abord des adhérents (maillage import-members).")
            throw ExitError(code: 1)
        }
        let hash = try app.password.hash(signature.password ?? "banc-d-essai-2026")
        let jurist = try await account(Self.juristEmail, name: "Juriste du banc", hash: hash, role: .jurist, structure: nil, on: db)
        _ = try await account(Self.memberEmail, name: "Adhérent du banc", hash: hash, role: .memberManager,
                              structure: structures[0].id, on: db)
        if try await LegalSettingsRecord.query(on: db).first() == nil { try await LegalSettingsRecord().create(on: db) }
        let seed = UInt64(max(0, signature.seed ?? 2026))
        let started = Date()
        let first = Day(year: 2020, month: 1, day: 6)!
        var done = 0
        while done < questions {
            let (start, batch) = (done, min(500, questions - done))
            try await db.writeTransaction { tx in
                var rng = DemoRandom(seed: seed &+ UInt64(start))  // one stream per batch: the same data for a seed
                for i in 0..<batch {
                    try await question(start + i, structure: rng.pick(structures),
                                       day: WorkingDays.add(Int.random(in: 0...1500, using: &rng), to: first), jurist: jurist, rng: &rng, on: tx)
                }
            }
            done += batch
        }
        try await db.writeTransaction { tx in
            var rng = DemoRandom(seed: seed &+ 1_000_000)
            for i in 0..<notes { try await note(i, jurist: jurist, rng: &rng, on: tx) }
        }
        let seconds = Date().timeIntervalSince(started)
        context.console.print("\(FrenchFormat.integer(questions)) questions et \(FrenchFormat.integer(notes)) fiches générées et indexées "
            + "en \(FrenchFormat.decimal(Decimal(Int(seconds * 10)) / 10, places: 1)) s. Comptes : \(Self.juristEmail), \(Self.memberEmail).")
    }

    private func account(_ email: String, name: String, hash: String, role: Role, structure: UUID?, on db: any Database) async throws -> (UUID, String) {
        if let u = try await User.query(on: db).filter(\.$email == email).first() { return (try u.requireID(), name) }
        let u = User(email: email, displayName: name, passwordHash: hash)
        try await u.create(on: db)
        let uid = try u.requireID()
        try await RoleGrant(userID: uid, role: role, structureID: structure).create(on: db)
        return (uid, name)
    }

    /// One closed question: asked, answered within the delay, closed; its answer; indexed for the jurists.
    private func question(_ n: Int, structure: Structure, day: Day, jurist: (UUID, String), rng: inout DemoRandom,
                          on db: any Database) async throws {
        let topic = rng.pick(DemoLegalTexts.topics)
        let person = rng.pick(DemoLegalTexts.personNames)
        let answeredOn = WorkingDays.add(Int.random(in: 1...5, using: &rng), to: day)
        let q = LegalQuestion()
        q.$structure.id = try structure.requireID()
        q.departmentCode = structure.departmentCode
        q.askerName = rng.pick(DemoLegalTexts.personNames)
        q.category = topic.category.rawValue
        q.subject = topic.subject + " (\(n + 1))"
        q.body = DemoLegalTexts.fill(topic.body, structure: structure.name, person: person)
        q.status = QuestionStatus.closed.rawValue
        q.assigneeID = jurist.0
        q.askedAt = DemoLegal.at(day, 9)
        q.askedOn = day.iso
        q.dueOn = WorkingDays.add(5, to: day).iso
        q.firstAnswerAt = DemoLegal.at(answeredOn, 16)
        q.firstAnswerOn = answeredOn.iso
        q.answeredAt = q.firstAnswerAt
        q.closedAt = DemoLegal.at(answeredOn.adding(days: 30), 7)
        q.lastActivityAt = q.closedAt!
        q.version = 3
        try await q.create(on: db)
        let qid = try q.requireID()
        for (action, from, to, on, by) in [(QuestionAction.ask, nil, QuestionStatus.new, day, q.askerName),
                                           (.answer, .new, .answered, answeredOn, jurist.1),
                                           (.close, .answered, .closed, answeredOn.adding(days: 30), DemoLegal.systemName)] as [(QuestionAction, QuestionStatus?, QuestionStatus, Day, String)] {
            let e = LegalQuestionEvent()
            e.$question.id = qid
            e.action = action.rawValue
            e.fromStatus = from?.rawValue
            e.toStatus = to.rawValue
            e.at = DemoLegal.at(on, action == .ask ? 9 : 16)
            e.onDay = on.iso
            e.byUser = action == .answer ? jurist.0 : nil
            e.byName = by
            try await e.create(on: db)
        }
        let answer = DemoLegalTexts.fill(topic.answer, structure: structure.name, person: person)
        let m = LegalMessage()
        m.$question.id = qid
        m.authorID = jurist.0
        m.authorName = jurist.1
        m.side = MessageSide.jurist.rawValue
        m.kind = MessageKind.answer.rawValue
        m.body = answer
        m.createdAt = q.firstAnswerAt!
        try await m.create(on: db)
        try await SearchIndex.upsert(SearchDocument(id: qid, kind: .question, title: q.subject, body: q.body + "\n\n" + answer,
                                                    audience: .jurists, structureID: q.$structure.id, updatedAt: q.lastActivityAt), on: db)
    }

    /// One published note, a variant of a demo note.
    private func note(_ n: Int, jurist: (UUID, String), rng: inout DemoRandom, on db: any Database) async throws {
        let spec = rng.pick(DemoLegalNotes.notes.filter { $0.status == .published })
        let topic = rng.pick(DemoLegalTexts.topics)
        let note = LegalNote()
        note.title = spec.title + " (\(n + 1))"
        note.theme = spec.theme.rawValue
        note.body = spec.body + "\n\n" + DemoLegalTexts.fill(topic.answer, structure: "[structure]", person: "[personne]")
        note.status = NoteStatus.published.rawValue
        note.authorID = jurist.0
        note.authorName = jurist.1
        note.publishedAt = Date()
        note.updatedAt = Date()
        try await note.create(on: db)
        try await SearchIndex.upsert(SearchDocument(id: try note.requireID(), kind: .note, title: note.title, body: note.body,
                                                    audience: .members, updatedAt: note.updatedAt), on: db)
    }
}
