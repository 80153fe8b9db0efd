import Foundation
import MaillageCore

/// `/qualite/echeances`: what expires or needs an audit in the next months, and what lapsed in
/// the last twelve, as a list (`ListView`, CSV/XLSX).
struct QualityFollowUpPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let structure: String
        let href: String?
        let standard: String
        let delegation: String
        let what: String
        let whatKey: String
        let day: String
        let distance: String
        let status: String
        let late: Bool
    }
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Count: Encodable, Sendable {
        let label: String
        let value: String
    }

    let heading: String
    let intro: String
    let action: String
    let counts: [Count]
    let horizons: [Option]
    let whats: [Option]
    /// Nil when the person follows one delegation only.
    let delegations: [Option]?
    let rows: [Row]
    let list: ListView
    let links: [HomePage.Link]?

    static let columns = [ListColumn("day", "Date"), ListColumn("structure", "Structure"), ListColumn("standard", "Référentiel"),
                          ListColumn("what", "Échéance"), ListColumn("delegation", "Délégation"), ListColumn("status", "État")]
    static let defaultSort = ListSort("day")
    static let exportHeaders = ["Date", "Structure", "SIRET", "Référentiel", "Échéance", "Délégation", "État", "Jours restants"]

    /// The filters of the URL: `mois=3|6|12`, `quoi=echeance|audit|echue`, `delegation=CODE`
    /// (among those the person follows); anything else falls back to the default, never an error.
    struct Filters: Sendable {
        var months = QualityFollowUpQueries.horizons[0]
        var what: QualityFollowUpItem.What?
        var delegation: NetworkMap.Entry?

        init(_ raw: [String: String], allowed: [NetworkMap.Entry]) {
            if let m = raw["mois"].flatMap({ Int($0) }), QualityFollowUpQueries.horizons.contains(m) { months = m }
            what = raw["quoi"].flatMap(QualityFollowUpItem.What.init(rawValue:))
            delegation = raw["delegation"].flatMap { code in allowed.first { $0.code == code } }
        }

        var items: [(String, String?)] {
            [("mois", months == QualityFollowUpQueries.horizons[0] ? nil : String(months)), ("quoi", what?.rawValue),
             ("delegation", delegation?.code)]
        }
    }

    static func sort(_ items: inout [QualityFollowUpItem], _ sort: ListSort) {
        func tie(_ a: QualityFollowUpItem, _ b: QualityFollowUpItem) -> Bool {
            (a.day, FrenchSortKey(a.structure), a.what.rawValue, a.certificationID.uuidString)
                < (b.day, FrenchSortKey(b.structure), b.what.rawValue, b.certificationID.uuidString)
        }
        func text(_ x: String, _ y: String, _ a: QualityFollowUpItem, _ b: QualityFollowUpItem) -> Bool {
            let kx = FrenchSortKey(x), ky = FrenchSortKey(y)
            return kx != ky ? kx < ky : tie(a, b)
        }
        sort.apply(&items) { a, b in
            switch sort.key {
            case "structure": text(a.structure, b.structure, a, b)
            case "standard": text(a.standard, b.standard, a, b)
            case "what": text(a.whatLabel, b.whatLabel, a, b)
            case "delegation": text(a.delegation ?? "", b.delegation ?? "", a, b)
            case "status": text(a.status.label, b.status.label, a, b)
            default: tie(a, b)
            }
        }
    }

    static func row(_ i: QualityFollowUpItem, href: String?) -> Row {
        Row(structure: i.structure, href: href, standard: i.standard, delegation: i.delegation ?? "—", what: i.whatLabel,
            whatKey: i.what.rawValue, day: i.day.french, distance: i.distance, status: i.status.label,
            late: i.daysLeft < 0 || i.what == .lapsed)
    }

    static func exportCells(_ i: QualityFollowUpItem) -> [XLSXCell] {
        [.date(i.day), .text(i.structure), .text(i.siret), .text(i.standard), .text(i.whatLabel), .text(i.delegation ?? ""),
         .text(i.status.label), .integer(i.daysLeft)]
    }

    static func counts(_ items: [QualityFollowUpItem], months: Int) -> [Count] {
        [Count(label: "Certificats arrivant à échéance d'ici \(months) mois", value: FrenchFormat.integer(items.filter { $0.what == .expiry }.count)),
         Count(label: "Audits prévus d'ici \(months) mois (ou en retard)", value: FrenchFormat.integer(items.filter { $0.what == .audit }.count)),
         Count(label: "Certifications échues ces 12 derniers mois", value: FrenchFormat.integer(items.filter { $0.what == .lapsed }.count))]
    }
}
