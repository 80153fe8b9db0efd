import Fluent
import Foundation
import MaillageCore
import SQLKit

/// The dues dashboard of a year (issue #11, item 7), national or for one delegation: called,
/// collected, outstanding, collection rate, calls by status, by type and payments by month,
/// the split of what was collected, and each delegation's dues income. Two grouped reads
/// (calls and payments, summed by department, delegation, status, types, month): never the
/// records themselves.
enum DuesDashboard {
    /// Sums of calls sharing a department, recorded delegation, types and status.
    struct CallGroup: Sendable, Decodable {
        let dep: String
        let del: UUID?
        let typ: String
        let st: String
        let n: Int64
        let total: Int64
        let credited: Int64
        let paid: Int64
    }

    /// Sums of payments sharing a month, delegations and department.
    struct PaymentGroup: Sendable, Decodable {
        let month: String
        let pdel: UUID?
        let cdel: UUID?
        let dep: String
        let n: Int64
        let amount: Int64
        let sdel: Int64
        let snat: Int64
        let sfund: Int64
    }

    /// Grouped by the output columns' positions: PostgreSQL would not match the CASE of the select
    /// list with a second copy in GROUP BY (its binds are other parameters).
    static func callGroups(year: Int, today: Day, on db: any Database) async throws -> [CallGroup] {
        let sql = db as! any SQLDatabase
        return try await sql.raw("""
            SELECT s.department_code AS dep, c.delegation_id AS del, c.types AS typ,
              CASE WHEN c.status NOT IN ('cancelled', 'paid') AND c.due_on < \(bind: today.iso)
                        AND c.total_cents - c.credited_cents - c.paid_cents > 0 THEN 'overdue' ELSE c.status END AS st,
              COUNT(*) AS n, CAST(SUM(c.total_cents) AS BIGINT) AS total, CAST(SUM(c.credited_cents) AS BIGINT) AS credited,
              CAST(SUM(c.paid_cents) AS BIGINT) AS paid
            FROM dues_calls c JOIN structures s ON s.id = c.structure_id
            WHERE c.year = \(bind: year)
            GROUP BY 1, 2, 3, 4
            """).all(decoding: CallGroup.self)
    }

    static func paymentGroups(year: Int, on db: any Database) async throws -> [PaymentGroup] {
        let sql = db as! any SQLDatabase
        return try await sql.raw("""
            SELECT substr(p.paid_on, 1, 7) AS month, p.delegation_id AS pdel, c.delegation_id AS cdel, s.department_code AS dep,
              COUNT(*) AS n, CAST(SUM(p.amount_cents) AS BIGINT) AS amount,
              CAST(SUM(p.split_delegation_cents) AS BIGINT) AS sdel, CAST(SUM(p.split_national_cents) AS BIGINT) AS snat,
              CAST(SUM(p.split_fund_cents) AS BIGINT) AS sfund
            FROM dues_payments p JOIN dues_calls c ON c.id = p.call_id JOIN structures s ON s.id = c.structure_id
            WHERE c.year = \(bind: year)
            GROUP BY 1, 2, 3, 4
            """).all(decoding: PaymentGroup.self)
    }

    /// The figures of one perimeter (`delegation` nil: the whole network).
    struct Figures: Sendable {
        var calls = 0
        var called = Money.zero
        var collected = Money.zero
        var byStatus: [String: (count: Int, outstanding: Money)] = [:]
        /// Key: a type code, or "*" for a call holding several types.
        var byType: [String: (count: Int, called: Money, paid: Money)] = [:]
        /// Key: "2026-03".
        var byMonth: [String: (count: Int, amount: Money)] = [:]
        var split = DuesSplit(delegation: .zero, national: .zero, fund: .zero)
        /// Each delegation's figures (national view): called, collected and its part of the split.
        var byDelegation: [String: (called: Money, collected: Money, income: Money)] = [:]

        var outstanding: Money { (try? called.subtracting(collected)) ?? .zero }

        /// Collected per called, in tenths of a percent, rounded half up once at the end
        /// (integer arithmetic); nil when nothing was called.
        var rateTenths: Int64? {
            guard called.cents > 0 else { return nil }
            let (n, overflow) = collected.cents.multipliedReportingOverflow(by: 2000)
            guard !overflow else { return nil }
            return (n + called.cents) / (2 * called.cents)
        }

        var rateText: String {
            rateTenths.map { FrenchFormat.percent(Decimal($0) / 10, places: 1) } ?? "—"
        }
    }

    /// Sums the groups for `delegation` (nil: everything), resolving each group's delegation:
    /// the one recorded (at issue, at payment), else the department's on the current map.
    static func figures(calls: [CallGroup], payments: [PaymentGroup], delegation: NetworkMap.Entry?,
                        map: NetworkMap) throws -> Figures {
        var f = Figures()
        for g in calls {
            let d = DuesFollowUp.delegation(recorded: g.del, department: g.dep, map: map)
            if let delegation, d?.delegationID != delegation.delegationID { continue }
            let called = try Money(cents: g.total).subtracting(Money(cents: g.credited))
            let outstanding = try called.subtracting(Money(cents: g.paid))
            f.calls += Int(g.n)
            f.called = try f.called.adding(called)
            let s = f.byStatus[g.st] ?? (0, .zero)
            f.byStatus[g.st] = (s.count + Int(g.n), try s.outstanding.adding(outstanding))
            let key = g.typ.contains(",") ? "*" : g.typ
            let t = f.byType[key] ?? (0, .zero, .zero)
            f.byType[key] = (t.count + Int(g.n), try t.called.adding(called), try t.paid.adding(Money(cents: g.paid)))
            let code = d?.code ?? "—"
            let b = f.byDelegation[code] ?? (.zero, .zero, .zero)
            f.byDelegation[code] = (try b.called.adding(called), b.collected, b.income)
        }
        for g in payments {
            let d = DuesFollowUp.delegation(recorded: g.pdel ?? g.cdel, department: g.dep, map: map)
            if let delegation, d?.delegationID != delegation.delegationID { continue }
            let amount = Money(cents: g.amount)
            f.collected = try f.collected.adding(amount)
            let m = f.byMonth[g.month] ?? (0, .zero)
            f.byMonth[g.month] = (m.count + Int(g.n), try m.amount.adding(amount))
            f.split = DuesSplit(delegation: try f.split.delegation.adding(Money(cents: g.sdel)),
                                national: try f.split.national.adding(Money(cents: g.snat)),
                                fund: try f.split.fund.adding(Money(cents: g.sfund)))
            let code = d?.code ?? "—"
            let b = f.byDelegation[code] ?? (.zero, .zero, .zero)
            f.byDelegation[code] = (b.called, try b.collected.adding(amount), try b.income.adding(Money(cents: g.sdel)))
        }
        return f
    }
}

