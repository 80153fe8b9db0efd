import Fluent
import Foundation
import MaillageCore

/// What the register shows of a structure's certifications: the labels it holds now (certified or
/// renewed, expiry not passed), and its lapsed certifications not taken up again. The members'
/// structure page shows both; the public directory only the labels of standards marked public.
enum QualityStructureSummary {
    /// The « Qualité » section of the members' structure page.
    struct Section: Encodable, Sendable, Equatable {
        /// « CEDRE (jusqu'au 12/03/2027) ».
        let labels: [String]?
        /// « Certification CEDRE échue depuis le 13/03/2026 ».
        let lapsed: [String]?
        let href: String?
        var isEmpty: Bool { labels == nil && lapsed == nil }
    }

    /// Holds a valid certificate on `today`.
    static func holds(_ c: Certification, today: Day) -> Bool {
        c.statusValue.holdsCertificate && (c.expiresOnValue.map { today <= $0 } ?? true)
    }

    /// « Certification CEDRE échue depuis le 13/03/2026 » (the expiry's next day), for a lapsed one.
    static func lapsedSentence(_ c: Certification, standardName: String) -> String? {
        guard c.statusValue == .lapsed else { return nil }
        return "Certification \(standardName) échue" + (c.expiresOnValue.map { " depuis le \($0.adding(days: 1).french)" } ?? "")
    }

    /// The section of one structure (`href`: the quality page's link when the person may follow it).
    static func section(of structureID: UUID, today: Day, href: String?, on db: any Database) async throws -> Section {
        let certifications = try await Certification.query(on: db).filter(\.$structure.$id == structureID).all()
        guard !certifications.isEmpty else { return Section(labels: nil, lapsed: nil, href: href) }
        let standards = try await standardsByID(Array(Set(certifications.map(\.$standard.id))), on: db)
        let ordered = certifications.sorted { (standards[$0.$standard.id]?.position ?? 0, $0.engagedOn) < (standards[$1.$standard.id]?.position ?? 0, $1.engagedOn) }
        let labels = ordered.filter { holds($0, today: today) }.compactMap { c in
            standards[c.$standard.id].map { s in s.name + (c.expiresOnValue.map { " (jusqu'au \($0.french))" } ?? "") }
        }
        // A lapsed certification taken up again (a live one under the same standard) is history.
        let live = Set(ordered.filter { $0.statusValue.isLive }.map(\.$standard.id))
        let lapsed = ordered.filter { $0.statusValue == .lapsed && !live.contains($0.$standard.id) }.compactMap { c in
            standards[c.$standard.id].flatMap { lapsedSentence(c, standardName: $0.name) }
        }
        return Section(labels: labels.isEmpty ? nil : labels, lapsed: lapsed.isEmpty ? nil : Array(Set(lapsed)).sorted(), href: href)
    }

    /// The public labels each structure holds on `today` (standards marked public), in the standards' order.
    static func publicLabels(of structureIDs: [UUID], today: Day, on db: any Database) async throws -> [UUID: [String]] {
        guard !structureIDs.isEmpty else { return [:] }
        let held = [CertificationStatus.certified, .renewed].map(\.rawValue)
        let certifications = try await Certification.query(on: db).filter(\.$structure.$id ~~ structureIDs)
            .filter(\.$status ~~ held).all().filter { holds($0, today: today) }
        let standards = try await standardsByID(Array(Set(certifications.map(\.$standard.id))), on: db)
        var out: [UUID: [QualityStandard]] = [:]
        for c in certifications {
            guard let s = standards[c.$standard.id], s.publicLabel else { continue }
            if !(out[c.$structure.id] ?? []).contains(where: { $0.id == s.id }) { out[c.$structure.id, default: []].append(s) }
        }
        return out.mapValues { $0.sorted { ($0.position, $0.code) < ($1.position, $1.code) }.map(\.name) }
    }

    private static func standardsByID(_ ids: [UUID], on db: any Database) async throws -> [UUID: QualityStandard] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await QualityStandard.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
    }
}
