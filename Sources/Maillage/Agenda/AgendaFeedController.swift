import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// The iCalendar feeds (network, delegation, kind, personal) and the page that lists them.
/// A feed's ETag is known before it is built (`AgendaFeeds.etag`): a polling calendar that already
/// has it gets a 304 for one query (the agenda's version) on a public feed, two on a personal one
/// (the token with its person's grants, the version). What the body needs is read only after.
enum AgendaFeedController {
    static func network(_ req: Request) async throws -> Response {
        try await AgendaFeeds.respond(req, key: "reseau", name: "Agenda du réseau") { .init(audiences: [.public]) }
    }

    static func delegation(_ req: Request) async throws -> Response {
        guard let code = AgendaFeeds.feedName(req), let d = try await req.networkMap().delegation(code: code.uppercased()) else {
            throw Abort(.notFound)
        }
        // The ETag needs only the code: the delegation's rows (one per map) are read when building.
        return try await AgendaFeeds.respond(req, key: "delegation-" + code.lowercased(), name: "Agenda — \(d.name)") {
            .init(audiences: [.public], delegationIDs: try await AgendaQueries.delegationIDs(code: d.code, on: req.db))
        }
    }

    static func kind(_ req: Request) async throws -> Response {
        guard let key = AgendaFeeds.feedName(req) else { throw Abort(.notFound) }
        let label: String
        if key == EventKind.trainingKey { label = EventKind.trainingLabel }
        else if let k = EventKind(rawValue: key) { label = k.label }
        else { throw Abort(.notFound) }
        return try await AgendaFeeds.respond(req, key: "type-" + key, name: "Agenda — \(label)") {
            .init(audiences: [.public], kindKey: key)
        }
    }

    /// What the token's person may see; `?public=membres|conseil` narrows to one audience.
    static func personal(_ req: Request) async throws -> Response {
        guard let token = AgendaFeeds.feedName(req), token.count <= 100 else { throw Abort(.notFound) }
        let narrow: EventAudience? = switch (try? req.query.get(String.self, at: "public")) ?? "" {
        case "membres": .members
        case "conseil": .board
        default: nil
        }
        // An unknown token or a deactivated (or deleted) account's URL answers 404; the ETag names
        // what decides the feed — the agenda's version, the audiences the person sees now, the
        // narrowing — so a calendar polling it gets a 304 until one of them changes (never on
        // others' sign-ins).
        guard let (userID, seenNow) = try await AgendaFeeds.personalAudiences(token: token, on: req.db) else { throw Abort(.notFound) }
        var audiences = seenNow
        if let narrow { audiences = audiences.intersection([narrow]) }
        let seen = EventAudience.allCases.filter(audiences.contains).map(\.rawValue).joined(separator: "+")
        let key = "personnel-\(userID.uuidString.lowercased().prefix(8))-\(narrow?.rawValue ?? "tout")-\(seen.isEmpty ? "rien" : seen)"
        let etag = AgendaFeeds.etag(version: try await CacheVersions.current(.agenda, on: req.db), key: key, req: req)
        if AgendaFeeds.matches(req, etag) { return AgendaFeeds.notModified(etag, personal: true) }
        let name = narrow.map { "Agenda — \($0.label)" } ?? "Mon agenda du réseau"
        return try await AgendaFeeds.build(req, etag: etag, name: name, selection: .init(audiences: audiences), personal: true)
    }

    // MARK: the page

    static func feeds(_ req: Request) async throws -> Response {
        let base = req.application.config.baseURL
        let map = try await req.networkMap()
        var personal: FeedsPage.Personal?
        if let user = req.currentUser {
            let token = try await AgendaService.feedToken(for: user.id, on: req.db)
            let url = AgendaURL.personalFeed(token: token.token)
            let audiences = AgendaAccess.audiences(of: user)
            var feeds = [FeedsPage.feed("Tout ce que je peux voir", url, baseURL: base)]
            if audiences.contains(.members) { feeds.append(FeedsPage.feed("Événements réservés aux adhérents", url, baseURL: base, query: "?public=membres")) }
            if audiences.contains(.board) { feeds.append(FeedsPage.feed("Événements du conseil d'administration", url, baseURL: base, query: "?public=conseil")) }
            personal = .init(feeds: feeds, token: token.token, resetAction: SiteURL.agenda(.resetFeedToken).path)
        }
        let page = FeedsPage(
            network: FeedsPage.feed("Tout le réseau (événements publics et formations)", .agenda(.networkFeed), baseURL: base),
            delegations: map.delegations.map { FeedsPage.feed($0.name, AgendaURL.delegationFeed(code: $0.code), baseURL: base) },
            kinds: EventKind.allCases.map { FeedsPage.feed($0.label, AgendaURL.kindFeed($0.rawValue), baseURL: base) }
                + [FeedsPage.feed(EventKind.trainingLabel, AgendaURL.kindFeed(EventKind.trainingKey), baseURL: base)],
            personal: personal,
            signInHref: req.currentUser == nil ? SiteURL.login.path(query: ["retour": SiteURL.agenda(.feeds).path]) : nil,
            agendaHref: AgendaURL.start.path)
        return try await req.renderPage("agenda/feeds", title: "S'abonner à l'agenda", page)
    }

