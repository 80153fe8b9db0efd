import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The demo's legal desk and library (issue #12, « `maillage demo` shows the queue, the statistics
/// and the library with real content »), loaded into a fresh test database.
@Suite("Demo legal desk and library")
struct DemoLegalTests {
    @Test("Built files are real documents: PDF, DOCX and XLSX pass FileSniffer, and rebuild to the same bytes")
    func files() {
        for kind in [FileKind.pdf, .docx, .xlsx] {
            let data = DemoFiles.document(kind, title: "Modèle (essai) : « accents » & co", lines: ["Ligne 1 ; B ; C", "Ligne 2"])
            #expect(FileSniffer.check(data, name: "essai.\(kind.extensions[0])", limit: 10_485_760) == .success(kind))
            #expect(DemoFiles.document(kind, title: "Modèle (essai) : « accents » & co", lines: ["Ligne 1 ; B ; C", "Ligne 2"]) == data)
        }
        let pdf = String(decoding: DemoFiles.pdf(title: "a(b)", lines: ["é"]), as: UTF8.self)
        #expect(pdf.contains("(a\\(b\\))") && pdf.hasSuffix("%%EOF\n"))
        // The cross-reference table points at each object.
        let bytes = Array(pdf.utf8)
        let xref = pdf.components(separatedBy: "\n").drop { $0 != "xref" }.dropFirst(3).prefix(6)
        for (i, line) in xref.enumerated() {
            let offset = Int(line.prefix(10))!
            #expect(String(decoding: bytes[offset..<(offset + 8)], as: UTF8.self) == "\(i + 1) 0 obj\n")
        }
    }

