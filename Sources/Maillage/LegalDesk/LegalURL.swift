import Foundation
import Vapor

/// The legal desk's routes (`/juridique`), inside the one route table as `SiteURL.legal(_)`.
enum LegalURL: Sendable {
    /// The questions list: a member's own, a delegate's members' (metadata), the jurists' queue.
    case home
    case newQuestion, createQuestion
    case question(Parameter<UUID>)
    case attachment(Parameter<UUID>, Parameter<UUID>)
    // Steps of a question.
    case postMessage(Parameter<UUID>), reopen(Parameter<UUID>), share(Parameter<UUID>)
    case take(Parameter<UUID>), assign(Parameter<UUID>), requestInfo(Parameter<UUID>), answer(Parameter<UUID>)
    case internalNote(Parameter<UUID>), close(Parameter<UUID>)
    // Notes.
    case noteFromQuestion(Parameter<UUID>), createNoteFromQuestion(Parameter<UUID>)
    case notes, newNote, createNote
    case note(Parameter<UUID>), editNote(Parameter<UUID>), updateNote(Parameter<UUID>)
    /// relecture, publier, renvoyer, archiver.
    case noteStep(Parameter<UUID>, Parameter<String>)
    // Search.
    case suggestions, search
    // Settings, statistics, API.
    case settings, saveSettings
    case statistics, statisticsFile(Parameter<Int>, Parameter<String>)
    case apiQuestions
}

extension LegalURL {
    var method: HTTPMethod {
        switch self {
        case .createQuestion, .postMessage, .reopen, .share, .take, .assign, .requestInfo, .answer, .internalNote, .close,
             .createNoteFromQuestion, .createNote, .updateNote, .noteStep, .saveSettings:
            .POST
        default:
            .GET
        }
    }

    var rule: Rule {
        switch self {
        case .home, .apiQuestions: .followLegal
        case .newQuestion, .createQuestion: .askLegal
        case .question, .attachment: .seeQuestion
        case .postMessage, .reopen, .share: .replyAsMember
        case .close: .closeQuestion
        case .take, .assign, .requestInfo, .answer, .internalNote, .noteFromQuestion, .createNoteFromQuestion,
             .newNote, .createNote, .editNote, .updateNote, .noteStep:
            .handleLegal
        case .suggestions, .search, .notes, .note: .holdsRole
        case .settings, .saveSettings: .administer
        case .statistics, .statisticsFile: .legalFigures
        }
    }

    /// At most five attachments of 10 MB each on a question or a message.
    static let maxFiles = 5
    static let maxFileSize = 10 * 1024 * 1024
    static let maxUpload: ByteCount = ByteCount(value: maxFiles * maxFileSize + 1024 * 1024)

    var uploadLimit: ByteCount? {
        switch self {
        case .createQuestion, .postMessage, .requestInfo, .answer, .internalNote: Self.maxUpload
        default: nil
        }
    }

    var segments: [String] {
        let root = "juridique"
        switch self {
        case .home: return [root]
        case .newQuestion, .createQuestion: return [root, "questions", "nouvelle"]
        case .question(let q): return [root, "questions", q.segment("questionID")]
        case .attachment(let q, let a): return [root, "questions", q.segment("questionID"), "pieces", a.segment("attachmentID")]
        case .postMessage(let q): return [root, "questions", q.segment("questionID"), "messages"]
        case .reopen(let q): return [root, "questions", q.segment("questionID"), "rouvrir"]
        case .share(let q): return [root, "questions", q.segment("questionID"), "partage"]
        case .take(let q): return [root, "questions", q.segment("questionID"), "prendre"]
        case .assign(let q): return [root, "questions", q.segment("questionID"), "attribuer"]
        case .requestInfo(let q): return [root, "questions", q.segment("questionID"), "demander"]
        case .answer(let q): return [root, "questions", q.segment("questionID"), "repondre"]
        case .internalNote(let q): return [root, "questions", q.segment("questionID"), "note-interne"]
        case .close(let q): return [root, "questions", q.segment("questionID"), "cloturer"]
        case .noteFromQuestion(let q), .createNoteFromQuestion(let q): return [root, "questions", q.segment("questionID"), "fiche"]
        case .notes: return [root, "fiches"]
        case .newNote, .createNote: return [root, "fiches", "nouvelle"]
        case .note(let n): return [root, "fiches", n.segment("noteID")]
        case .editNote(let n), .updateNote(let n): return [root, "fiches", n.segment("noteID"), "modifier"]
        case .noteStep(let n, let s): return [root, "fiches", n.segment("noteID"), s.segment("step")]
        case .suggestions: return [root, "suggestions"]
        case .search: return [root, "recherche"]
        case .settings, .saveSettings: return [root, "parametres"]
        case .statistics: return [root, "statistiques"]
        case .statisticsFile(let y, let f): return [root, "statistiques", y.segment("year"), f.segment("file")]
        case .apiQuestions: return ["api", "v1", "juridique", "questions"]
        }
    }
}

// Links with values: `LegalURL.question(id)` → `SiteURL.legal(.question(.value(id)))`.
extension LegalURL {
    static var start: SiteURL { .legal(.home) }
    static func question(_ id: UUID) -> SiteURL { .legal(.question(.value(id))) }
    static func attachment(_ q: UUID, _ a: UUID) -> SiteURL { .legal(.attachment(.value(q), .value(a))) }
    static func postMessage(_ id: UUID) -> SiteURL { .legal(.postMessage(.value(id))) }
    static func reopen(_ id: UUID) -> SiteURL { .legal(.reopen(.value(id))) }
    static func share(_ id: UUID) -> SiteURL { .legal(.share(.value(id))) }
    static func take(_ id: UUID) -> SiteURL { .legal(.take(.value(id))) }
    static func assign(_ id: UUID) -> SiteURL { .legal(.assign(.value(id))) }
    static func requestInfo(_ id: UUID) -> SiteURL { .legal(.requestInfo(.value(id))) }
    static func answer(_ id: UUID) -> SiteURL { .legal(.answer(.value(id))) }
    static func internalNote(_ id: UUID) -> SiteURL { .legal(.internalNote(.value(id))) }
    static func close(_ id: UUID) -> SiteURL { .legal(.close(.value(id))) }
    static func noteFromQuestion(_ id: UUID) -> SiteURL { .legal(.noteFromQuestion(.value(id))) }
    static func createNoteFromQuestion(_ id: UUID) -> SiteURL { .legal(.createNoteFromQuestion(.value(id))) }
    static func note(_ id: UUID) -> SiteURL { .legal(.note(.value(id))) }
    static func editNote(_ id: UUID) -> SiteURL { .legal(.editNote(.value(id))) }
    static func updateNote(_ id: UUID) -> SiteURL { .legal(.updateNote(.value(id))) }
    /// `step`: relecture, publier, renvoyer, archiver.
    static func noteStep(_ id: UUID, _ step: String) -> SiteURL { .legal(.noteStep(.value(id), .value(step))) }
    /// `file`: statistiques.csv | statistiques.xlsx.
    static func statisticsFile(_ year: Int, _ file: String) -> SiteURL { .legal(.statisticsFile(.value(year), .value(file))) }
}
