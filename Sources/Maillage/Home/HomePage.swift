import Foundation
import MaillageCore

/// The home page: what the person has to do now, role by role, then the figures they follow.
/// Every list is nil rather than empty (Leaf takes any array for true).
struct HomePage: Encodable, Sendable {
    /// One role's part of the page: its tasks, or a line saying there is nothing to do.
    struct Section: Encodable, Sendable {
        let id: String
        let title: String
        let tasks: [HomeTask]?
        let empty: String?

        init(id: String, title: String, tasks: [HomeTask], empty: String) {
            self.id = id
            self.title = title
            self.tasks = tasks.isEmpty ? nil : tasks
            self.empty = tasks.isEmpty ? empty : nil
        }
    }

    /// A key figure: its label, its value written the French way, a line under it.
    struct Tile: Encodable, Sendable {
        let label: String
        let value: String
        let note: String?
        let href: String?
    }

    /// A row of tiles (`partials/tiles.leaf`), with the heading that names it.
    struct Tiles: Encodable, Sendable {
        let id: String
        let title: String
        let intro: String?
        let items: [Tile]
    }

    /// The open campaign's progress by delegation, best response rate first.
    struct ProgressTable: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            let label: String
            let expected: String
            let transmitted: String
            let validated: String
            let rate: String
        }
        let caption: String
        let summary: String
        let rows: [Row]
        let total: Row
        let href: String?
    }

    struct CountsTable: Encodable, Sendable {
        let caption: String
        let firstColumn: String
        let headers: [String]
        let lines: [NetworkCounts.Line]
        let totals: NetworkCounts.Line
    }

    struct Card: Encodable, Sendable {
        let name: String
        let href: String?
        let types: String
        let commune: String
        let status: String
    }

    struct Link: Encodable, Sendable {
        let label: String
        let href: String
        let note: String?
    }

    /// The directory's search box (a GET form).
    struct Search: Encodable, Sendable {
        let action: String
    }

    let heading: String
    /// Set by the first role's part of the page (`setIntro`).
    private(set) var intro: String
    var tiles: [Tiles]? = nil
    var sections: [Section]? = nil
    var progress: ProgressTable? = nil
    var cards: [Card]? = nil
    /// The member's answers of past campaigns.
    var history: [Link]? = nil
    var search: Search? = nil
    /// Published reports and figures.
    var reports: [Link]? = nil
    /// The latest published figures (roles without a task list of their own).
    var figures: [Tiles]? = nil
    var table: CountsTable? = nil

    init(heading: String, intro: String = "") {
        self.heading = heading
        self.intro = intro
    }

    /// The first role's introduction stays: a national admin who also manages a structure
    /// reads the national one.
    mutating func setIntro(_ text: String) {
        if intro.isEmpty { intro = text }
    }
}

extension HomePage.ProgressTable {
    static func row(_ label: String, _ p: HomeTasks.Progress) -> Row {
        Row(label: label, expected: FrenchFormat.integer(p.expected), transmitted: FrenchFormat.integer(p.transmitted),
            validated: FrenchFormat.integer(p.validated), rate: p.rate.map(FrenchFormat.percent) ?? "—")
    }
}
