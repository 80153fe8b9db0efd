import Foundation
import Vapor

/// The dues routes (`/cotisations`), one case per route, inside the one route table as
/// `SiteURL.dues(_)`: method, rule, segments and upload limit are given here.
enum DuesURL: Sendable {
    /// The dues home: a member's calls, a delegate's and the national follow-up, by year.
    case home
    // Settings and grids (national admin).
    case settings, saveSettings
    case grids, newGrid, createGrid
    case grid(Parameter<UUID>), editGrid(Parameter<UUID>), updateGrid(Parameter<UUID>)
    // Bases of a dues year: the list (admin, delegate), one member's (its managers declare).
    case bases(Parameter<Int>)
    case base(Parameter<Int>, Parameter<UUID>), saveBase(Parameter<Int>, Parameter<UUID>)
    // Calls for dues.
    case calls(Parameter<Int>)
    case generate(Parameter<Int>), submitGenerate(Parameter<Int>)
    case call(Parameter<UUID>), printCall(Parameter<UUID>), callPDF(Parameter<UUID>)
    case creditNote(Parameter<UUID>), submitCreditNote(Parameter<UUID>)
    // Payments, returned debits, mandates, direct-debit files, bank statements.
    case recordPayment(Parameter<UUID>)
    case returnDebit(Parameter<UUID>, Parameter<UUID>)
    case mandates
    case mandate(Parameter<UUID>), saveMandate(Parameter<UUID>)
    case directDebits, submitDirectDebits, debitRunFile(Parameter<UUID>)
    case statements, uploadStatement
    case statement(Parameter<UUID>), applyStatement(Parameter<UUID>)
    // Follow-up: dashboard, reminders, the accountant's exports.
    case dashboard(Parameter<Int>)
    case reminderPreview(Parameter<Int>), sendReminders(Parameter<Int>)
    case export(Parameter<Int>, Parameter<String>)
    // Read-only API (bearer token).
    case apiCalls(Parameter<Int>)
}

extension DuesURL {
    var method: HTTPMethod {
        switch self {
        case .saveSettings, .createGrid, .updateGrid, .saveBase, .submitGenerate, .submitCreditNote, .recordPayment,
             .returnDebit, .saveMandate, .submitDirectDebits, .uploadStatement, .applyStatement, .sendReminders:
            .POST
        default:
            .GET
        }
    }

    var rule: Rule {
        switch self {
        case .home, .calls, .apiCalls:
            .followDues
        case .base, .saveBase, .call, .printCall, .callPDF, .mandate:
            .seeDues
        case .bases, .dashboard, .reminderPreview, .sendReminders:
            .supervise
        case .settings, .saveSettings, .grids, .newGrid, .createGrid, .grid, .editGrid, .updateGrid,
             .generate, .submitGenerate, .creditNote, .submitCreditNote, .recordPayment, .returnDebit,
             .mandates, .saveMandate, .directDebits, .submitDirectDebits, .debitRunFile,
             .statements, .uploadStatement, .statement, .applyStatement, .export:
            .administer
        }
    }

    /// The largest bank statement accepted (camt.053 or CSV).
    static let maxStatementUpload: ByteCount = "5mb"

    var uploadLimit: ByteCount? {
        switch self {
        case .uploadStatement: Self.maxStatementUpload
        default: nil
        }
    }

