import Fluent
import Foundation
import MaillageCore
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// The demo's quality and support body (issue #14, « `maillage demo` shows certifications,
/// assessments and supports with real content »): the guarantees (a)–(d) of `DemoQuality` the
/// browser tests rely on, the certifications' histories, and the volumes.
@Suite("Demo quality")
struct DemoQualityTests {
    /// The PDL member the delegate's browser test records a mock audit and a certification for.
    static let targetName = "Trait d'Union Laval 2"

    static func holds(_ c: Certification, today: Day) -> Bool {
        c.statusValue.holdsCertificate && (c.expiresOnValue.map { $0 >= today } ?? false)
    }

    @Test("guarantees (a) to (d), dated from today")
    func guarantees() async throws {
        try await withMaillage { app in
            // setup
            try await DemoNetwork.load(on: app.db, passwordHash: "x")
            let db = app.db, today = Day.today(), year = today.year
            let managed = try await DemoTrainingTests.managed(on: db)
            let map = try await NetworkMap.load(on: db, year: NetworkMap.currentYear())
            let structures = try await Structure.query(on: db).with(\.$memberships).all()
            let certs = try await Certification.query(on: db).all()

            // (a) the member's structures: last year transmitted, nothing this year, this year's questionnaire there.
            #expect(try await CapQuestionnaire.query(on: db).filter(\.$year == year).count() == 1)
            let mine = try await CapAssessment.query(on: db).filter(\.$structure.$id ~~ Array(managed)).all()
            #expect(managed.count >= 2)
            for id in managed {
                #expect(mine.contains { $0.$structure.id == id && $0.year == year - 1 && $0.statusValue == .submitted })
                #expect(!mine.contains { $0.$structure.id == id && $0.year == year })
            }
            let plan = try await CapAction.query(on: db).filter(\.$structure.$id ~~ Array(managed)).all()
            #expect(Set(plan.map(\.statusValue)) == Set(CapActionStatus.allCases))

            // (b) the delegate's member with no certification and no mock audit.
            let delegate = try await User.query(on: db).filter(\.$email == "delegue.pdl@demo.maillage.test").first()!
            let grant = try await RoleGrant.query(on: db).filter(\.$user.$id == delegate.requireID()).first()!
            let targets = structures.filter { $0.name == Self.targetName }
            let active = structures.filter { DemoDues.isMember($0, on: today.iso) }.sorted { $0.siret < $1.siret }
            #expect(targets.count == 1, "\(DemoQuality.delegateTarget(active: active, managed: managed, map: map)?.name ?? "")")
            if let t = targets.first {
                #expect(map.delegation(ofDepartment: t.departmentCode)?.delegationID == grant.$delegation.id)
                #expect(DemoDues.isMember(t, on: today.iso) && !managed.contains(t.id!))
                #expect(!certs.contains { $0.$structure.id == t.id! })
                #expect(try await MockAudit.query(on: db).filter(\.$structure.$id == t.requireID()).count() == 0)
                #expect(DemoQuality.delegateTarget(active: active, managed: managed, map: map)?.id == t.id)
            }

            // (c) in the PDL: a certificate expiring within 90 days, a lapsed one.
            let pdl = Set(structures.filter { map.delegation(ofDepartment: $0.departmentCode)?.code == "PDL" }.compactMap(\.id))
            let local = certs.filter { pdl.contains($0.$structure.id) }
            #expect(local.contains { Self.holds($0, today: today) && $0.expiresOnValue! <= today.adding(days: 90) })
            #expect(local.contains { $0.statusValue == .lapsed })

            // (d) last year's network median shows for each of the member's structures, made of others' answers only.
            let managedIDs = managed
            for s in structures where managed.contains(s.id!) {
                let network = try await AssessmentResults.network(year: year - 1, type: AssessmentResults.comparisonType(s),
                                                                  hidden: { !managedIDs.contains($0.id!) }, on: db)
                #expect(network.count >= 5 && network.medians != nil, "\(AssessmentResults.comparisonType(s))")
            }
        }
    }

