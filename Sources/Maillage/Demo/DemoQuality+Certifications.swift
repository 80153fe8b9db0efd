import Fluent
import Foundation
import MaillageCore

/// The certifications: each one planned by its fate today (holding, suspended, lapsed, withdrawn,
/// engaged), then its history written backwards from its current expiry — decisions every cycle
/// since 2017 at the earliest, surveillance audits between them, a renewal audit planned before
/// each renewal — as `CertificationEvent`s, days strictly increasing, the row's state and dates
/// those of its last step (as the certification workflow would have left them).
extension DemoQuality {
    enum Fate {
        /// Certified or renewed today, the certificate valid until `expires` (after today).
        case holding(expires: Day)
        /// Suspended on `on` (before today), the certificate running until `expires`.
        case suspended(expires: Day, on: Day)
        /// Expired on `expired` (before today), lapsed the day after.
        case lapsed(expired: Day)
        /// Certified until `expires`, withdrawn on `on` (before the expiry and today).
        case withdrawnCertified(expires: Day, on: Day)
        /// Engaged since `since`; its initial audit planned on `audit` (after today), if any.
        case engaged(since: Day, audit: Day?)
        /// Engaged on `since`, withdrawn on `on` before any audit.
        case withdrawnEngaged(since: Day, on: Day)
    }

    struct CertPlan {
        let structure: Structure
        let standard: QualityStandard
        let fate: Fate
    }

    struct Written {
        let certification: Certification
        let events: [CertificationEvent]
        let plan: CertPlan
        /// The initial audit (held or planned), for the mock audit before it.
        let initialAudit: Day?
    }

    struct CertCounts {
        var certifications = 0
        var events = 0
        var mockAudits = 0
    }

    /// The events' `action` values: the certification workflow's own (`CertificationAction`).
    static let actions = Set(CertificationAction.allCases.map(\.rawValue))

    static func writeCertifications(_ ctx: Context, on db: any Database, rng: inout DemoRandom) async throws -> CertCounts {
        let plans = plans(ctx, rng: &rng)
        var written: [Written] = []
        for plan in plans { written.append(build(plan, ctx: ctx, rng: &rng)) }
        let audits = mockAudits(written, ctx: ctx, rng: &rng)
        try await insert(written.map(\.certification), on: db)
        try await insert(written.flatMap(\.events), on: db)
        try await insert(audits, on: db)
        return CertCounts(certifications: written.count, events: written.reduce(0) { $0 + $1.events.count }, mockAudits: audits.count)
    }

    // MARK: - Who holds what

    /// The day `s` first joined the network.
    static func joined(_ s: Structure) -> Day {
        s.memberships.compactMap { Day(iso: $0.joinedOn) }.min() ?? Day(year: 2000, month: 1, day: 1)!
    }