    var segments: [String] {
        let root = "cotisations"
        switch self {
        case .home: return [root]
        case .settings, .saveSettings: return [root, "parametres"]
        case .grids, .createGrid: return [root, "baremes"]
        case .newGrid: return [root, "baremes", "nouveau"]
        case .grid(let g): return [root, "baremes", g.segment("gridID")]
        case .editGrid(let g), .updateGrid(let g): return [root, "baremes", g.segment("gridID"), "modifier"]
        case .bases(let y): return [root, y.segment("year"), "assiettes"]
        case .base(let y, let s), .saveBase(let y, let s): return [root, y.segment("year"), "assiettes", s.segment("structureID")]
        case .calls(let y): return [root, y.segment("year"), "appels"]
        case .generate(let y), .submitGenerate(let y): return [root, y.segment("year"), "generer"]
        case .call(let c): return [root, "appels", c.segment("callID")]
        case .printCall(let c): return [root, "appels", c.segment("callID"), "impression"]
        case .callPDF(let c): return [root, "appels", c.segment("callID"), "appel.pdf"]
        case .creditNote(let c), .submitCreditNote(let c): return [root, "appels", c.segment("callID"), "avoir"]
        case .recordPayment(let c): return [root, "appels", c.segment("callID"), "paiements"]
        case .returnDebit(let c, let p): return [root, "appels", c.segment("callID"), "paiements", p.segment("paymentID"), "rejet"]
        case .mandates: return [root, "mandats"]
        case .mandate(let s), .saveMandate(let s): return [root, "mandats", s.segment("structureID")]
        case .directDebits, .submitDirectDebits: return [root, "prelevements"]
        case .debitRunFile(let r): return [root, "prelevements", r.segment("runID"), "fichier"]
        case .statements, .uploadStatement: return [root, "releves"]
        case .statement(let b): return [root, "releves", b.segment("batchID")]
        case .applyStatement(let b): return [root, "releves", b.segment("batchID"), "appliquer"]
        case .dashboard(let y): return [root, y.segment("year"), "tableau-de-bord"]
        case .reminderPreview(let y), .sendReminders(let y): return [root, y.segment("year"), "relances"]
        case .export(let y, let f): return [root, y.segment("year"), "export", f.segment("file")]
        case .apiCalls(let y): return ["api", "v1", "cotisations", y.segment("year"), "appels"]
        }
    }
}

// Links with values: `DuesURL.call(id)` → `SiteURL.dues(.call(.value(id)))`.
extension DuesURL {
    static func grid(_ id: UUID) -> SiteURL { .dues(.grid(.value(id))) }
    static func editGrid(_ id: UUID) -> SiteURL { .dues(.editGrid(.value(id))) }
    static func updateGrid(_ id: UUID) -> SiteURL { .dues(.updateGrid(.value(id))) }
    static func bases(_ y: Int) -> SiteURL { .dues(.bases(.value(y))) }
    static func base(_ y: Int, _ s: UUID) -> SiteURL { .dues(.base(.value(y), .value(s))) }
    static func saveBase(_ y: Int, _ s: UUID) -> SiteURL { .dues(.saveBase(.value(y), .value(s))) }
    static func calls(_ y: Int) -> SiteURL { .dues(.calls(.value(y))) }
    static func generate(_ y: Int) -> SiteURL { .dues(.generate(.value(y))) }
    static func submitGenerate(_ y: Int) -> SiteURL { .dues(.submitGenerate(.value(y))) }
    static func call(_ id: UUID) -> SiteURL { .dues(.call(.value(id))) }
    static func printCall(_ id: UUID) -> SiteURL { .dues(.printCall(.value(id))) }
    static func callPDF(_ id: UUID) -> SiteURL { .dues(.callPDF(.value(id))) }
    static func creditNote(_ id: UUID) -> SiteURL { .dues(.creditNote(.value(id))) }
    static func submitCreditNote(_ id: UUID) -> SiteURL { .dues(.submitCreditNote(.value(id))) }
    static func recordPayment(_ id: UUID) -> SiteURL { .dues(.recordPayment(.value(id))) }
    static func returnDebit(_ c: UUID, _ p: UUID) -> SiteURL { .dues(.returnDebit(.value(c), .value(p))) }
    static func mandate(_ s: UUID) -> SiteURL { .dues(.mandate(.value(s))) }
    static func saveMandate(_ s: UUID) -> SiteURL { .dues(.saveMandate(.value(s))) }
    static func debitRunFile(_ id: UUID) -> SiteURL { .dues(.debitRunFile(.value(id))) }
    static func statement(_ id: UUID) -> SiteURL { .dues(.statement(.value(id))) }
    static func applyStatement(_ id: UUID) -> SiteURL { .dues(.applyStatement(.value(id))) }
    static func dashboard(_ y: Int) -> SiteURL { .dues(.dashboard(.value(y))) }
    static func reminderPreview(_ y: Int) -> SiteURL { .dues(.reminderPreview(.value(y))) }
    static func sendReminders(_ y: Int) -> SiteURL { .dues(.sendReminders(.value(y))) }
    /// An accountant's file of the year: appels.csv|xlsx, avoirs.csv|xlsx, paiements.csv|xlsx, ecritures.txt (FEC).
    static func export(_ y: Int, _ file: String) -> SiteURL { .dues(.export(.value(y), .value(file))) }
    static func apiCalls(_ y: Int) -> SiteURL { .dues(.apiCalls(.value(y))) }
    /// The dues home.
    static var start: SiteURL { .dues(.home) }
}