    @Test("certifications: each row is its last step; about a quarter of members certified; history since 2017")
    func certifications() async throws {
        try await withMaillage { app in
            // setup
            try await DemoNetwork.load(on: app.db, passwordHash: "x")
            let db = app.db, today = Day.today()
            let structures = try await Structure.query(on: db).with(\.$memberships).all()
            let active = Set(structures.filter { DemoDues.isMember($0, on: today.iso) }.compactMap(\.id))
            let standards = Dictionary(uniqueKeysWithValues: try await QualityStandard.query(on: db).all().map { ($0.id!, $0.code) })
            let certs = try await Certification.query(on: db).all()
            let events = Dictionary(grouping: try await CertificationEvent.query(on: db).all(), by: { $0.$certification.id })

            // validate: every history
            for c in certs {
                let ev = (events[c.id!] ?? []).sorted { $0.onDay < $1.onDay }
                #expect(!ev.isEmpty)
                guard let first = ev.first, let last = ev.last else { continue }
                #expect(first.action == CertificationAction.create.rawValue && first.fromStatus == nil && first.onDay == c.engagedOn)
                #expect(ev.allSatisfy { DemoQuality.actions.contains($0.action) && $0.onDay <= today.iso })
                for (a, b) in zip(ev, ev.dropFirst()) {
                    #expect(a.onDay < b.onDay && b.fromStatus == a.toStatus, "\(a.action) → \(b.action)")
                }
                #expect(c.status == last.toStatus && c.version == ev.count)
                let decisions = ev.filter { $0.action == CertificationAction.certify.rawValue || $0.action == CertificationAction.renew.rawValue }
                #expect(c.expiresOn == decisions.last?.expiresOn && c.decisionOn == decisions.last?.onDay)
                #expect(c.certifiedOn == ev.first { $0.action == CertificationAction.certify.rawValue }?.onDay)
                #expect(c.renewals == ev.filter { $0.action == CertificationAction.renew.rawValue }.count)
                for e in ev where e.action == CertificationAction.recordSurveillance.rawValue { #expect(e.auditKind == AuditKind.surveillance.rawValue) }
                if c.statusValue.holdsCertificate { #expect(c.expiresOnValue! >= today) }
                if c.statusValue == .lapsed { #expect(last.action == CertificationAction.lapse.rawValue && last.onDayValue == c.expiresOnValue!.adding(days: 1) && last.$actor.id == nil) }
                if c.statusValue == .withdrawn { #expect(last.action == CertificationAction.withdraw.rawValue) }
                if let audit = c.auditOnValue { #expect(audit >= today && c.statusValue.isLive && c.auditKind != nil) }
            }

            // validate: figures
            let holding = certs.filter { Self.holds($0, today: today) && active.contains($0.$structure.id) }
            let share = Double(Set(holding.map { $0.$structure.id }).count) / Double(active.count)
            #expect(share > 0.22 && share < 0.28, "\(share)")
            let byStandard = Dictionary(grouping: holding, by: { standards[$0.$standard.id] ?? "" }).mapValues(\.count)
            let cedre = byStandard["CEDRE"] ?? 0, iso = byStandard["CEDRE-ISO"] ?? 0
            let qualiopi = byStandard["QUALIOPI"] ?? 0, rse = byStandard["CAP-RSE"] ?? 0
            #expect(cedre > iso && iso > qualiopi && qualiopi > 0 && rse > 0 && cedre > 3 * (qualiopi + rse), "\(byStandard)")
            #expect(Set(certs.map(\.statusValue)) == Set(CertificationStatus.allCases))
            #expect(holding.filter { $0.expiresOnValue! <= today.adding(days: 90) }.count >= 5)
            #expect(certs.filter { c in c.auditOnValue.map { $0 <= today.adding(days: 60) } ?? false }.count >= 3)
            let firstCertified = events.values.joined().filter { $0.action == CertificationAction.certify.rawValue }.map(\.onDay).min() ?? ""
            #expect(firstCertified.hasPrefix("2017") || firstCertified.hasPrefix("2018"), "\(firstCertified)")
            #expect(events.values.joined().contains { $0.action == CertificationAction.renew.rawValue } && events.values.joined().contains { $0.action == CertificationAction.suspend.rawValue })

            let audits = try await MockAudit.query(on: db).all()
            let delegate = try await User.query(on: db).filter(\.$email == "delegue.pdl@demo.maillage.test").first()!
            #expect(audits.count >= 20)
            #expect(audits.allSatisfy { !$0.findings.isEmpty && !$0.strengths.isEmpty && !$0.recommendations.isEmpty && $0.heldOn < today.iso })
            #expect(audits.contains { $0.$auditorUser.id == delegate.id && $0.auditorName == delegate.displayName })
            #expect(Set(audits.map(\.readinessValue)) == Set(MockAuditReadiness.allCases))

            // The figures and the load time of this part, on demand (`DEMO_FIGURES=1`).
            if ProcessInfo.processInfo.environment["DEMO_FIGURES"] != nil {
                let statuses: [String: Int] = Dictionary(grouping: certs, by: { $0.status }).mapValues { $0.count }
                let certified: Int = Set(holding.map { $0.$structure.id }).count
                let expiring: Int = holding.filter { $0.expiresOnValue! <= today.adding(days: 90) }.count
                let soon: Int = certs.filter { ($0.auditOn ?? "9999") <= today.adding(days: 60).iso }.count
                let eventCount: Int = events.values.reduce(0) { $0 + $1.count }
                let line = "DEMO_FIGURES active=\(active.count) certified=\(certified) share=\(share) byStandard=\(byStandard) statuses=\(statuses)"
                    + " certifications=\(certs.count) events=\(eventCount) mockAudits=\(audits.count) expiring90=\(expiring) auditsWithin60=\(soon)"
                print(line)
                let sql = db as! any SQLDatabase
                for table in ["intervention_days", "member_supports", "cap_actions", "cap_scores", "cap_answers", "cap_assessments", "cap_questions",
                              "cap_questionnaires", "quality_mock_audits", "quality_certification_events", "quality_certifications"] {
                    try await sql.raw("DELETE FROM \(unsafeRaw: table)").run()
                }
                let managed = try await DemoTrainingTests.managed(on: db)
                let map = try await NetworkMap.load(on: db, year: NetworkMap.currentYear())
                let start = Date()
                try await db.transaction { tx in
                    try await DemoQuality.load(on: tx, managed: managed, map: map)
                    try await DemoSupport.load(on: tx, managed: managed, map: map)
                }
                print("DEMO_FIGURES quality+support load: \(Date().timeIntervalSince(start)) s")
            }
        }
    }

    @Test("CAP over three years for about a hundred members, supports and intervention days in every delegation")
    func volumes() async throws {
        try await withMaillage { app in
            // setup
            try await DemoNetwork.load(on: app.db, passwordHash: "x")
            let db = app.db, today = Day.today(), year = today.year
            let map = try await NetworkMap.load(on: db, year: NetworkMap.currentYear())

            // validate: questionnaires (this year's: one question reworded, one added)
            let questionnaires = try await CapQuestionnaire.query(on: db).with(\.$questions).all()
            #expect(Set(questionnaires.map(\.year)) == [year - 2, year - 1, year])
            let byYear = Dictionary(uniqueKeysWithValues: questionnaires.map { ($0.year, $0.questions) })
            let before = Dictionary(uniqueKeysWithValues: byYear[year - 1]!.map { ($0.code, $0.text) })
            let now = Dictionary(uniqueKeysWithValues: byYear[year]!.map { ($0.code, $0.text) })
            #expect(now.count == before.count + 1 && Set(before.keys).isSubset(of: Set(now.keys)))
            #expect(before.filter { now[$0.key] != $0.value }.count == 1)
            #expect(byYear[year - 2]!.map(\.text).sorted() == byYear[year - 1]!.map(\.text).sorted())

            // validate: assessments, answers, scores as CapScoring computes them
            let assessments = try await CapAssessment.query(on: db).all()
            let answers = Dictionary(grouping: try await CapAnswer.query(on: db).all(), by: { $0.$assessment.id })
            let scores = Dictionary(grouping: try await CapScore.query(on: db).all(), by: { $0.$assessment.id })
            #expect((90...120).contains(Set(assessments.map { $0.$structure.id }).count))
            var overall: [Int: [Double]] = [:]
            for a in assessments {
                let questions = questionnaires.first { $0.id == a.$questionnaire.id }!.questions.sorted { $0.position < $1.position }
                #expect(questionnaires.first { $0.id == a.$questionnaire.id }?.year == a.year)
                let given = Dictionary(uniqueKeysWithValues: (answers[a.id!] ?? []).map { ($0.$question.id, $0.value) })
                if a.statusValue == .draft {
                    #expect(given.count < questions.count && (scores[a.id!] ?? []).isEmpty)
                    continue
                }
                #expect(given.count == questions.count && a.submittedAt != nil)
                let result = try CapScoring.score(questions: questions.map { CapScoring.Question(axis: $0.axisValue, scaleMax: $0.scaleMax, weight: $0.weight) },
                                                  answers: questions.map { given[$0.id!] ?? nil })
                let stored = Dictionary(uniqueKeysWithValues: (scores[a.id!] ?? []).map { ($0.axis, ($0.points, $0.maxPoints)) })
                #expect(stored.count == CapAxis.allCases.count + 1)
                for axis in CapAxis.allCases { #expect(stored[axis.rawValue]! == (result.axes[axis]!.points, result.axes[axis]!.max)) }
                #expect(stored[CapScore.overall]! == (result.overall.points, result.overall.max))
                overall[a.year, default: []].append(Double(result.overall.points) / Double(result.overall.max))
            }
            let mean = overall.mapValues { $0.reduce(0, +) / Double($0.count) }
            #expect(mean[year - 2]! < mean[year - 1]! && mean[year - 1]! < mean[year]!, "\(mean)")
            #expect(overall[year - 1]!.count >= 80 && overall[year]!.count >= 50)
            #expect(assessments.filter { $0.year == year && $0.statusValue == .draft }.count >= 5)
            let actions = try await CapAction.query(on: db).all()
            #expect(actions.count >= 100 && Set(actions.map(\.statusValue)) == Set(CapActionStatus.allCases))
            #expect(actions.allSatisfy { $0.statusValue != .done || $0.doneOn.map { $0 <= today.iso } == true })

            // validate: supports in every delegation, both years, every programme
            let supports = try await MemberSupport.query(on: db).all()
            let programmes = try await SupportProgramme.query(on: db).all()
            #expect(Set(supports.map { $0.$programme.id }) == Set(programmes.compactMap(\.id)))
            for y in [year - 1, year] {
                let (from, to) = ("\(y)-01-01", "\(y)-12-31")
                let overlapping = supports.filter { $0.startedOn <= to && ($0.endedOn ?? "9999") >= from }
                #expect(Set(overlapping.map { $0.$delegation.id }) == Set(map.delegations.map(\.delegationID)), "\(y)")
            }
            #expect(supports.allSatisfy { s in s.endedOn.map { $0 >= s.startedOn && $0 < today.iso } ?? true })
            #expect(Set(supports.map(\.statusValue)) == Set(SupportStatus.allCases))
            let structures = try await Structure.query(on: db).all()
            let delegationOf = Dictionary(uniqueKeysWithValues: structures.map { ($0.id!, map.delegation(ofDepartment: $0.departmentCode)?.delegationID) })
            #expect(supports.allSatisfy { delegationOf[$0.$structure.id] == $0.$delegation.id })

            // validate: intervention days, roughly 60 to 90 a year per delegation, mostly individual support
            let days = try await InterventionDay.query(on: db).all()
            let supportByID = Dictionary(uniqueKeysWithValues: supports.map { ($0.id!, $0) })
            for d in map.delegations {
                let last = days.filter { $0.$delegation.id == d.delegationID && $0.onDay.hasPrefix("\(year - 1)-") }
                let total = last.reduce(0) { $0 + $1.halfDays }
                #expect((120...180).contains(total), "\(d.code): \(total) demi-journées")
                let kind = Dictionary(grouping: last, by: \.kindValue).mapValues { $0.reduce(0) { $0 + $1.halfDays } }
                let individual = kind[.individualSupport] ?? 0, collective = kind[.collectiveFacilitation] ?? 0, training = kind[.training] ?? 0
                #expect(individual > collective && collective > training && training > 0, "\(d.code): \(kind)")
            }
            #expect(days.allSatisfy { (1...40).contains($0.halfDays) && $0.onDay <= today.iso })
            for e in days {
                if let sid = e.$structure.id { #expect(delegationOf[sid] == e.$delegation.id) }
                if let sup = e.$support.id { #expect(supportByID[sup]?.$structure.id == e.$structure.id) }
            }
            if ProcessInfo.processInfo.environment["DEMO_FIGURES"] != nil {
                let assessed: Int = Set(assessments.map { $0.$structure.id }).count
                let submitted: [Int: Int] = overall.mapValues { $0.count }
                let drafts: Int = assessments.filter { $0.statusValue == .draft }.count
                let perYear: [String: Int] = Dictionary(grouping: supports, by: { String($0.startedOn.prefix(4)) }).mapValues { $0.count }
                let halfDays: [String: Int] = Dictionary(grouping: days, by: { String($0.onDay.prefix(4)) }).mapValues { $0.reduce(0) { $0 + $1.halfDays } }
                print("DEMO_FIGURES assessed=\(assessed) submitted=\(submitted) drafts=\(drafts) actions=\(actions.count) means=\(mean)")
                print("DEMO_FIGURES supports=\(supports.count) startedByYear=\(perYear) interventionEntries=\(days.count) halfDaysByYear=\(halfDays)")
            }
        }
    }
}
