import Foundation

/// The library is read by anyone for public resources and by anyone holding a role for the
/// members' ones (each handler checks the resource's audience); the national office and the
/// jurists publish resources and their new versions.
extension Rule {
    /// Adding a resource, changing its description, uploading a new version.
    static let publishResources = Rule("publishResources", who: .roles([.nationalAdmin, .jurist]))
}