    static func plans(_ ctx: Context, rng: inout DemoRandom) -> [CertPlan] {
        let today = ctx.today
        let cedre = ctx.standards["CEDRE"]!, iso = ctx.standards["CEDRE-ISO"]!
        let qualiopi = ctx.standards["QUALIOPI"]!, rse = ctx.standards["CAP-RSE"]!
        let n = ctx.active.count
        var out: [CertPlan] = []
        var used = Set<UUID>()
        if let t = ctx.target?.id { used.insert(t) }

        func holding() -> Fate {
            rng.chance(0.1) ? .holding(expires: today.adding(days: Int.random(in: 3...88, using: &rng)))
                : .holding(expires: between(today.adding(days: 89), years(3, from: today).adding(days: -5), rng: &rng))
        }
        func lapsed() -> Fate { .lapsed(expired: today.adding(days: -Int.random(in: 20...1000, using: &rng))) }
        func engaged(_ s: Structure) -> Fate {
            let since = max(joined(s).adding(days: 30), today.adding(days: -Int.random(in: 40...600, using: &rng)))
            let audit = rng.chance(0.5) ? today.adding(days: Int.random(in: 7...100, using: &rng)) : nil
            return .engaged(since: min(since, today.adding(days: -15)), audit: audit)
        }
        func suspended() -> Fate {
            let x = between(today.adding(days: 120), years(3, from: today).adding(days: -120), rng: &rng)
            let decision = years(-3, from: x)
            return .suspended(expires: x, on: between(max(decision.adding(days: 70), today.adding(days: -300)), today.adding(days: -10), rng: &rng))
        }
        /// Long-standing members for a certificate held since 2017 at the earliest.
        let seasoned: (Structure) -> Bool = { joined($0).year <= today.year - 5 }

        // The demo member's structures: the GES in the CEDRE ISO group, an entity CEDRE, another engaged.
        let mine = ctx.active.filter { ctx.managed.contains($0.id!) }.sorted { ($0.$gesParent.id == nil ? 0 : 1, $0.siret) < ($1.$gesParent.id == nil ? 0 : 1, $1.siret) }
        for (i, s) in mine.enumerated() {
            switch i {
            case 0: out.append(CertPlan(structure: s, standard: iso, fate: .holding(expires: between(today.adding(days: 200), today.adding(days: 700), rng: &rng))))
            case 1: out.append(CertPlan(structure: s, standard: cedre, fate: .holding(expires: between(today.adding(days: 120), today.adding(days: 500), rng: &rng))))
            case 2: out.append(CertPlan(structure: s, standard: iso, fate: .engaged(since: today.adding(days: -150), audit: today.adding(days: 45))))
            default: continue
            }
            used.insert(s.id!)
        }

        var pool = ctx.active.filter { !used.contains($0.id!) && !ctx.managed.contains($0.id!) }
        pool.shuffle(using: &rng)
        // (c) in the PDL: a certificate expiring within 90 days, a lapsed one.
        let pdl = pool.filter { ctx.isPDL($0) && seasoned($0) }
        if pdl.count >= 2 {
            out.append(CertPlan(structure: pdl[0], standard: cedre, fate: .holding(expires: today.adding(days: Int.random(in: 30...75, using: &rng)))))
            out.append(CertPlan(structure: pdl[1], standard: cedre, fate: .lapsed(expired: today.adding(days: -Int.random(in: 60...200, using: &rng)))))
            used.formUnion([pdl[0].id!, pdl[1].id!])
        }

        var cursor = 0
        func take(_ count: Int, where ok: (Structure) -> Bool = { _ in true }) -> [Structure] {
            var got: [Structure] = []
            var i = cursor
            while got.count < count && i < pool.count {
                let s = pool[i]
                if !used.contains(s.id!) && ok(s) { got.append(s); used.insert(s.id!) }
                i += 1
            }
            while cursor < pool.count && used.contains(pool[cursor].id!) { cursor += 1 }
            return got
        }
        let holdCedre = max(0, n * 19 / 100 - 2), holdIso = max(0, n * 4 / 100 - 1)
        for s in take(holdCedre, where: seasoned) { out.append(CertPlan(structure: s, standard: cedre, fate: holding())) }
        for s in take(holdIso, where: seasoned) { out.append(CertPlan(structure: s, standard: iso, fate: holding())) }
        for s in take(3, where: seasoned) { out.append(CertPlan(structure: s, standard: cedre, fate: suspended())) }
        for s in take(11, where: seasoned) { out.append(CertPlan(structure: s, standard: cedre, fate: lapsed())) }
        for s in take(3, where: seasoned) { out.append(CertPlan(structure: s, standard: iso, fate: lapsed())) }
        for s in take(22) { out.append(CertPlan(structure: s, standard: cedre, fate: engaged(s))) }
        for s in take(7) { out.append(CertPlan(structure: s, standard: iso, fate: engaged(s))) }
        for s in take(3, where: seasoned) {
            let since = max(joined(s).adding(days: 30), today.adding(days: -Int.random(in: 400...1400, using: &rng)))
            out.append(CertPlan(structure: s, standard: cedre,
                                fate: .withdrawnEngaged(since: since, on: between(since.adding(days: 120), today.adding(days: -30), rng: &rng))))
        }

        // Former members that were certified: withdrawn when they left (since 2018).
        let formers = ctx.all.filter { s in
            !ctx.active.contains { $0.id == s.id } && s.memberships.contains { ($0.leftOn ?? "") >= "2018-06-30" }
        }
        for s in formers.prefix(6) {
            guard let left = s.memberships.compactMap({ $0.leftOn.flatMap(Day.init(iso:)) }).max(), joined(s).year <= left.year - 3 else { continue }
            let decision = max(Day(year: firstYear, month: 3, day: 15)!, left.adding(days: -Int.random(in: 90...900, using: &rng)))
            guard decision.adding(days: 60) < left else { continue }
            out.append(CertPlan(structure: s, standard: cedre, fate: .withdrawnCertified(expires: years(cedre.cycleYears, from: decision), on: left)))
        }

        // Qualiopi: the training bodies first, then some certified members that train; CAP RSE:
        // the label relaunched with the self-assessment, a few holders, more engaged.
        let holders = out.filter { if case .holding = $0.fate { return $0.standard.code == "CEDRE" || $0.standard.code == "CEDRE-ISO" } else { return false } }
            .map(\.structure).filter { !ctx.managed.contains($0.id!) }
        let trainers = pool.filter { $0.types.contains(.of) && !used.contains($0.id!) && seasoned($0) }
        for s in trainers.prefix(4) { used.insert(s.id!); out.append(CertPlan(structure: s, standard: qualiopi, fate: holding())) }
        for s in holders.prefix(8) { out.append(CertPlan(structure: s, standard: qualiopi, fate: holding())) }
        for s in holders.dropFirst(8).prefix(2) { out.append(CertPlan(structure: s, standard: qualiopi, fate: lapsed())) }
        for s in take(1, where: seasoned) { out.append(CertPlan(structure: s, standard: qualiopi, fate: lapsed())) }
        for s in take(3) { out.append(CertPlan(structure: s, standard: qualiopi, fate: engaged(s))) }
        for s in holders.dropFirst(10).prefix(4) {
            let x = between(today.adding(days: 150), years(3, from: today).adding(days: -60), rng: &rng)
            guard years(-3, from: x).year >= 2024 else { continue }  // the label relaunched in 2024
            out.append(CertPlan(structure: s, standard: rse, fate: .holding(expires: x)))
        }
        for s in take(2, where: seasoned) {
            out.append(CertPlan(structure: s, standard: rse, fate: .holding(expires: between(years(3, from: Day(year: 2024, month: 6, day: 1)!), years(3, from: today).adding(days: -30), rng: &rng))))
        }
        for s in holders.dropFirst(14).prefix(4) { out.append(CertPlan(structure: s, standard: rse, fate: engaged(s))) }
        for s in take(3) { out.append(CertPlan(structure: s, standard: rse, fate: engaged(s))) }
        return out
    }

