import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Membership workflow")
struct MembershipWorkflowTests {
    typealias State = MembershipWorkflow.State
    typealias Action = MembershipWorkflow.Action

    /// Each step: where it starts, where it leads. Written out here, independently of the table.
    static let expected: [(Action, Set<State>, State)] = [
        (.open, [.none], .open),
        (.correct, [.open], .open),
        (.close, [.open], .closed),
        (.amend, [.closed], .closed),
        (.reopen, [.closed], .open),
    ]
    static let states: [State] = [.none, .open, .closed]

    @Test("every step: admins, delegates and the application take it from its states; managers and strangers never")
    func parties() throws {
        for (action, from, to) in Self.expected {
            for state in from {
                for party in [Party.nationalAdmin, .delegate, .system] {
                    // MUT
                    let step = try MembershipWorkflow.table.check(action, from: state, by: [party])
                    // validate
                    #expect(step.to == to, "\(action) from \(state) by \(party)")
                }
                #expect(throws: WorkflowRefusal<State>.notPermitted) { try MembershipWorkflow.table.check(action, from: state, by: [.manager]) }
                #expect(throws: WorkflowRefusal<State>.notPermitted) { try MembershipWorkflow.table.check(action, from: state, by: []) }
            }
        }
    }

    @Test("every step is refused from the states it does not start from")
    func wrongStates() {
        for (action, from, _) in Self.expected {
            for state in Self.states where !from.contains(state) {
                #expect(throws: WorkflowRefusal<State>.wrongState(state), "\(action) from \(state)") {
                    try MembershipWorkflow.table.check(action, from: state, by: [.nationalAdmin])
                }
            }
        }
    }

    @Test("the table records a creation for an opening and an update for every other step")
    func records() {
        #expect(MembershipWorkflow.table.transition(.open).audit == .create)
        for action in [Action.correct, .close, .amend, .reopen] {
            #expect(MembershipWorkflow.table.transition(action).audit == .update, "\(action)")
        }
    }

    @Test("a correction form's step follows its leave date")
    func correctionStep() {
        #expect(MembershipWorkflow.correction(from: .open, leaving: false) == .correct)
        #expect(MembershipWorkflow.correction(from: .open, leaving: true) == .close)
        #expect(MembershipWorkflow.correction(from: .closed, leaving: true) == .amend)
        #expect(MembershipWorkflow.correction(from: .closed, leaving: false) == .reopen)
    }

    @Test("the service refuses to close a closed period and to let a member manager open one; nothing is written")
    func serviceChecksTheTable() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let period = f.membershipInPDL
            let admin = RegisterService.Actor(parties: [.nationalAdmin], user: nil)
            let leaving = PeriodInput(status: .active, joined: Day(iso: "2020-01-01"), left: Day(iso: "2025-12-31"), reason: "Fusion")
            try await RegisterService.close(period, with: leaving, of: f.inPDL, by: admin, on: app.db)
            let audits = try await AuditEntry.query(on: app.db).count()
            // MUT
            await #expect(throws: RegisterService.Refusal.self) {
                try await RegisterService.close(period, with: leaving, of: f.inPDL, by: admin, on: app.db)
            }
            let manager = RegisterService.Actor(parties: [.manager], user: nil)
            await #expect(throws: RegisterService.Refusal.self) {
                try await RegisterService.open(PeriodInput(status: .active, joined: Day(iso: "2026-01-01")), for: f.inPDL, by: manager, on: app.db)
            }
            // validate
            #expect(try await AuditEntry.query(on: app.db).count() == audits)
            #expect(try await Membership.query(on: app.db).filter(\.$structure.$id == f.inPDL.requireID()).count() == 1)
            #expect(try await Structure.find(f.inPDL.id!, on: app.db)!.directoryStatus == .former)
        }
    }

    @Test("a closed period reopened by a correction while another is open keeps its leave date")
    func oneOpenPeriod() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = RegisterService.Actor(parties: [.nationalAdmin], user: nil)
            let first = f.membershipInPDL
            try await RegisterService.close(first, with: PeriodInput(status: .active, joined: Day(iso: "2020-01-01"),
                                                                    left: Day(iso: "2023-12-31"), reason: "Pause"),
                                            of: f.inPDL, by: admin, on: app.db)
            try await RegisterService.open(PeriodInput(status: .associate, joined: Day(iso: "2024-01-01")), for: f.inPDL, by: admin, on: app.db)
            // MUT
            var refusal: FieldErrors?
            do {
                try await RegisterService.correct(first, with: PeriodInput(status: .active, joined: Day(iso: "2020-01-01")),
                                                  of: f.inPDL, by: admin, via: .page, on: app.db)
            } catch RegisterService.Refusal.invalid(let errors) {
                refusal = errors
            }
            // validate
            #expect(refusal?["left_on"] == "Une autre adhésion est en cours : cette période doit rester close.")
            #expect(try await Membership.find(first.id!, on: app.db)!.left == Day(iso: "2023-12-31"))
            let s = try await Structure.find(f.inPDL.id!, on: app.db)!
            #expect(s.directoryStatus == .associate)
            #expect(s.joinedDay == Day(year: 2024, month: 1, day: 1))
        }
    }
}
