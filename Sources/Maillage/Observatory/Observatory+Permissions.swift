import Foundation

/// Who answers the survey and who watches its figures move. Following the campaign and
/// validating answers is `supervise`; reading published figures is `holdsRole`.
extension Rule {
    /// A structure's answers, read and filled: nobody sees a structure's individual answers
    /// but the national admins, its regional delegate and its own managers (SPEC §1). The
    /// same people see its benchmark page.
    static let answerSurvey = Rule("answerSurvey", who: .roles([.nationalAdmin, .regionalDelegate, .memberManager])) { user, relation in
        user.isNationalAdmin || !relation.isEmpty
    }
}

extension Policy {
    /// May follow a campaign's live figures, provisional and recomputed at each answer: the
    /// national admins for every scope; a regional delegate for their own delegation's
    /// figures (its report, tables and JSON), whose answers they see one by one anyway.
    /// Everything else comes from published releases, for delegates too: watching the
    /// network's figures move answer by answer would let anyone difference the structures of
    /// other delegations (secrecy over time, docs/OBSERVATORY.md).
    static func mayFollowLiveFigures(_ user: CurrentUser, delegation code: String?, map: NetworkMap) -> Bool {
        if user.isNationalAdmin { return true }
        guard let code, let entry = map.delegation(code: code) else { return false }
        return user.delegatedDelegationIDs.contains(entry.delegationID)
    }
}