    static func reset(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        _ = try await AgendaService.resetFeedToken(for: user, on: req.db)
        req.flash("Votre adresse d'abonnement a été renouvelée : l'ancienne ne fonctionne plus. Abonnez vos agendas à la nouvelle.")
        return req.redirect(to: SiteURL.agenda(.feeds).path, redirectType: .normal)
    }
}

/// Building and answering a feed.
enum AgendaFeeds {
    /// The window of every feed: from twelve months ago onwards.
    static func windowStart(_ today: Day) -> Day {
        let m = AgendaDates.shifted(year: today.year, month: today.month, by: -12)
        return Day(year: m.year, month: m.month, day: min(today.day, AgendaDates.daysIn(year: m.year, month: m.month)))!
    }

    /// The person of a feed token and the audiences they see now (`AgendaAccess.audiences` on
    /// their grants), from one query; nil when the token is unknown or the account deactivated.
    static func personalAudiences(token: String, on db: any Database) async throws -> (UUID, Set<EventAudience>)? {
        struct Row: Decodable { let user_id: UUID; let is_active: Bool; let role: String? }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT t.user_id, u.is_active, g.role FROM calendar_feed_tokens t JOIN users u ON u.id = t.user_id
            LEFT JOIN role_grants g ON g.user_id = u.id WHERE t.token = \(bind: token)
            """).all(decoding: Row.self)
        guard let first = rows.first, first.is_active else { return nil }
        let userID = first.user_id
        let grants = rows.compactMap { $0.role.flatMap(Role.init(rawValue:)) }
            .map { CurrentUser.Grant(role: $0, delegationID: nil, structureID: nil) }
        return (userID, AgendaAccess.audiences(of: CurrentUser(id: userID, email: "", displayName: "", grants: grants, managedStructureIDs: [])))
    }

    /// The route's `feed` without its `.ics`, nil when it has none.
    static func feedName(_ req: Request) -> String? {
        guard let feed = req.parameters.get("feed"), feed.hasSuffix(".ics") else { return nil }
        let name = String(feed.dropLast(4))
        // A control character (a NUL) is no feed name: it never reaches a query (PostgreSQL refuses it).
        return name.isEmpty || MemberFields.hasControlCharacter(name) ? nil : name
    }

    /// `"agenda-<version>-<key>-<today>"`: the agenda's cache version moves with every change of an
    /// event or a session, the day with the window.
    static func etag(version: Int, key: String, req: Request) -> String {
        "\"agenda-\(version)-\(key)-\(Day.today(now: req.services.clock.now).iso)\""
    }

    static func matches(_ req: Request, _ etag: String) -> Bool {
        guard let header = req.headers.first(name: .ifNoneMatch) else { return false }
        return header.split(separator: ",").contains { part in
            var t = part.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("W/") { t.removeFirst(2) }
            return t == etag || t == "*"
        }
    }

    static func notModified(_ etag: String, personal: Bool) -> Response {
        let res = Response(status: .notModified)
        res.headers.replaceOrAdd(name: .eTag, value: etag)
        res.headers.replaceOrAdd(name: .cacheControl, value: personal ? "private, no-cache" : "public, no-cache")
        return res
    }

    /// A public feed: the ETag from one query, then the selection and the body only when the client lacks it.
    static func respond(_ req: Request, key: String, name: String,
                        selection: () async throws -> AgendaSelection) async throws -> Response {
        let etag = etag(version: try await CacheVersions.current(.agenda, on: req.db), key: key, req: req)
        if matches(req, etag) { return notModified(etag, personal: false) }
        return try await build(req, etag: etag, name: name, selection: try await selection(), personal: false)
    }

    static func build(_ req: Request, etag: String, name: String, selection: AgendaSelection, personal: Bool) async throws -> Response {
        var s = selection
        s.from = windowStart(Day.today(now: req.services.clock.now))
        let items = try await AgendaQueries.items(s, on: req.db)
        let body = calendar(name: name, items: items, baseURL: req.application.config.baseURL,
                            names: try await AgendaQueries.delegationNames(of: items, map: try await req.networkMap(), on: req.db))
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: ICalendar.contentType)
        res.headers.replaceOrAdd(name: .eTag, value: etag)
        res.headers.replaceOrAdd(name: .cacheControl, value: personal ? "private, no-cache" : "public, no-cache")
        return res
    }

    static func calendar(name: String, items: [AgendaItem], baseURL: String, names: [UUID: String]) -> String {
        ICalendar.calendar(name: name, events: items.map {
            $0.calendarEvent(baseURL: baseURL, delegationName: $0.delegationID.flatMap { names[$0] })
        })
    }
}
