import Fluent
import Foundation
import MaillageCore
import Vapor

/// The federation's identity on calls and direct debits, and the accountant's settings: one row,
/// created with its defaults the first time it is read.
enum DuesSettings {
    /// The settings row, created with the defaults (756/411/512, journal CO, 30 days) when missing.
    static func load(on db: any Database) async throws -> DuesSettingsRecord {
        if let s = try await DuesSettingsRecord.query(on: db).filter(\.$key == DuesSettingsRecord.key).first() { return s }
        let s = DuesSettingsRecord()
        do {
            try await s.create(on: db)
        } catch {
            // Another request created it at the same time (unique key): read theirs.
            if let other = try await DuesSettingsRecord.query(on: db).filter(\.$key == DuesSettingsRecord.key).first() { return other }
            throw error
        }
        return s
    }

    /// Saves the checked settings with their audit entry, in one transaction.
    static func save(_ c: DuesSettingsForm.Clean, actor: CurrentUser?, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let s = try await load(on: tx)
            let before = s.auditSnapshot
            s.federationName = c.federationName; s.address = c.address; s.siret = c.siret
            s.iban = c.iban; s.bic = c.bic; s.creditorID = c.creditorID
            s.accountDues = c.accountDues; s.accountMembers = c.accountMembers; s.accountBank = c.accountBank
            s.journalCode = c.journalCode; s.paymentDays = c.paymentDays
            try await s.save(on: tx)
            try await Audit.record(.update, s, summary: "Paramètres des cotisations", before: before, actor: actor, on: tx)
        }
    }
}

extension DuesSettingsRecord: Auditable {
    static var auditEntity: String { "parametres_cotisation" }
    var auditSnapshot: [String: String] {
        [
            "nom": federationName, "adresse": address, "siret": siret, "iban": iban, "bic": bic, "ics": creditorID,
            "compte_cotisations": accountDues, "compte_adherents": accountMembers, "compte_banque": accountBank,
            "journal": journalCode, "delai_paiement": String(paymentDays),
        ]
    }
}

/// The settings form: every problem at once, next to its field.
struct DuesSettingsForm: Codable, Sendable {
    var federation_name: String?
    var address: String?
    var siret: String?
    var iban: String?
    var bic: String?
    var creditor_id: String?
    var account_dues: String?
    var account_members: String?
    var account_bank: String?
    var journal_code: String?
    var payment_days: String?

    struct Clean: Sendable {
        var federationName, address, siret, iban, bic, creditorID: String
        var accountDues, accountMembers, accountBank, journalCode: String
        var paymentDays: Int
    }

    init(_ s: DuesSettingsRecord) {
        federation_name = s.federationName; address = s.address; siret = s.siret
        iban = IBAN(s.iban)?.printed ?? s.iban; bic = s.bic; creditor_id = s.creditorID
        account_dues = s.accountDues; account_members = s.accountMembers; account_bank = s.accountBank
        journal_code = s.journalCode; payment_days = String(s.paymentDays)
    }

    private static func t(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    func validate() -> (Clean?, FieldErrors) {
        var errors = FieldErrors()
        let name = Self.t(federation_name)
        if name.isEmpty || name.count > 200 { errors.add("federation_name", "Indiquez le nom de la fédération (200 caractères au plus).") }
        let address = Self.t(self.address)
        if address.isEmpty || address.count > 2000 { errors.add("address", "Indiquez l'adresse postale (2 000 caractères au plus).") }
        let siret = SIRET(Self.t(self.siret))
        if siret == nil { errors.add("siret", SIRET.problem(Self.t(self.siret)) ?? "SIRET invalide.") }
        let iban = IBAN(Self.t(self.iban))
        if iban == nil {
            errors.add("iban", "IBAN invalide : vérifiez le pays, la longueur et la clé (par exemple FR76 3000 6000 0112 3456 7890 189).")
        }
        let bic = BIC(Self.t(self.bic))
        if bic == nil { errors.add("bic", "BIC invalide : 8 ou 11 caractères (par exemple AGRIFRPPXXX).") }
        let ics = CreditorIdentifier(Self.t(creditor_id))
        if ics == nil { errors.add("creditor_id", "Identifiant créancier SEPA (ICS) invalide : vérifiez sa clé (par exemple FR72ZZZ123456).") }
        let accounts = [("account_dues", account_dues), ("account_members", account_members), ("account_bank", account_bank)].map { field, value in
            let v = Self.t(value)
            if !(3...10).contains(v.count) || !v.allSatisfy(\.isASCIIDigit) {
                errors.add(field, "Un numéro de compte de 3 à 10 chiffres (par exemple 756).")
            }
            return v
        }
        let journal = Self.t(journal_code).uppercased()
        if !(2...6).contains(journal.count) || !journal.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.add("journal_code", "Un code journal de 2 à 6 lettres ou chiffres (par exemple CO).")
        }
        let days = Int(Self.t(payment_days))
        if days.map({ !(1...120).contains($0) }) ?? true {
            errors.add("payment_days", "Délai de paiement : un nombre de jours de 1 à 120 (par exemple 30).")
        }
        guard errors.isEmpty, let siret, let iban, let bic, let ics, let days else { return (nil, errors) }
        return (Clean(federationName: name, address: address, siret: siret.description, iban: iban.electronic, bic: bic.code,
                      creditorID: ics.value, accountDues: accounts[0], accountMembers: accounts[1], accountBank: accounts[2],
                      journalCode: journal, paymentDays: days), errors)
    }
}

/// The settings page (national admins).
struct DuesSettingsPage: Encodable, Sendable {
    let form: DuesSettingsForm
    let errors: FieldErrors
    let action: String
    let gridsHref: String?
    let updatedAt: String?
}

enum DuesSettingsController {
    static func show(_ req: Request) async throws -> Response {
        let s = try await DuesSettings.load(on: req.db)
        return try await render(req, DuesSettingsForm(s), FieldErrors(), updatedAt: s.updatedAt)
    }

    static func save(_ req: Request) async throws -> Response {
        let form = try req.form(DuesSettingsForm.self)
        let (clean, errors) = form.validate()
        guard let clean else { return try await render(req, form, errors, updatedAt: nil, status: .unprocessableEntity) }
        try await DuesSettings.save(clean, actor: try req.requireUser(), on: req.db)
        req.flash("Paramètres des cotisations enregistrés.")
        return req.redirect(to: SiteURL.dues(.settings).path)
    }

    static func render(_ req: Request, _ form: DuesSettingsForm, _ errors: FieldErrors, updatedAt: Date?,
                       status: HTTPStatus = .ok) async throws -> Response {
        let page = DuesSettingsPage(form: form, errors: errors, action: SiteURL.dues(.saveSettings).path,
                                    gridsHref: req.link(to: .dues(.grids)),
                                    updatedAt: updatedAt.map { "Modifiés le \(FrenchFormat.dateTime($0))" })
        return try await req.renderPage("dues/settings", title: "Paramètres des cotisations", page, status: status)
    }
}