    // MARK: - One certification's history

    /// The steps of one certification, days strictly increasing, and the row's current fields.
    struct Chain {
        let id: UUID
        var events: [CertificationEvent] = []
        var status: CertificationStatus?
        var last: Day?
        var auditOn: Day?
        var auditKind: AuditKind?
        var certifiedOn: Day?
        var decisionOn: Day?
        var expiresOn: Day?
        var renewals = 0

        /// Appends a step on `day` (moved after the previous step if needed); the day used.
        @discardableResult
        mutating func step(_ action: CertificationAction, to: CertificationStatus, on day: Day, expires: Day? = nil, kind: AuditKind? = nil,
                           note: String, actor: UUID?) -> Day {
            let d = last.map { max(day, $0.adding(days: 1)) } ?? day
            events.append(CertificationEvent(certificationID: id, action: action.rawValue, from: status, to: to, on: d, expiresOn: expires,
                                             auditKind: kind, note: note, actorID: actor))
            status = to
            last = d
            return d
        }

        /// The next surveillance audit after `day`, when the standard has them and it comes before the expiry.
        mutating func scheduleSurveillance(after day: Day, months: Int) {
            guard months > 0, let exp = expiresOn else { (auditOn, auditKind) = (nil, nil); return }
            let next = DemoQuality.months(months, from: day)
            if next < exp { (auditOn, auditKind) = (next, .surveillance) } else { (auditOn, auditKind) = (nil, nil) }
        }
    }

