import Vapor

/// What every page's layout needs: title, navigation for the user's roles, CSRF token, flash.
struct Layout: Encodable, Sendable {
    struct NavItem: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
        /// A symbol of `Public/img/icons.svg` (`Icon`), drawn before the label.
        var icon: String? = nil
    }
    struct Flash: Encodable, Sendable {
        let kind: String
        let message: String
    }

    let title: String
    let federation: String
    let userName: String?
    let roles: [String]
    let nav: [NavItem]
    let csrf: String
    let flash: Flash?
    var links = CommonLinks()
    /// The federation's logo and contact, the help of the current section (`Brand`).
    var brand = Brand()
}

struct Page<Body: Encodable & Sendable>: Encodable, Sendable {
    let layout: Layout
    let page: Body
}

extension Request {
    /// Renders `Resources/Views/<template>.leaf` inside the layout.
    func renderPage<Body: Encodable & Sendable>(
        _ template: String, title: String, _ body: Body, status: HTTPStatus = .ok
    ) async throws -> Response {
        let view = try await view.render(template, Page(layout: makeLayout(title: title), page: body))
        let res = try await view.encodeResponse(status: status, for: self)
        return res
    }

    func makeLayout(title: String) -> Layout {
        let user = currentUser
        let flash = takeFlash()
        var layout = Layout(
            title: title,
            federation: application.config.federationName,
            userName: user?.displayName,
            roles: user.map { Array(Set($0.grants.map(\.role.label))).sorted() } ?? [],
            nav: Navigation.items(self),
            // The public directory has no form: anonymous visitors get no session there. An
            // error raised before the sessions middleware (a refused static path) has none either.
            csrf: !sessionsReady || (user == nil && url.path == SiteURL.publicDirectory.path) ? "" : csrfToken(),
            flash: flash)
        layout.brand = Brand(self)
        return layout
    }

    func flash(_ message: String, kind: String = "success") {
        session.data["flash"] = kind + "|" + message
    }

    private func takeFlash() -> Layout.Flash? {
        guard sessionsReady, hasSession, let raw = session.data["flash"] else { return nil }
        session.data["flash"] = nil
        let parts = raw.split(separator: "|", maxSplits: 1).map(String.init)
        return parts.count == 2 ? .init(kind: parts[0], message: parts[1]) : nil
    }
}

enum Navigation {
    /// The menu: every entry the person may follow, and nothing else (`req.link(to:)`).
    static func items(_ req: Request) -> [Layout.NavItem] {
        let entries: [(String, SiteURL, Icon)] = req.currentUser == nil
            ? [("Annuaire des adhérents", .publicDirectory, .users), ("Formations", .training(.catalogue), .graduation), ("Agenda", .agenda(.home), .calendar),
               ("Ressources", .library(.home), .book), ("Connexion", .login, .user)]
            : [("Accueil", .home, .house), ("Adhérents", .directory, .users), ("Délégations", .delegations, .map),
               ("Observatoire", .observatory, .chart), ("Cotisations", .dues(.home), .check), ("Appui juridique", req.link(to: .legal(.home)) != nil ? .legal(.home) : .legal(.statistics), .scale), ("Ressources", .library(.home), .book),
               ("Formations", .training(.catalogue), .graduation), ("Agenda", .agenda(.home), .calendar),
               ("Qualité", .quality(.home), .check), ("Accompagnement", .support(.home), .map), ("Import", .importMembers, .upload), ("Utilisateurs", .users, .settings),
               ("Journal", .auditLog, .journal), ("Courriels", .outbox, .outbox), ("Mon compte", .account, .user)]
        let currentPath = req.url.path
        return entries.compactMap { label, url, icon in
            req.link(to: url).map { href in
                .init(label: label, href: href, current: href == "/" ? currentPath == "/" : currentPath.hasPrefix(href),
                      icon: icon.rawValue)
            }
        }
    }
}

/// The links every template may need, from the route table: templates type no path.
struct CommonLinks: Encodable, Sendable {
    let home = SiteURL.home.path
    let login = SiteURL.login.path
    let submitLogin = SiteURL.submitLogin.path
    let logout = SiteURL.logout.path
    let logoutEverywhere = SiteURL.logoutEverywhere.path
    let forgotPassword = SiteURL.forgotPassword.path
    let sendResetLink = SiteURL.sendResetLink.path
    let publicDirectory = SiteURL.publicDirectory.path
    let directory = SiteURL.directory.path
    let observatory = SiteURL.observatory.path
    let users = SiteURL.users.path
    let createUser = SiteURL.createUser.path
    let account = SiteURL.account.path
    let accountPassword = SiteURL.accountPassword.path
    let accountTokens = SiteURL.accountTokens.path
    let openAPI = SiteURL.openAPI.path
    let uploadMembers = SiteURL.uploadMembers.path
    let exports = SiteURL.exports.path
}

/// Field-level messages of a form, shown next to each field and summarised on top.
struct FieldErrors: Encodable, Sendable {
    private(set) var messages: [String: String] = [:]
    private(set) var order: [String] = []

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { order.append(field) }
        // One line per field: a message already given for it is not repeated.
        messages[field] = messages[field].map { $0.contains(message) ? $0 : $0 + " " + message } ?? message
    }

    subscript(field: String) -> String? { messages[field] }

    /// One line of the error summary: the field's id, its label (`FieldErrors.label(for:)`), its messages.
    struct Item: Encodable { let field: String; let label: String?; let message: String }

    var summary: [Item] { order.map { Item(field: $0, label: FieldErrors.label(for: $0), message: messages[$0]!) } }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        for (k, v) in messages { try c.encode(v, forKey: DynamicKey(k)) }
        // Leaf treats any non-nil array as true: encode the summary only when there is one.
        if !order.isEmpty {
            try c.encode(summary, forKey: DynamicKey("_summary"))
            try c.encode(summaryHeading, forKey: DynamicKey("_heading"))
        }
    }

    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A form refused: its French messages by field, as a `Result` failure (`FieldErrors` itself is not an `Error`).
struct FormRefusal: Error, Sendable {
    var errors: FieldErrors
    init(errors: FieldErrors) { self.errors = errors }
    /// One message on one field.
    init(_ field: String, _ message: String) {
        errors = FieldErrors()
        errors.add(field, message)
    }
}

enum ErrorPage {
    struct Body: Encodable, Sendable {
        let status: Int
        let heading: String
        let detail: String?
        /// The request id (`X-Request-Id`), for the person to quote to support.
        var reference: String? = nil
    }

    static func title(_ status: HTTPStatus) -> String {
        switch status.code {
        case 400: "Requête incorrecte"
        case 401: "Connexion requise"
        case 403: "Accès refusé"
        case 404: "Page introuvable"
        case 409: "Action impossible"
        case 413: "Fichier trop volumineux"
        case 422: "Données invalides"
        case 429: "Trop de tentatives"
        default: status.code >= 500 ? "Erreur du serveur" : "Erreur"
        }
    }

    static func render(status: HTTPStatus, detail: String?, reference: String? = nil, _ req: Request) async throws -> Response {
        let body = Body(status: Int(status.code), heading: title(status), detail: detail, reference: reference)
        do {
            return try await req.renderPage("errors/error", title: body.heading, body, status: status)
        } catch {
            let res = Response(status: status, body: .init(string: "\(body.heading)\n" + (reference.map { "Référence de l'erreur : \($0)\n" } ?? "")))
            res.headers.contentType = .plainText
            return res
        }
    }
}
