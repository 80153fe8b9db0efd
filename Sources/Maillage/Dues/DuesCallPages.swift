import Foundation
import MaillageCore
import Vapor

/// What PAYMENTS re-renders the call page with after a refused payment form: the values posted
/// and the messages by field (`paid_on`, `amount`, `method`, `reference`).
struct PaymentFormState: Sendable {
    var values: [String: String]
    var errors: FieldErrors
}

/// A call as its reader sees it: identity, explanation, totals, credit notes, payments, how to
/// pay; for a national admin the payment form and the credit-note link.
struct DuesCallPage: Encodable, Sendable {
    struct CreditNoteRow: Encodable, Sendable {
        let number: String
        let issuedOn: String
        let amount: String
        let reason: String
    }
    struct PaymentRow: Encodable, Sendable {
        let paidOn: String
        let method: String
        let reference: String
        let amount: String
        /// « Délégation 40,00 € · Offre nationale 50,00 € · Fonds 10,00 € ».
        let split: String
        /// A « Rejet… » form for a direct debit not yet returned (national admins).
        let returnAction: String?
        let returnLabel: String
    }
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct PaymentForm: Encodable, Sendable {
        let action: String
        let values: [String: String]
        let errors: FieldErrors
        let methods: [Option]
    }
    struct HowToPay: Encodable, Sendable {
        let beneficiary: String
        let iban: String
        let bic: String
        /// The call number, as the transfer's reference.
        let reference: String
        /// « Prélèvement SEPA le 14/02/2026 (mandat RUM-…) » when the member has an active mandate.
        let directDebit: String?
    }

    let heading: String
    let number: String
    let year: Int
    let status: String
    let statusKey: String
    let structureName: String
    let structureHref: String?
    let siret: String
    let types: String
    let delegation: String?
    let gridVersion: String
    let issuedOn: String
    let dueOn: String
    let explanation: [String]
    let total: String
    let credited: String
    let paid: String
    /// « Reste dû : 12,00 € », « Trop-perçu : 12,00 € » or « Soldé ».
    let outstanding: String
    let overpaid: Bool
    let creditNotes: [CreditNoteRow]
    let payments: [PaymentRow]
    let hasCreditNotes: Bool
    let hasPayments: Bool
    let howToPay: HowToPay
    let printHref: String
    let pdfHref: String?
    let pdfUnavailable: String?
    let creditNoteHref: String?
    let callsHref: String?
    let paymentForm: PaymentForm?
}

/// The standalone A4 page (`/impression`) and the PDF's source: the federation's identity, the
/// member's, the lines, the total, the due date and how to pay.
struct DuesCallPrintDocument: Encodable, Sendable {
    struct Federation: Encodable, Sendable {
        let name: String
        let address: String
        let siret: String
        let iban: String
        let bic: String
        let creditorID: String
    }
    struct Member: Encodable, Sendable {
        let name: String
        let siret: String
        let address: [String]
        let types: String
    }
    let title: String
    let stylesheets: [String]
    let federation: Federation
    let member: Member
    let number: String
    let year: Int
    let issuedOn: String
    let dueOn: String
    let explanation: [String]
    let total: String
    let credited: String?
    let outstanding: String
    let howToPay: DuesCallPage.HowToPay
    let backHref: String?
}

/// `/cotisations/:year/appels`: the calls in the person's perimeter.
struct DuesCallsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let number: String
        let href: String
        let structure: String
        let delegation: String
        let total: String
        let outstanding: String
        let status: String
        let statusKey: String
        let noBase: Bool
    }
    let year: Int
    let heading: String
    let summary: String
    let list: ListView
    let rows: [Row]
    let action: String
    let q: String
    let statuses: [DuesCallPage.Option]
    let delegations: [DuesCallPage.Option]
    let delegationFilter: Bool
    let noBase: Bool
    let generateHref: String?
    let homeHref: String?
}

/// `/cotisations/:year/generer`: the preview of a generation and its confirmation.
struct DuesGeneratePage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let structure: String
        let types: String
        let delegation: String
        let total: String
        let explanation: String
        let noBase: Bool
    }
    let year: Int
    let heading: String
    let date: String
    let errors: FieldErrors
    let previewAction: String
    let submitAction: String
    /// No grid for the year: the message and the link to create it.
    let noGrid: String?
    let newGridHref: String?
    let gridVersion: String?
    let count: Int
    let summary: String
    let alreadyCalled: String?
    let total: String
    let dueOn: String
    let lines: [Line]
    let more: String?
    let flagged: [Line]
    let hasFlagged: Bool
    /// « Aucun adhérent sans assiette. » or « 3 adhérents sans assiette : … ».
    let flaggedSummary: String
    let callsHref: String?
}

/// `/cotisations/appels/:callID/avoir`: the credit-note form, then its confirmation.
struct DuesCreditNotePage: Encodable, Sendable {
    let heading: String
    let number: String
    let structureName: String
    let total: String
    let credited: String
    let remaining: String
    let remainingPlain: String
    let action: String
    let cancelHref: String
    let form: [String: String]
    let errors: FieldErrors
    /// Set once the form is valid: the sentence to confirm (« Émettre un avoir de … »).
    let confirm: String?
    let closed: String?
}

extension DuesCallPage {
    static func statusOptions(selected: String?) -> [Option] {
        DuesCallStatus.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func methodOptions(selected: String?) -> [Option] {
        [DuesPayment.Method.transfer, .directDebit, .cheque].map {
            Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
        }
    }

    /// « Reste dû : 12,00 € » / « Trop-perçu : 12,00 € » / « Soldé ».
    static func outstandingLabel(_ call: DuesCall) -> String { outstandingLabel(call.outstanding) }

    static func outstandingLabel(_ outstanding: Money) -> String {
        let o = outstanding.cents
        if o > 0 { return "Reste dû : " + FrenchFormat.euros(cents: o) }
        if o < 0 { return "Trop-perçu : " + FrenchFormat.euros(cents: -o) }
        return "Soldé"
    }

    static func typesLabel(_ types: [StructureType]) -> String {
        types.map(\.duesCode).joined(separator: ", ")
    }
}