    static func build(_ plan: CertPlan, ctx: Context, rng: inout DemoRandom) -> Written {
        let today = ctx.today, std = plan.standard, s = plan.structure
        let cycle = std.cycleYears, sm = std.surveillanceMonths
        let recorder = ctx.delegateOf(s).id ?? ctx.adminID
        let admin = ctx.adminID
        let body = rng.pick(bodies[std.code] ?? bodies["CEDRE"]!)
        var c = Chain(id: UUID())
        var initialAudit: Day?
        var engagedOn: Day

        switch plan.fate {
        case .engaged(let since, let audit):
            engagedOn = since
            c.step(.create, to: .engaged, on: since, note: rng.pick(engageNotes[std.code] ?? engageNotes["CEDRE"]!), actor: recorder)
            if let a = audit {
                let planned = min(today.adding(days: -1), between(since.adding(days: 20), min(today.adding(days: -1), a.adding(days: -7)), rng: &rng))
                c.step(.planAudit, to: .auditPlanned, on: planned, kind: .initial, note: "Audit initial prévu le \(a.french) (\(body)).", actor: recorder)
                (c.auditOn, c.auditKind) = (a, .initial)
                initialAudit = a
            }
        case .withdrawnEngaged(let since, let on):
            engagedOn = since
            c.step(.create, to: .engaged, on: since, note: rng.pick(engageNotes[std.code] ?? engageNotes["CEDRE"]!), actor: recorder)
            if rng.chance(0.5), on - since > 90 {
                let planned = between(since.adding(days: 30), on.adding(days: -40), rng: &rng)
                let audit = on.adding(days: Int.random(in: 10...60, using: &rng))
                c.step(.planAudit, to: .auditPlanned, on: planned, kind: .initial, note: "Audit initial prévu le \(audit.french) (\(body)).", actor: recorder)
            }
            c.step(.withdraw, to: .withdrawn, on: on, note: rng.pick(withdrawEngagedNotes), actor: admin)
            (c.auditOn, c.auditKind) = (nil, nil)
        case .holding(let x), .suspended(let x, _), .lapsed(let x), .withdrawnCertified(let x, _):
            // The decisions, backwards from the current one (renewed up to 40 days before each expiry);
            // about two in five holders are on their first cycle (the seeds: 17 new, 29 renewed in a year).
            let earliest = max(Day(year: firstYear, month: 1, day: 15)!, joined(s).adding(days: 400))
            var decisions = [years(-cycle, from: x)]
            while true {
                let previousExpiry = decisions[0].adding(days: Int.random(in: 0...40, using: &rng))
                let previous = years(-cycle, from: previousExpiry)
                guard previous >= earliest, rng.chance(0.55) else { break }
                decisions.insert(previous, at: 0)
            }
            let stop: Day
            switch plan.fate {
            case .suspended(_, let on), .withdrawnCertified(_, let on): stop = on.adding(days: -1)
            case .lapsed: stop = x
            default: stop = today
            }
            let c0 = decisions[0]
            let audit = c0.adding(days: -Int.random(in: 12...40, using: &rng))
            let planned = audit.adding(days: -Int.random(in: 30...75, using: &rng))
            engagedOn = planned.adding(days: -Int.random(in: 60...270, using: &rng))
            initialAudit = audit
            c.step(.create, to: .engaged, on: engagedOn, note: rng.pick(engageNotes[std.code] ?? engageNotes["CEDRE"]!), actor: recorder)
            c.step(.planAudit, to: .auditPlanned, on: planned, kind: .initial, note: "Audit initial prévu le \(audit.french) (\(body)).", actor: recorder)
            let first = c.step(.certify, to: .certified, on: c0, expires: years(cycle, from: c0), note: rng.pick(certifyNotes), actor: admin)
            (c.certifiedOn, c.decisionOn, c.expiresOn) = (first, first, years(cycle, from: first))
            c.scheduleSurveillance(after: first, months: sm)
            for (i, _) in decisions.enumerated() {
                let isLast = i == decisions.count - 1
                let limit = isLast ? min(stop, today) : decisions[i + 1].adding(days: -45)
                while let due = c.auditOn, c.auditKind == .surveillance, due <= limit {
                    let held = min(due.adding(days: Int.random(in: 0...20, using: &rng)), limit)
                    let note = std.code == "CEDRE-ISO" && rng.chance(0.6) ? rng.pick(crossAuditNotes) : rng.pick(surveillanceNotes)
                    let d = c.step(.recordSurveillance, to: c.status!, on: held, kind: .surveillance, note: note, actor: recorder)
                    c.scheduleSurveillance(after: d, months: sm)
                }
                guard !isLast else { break }
                let r = decisions[i + 1]
                let renewalAudit = r.adding(days: -Int.random(in: 10...30, using: &rng))
                let planDay = r.adding(days: -Int.random(in: 60...120, using: &rng))
                if c.last.map({ planDay > $0 }) ?? true {
                    c.step(.planAudit, to: c.status!, on: planDay, kind: .renewal, note: "Audit de renouvellement prévu le \(renewalAudit.french) (\(body)).", actor: recorder)
                }
                let d = c.step(.renew, to: .renewed, on: r, expires: years(cycle, from: r), note: rng.pick(renewNotes), actor: admin)
                c.renewals += 1
                (c.decisionOn, c.expiresOn) = (d, years(cycle, from: d))
                c.scheduleSurveillance(after: d, months: sm)
            }
            switch plan.fate {
            case .holding(let x):
                if c.auditOn == nil, x - today <= 150, rng.chance(0.65) {
                    let planDay = between(max(x.adding(days: -150), (c.last ?? today).adding(days: 1)), today, rng: &rng)
                    if planDay <= today, c.last.map({ planDay > $0 }) ?? true {
                        var auditDay = x.adding(days: -Int.random(in: 5...35, using: &rng))
                        if auditDay <= today { auditDay = min(x, today.adding(days: Int.random(in: 3...10, using: &rng))) }
                        c.step(.planAudit, to: c.status!, on: planDay, kind: .renewal, note: "Audit de renouvellement prévu le \(auditDay.french) (\(body)).", actor: recorder)
                        (c.auditOn, c.auditKind) = (auditDay, .renewal)
                    }
                }
            case .suspended(_, let on):
                c.step(.suspend, to: .suspended, on: on, note: rng.pick(suspendNotes), actor: admin)
                if let a = c.auditOn, a <= today { (c.auditOn, c.auditKind) = (nil, nil) }
                if rng.chance(0.6), on < today.adding(days: -3) {
                    let audit = today.adding(days: Int.random(in: 10...60, using: &rng))
                    c.step(.planAudit, to: .suspended, on: between(on.adding(days: 3), today, rng: &rng), kind: .surveillance,
                           note: "Audit de levée de suspension prévu le \(audit.french) (\(body)).", actor: recorder)
                    (c.auditOn, c.auditKind) = (audit, .surveillance)
                }
            case .lapsed(let x):
                c.step(.lapse, to: .lapsed, on: x.adding(days: 1), note: rng.pick(lapseNotes), actor: nil)
                (c.auditOn, c.auditKind) = (nil, nil)
            case .withdrawnCertified(_, let on):
                let reason = s.memberships.compactMap(\.leaveReason).first.map { "Départ du réseau (\($0.lowercased()))." } ?? rng.pick(withdrawNotes)
                c.step(.withdraw, to: .withdrawn, on: on, note: reason, actor: admin)
                (c.auditOn, c.auditKind) = (nil, nil)
            default: break
            }
        }

        let cert = Certification(structureID: s.id!, standardID: std.id!, engagedOn: engagedOn, body: body,
                                 auditor: c.certifiedOn == nil && c.auditOn == nil ? "" : person(&rng), note: "")
        cert.id = c.id
        cert.status = (c.status ?? .engaged).rawValue
        cert.auditOn = c.auditOn?.iso
        cert.auditKind = c.auditKind?.rawValue
        cert.certifiedOn = c.certifiedOn?.iso
        cert.decisionOn = c.decisionOn?.iso
        cert.expiresOn = c.expiresOn?.iso
        cert.renewals = c.renewals
        cert.version = c.events.count
        if std.groupCertification { cert.note = "Membre du groupe certifié CEDRE ISO 9001 ; audits croisés entre structures du groupe." }
        return Written(certification: cert, events: c.events, plan: plan, initialAudit: initialAudit)
    }