/// The dashboard page: every figure formatted, every link from `req.link(to:)`.
struct DuesDashboardPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let label: String
        let count: String?
        let amount: String
        let second: String?
        let third: String?
    }
    struct Choice: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let year: Int
    let heading: String
    let scopeLabel: String
    /// One row of tiles (a list, for `partials/tiles` inside a loop).
    let tiles: [HomePage.Tiles]
    let statuses: [Row]?
    let types: [Row]?
    let typeNote: String
    let months: [Row]?
    let split: [Row]
    let splitTotal: Row
    let delegations: [Row]?
    let choices: [Choice]?
    let exports: [Choice]?
    let homeHref: String?
    let callsHref: String?
    let remindersHref: String?
    let empty: String?

    static let statusOrder = ["issued", "partly_paid", "paid", "overdue", "cancelled"]

    static func euros(_ m: Money) -> String { FrenchFormat.euros(cents: m.cents) }

    static func month(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return key }
        return FrenchFormat.month(year: y, month: m)
    }

    init(year: Int, figures f: DuesDashboard.Figures, delegation: NetworkMap.Entry?, map: NetworkMap,
         choices: [Choice]?, exports: [Choice]?, homeHref: String?, callsHref: String?, remindersHref: String?) {
        self.year = year
        heading = "Tableau de bord des cotisations \(year)"
        scopeLabel = delegation.map { "Délégation \($0.name)" } ?? "Ensemble du réseau"
        let e = Self.euros
        tiles = [HomePage.Tiles(id: "cotisations-chiffres", title: "Chiffres clés", intro: nil, items: [
            .init(label: "Appelé", value: e(f.called), note: "montant des appels, avoirs déduits", href: callsHref),
            .init(label: "Encaissé", value: e(f.collected), note: "somme des paiements reçus", href: nil),
            .init(label: "Reste dû", value: e(f.outstanding), note: "appelé moins encaissé", href: nil),
            .init(label: "Taux de recouvrement", value: f.rateText, note: "encaissé sur appelé", href: nil),
        ])]
        let statuses = Self.statusOrder.compactMap { code -> Row? in
            guard let s = f.byStatus[code] else { return nil }
            return Row(label: DuesFollowUp.label(code), count: FrenchFormat.integer(s.count), amount: e(s.outstanding), second: nil, third: nil)
        }
        self.statuses = statuses.isEmpty ? nil : statuses
        var types = StructureType.allCases.compactMap { t -> Row? in
            guard let v = f.byType[t.rawValue] else { return nil }
            return Row(label: t.shortLabel, count: FrenchFormat.integer(v.count), amount: e(v.called), second: e(v.paid), third: nil)
        }
        if let v = f.byType["*"] {
            types.append(Row(label: "Plusieurs types", count: FrenchFormat.integer(v.count), amount: e(v.called), second: e(v.paid), third: nil))
        }
        self.types = types.isEmpty ? nil : types
        typeNote = "Un adhérent qui tient plusieurs types reçoit un seul appel (une part fixe, une part variable plafonnée) : "
            + "il est compté une fois, sur la ligne « Plusieurs types », pour ne pas répartir une part fixe et un plafond communs."
        let months = f.byMonth.keys.sorted().map { k in
            Row(label: Self.month(k), count: FrenchFormat.integer(f.byMonth[k]!.count), amount: e(f.byMonth[k]!.amount), second: nil, third: nil)
        }
        self.months = months.isEmpty ? nil : months
        split = DuesParty.allCases.map { p in Row(label: p.label, count: nil, amount: e(f.split[p]), second: nil, third: nil) }
        splitTotal = Row(label: "Total encaissé", count: nil, amount: e(f.collected), second: nil, third: nil)
        if delegation == nil {
            let rows = map.delegations.compactMap { d -> Row? in
                guard let v = f.byDelegation[d.code] else { return nil }
                return Row(label: d.name, count: nil, amount: e(v.called), second: e(v.collected), third: e(v.income))
            } + (f.byDelegation["—"].map { [Row(label: "Hors délégation", count: nil, amount: e($0.called), second: e($0.collected), third: e($0.income))] } ?? [])
            delegations = rows.isEmpty ? nil : rows
        } else {
            delegations = nil
        }
        self.choices = choices
        self.exports = exports
        self.homeHref = homeHref
        self.callsHref = callsHref
        self.remindersHref = remindersHref
        empty = f.calls == 0 && f.collected.cents == 0 ? "Aucun appel de cotisation \(year) dans ce périmètre." : nil
    }
}
