import Foundation
import Vapor

/// A path parameter: `.key` in the route table (the registered pattern, `:name`), a value
/// in a link. One definition gives both, so the route and its links cannot drift.
enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// The route table: one case per route (method + path), with the rule that guards it.
/// `routes.swift` registers each case's pattern with its handler; pages, redirects and tests
/// take each link from here (`SiteURL.structure(id).path`, `req.link(to:)`), never typed by hand.
enum SiteURL: Sendable {
    // Public: health check, public directory, sign-in, password links, API description.
    case health, publicDirectory, openAPI
    // Operations: readiness (database, migrations) and metrics for the scraper.
    case ready, metrics
    case login, submitLogin
    case forgotPassword, sendResetLink
    case tokenLink(Parameter<String>), setPassword(Parameter<String>)

    // Signed in: home, own account, sign-out.
    case home, logout, logoutEverywhere
    case account, accountPassword, accountTokens, revokeToken(Parameter<UUID>)

    // The member register.
    case directory, newStructure, createStructure
    case structure(Parameter<UUID>), editStructure(Parameter<UUID>), updateStructure(Parameter<UUID>)
    case newMembership(Parameter<UUID>), createMembership(Parameter<UUID>)
    case editMembership(Parameter<UUID>, Parameter<UUID>), updateMembership(Parameter<UUID>, Parameter<UUID>)
    case closeMembership(Parameter<UUID>, Parameter<UUID>), submitCloseMembership(Parameter<UUID>, Parameter<UUID>)
    case delegations
    case exportMembersCSV, exportMembersXLSX
    /// The same files prepared by a job (POST on the export's address, `Exports/`).
    case prepareMembersCSV, prepareMembersXLSX
    case importMembers, uploadMembers, applyImport(Parameter<UUID>)
    case membersTemplateCSV, membersTemplateXLSX

    // National administration.
    case users, newUser, createUser, user(Parameter<UUID>), userGrants(Parameter<UUID>)
    case revokeGrant(Parameter<UUID>, Parameter<UUID>), userStatus(Parameter<UUID>)
    case auditLog, outbox
    case retryOutboxMessage(Parameter<UUID>)

    // The Observatory.
    case observatory, newCampaign, createCampaign
    case campaign(Parameter<Int>), campaignSettings(Parameter<Int>)
    case closeCampaign(Parameter<Int>), submitCloseCampaign(Parameter<Int>)
    case reopenCampaign(Parameter<Int>), submitReopenCampaign(Parameter<Int>)
    case reminderPreview(Parameter<Int>), reminders(Parameter<Int>), validationQueue(Parameter<Int>)
    case answer(Parameter<Int>, Parameter<UUID>, Parameter<String>), saveAnswer(Parameter<Int>, Parameter<UUID>, Parameter<String>)
    case validateAnswer(Parameter<Int>, Parameter<UUID>, Parameter<String>)
    case returnAnswer(Parameter<Int>, Parameter<UUID>, Parameter<String>)
    case reopenAnswer(Parameter<Int>, Parameter<UUID>, Parameter<String>)
    case answersImport(Parameter<Int>), uploadAnswers(Parameter<Int>), applyAnswersImport(Parameter<Int>, Parameter<UUID>)
    case answersTemplateCSV(Parameter<Int>), answersTemplateXLSX(Parameter<Int>)
    case answersExportFile(Parameter<Int>, Parameter<String>), prepareAnswersExport(Parameter<Int>, Parameter<String>)
    case report(Parameter<Int>), delegationReport(Parameter<Int>, Parameter<String>), portrait(Parameter<Int>, Parameter<String>)
    case reportTable(Parameter<Int>, Parameter<String>, Parameter<String>), figuresJSON(Parameter<Int>)
    case reportPDF(Parameter<Int>), delegationReportPDF(Parameter<Int>, Parameter<String>)
    case benchmark(Parameter<Int>, Parameter<UUID>)
    case releases(Parameter<Int>), newRelease(Parameter<Int>), publishRelease(Parameter<Int>)
    case releaseFigures(Parameter<Int>, Parameter<Int>)