    // MARK: - Words

    static let bodies: [String: [String]] = [
        "CEDRE": ["AFNOR Certification", "Bureau Veritas Certification", "SGS ICS"],
        "CEDRE-ISO": ["AFNOR Certification"],
        "QUALIOPI": ["AFNOR Certification", "Bureau Veritas Certification", "SGS ICS", "Certif Formation Ouest"],
        "CAP-RSE": ["AFNOR Certification"],
    ]
    static let engageNotes: [String: [String]] = [
        "CEDRE": ["Engagement voté par le conseil d'administration ; une référente qualité désignée.",
                  "Entrée dans la démarche après la journée régionale qualité.",
                  "Engagement signé avec la délégation ; autodiagnostic de départ réalisé.",
                  "Démarche engagée avec la révision du projet associatif.",
                  "Engagement pris en réunion d'équipe ; un référent qualité à mi-temps sur la démarche."],
        "CEDRE-ISO": ["Candidature au groupe certifié CEDRE ISO 9001 acceptée.",
                      "Entrée dans le groupe CEDRE ISO 9001 après trois années de certification CEDRE.",
                      "Engagement dans la certification de groupe ; participation aux audits croisés prévue."],
        "QUALIOPI": ["Démarche engagée pour l'activité de formation de la structure.",
                     "Engagement pour pouvoir continuer à mobiliser les fonds de la formation."],
        "CAP-RSE": ["Engagement dans le label après l'auto-diagnostic CAP.",
                    "Démarche RSE engagée avec l'appui de la délégation."],
    ]
    static let certifyNotes = [
        "Certification accordée sans écart majeur.",
        "Certification accordée ; deux écarts mineurs à lever avant la première surveillance.",
        "Décision favorable du comité de certification.",
        "Certification accordée ; points forts relevés sur l'accueil et le suivi des parcours.",
    ]
    static let surveillanceNotes = [
        "Audit de surveillance satisfaisant, aucun écart.",
        "Un écart mineur sur la traçabilité des bilans d'engagements ; plan d'action transmis.",
        "Points forts : accueil et suivi des parcours. Piste de progrès : mesurer la satisfaction des clients.",
        "Écart mineur : revue de direction incomplète, levé dans le mois.",
        "Aucun écart ; les indicateurs de sortie sont désormais suivis chaque trimestre.",
    ]
    static let crossAuditNotes = [
        "Audit croisé mené par une structure du groupe ; aucun écart.",
        "Audit croisé : une remarque sur la maîtrise des documents, traitée en revue de direction.",
    ]
    static let renewNotes = [
        "Renouvellement accordé pour un nouveau cycle.",
        "Renouvellement sans écart ; bonnes pratiques relevées sur les sorties vers l'emploi.",
        "Renouvellement accordé ; un écart mineur à suivre lors de la prochaine surveillance.",
    ]
    static let suspendNotes = [
        "Écart majeur à l'audit de surveillance : engagements réciproques non formalisés pour la plupart des salariés en parcours.",
        "Audit de surveillance non tenu dans les délais après un changement de direction.",
        "Écart majeur : ni revue de direction ni indicateurs de suivi depuis deux ans.",
    ]
    static let withdrawNotes = [
        "La structure ne souhaite pas poursuivre la démarche.",
        "Cessation d'activité de la structure.",
    ]
    static let withdrawEngagedNotes = [
        "Démarche interrompue après le départ de la référente qualité ; reprise envisagée plus tard.",
        "La structure met sa démarche en pause le temps d'un rapprochement avec une autre association.",
        "Démarche arrêtée à la demande de la direction, faute de temps à y consacrer cette année.",
    ]
    static let lapseNotes = [
        "Certificat arrivé à échéance sans audit de renouvellement.",
        "Échéance passée : aucun audit de renouvellement n'a été programmé.",
    ]
}
