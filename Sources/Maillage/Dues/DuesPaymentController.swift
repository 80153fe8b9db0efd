import Fluent
import Foundation
import MaillageCore
import Vapor

/// A payment recorded by hand on a call's page, and the return of a direct debit (after a
/// confirmation page). A bad form re-renders the call page with the messages (422).
enum DuesPaymentController {
    static func recordPayment(_ req: Request) async throws -> Response {
        let call = try await loadCall(req)
        let actor = try req.requireUser()
        let values = try formValues(req, keys: ["paid_on", "amount", "method", "reference"])
        let today = Day.today(now: req.services.clock.now)
        switch DuesPaymentService.Form.parse(values, today: today) {
        case .failure(let refusal):
            let errors = refusal.errors
            return try await DuesCallController.renderCall(req, call: call, payment: PaymentFormState(values: values, errors: errors),
                                                           status: .unprocessableEntity)
        case .success(let form):
            do {
                try await DuesPaymentService.record(call: call, paidOn: form.paidOn, amount: form.amount, method: form.method,
                                                    reference: form.reference, bankRef: nil, debitRunID: nil, by: actor, on: req.db)
            } catch let refusal as DuesPaymentService.Refusal {
                guard case .invalid(let field, let message) = refusal else { throw Abort(.conflict, reason: refusal.message) }
                var errors = FieldErrors()
                errors.add(field, message)
                return try await DuesCallController.renderCall(req, call: call, payment: PaymentFormState(values: values, errors: errors),
                                                               status: .unprocessableEntity)
            }
            req.flash("\(form.method.label) de \(form.amount.french) enregistré sur l'appel \(call.number).")
            return req.redirect(to: DuesURL.call(try call.requireID()).path)
        }
    }

    /// The page that asks to confirm a returned direct debit (`confirm=1` records it).
    struct ReturnConfirmPage: Encodable, Sendable {
        struct Hidden: Encodable, Sendable { let name: String; let value: String }
        let heading: String
        let lines: [String]
        let action: String
        let hidden: [Hidden]
        let confirmLabel: String
        let cancel: String
        let breadcrumb: String
    }

    static func returnDebit(_ req: Request) async throws -> Response {
        let call = try await loadCall(req)
        let actor = try req.requireUser()
        let callID = try call.requireID()
        guard let paymentID = req.parameters.get("paymentID", as: UUID.self),
              let payment = try await DuesPayment.find(paymentID, on: req.db), payment.$call.id == callID else {
            throw Abort(.notFound)
        }
        guard payment.paymentMethod == .directDebit, payment.amountCents > 0 else {
            throw Abort(.conflict, reason: "Seul un prélèvement peut être rejeté.")
        }
        guard try await !DuesPaymentService.returnedIDs(callID: callID, on: req.db).contains(paymentID) else {
            throw Abort(.conflict, reason: "Ce prélèvement a déjà été rejeté.")
        }
        let values = try formValues(req, keys: ["confirm"])
        guard values["confirm"] == "1" else {
            let page = ReturnConfirmPage(
                heading: "Enregistrer le rejet du prélèvement ?",
                lines: ["Appel \(call.number) — \(call.structureName)",
                        "Prélèvement du \(FrenchFormat.date(payment.paidOn)) : \(payment.amount.french)",
                        "Le rejet enregistre un paiement négatif de \((-payment.amount).french) : le reste dû de l'appel augmente d'autant, et la répartition est annulée à l'identique."],
                action: DuesURL.returnDebit(callID, paymentID).path, hidden: [.init(name: "confirm", value: "1")],
                confirmLabel: "Enregistrer le rejet", cancel: DuesURL.call(callID).path, breadcrumb: "Appel \(call.number)")
            return try await req.renderPage("dues/return-confirm", title: "Rejet de prélèvement", page)
        }
        do {
            try await DuesPaymentService.returnDebit(call: call, paymentID: paymentID, on: Day.today(now: req.services.clock.now),
                                                     by: actor, on: req.db)
        } catch let refusal as DuesPaymentService.Refusal {
            throw Abort(.conflict, reason: refusal.message)
        }
        req.flash("Rejet du prélèvement de \(payment.amount.french) enregistré sur l'appel \(call.number).")
        return req.redirect(to: DuesURL.call(callID).path)
    }

    /// The call of the path, after `req.authorize` on its structure.
    static func loadCall(_ req: Request) async throws -> DuesCall {
        guard let id = req.parameters.get("callID", as: UUID.self), let call = try await DuesCall.find(id, on: req.db),
              let structure = try await Structure.find(call.$structure.id, on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(structure)
        return call
    }

    /// The posted text fields named `keys` (absent ones left out), bounded to 2 000 characters.
    static func formValues(_ req: Request, keys: [String]) throws -> [String: String] {
        let raw = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for k in keys { if let v = raw[k] { values[k] = String(v.prefix(2000)) } }
        return values
    }
}