    @Test("Questions over three years, notes, resources, events consistent with due days, files stored, search finds them")
    func demoLegal() async throws {
        try await withMaillage { app in
            try await DemoNetwork.load(on: app.db, passwordHash: try app.password.hash(DemoNetwork.password))
            let db = app.db
            let today = Day.today()

            // Two jurists.
            let jurists = try await RoleGrant.query(on: db).filter(\.$role == Role.jurist.rawValue).all()
            #expect(jurists.count == 2)

            // About 300 questions, each year, every category, labour the largest, « other » rising.
            let questions = try await LegalQuestion.query(on: db).all()
            #expect((250...360).contains(questions.count), "\(questions.count)")
            for year in 2024...min(today.year, 2026) {
                let ofYear = questions.filter { $0.askedOn.hasPrefix("\(year)") }
                var byCategory: [LegalCategory: Int] = [:]
                for q in ofYear { byCategory[q.categoryValue, default: 0] += 1 }
                #expect(byCategory.count == 6, "\(year): \(byCategory)")
                #expect(byCategory.max { $0.value < $1.value }?.key == .labour, "\(year)")
            }
            func otherShare(_ y: Int) -> Double {
                let ofYear = questions.filter { $0.askedOn.hasPrefix("\(y)") }
                return Double(ofYear.filter { $0.categoryValue == .other }.count) / Double(max(1, ofYear.count))
            }
            #expect(otherShare(2024) < otherShare(2025) || otherShare(2024) < otherShare(2026))
            #expect(Set(questions.map(\.departmentCode)).count >= 20)
            #expect(questions.allSatisfy { $0.askedOn <= today.iso })

            // Statuses: most closed, and the live queue in every state, some overdue, some shared.
            var byStatus: [QuestionStatus: Int] = [:]
            for q in questions { byStatus[q.statusValue, default: 0] += 1 }
            for s in QuestionStatus.allCases { #expect(byStatus[s, default: 0] > 0, "no question \(s)") }
            #expect(byStatus[.closed, default: 0] > questions.count / 2)
            #expect(questions.filter { $0.statusValue.isOpenForJurists && $0.dueOn < today.iso }.count >= 2, "overdue questions")
            #expect(questions.contains { $0.sharedWithDelegation })

            // Every question's due day is LegalDelay of its events; the waits and first answer match.
            let events = try await LegalQuestionEvent.query(on: db).sort(\.$at).all()
            let byQuestion = Dictionary(grouping: events, by: { $0.$question.id })
            var mismatches: [String] = []
            for q in questions {
                let evs = byQuestion[q.id!] ?? []
                #expect(evs.first?.action == QuestionAction.ask.rawValue && evs.first?.onDay == q.askedOn)
                #expect(evs.last?.toStatus == q.status && evs.count == q.version)
                var waits: [LegalDelay.Wait] = []
                for e in evs {
                    if e.toStatus == QuestionStatus.waiting.rawValue { waits.append(.init(from: Day(iso: e.onDay)!, to: nil)) }
                    else if e.fromStatus == QuestionStatus.waiting.rawValue { waits[waits.count - 1].to = Day(iso: e.onDay)! }
                }
                let delay = LegalDelay(asked: Day(iso: q.askedOn)!, promised: 5, waits: waits)
                if delay.due.iso != q.dueOn { mismatches.append("\(q.subject) \(q.askedOn): \(q.dueOn) ≠ \(delay.due.iso)") }
                let closedWaits = waits.filter { $0.to != nil }.reduce(0) { $0 + WorkingDays.count(from: $1.from, to: $1.to!) }
                #expect(q.waitedDays == closedWaits)
                #expect((q.waitingSince != nil) == (q.statusValue == .waiting))
                #expect(q.firstAnswerOn == evs.first { $0.action == QuestionAction.answer.rawValue }?.onDay)
                for (a, b) in zip(evs, evs.dropFirst()) { #expect(a.toStatus == b.fromStatus) }
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")

            // Messages: answers for the answered, internal notes exist, requests for the waits.
            let messages = try await LegalMessage.query(on: db).all()
            #expect(messages.filter { $0.kind == MessageKind.answer.rawValue }.count == questions.filter { $0.firstAnswerOn != nil }.count)
            #expect(messages.contains { $0.isInternal })
            #expect(messages.filter { $0.kind == MessageKind.request.rawValue }.count
                    == events.filter { $0.action == QuestionAction.requestInfo.rawValue }.count)

            // The demo member's own questions, in several states.
            let member = try #require(try await User.query(on: db).filter(\.$email == DemoNetwork.accounts[2].email).first())
            let own = questions.filter { $0.askedBy == member.id }
            #expect(own.count >= 5)
            #expect(Set(own.map(\.status)).count >= 4, "\(own.map(\.status))")

            // Notes: 20 published (2 updated), 2 drafts, 1 in review; resources: 30 with 1–3 versions.
            let notes = try await LegalNote.query(on: db).all()
            #expect(notes.filter { $0.statusValue == .published }.count == 20)
            #expect(notes.filter { $0.statusValue == .draft }.count == 2 && notes.filter { $0.statusValue == .review }.count == 1)
            #expect(notes.filter { $0.revision == 2 }.count == 2)
            #expect(Set(notes.map(\.theme)).count == 6 && notes.contains { $0.validUntil != nil })
            let resources = try await LibraryResource.query(on: db).all()
            let versions = try await LibraryVersion.query(on: db).all()
            #expect(resources.count == 30)
            for r in resources {
                let mine = versions.filter { $0.$resource.id == r.id }
                #expect((1...3).contains(mine.count) && r.currentVersion == mine.count)
                #expect(mine.map(\.number).sorted() == Array(1...mine.count))
            }
            #expect(Set(resources.map(\.audience)) == ["public", "members"] && Set(resources.map(\.kind)).count == 4)

            // Every demo file is stored, is what its row says and passes FileSniffer.
            try await DemoLibrary.storeFiles(app.services.files, on: db)
            let attachments = try await LegalAttachment.query(on: db).all()
            #expect(attachments.count >= 5)
            var stored: [(String, String, String, Int)] = attachments.map { ($0.fileKey, $0.fileName, $0.sha256, $0.size) }
            stored += versions.map { ($0.fileKey, $0.fileName, $0.sha256, $0.size) }
            var kinds = Set<FileKind>()
            for (key, name, sha, size) in stored {
                let fileKey = try #require(FileKey(key))
                let data = try #require(try app.services.files.get(fileKey), "\(name)")
                #expect(data.count == size && StoredFiles.sha256Hex(data) == sha)
                let checked = FileSniffer.check(data, name: name, limit: 10_485_760)
                #expect((try? checked.get()) != nil, "\(name): \(checked)")
                if case .success(let k) = checked { kinds.insert(k) }
            }
            #expect(kinds == [.pdf, .docx, .xlsx])

            // Search: members find notes (plural and accents), resources by audience; jurists find questions.
            let plural = try await SearchIndex.search("licenciements", kinds: [.note], audiences: [.public, .members], on: db)
            #expect(plural.contains { $0.plainTitle == "Le licenciement pour inaptitude du salarié en insertion" })
            let accents = try await SearchIndex.search("periode d'essai cddi", kinds: [.note], audiences: [.public, .members], on: db)
            #expect(accents.first?.plainTitle == "La période d'essai du CDDI")
            let publicOnly = try await SearchIndex.search("guide", kinds: [.resource], audiences: [.public], on: db)
            #expect(!publicOnly.isEmpty && publicOnly.count < resources.filter { $0.title.contains("Guide") }.count + 5)
            let asked = try await SearchIndex.search("mise à disposition 480 heures", kinds: [.question], audiences: [.jurists], on: db)
            #expect(!asked.isEmpty)
            let drafts = try await SearchIndex.search("télétravail", kinds: [.note], audiences: [.public, .members, .jurists], on: db)
            #expect(drafts.isEmpty, "drafts are not indexed")
        }
    }
}