    // Long exports prepared by a job: the person's list, one export, its file.
    case exports, export(Parameter<UUID>), exportFile(Parameter<UUID>)

    // Identity and help: the federation's colours (public), the help pages.
    case theme, help, helpSection(Parameter<String>)

    // JSON API (bearer tokens; CSRF does not apply).
    case apiStructures, apiStructure(Parameter<UUID>), apiDelegations, apiDelegation(Parameter<String>)
    case apiFigures(Parameter<Int>)

    // Dues (`/cotisations`): their own table of cases, `Dues/DuesURL.swift`.
    case dues(DuesURL)
    // Legal desk (`/juridique`) and resource library (`/ressources`): `LegalDesk/LegalURL.swift`, `Library/LibraryURL.swift`.
    case legal(LegalURL)
    case library(LibraryURL)
    // Training (`/formations`) and the network agenda (`/agenda`): `Training/TrainingURL.swift`, `Agenda/AgendaURL.swift`.
    case training(TrainingURL)
    case agenda(AgendaURL)
    // Quality (`/qualite`) and the support of members (`/accompagnement`): `Quality/QualityURL.swift`, `Support/SupportURL.swift`.
    case quality(QualityURL)
    case support(SupportURL)
}

extension SiteURL {
    var method: HTTPMethod {
        switch self {
        case .submitLogin, .sendResetLink, .setPassword, .logout, .logoutEverywhere, .accountPassword, .accountTokens,
             .revokeToken, .createStructure, .updateStructure, .createMembership, .updateMembership,
             .submitCloseMembership, .uploadMembers, .applyImport, .createUser, .userGrants, .revokeGrant,
             .userStatus, .createCampaign, .campaignSettings, .submitCloseCampaign, .submitReopenCampaign, .reminders, .saveAnswer,
             .validateAnswer, .returnAnswer, .reopenAnswer, .uploadAnswers, .applyAnswersImport, .publishRelease,
             .prepareMembersCSV, .prepareMembersXLSX, .prepareAnswersExport,
             .retryOutboxMessage:
            .POST
        case .dues(let d):
            d.method
        case .legal(let l):
            l.method
        case .library(let l):
            l.method
        case .training(let t):
            t.method
        case .agenda(let a):
            a.method
        case .quality(let q):
            q.method
        case .support(let s):
            s.method
        default:
            .GET
        }
    }

    /// The rule that guards the route (`Policy`); each rule's business sentence is on its
    /// definition, in `App/Policy+Rules.swift` and the capabilities' `+Permissions.swift`.
    var rule: Rule {
        switch self {
        case .health, .ready, .theme, .publicDirectory, .openAPI, .login, .submitLogin, .forgotPassword, .sendResetLink,
             .tokenLink, .setPassword:
            .everyone
        case .metrics:
            .monitoring
        case .home, .logout, .logoutEverywhere, .account, .accountPassword, .accountTokens, .revokeToken,
             .help, .helpSection:
            .signedIn
        case .directory, .delegations, .apiStructures, .apiDelegations, .apiDelegation,
             .observatory, .report, .delegationReport, .portrait, .reportTable, .figuresJSON, .releases,
             .reportPDF, .delegationReportPDF,
             .releaseFigures, .apiFigures:
            .holdsRole
        case .structure, .apiStructure:
            .seeStructure
        case .newStructure, .createStructure, .editStructure, .updateStructure, .newMembership, .createMembership,
             .editMembership, .updateMembership, .closeMembership, .submitCloseMembership,
             .exportMembersCSV, .exportMembersXLSX, .prepareMembersCSV, .prepareMembersXLSX, .prepareAnswersExport,
             .campaign, .reminderPreview, .reminders, .validationQueue, .validateAnswer, .returnAnswer, .answersExportFile:
            .supervise
        case .answer, .saveAnswer, .benchmark:
            .answerSurvey
        case .exports, .export, .exportFile:
            .ownExports
        case .importMembers, .uploadMembers, .applyImport, .membersTemplateCSV, .membersTemplateXLSX, .users, .newUser, .createUser, .user, .userGrants,
             .revokeGrant, .userStatus, .auditLog, .outbox, .newCampaign, .createCampaign, .campaignSettings,
             .closeCampaign, .submitCloseCampaign, .reopenCampaign, .submitReopenCampaign, .reopenAnswer, .answersImport, .uploadAnswers,
             .applyAnswersImport, .answersTemplateCSV, .answersTemplateXLSX, .newRelease, .publishRelease,
             .retryOutboxMessage:
            .administer
        case .dues(let d):
            d.rule
        case .legal(let l):
            l.rule
        case .library(let l):
            l.rule
        case .training(let t):
            t.rule
        case .agenda(let a):
            a.rule
        case .quality(let q):
            q.rule
        case .support(let s):
            s.rule
        }
    }

