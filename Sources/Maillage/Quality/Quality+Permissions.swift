import Foundation

/// Who may use quality and the support of members. National admins manage the standards, the CAP
/// questionnaires and the support programmes (`administer`) and see everything; a regional
/// delegate records audits, mock audits, certifications, supports and intervention days for their
/// delegation's members (`supervise`); a member manager sees its own certifications and supports,
/// fills its own self-assessment and keeps its action plan. Nobody else sees a member's
/// self-assessment, documents or supports (404 out of sight, 403 in sight).
extension Rule {
    /// The quality overview: the people who follow or hold certifications.
    static let followQuality = Rule("followQuality", who: .roles([.nationalAdmin, .regionalDelegate, .memberManager]))

    /// A structure's quality and support record (certifications, documents, mock audits,
    /// self-assessments and their scores, action plan, supports): its managers, its delegate,
    /// national admins; the action plan is kept by the same people.
    static let seeMemberProgress = Rule("seeMemberProgress", who: .roles([.nationalAdmin, .regionalDelegate, .memberManager])) { user, relation in
        user.isNationalAdmin || !relation.isEmpty
    }

    /// Filling the self-assessment: the structure's managers only.
    static let fillSelfAssessment = Rule("fillSelfAssessment", who: .roles([.memberManager])) { _, relation in
        relation.contains(.own)
    }

    /// The yearly support figures per delegation, as the activity reports give them.
    static let supportFigures = Rule("supportFigures", who: .roles([.nationalAdmin, .regionalDelegate, .boardMember]))
}
