import Foundation
import MaillageCore

struct ObservatoryIndexPage: Encodable, Sendable {
    struct Link: Encodable, Sendable { let label: String; let href: String }
    struct CampaignLine: Encodable, Sendable {
        let year: Int
        let window: String
        let status: String
        let isOpen: Bool
        let answers: String
        let followHref: String?
        let queueHref: String?
        /// nil when nothing is published that this person may read.
        let reportHref: String?
        let releasesHref: String
        let delegationReports: [Link]?
        let importHref: String?
    }
    struct MyAnswer: Encodable, Sendable {
        let year: Int
        let structure: String
        let type: String
        let status: String
        let statusKey: String
        let href: String
        let benchmarkHref: String?
    }
    let canOpen: Bool
    let newHref: String
    let campaigns: [CampaignLine]?
    let myAnswers: [MyAnswer]?
}

/// The campaign settings form (new campaign, or the settings block of the follow-up page).
struct CampaignFormPage: Encodable, Sendable {
    struct Divisor: Encodable, Sendable { let type: String; let label: String; let value: String; let error: String? }
    let form: CampaignForm
    let errors: FieldErrors
    let action: String
    let isNew: Bool
    let divisors: [Divisor]

    init(form: CampaignForm, errors: FieldErrors, action: String, isNew: Bool) {
        self.isNew = isNew
        self.form = form
        self.errors = errors
        self.action = action
        divisors = CampaignForm.divisorTypes.map { t in
            Divisor(type: t, label: StructureType(rawValue: t).map { "\($0.shortLabel) — \($0.label)" } ?? t,
                    value: form.divisors?[t] ?? CampaignDefaults.divisors[t] ?? "", error: errors["divisor-\(t)"])
        }
    }
}