    /// The largest body the route accepts, when it is an upload (multipart, streamed).
    var uploadLimit: ByteCount? {
        switch self {
        case .uploadMembers: ImportExportController.maxUpload
        case .uploadAnswers: AnswerImportController.maxUpload
        case .dues(let d): d.uploadLimit
        case .legal(let l): l.uploadLimit
        case .library(let l): l.uploadLimit
        case .quality(let q): q.uploadLimit
        case .training, .agenda, .support: nil
        default: nil
        }
    }

    /// The route's segments: `:name` for a `.key` parameter, the escaped value in a link.
    var segments: [String] {
        switch self {
        case .health: ["health"]
        case .ready: ["ready"]
        case .metrics: ["metrics"]
        case .publicDirectory: ["annuaire"]
        case .openAPI: ["api", "openapi.json"]
        case .login, .submitLogin: ["connexion"]
        case .forgotPassword, .sendResetLink: ["mot-de-passe-oublie"]
        case .tokenLink(let t), .setPassword(let t): ["lien", t.segment("token")]
        case .home: []
        case .logout: ["deconnexion"]
        case .logoutEverywhere: ["deconnexion-partout"]
        case .account: ["compte"]
        case .accountPassword: ["compte", "mot-de-passe"]
        case .accountTokens: ["compte", "jetons"]
        case .revokeToken(let id): ["compte", "jetons", id.segment("tokenID"), "revoquer"]

        case .directory, .createStructure: ["adherents"]
        case .newStructure: ["adherents", "nouveau"]
        case .structure(let s): ["adherents", s.segment("structureID")]
        case .editStructure(let s), .updateStructure(let s): ["adherents", s.segment("structureID"), "modifier"]
        case .newMembership(let s), .createMembership(let s): ["adherents", s.segment("structureID"), "adhesions", "nouvelle"]
        case .editMembership(let s, let m), .updateMembership(let s, let m):
            ["adherents", s.segment("structureID"), "adhesions", m.segment("membershipID"), "modifier"]
        case .closeMembership(let s, let m), .submitCloseMembership(let s, let m):
            ["adherents", s.segment("structureID"), "adhesions", m.segment("membershipID"), "cloturer"]
        case .delegations: ["delegations"]
        case .exportMembersCSV, .prepareMembersCSV: ["export", "adherents.csv"]
        case .exportMembersXLSX, .prepareMembersXLSX: ["export", "adherents.xlsx"]
        case .importMembers, .uploadMembers: ["import", "adherents"]
        case .applyImport(let b): ["import", "adherents", b.segment("batchID"), "appliquer"]
        case .membersTemplateCSV: ["import", "adherents", "modele.csv"]
        case .membersTemplateXLSX: ["import", "adherents", "modele.xlsx"]

        case .users: ["admin", "utilisateurs"]
        case .newUser, .createUser: ["admin", "utilisateurs", "nouveau"]
        case .user(let u): ["admin", "utilisateurs", u.segment("userID")]
        case .userGrants(let u): ["admin", "utilisateurs", u.segment("userID"), "roles"]
        case .revokeGrant(let u, let g): ["admin", "utilisateurs", u.segment("userID"), "roles", g.segment("grantID"), "supprimer"]
        case .userStatus(let u): ["admin", "utilisateurs", u.segment("userID"), "statut"]
        case .auditLog: ["admin", "journal"]
        case .outbox: ["admin", "courriels"]
        case .retryOutboxMessage(let m): ["admin", "courriels", m.segment("messageID"), "renvoyer"]

        case .observatory: ["observatoire"]
        case .newCampaign: ["observatoire", "campagnes", "nouvelle"]
        case .createCampaign: ["observatoire", "campagnes"]
        case .campaign(let y): ["observatoire", y.segment("year")]
        case .campaignSettings(let y): ["observatoire", y.segment("year"), "parametres"]
        case .closeCampaign(let y), .submitCloseCampaign(let y): ["observatoire", y.segment("year"), "cloturer"]
        case .reopenCampaign(let y), .submitReopenCampaign(let y): ["observatoire", y.segment("year"), "rouvrir"]
        case .reminderPreview(let y), .reminders(let y): ["observatoire", y.segment("year"), "relances"]
        case .validationQueue(let y): ["observatoire", y.segment("year"), "validation"]
        case .answer(let y, let s, let t), .saveAnswer(let y, let s, let t):
            ["observatoire", y.segment("year"), "reponses", s.segment("structureID"), t.segment("type")]
        case .validateAnswer(let y, let s, let t):
            ["observatoire", y.segment("year"), "reponses", s.segment("structureID"), t.segment("type"), "valider"]
        case .returnAnswer(let y, let s, let t):
            ["observatoire", y.segment("year"), "reponses", s.segment("structureID"), t.segment("type"), "renvoyer"]
        case .reopenAnswer(let y, let s, let t):
            ["observatoire", y.segment("year"), "reponses", s.segment("structureID"), t.segment("type"), "rouvrir"]
        case .answersImport(let y), .uploadAnswers(let y): ["observatoire", y.segment("year"), "import"]
        case .applyAnswersImport(let y, let b): ["observatoire", y.segment("year"), "import", b.segment("batchID"), "appliquer"]
        case .answersTemplateCSV(let y): ["observatoire", y.segment("year"), "import", "modele.csv"]
        case .answersTemplateXLSX(let y): ["observatoire", y.segment("year"), "import", "modele.xlsx"]
        case .answersExportFile(let y, let f), .prepareAnswersExport(let y, let f): ["observatoire", y.segment("year"), "export", f.segment("file")]
        case .report(let y): ["observatoire", y.segment("year"), "rapport"]
        case .delegationReport(let y, let c): ["observatoire", y.segment("year"), "rapport", c.segment("code")]
        case .portrait(let y, let t): ["observatoire", y.segment("year"), "portrait", t.segment("type")]
        case .reportTable(let y, let s, let f): ["observatoire", y.segment("year"), "tableaux", s.segment("scope"), f.segment("file")]
        case .figuresJSON(let y): ["observatoire", y.segment("year"), "chiffres.json"]
        case .reportPDF(let y): ["observatoire", y.segment("year"), "rapport.pdf"]
        case .delegationReportPDF(let y, let c): ["observatoire", y.segment("year"), "rapport", c.segment("code"), "rapport.pdf"]
        case .benchmark(let y, let s): ["observatoire", y.segment("year"), "positionnement", s.segment("structureID")]
        case .releases(let y), .publishRelease(let y): ["observatoire", y.segment("year"), "publications"]
        case .newRelease(let y): ["observatoire", y.segment("year"), "publications", "nouvelle"]
        case .releaseFigures(let y, let n): ["observatoire", y.segment("year"), "publications", n.segment("number"), "chiffres.json"]

        case .exports: ["exports"]
        case .export(let e): ["exports", e.segment("exportID")]
        case .exportFile(let e): ["exports", e.segment("exportID"), "fichier"]

        case .theme: ["theme.css"]
        case .help: ["aide"]
        case .helpSection(let s): ["aide", s.segment("section")]

        case .apiStructures: ["api", "v1", "structures"]
        case .apiStructure(let s): ["api", "v1", "structures", s.segment("structureID")]
        case .apiDelegations: ["api", "v1", "delegations"]
        case .apiDelegation(let c): ["api", "v1", "delegations", c.segment("code")]
        case .apiFigures(let y): ["api", "v1", "observatoire", y.segment("year"), "chiffres"]
        case .dues(let d): d.segments
        case .legal(let l): l.segments
        case .library(let l): l.segments
        case .training(let t): t.segments
        case .agenda(let a): a.segments
        case .quality(let q): q.segments
        case .support(let s): s.segments
        }
    }

