import Foundation

/// One year of a page's year selector (`?annee=`): the dues home, the legal desk's statistics, the
/// training body's figures. Built by `YearLink.links`, most recent first.
struct YearLink: Encodable, Sendable {
    let label: String
    let href: String
    let current: Bool

    /// The links of `years` (each once, most recent first) to `url` with `?annee=`, `current` marked.
    static func links(_ years: some Sequence<Int>, current: Int, to url: SiteURL) -> [YearLink] {
        Set(years).sorted(by: >).map { .init(label: String($0), href: url.path(query: ["annee": String($0)]), current: $0 == current) }
    }
}
