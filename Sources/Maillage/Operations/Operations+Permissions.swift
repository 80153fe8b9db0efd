import Foundation

extension Rule {
    /// The metrics scraper: a program on the server itself (loopback) or one that shows the
    /// `MAILLAGE_METRICS_TOKEN`. Nobody signs in for it, so the route is open to the policy and
    /// its handler checks the scraper, answering 404 to anyone else (`MetricsController`).
    static let monitoring = Rule("monitoring", who: .everyone)
}