    /// The concrete link (every parameter given a value).
    var path: String { "/" + segments.joined(separator: "/") }

    /// The link with a query string, built in one place: nil values are left out, values
    /// are percent-encoded, the order is the caller's.
    func path(query: KeyValuePairs<String, String?>) -> String {
        path(query: query.map { ($0.key, $0.value) })
    }

    func path(query: [(String, String?)]) -> String {
        let items = query.compactMap { key, value in value.map { Self.queryEscape(key) + "=" + Self.queryEscape($0) } }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }

    /// The registered pattern, `/adherents/:structureID`: what the route × role tests name.
    var pattern: String { path }

    var pathComponents: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }

    /// Only unreserved characters stay as they are (RFC 3986): a value cannot break out of
    /// its parameter, whatever it holds.
    private static let queryAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func queryEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? ""
    }
}

extension Parameter {
    /// `:name` in the route table, the percent-encoded value in a link.
    func segment(_ name: String) -> String {
        switch self {
        case .key: ":" + name
        case .value(let v): "\(v)".addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? ""
        }
    }

    private static var segmentAllowed: CharacterSet {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/;?#")
        return set
    }
}

// Links with values: `SiteURL.structure(id)` rather than `.structure(.value(id))`.
extension SiteURL {
    static func tokenLink(_ t: String) -> SiteURL { .tokenLink(.value(t)) }
    static func setPassword(_ t: String) -> SiteURL { .setPassword(.value(t)) }
    static func revokeToken(_ id: UUID) -> SiteURL { .revokeToken(.value(id)) }
    static func structure(_ id: UUID) -> SiteURL { .structure(.value(id)) }
    static func editStructure(_ id: UUID) -> SiteURL { .editStructure(.value(id)) }
    static func updateStructure(_ id: UUID) -> SiteURL { .updateStructure(.value(id)) }
    static func newMembership(_ id: UUID) -> SiteURL { .newMembership(.value(id)) }
    static func createMembership(_ id: UUID) -> SiteURL { .createMembership(.value(id)) }
    static func editMembership(_ s: UUID, _ m: UUID) -> SiteURL { .editMembership(.value(s), .value(m)) }
    static func updateMembership(_ s: UUID, _ m: UUID) -> SiteURL { .updateMembership(.value(s), .value(m)) }
    static func closeMembership(_ s: UUID, _ m: UUID) -> SiteURL { .closeMembership(.value(s), .value(m)) }
    static func submitCloseMembership(_ s: UUID, _ m: UUID) -> SiteURL { .submitCloseMembership(.value(s), .value(m)) }
    static func applyImport(_ id: UUID) -> SiteURL { .applyImport(.value(id)) }
    static func user(_ id: UUID) -> SiteURL { .user(.value(id)) }
    static func userGrants(_ id: UUID) -> SiteURL { .userGrants(.value(id)) }
    static func revokeGrant(_ u: UUID, _ g: UUID) -> SiteURL { .revokeGrant(.value(u), .value(g)) }
    static func userStatus(_ id: UUID) -> SiteURL { .userStatus(.value(id)) }
    static func campaign(_ y: Int) -> SiteURL { .campaign(.value(y)) }
    static func campaignSettings(_ y: Int) -> SiteURL { .campaignSettings(.value(y)) }
    static func closeCampaign(_ y: Int) -> SiteURL { .closeCampaign(.value(y)) }
    static func submitCloseCampaign(_ y: Int) -> SiteURL { .submitCloseCampaign(.value(y)) }
    static func reopenCampaign(_ y: Int) -> SiteURL { .reopenCampaign(.value(y)) }
    static func submitReopenCampaign(_ y: Int) -> SiteURL { .submitReopenCampaign(.value(y)) }
    static func reminderPreview(_ y: Int) -> SiteURL { .reminderPreview(.value(y)) }
    static func reminders(_ y: Int) -> SiteURL { .reminders(.value(y)) }
    static func validationQueue(_ y: Int) -> SiteURL { .validationQueue(.value(y)) }
    static func answer(_ y: Int, _ s: UUID, _ t: String) -> SiteURL { .answer(.value(y), .value(s), .value(t)) }
    static func saveAnswer(_ y: Int, _ s: UUID, _ t: String) -> SiteURL { .saveAnswer(.value(y), .value(s), .value(t)) }
    static func validateAnswer(_ y: Int, _ s: UUID, _ t: String) -> SiteURL { .validateAnswer(.value(y), .value(s), .value(t)) }
    static func returnAnswer(_ y: Int, _ s: UUID, _ t: String) -> SiteURL { .returnAnswer(.value(y), .value(s), .value(t)) }
    static func reopenAnswer(_ y: Int, _ s: UUID, _ t: String) -> SiteURL { .reopenAnswer(.value(y), .value(s), .value(t)) }
    static func answersImport(_ y: Int) -> SiteURL { .answersImport(.value(y)) }
    static func uploadAnswers(_ y: Int) -> SiteURL { .uploadAnswers(.value(y)) }
    static func applyAnswersImport(_ y: Int, _ b: UUID) -> SiteURL { .applyAnswersImport(.value(y), .value(b)) }
    static func answersTemplateCSV(_ y: Int) -> SiteURL { .answersTemplateCSV(.value(y)) }
    static func answersTemplateXLSX(_ y: Int) -> SiteURL { .answersTemplateXLSX(.value(y)) }
    /// The campaign's answers file, `reponses.csv` or `reponses.xlsx`.
    static func answersExport(_ y: Int, _ ext: String) -> SiteURL { .answersExportFile(.value(y), .value("reponses." + ext)) }
    /// The campaign's answers file prepared by a job (`reponses.csv` or `reponses.xlsx`).
    static func prepareAnswersExport(_ y: Int, _ ext: String) -> SiteURL { .prepareAnswersExport(.value(y), .value("reponses." + ext)) }
    static func export(_ id: UUID) -> SiteURL { .export(.value(id)) }
    static func exportFile(_ id: UUID) -> SiteURL { .exportFile(.value(id)) }
    static func report(_ y: Int) -> SiteURL { .report(.value(y)) }
    static func delegationReport(_ y: Int, _ code: String) -> SiteURL { .delegationReport(.value(y), .value(code)) }
    static func portrait(_ y: Int, _ type: String) -> SiteURL { .portrait(.value(y), .value(type)) }
    static func reportTable(_ y: Int, _ scope: String, _ file: String) -> SiteURL { .reportTable(.value(y), .value(scope), .value(file)) }
    static func figuresJSON(_ y: Int) -> SiteURL { .figuresJSON(.value(y)) }
    static func reportPDF(_ y: Int) -> SiteURL { .reportPDF(.value(y)) }
    static func delegationReportPDF(_ y: Int, _ code: String) -> SiteURL { .delegationReportPDF(.value(y), .value(code)) }
    static func benchmark(_ y: Int, _ s: UUID) -> SiteURL { .benchmark(.value(y), .value(s)) }
    static func releases(_ y: Int) -> SiteURL { .releases(.value(y)) }
    static func newRelease(_ y: Int) -> SiteURL { .newRelease(.value(y)) }
    static func publishRelease(_ y: Int) -> SiteURL { .publishRelease(.value(y)) }
    static func releaseFigures(_ y: Int, _ n: Int) -> SiteURL { .releaseFigures(.value(y), .value(n)) }
    static func apiStructure(_ id: UUID) -> SiteURL { .apiStructure(.value(id)) }
    static func apiDelegation(_ code: String) -> SiteURL { .apiDelegation(.value(code)) }
    static func apiFigures(_ y: Int) -> SiteURL { .apiFigures(.value(y)) }
    static func helpSection(_ section: String) -> SiteURL { .helpSection(.value(section)) }

    /// The members export in one format ("csv" or "xlsx").
    static func exportMembers(_ ext: String) -> SiteURL { ext == "xlsx" ? .exportMembersXLSX : .exportMembersCSV }
    /// Old names kept for callers that post to the list route.
    static var structures: SiteURL { .createStructure }
    static var campaigns: SiteURL { .createCampaign }
}
