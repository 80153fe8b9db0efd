import Foundation

/// Who may use the legal desk. The texts of a question (its body, messages and attachments) are
/// read by the jurists and by the structure's own managers; its regional delegate reads its
/// metadata (category, status, dates) and the texts only when the member shared the question with
/// the delegation. Internal notes are for jurists only. National admins see the statistics.
extension Rule {
    /// The questions list: each person's own perimeter (a member manager their structures'
    /// questions, a delegate their members' questions' metadata, a jurist the whole queue).
    static let followLegal = Rule("followLegal", who: .roles([.memberManager, .jurist, .regionalDelegate]))

    /// Asking a question, for a structure one manages.
    static let askLegal = Rule("askLegal", who: .roles([.memberManager])) { _, relation in
        relation.contains(.own)
    }

    /// One question's page and its attachments: the jurists, the structure's managers, its
    /// delegate (metadata only unless shared); anybody else: 404.
    static let seeQuestion = Rule("seeQuestion", who: .roles([.memberManager, .jurist, .regionalDelegate])) { user, relation in
        user.has(.jurist) || relation.contains(.own) || relation.contains(.delegation)
    }

    /// The member's side of a question: writing a message, reopening, sharing with the delegation.
    static let replyAsMember = Rule("replyAsMember", who: .roles([.memberManager])) { _, relation in
        relation.contains(.own)
    }

    /// Closing an answered question: the member when satisfied, or a jurist.
    static let closeQuestion = Rule("closeQuestion", who: .roles([.memberManager, .jurist])) { user, relation in
        user.has(.jurist) || relation.contains(.own)
    }

    /// The jurists' work: taking and assigning questions, asking the member, answering, internal
    /// notes, writing, reviewing and publishing notes.
    static let handleLegal = Rule("handleLegal", who: .roles([.jurist]))

    /// The desk's yearly statistics: national admins and jurists for the network, a delegate
    /// for their delegation's members.
    static let legalFigures = Rule("legalFigures", who: .roles([.nationalAdmin, .jurist, .regionalDelegate]))
}
