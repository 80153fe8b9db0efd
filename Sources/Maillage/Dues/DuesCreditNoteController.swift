import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/cotisations/appels/:callID/avoir`: a credit note reducing or cancelling a call (national
/// admins), after a confirmation page: a credit note cannot be undone.
enum DuesCreditNoteController {
    static func show(_ req: Request) async throws -> Response {
        let call = try await DuesCallController.loadCall(req)
        let remaining = call.totalCents - call.creditedCents
        return try await render(req, call: call, form: ["amount": plain(remaining), "reason": ""], errors: FieldErrors(), confirm: nil)
    }

    static func submit(_ req: Request) async throws -> Response {
        let call = try await DuesCallController.loadCall(req)
        let form = DuesGenerationController.formValues(req)
        let values = ["amount": String((form["amount"] ?? "").prefix(40)), "reason": String((form["reason"] ?? "").prefix(2100))]
        var errors = FieldErrors()
        let amount = parseAmount(values["amount"] ?? "", errors: &errors)
        let reason = (values["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { errors.add("reason", "Indiquez le motif de l'avoir.") }
        else if reason.count > DuesCallService.maxReason { errors.add("reason", "Le motif ne peut pas dépasser 2 000 caractères.") }
        let remaining = call.totalCents - call.creditedCents
        if let amount, amount.cents > remaining {
            errors.add("amount", "L'avoir ne peut pas dépasser le montant restant de l'appel (\(FrenchFormat.euros(cents: max(0, remaining)))).")
        }
        guard errors.isEmpty, let amount else {
            return try await render(req, call: call, form: values, errors: errors, confirm: nil, status: .unprocessableEntity)
        }
        guard form["confirm"] == "1" else {
            let sentence = amount.cents == remaining
                ? "Émettre un avoir de \(FrenchFormat.euros(cents: amount.cents)) qui annule l'appel \(call.number) ?"
                : "Émettre un avoir de \(FrenchFormat.euros(cents: amount.cents)) sur l'appel \(call.number) ?"
            return try await render(req, call: call, form: values, errors: errors, confirm: sentence)
        }
        let structure = call.structure
        do {
            let note = try await DuesCallService.issueCreditNote(
                call: try call.requireID(), amount: amount, reason: reason, issuedOn: Day.today(now: req.services.clock.now),
                by: try req.requireUser(), parties: try await req.parties(to: structure), on: req.db)
            req.flash("Avoir \(note.number) de \(FrenchFormat.euros(cents: note.amountCents)) émis sur l'appel \(call.number).")
            return req.redirect(to: DuesURL.call(try call.requireID()).path)
        } catch let refusal as DuesCallService.CreditNoteRefusal {
            return try await render(req, call: call, form: values, errors: refusal.errors, confirm: nil, status: .unprocessableEntity)
        } catch is WorkflowRefusal<DuesCallStatus> {
            throw Abort(.conflict, reason: "Cet appel est annulé : aucun avoir n'est possible.")
        }
    }

    static func render(_ req: Request, call: DuesCall, form: [String: String], errors: FieldErrors, confirm: String?,
                       status: HTTPStatus = .ok) async throws -> Response {
        let id = try call.requireID()
        let remaining = call.totalCents - call.creditedCents
        let page = DuesCreditNotePage(
            heading: "Émettre un avoir sur l'appel \(call.number)", number: call.number, structureName: call.structureName,
            total: FrenchFormat.euros(cents: call.totalCents), credited: FrenchFormat.euros(cents: call.creditedCents),
            remaining: FrenchFormat.euros(cents: max(0, remaining)), remainingPlain: plain(max(0, remaining)),
            action: DuesURL.submitCreditNote(id).path, cancelHref: DuesURL.call(id).path, form: form, errors: errors, confirm: confirm,
            closed: call.status == DuesCallStatus.cancelled.rawValue ? "Cet appel est annulé : aucun avoir n'est possible." : nil)
        return try await req.renderPage("dues/credit-note", title: page.heading, page, status: status)
    }

    /// « 1234,56 » for a form field.
    static func plain(_ cents: Int64) -> String {
        let m = cents.magnitude
        return (cents < 0 ? "-" : "") + "\(m / 100)," + (m % 100 < 10 ? "0" : "") + "\(m % 100)"
    }

    static let maxCents: Int64 = 9_999_999_999

    /// A typed amount in euros: « 1 234,56 », « 1234.5 », « 12 € »; more than 0 and at most
    /// 99 999 999,99 €, two decimals at most.
    static func parseAmount(_ typed: String, errors: inout FieldErrors) -> Money? {
        var t = typed.replacingOccurrences(of: "€", with: "")
        for space in [" ", "\u{00A0}", "\u{202F}"] { t = t.replacingOccurrences(of: space, with: "") }
        t = t.replacingOccurrences(of: ",", with: ".")
        if t.isEmpty { errors.add("amount", "Indiquez le montant de l'avoir."); return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 8, whole.allSatisfy(\.isASCII),
              let units = Int64(whole), units >= 0,
              parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            errors.add("amount", "Montant non valable : écrivez-le en euros, par exemple 120,50.")
            return nil
        }
        var cents = units * 100
        if parts.count == 2 { cents += Int64(parts[1].count == 1 ? String(parts[1]) + "0" : String(parts[1]))! }
        guard cents > 0 else { errors.add("amount", "Saisissez un montant supérieur à 0."); return nil }
        guard cents <= maxCents else { errors.add("amount", "Le montant ne peut pas dépasser 99 999 999,99 €."); return nil }
        return Money(cents: cents)
    }
}
