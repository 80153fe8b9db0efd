import Foundation
import Testing
@testable import Maillage

/// The answer workflow's table, without a database: each step from each state for each party,
/// against the table written out here a second time (SPEC §4, and the behaviour the pages had
/// before the table existed).
@Suite("Answer workflow table")
struct AnswerWorkflowTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let action: AnswerAction
        let from: Set<AnswerStatus>
        let to: AnswerStatus
        let by: Set<Party>
        var testDescription: String { action.rawValue }
    }

    static let answering: Set<Party> = [.manager, .delegate, .nationalAdmin]
    static let expected: [Row] = [
        Row(action: .saveDraft, from: [.draft], to: .draft, by: answering),
        Row(action: .saveCorrection, from: [.returned], to: .returned, by: answering),
        Row(action: .submit, from: [.draft, .returned], to: .submitted, by: answering),
        Row(action: .validate, from: [.submitted], to: .validated, by: [.delegate, .nationalAdmin]),
        Row(action: .sendBack, from: [.submitted], to: .returned, by: [.delegate, .nationalAdmin]),
        Row(action: .reopen, from: [.validated], to: .draft, by: [.nationalAdmin]),
        Row(action: .importSubmitted, from: [.draft, .submitted, .returned], to: .submitted, by: [.system]),
        Row(action: .importValidated, from: [.draft, .submitted, .returned, .validated], to: .validated, by: [.system]),
    ]

    func campaign(open: Bool) -> Campaign {
        let c = Campaign()
        c.status = (open ? CampaignStatus.open : .closed).rawValue
        return c
    }

    @Test("every action has its row")
    func everyActionHasARow() {
        #expect(Set(Self.expected.map(\.action)) == Set(AnswerAction.allCases))
        #expect(AnswerWorkflow.table.transitions.count == AnswerAction.allCases.count)
    }

    @Test("each step: allowed to its parties from its states, to its state; refused otherwise", arguments: expected)
    func step(_ row: Row) throws {
        for state in AnswerStatus.allCases {
            for party in Party.allCases {
                let result = Result { () throws(WorkflowRefusal<AnswerStatus>) -> Transition<AnswerStatus, AnswerAction> in
                    try AnswerWorkflow.table.check(row.action, from: state, by: [party])
                }
                switch result {
                case .success(let step):
                    #expect(row.by.contains(party) && row.from.contains(state), "\(party) \(state)")
                    #expect(step.to == row.to)
                case .failure(.notPermitted):
                    #expect(!row.by.contains(party), "\(party) \(state)")
                case .failure(.wrongState(let s)):
                    #expect(row.by.contains(party) && !row.from.contains(state) && s == state, "\(party) \(state)")
                }
            }
        }
    }

    @Test("a closed campaign refuses every step: the member's changes, validation, return, reopening, imports")
    func closedCampaign() throws {
        let closed = campaign(open: false)
        for action in [AnswerAction.saveDraft, .submit] {
            #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(action, from: .draft, in: closed, by: [.manager]) }
        }
        #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(.saveCorrection, from: .returned, in: closed, by: [.nationalAdmin]) }
        #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(.validate, from: .submitted, in: closed, by: [.delegate]) }
        #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(.sendBack, from: .submitted, in: closed, by: [.nationalAdmin]) }
        #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(.reopen, from: .validated, in: closed, by: [.nationalAdmin]) }
        // Issue #9: an import into a closed campaign is refused too.
        #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(.importSubmitted, from: .draft, in: closed, by: [.system]) }
        #expect(throws: AnswerService.Refusal.campaignClosed) { try AnswerService.check(.importValidated, from: .submitted, in: closed, by: [.system]) }
        // The party and the state are still checked on an open campaign.
        #expect(throws: AnswerService.Refusal.notPermitted) { try AnswerService.check(.validate, from: .submitted, in: campaign(open: true), by: [.manager]) }
        #expect(throws: AnswerService.Refusal.wrongState(.validated)) { try AnswerService.check(.submit, from: .validated, in: campaign(open: true), by: [.manager]) }
    }

    @Test("the page offers the steps of its reader from the answer's state")
    func pageActions() {
        let open = campaign(open: true), closed = campaign(open: false)
        #expect(AnswerService.actions(from: .draft, in: open, by: [.manager]) == [.saveDraft, .submit])
        #expect(AnswerService.actions(from: .returned, in: open, by: [.manager]) == [.saveCorrection, .submit])
        #expect(AnswerService.actions(from: .submitted, in: open, by: [.manager]).isEmpty)
        #expect(AnswerService.actions(from: .submitted, in: open, by: [.delegate]) == [.validate, .sendBack])
        #expect(AnswerService.actions(from: .submitted, in: closed, by: [.delegate]).isEmpty)
        #expect(AnswerService.actions(from: .validated, in: open, by: [.delegate]).isEmpty)
        #expect(AnswerService.actions(from: .validated, in: closed, by: [.nationalAdmin]).isEmpty)
        #expect(AnswerService.actions(from: .draft, in: closed, by: [.manager, .delegate, .nationalAdmin]).isEmpty)
    }

    @Test("the form's save keeps a returned answer returned; an import never takes a validation back")
    func chosenSteps() {
        #expect(AnswerWorkflow.saveAction(from: .draft) == .saveDraft)
        #expect(AnswerWorkflow.saveAction(from: .returned) == .saveCorrection)
        #expect(AnswerWorkflow.saveAction(from: .submitted) == .saveDraft)  // refused by the table: wrong state
        #expect(AnswerWorkflow.importAction(from: nil, validate: false) == .importSubmitted)
        #expect(AnswerWorkflow.importAction(from: .returned, validate: false) == .importSubmitted)
        #expect(AnswerWorkflow.importAction(from: .validated, validate: false) == .importValidated)
        #expect(AnswerWorkflow.importAction(from: .draft, validate: true) == .importValidated)
    }
}
