import Fluent
import Foundation
import MaillageCore

/// A member's SEPA direct-debit mandate: its reference (RUM, unique), signature day, debtor
/// name, IBAN (mod-97 checked) and BIC. Saving the same RUM amends the mandate (its sequence
/// goes on: RCUR once used); another RUM revokes the current one and starts a new (FRST).
enum DuesMandateService {
    static let auditEntity = "mandat_sepa"

    struct Form: Sendable, Equatable {
        var reference: String
        var signedOn: Day
        var debtorName: String
        var iban: IBAN
        var bic: BIC?

        /// Reads and bounds the posted mandate; every problem at once, by field.
        static func parse(_ v: [String: String], today: Day) -> Result<Form, FormRefusal> {
            var errors = FieldErrors()
            let reference = v["reference", default: ""].trimmingCharacters(in: .whitespaces)
            if reference.isEmpty {
                errors.add("reference", "Indiquez la référence unique du mandat (RUM).")
            } else if reference.count > 35 || !reference.unicodeScalars.allSatisfy(isRUMCharacter) {
                errors.add("reference", "RUM invalide : 35 caractères au plus, lettres sans accent, chiffres, espace et / - ? : ( ) . , ' +.")
            }
            let dayText = v["signed_on", default: ""].trimmingCharacters(in: .whitespaces)
            let day = Day(typed: dayText)
            if dayText.isEmpty {
                errors.add("signed_on", "Indiquez la date de signature (jj/mm/aaaa).")
            } else if let day, !(2000...2100).contains(day.year) {
                errors.add("signed_on", "Date hors des années 2000 à 2100.")
            } else if let day, today < day {
                errors.add("signed_on", "La date de signature ne peut pas être dans le futur.")
            } else if day == nil {
                errors.add("signed_on", "Date invalide : écrivez-la jj/mm/aaaa (par exemple 01/06/2025).")
            }
            let name = v["debtor_name", default: ""].trimmingCharacters(in: .whitespaces)
            if name.isEmpty { errors.add("debtor_name", "Indiquez le titulaire du compte.") }
            else if name.count > 70 { errors.add("debtor_name", "Le nom du titulaire ne peut dépasser 70 caractères.") }
            let ibanText = v["iban", default: ""].trimmingCharacters(in: .whitespaces)
            let iban = IBAN(ibanText)
            if ibanText.isEmpty { errors.add("iban", "Indiquez l'IBAN du compte à prélever.") }
            else if iban == nil { errors.add("iban", ibanProblem(ibanText)) }
            let bicText = v["bic", default: ""].trimmingCharacters(in: .whitespaces)
            let bic = bicText.isEmpty ? nil : BIC(bicText)
            if !bicText.isEmpty, bic == nil { errors.add("bic", "BIC invalide : 8 ou 11 caractères (par exemple AGRIFRPPXXX).") }
            guard errors.isEmpty, let day, let iban else { return .failure(FormRefusal(errors: errors)) }
            return .success(Form(reference: reference, signedOn: day, debtorName: name, iban: iban, bic: bic))
        }

        /// The SEPA character set of a mandate reference.
        static func isRUMCharacter(_ u: Unicode.Scalar) -> Bool {
            u.isASCII && (CharacterSet.alphanumerics.contains(u) || " /-?:().,'+".unicodeScalars.contains(u))
        }

        /// Why an IBAN is refused: its shape, or its key.
        static func ibanProblem(_ text: String) -> String {
            let compact = text.filter { !$0.isWhitespace }.uppercased()
            let shaped = compact.count >= 15 && compact.count <= 34 && compact.prefix(2).allSatisfy(\.isLetter)
                && compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber) && compact.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            return shaped ? "IBAN invalide : la clé de contrôle ne correspond pas." : "IBAN invalide : il commence par le code pays (FR76…) et compte 27 caractères en France."
        }
    }

    /// The structure's current mandate: the active one, else the latest.
    static func current(structureID: UUID, on db: any Database) async throws -> DuesMandate? {
        let all = try await DuesMandate.query(on: db).filter(\.$structure.$id == structureID).sort(\.$createdAt, .descending).all()
        return all.first { $0.status == "active" } ?? all.first
    }

    /// Saves the mandate of `structure`; `reference` field error when another member holds the RUM.
    @discardableResult
    static func save(_ form: Form, structure: Structure, by actor: CurrentUser?, on db: any Database) async throws -> Result<DuesMandate, FormRefusal> {
        let structureID = try structure.requireID()
        return try await db.writeTransaction { tx in
            if let other = try await DuesMandate.query(on: tx).filter(\.$reference == form.reference).first(),
               other.$structure.id != structureID {
                var errors = FieldErrors()
                errors.add("reference", "Cette RUM est déjà celle du mandat d'un autre adhérent.")
                return .failure(FormRefusal(errors: errors))
            }
            let existing = try await current(structureID: structureID, on: tx)
            let mandate: DuesMandate
            let before = existing.map(snapshot)
            if let existing, existing.reference == form.reference {
                mandate = existing
            } else if let old = try await DuesMandate.query(on: tx).filter(\.$reference == form.reference).first() {
                mandate = old          // an older mandate of this member taken back
            } else {
                mandate = DuesMandate()
                mandate.$structure.id = structureID
                mandate.reference = form.reference
            }
            if let existing, existing.id != mandate.id, existing.status == "active" {
                let was = snapshot(existing)
                existing.status = "revoked"
                try await existing.save(on: tx)
                try await Audit.record(.update, auditEntity, id: try existing.requireID().uuidString,
                                       summary: "Mandat \(existing.reference) de \(structure.name) remplacé", before: was,
                                       after: snapshot(existing), actor: actor, on: tx)
            }
            let creating = mandate.id == nil
            let was = creating ? nil : (mandate.id == existing?.id ? before : snapshot(mandate))
            mandate.signedOn = form.signedOn.iso
            mandate.debtorName = form.debtorName
            mandate.iban = form.iban.electronic
            mandate.bic = form.bic?.code
            mandate.status = "active"
            try await mandate.save(on: tx)
            try await Audit.record(creating ? .create : .update, auditEntity, id: try mandate.requireID().uuidString,
                                   summary: "Mandat SEPA \(mandate.reference) de \(structure.name)", before: was,
                                   after: snapshot(mandate), actor: actor, on: tx)
            return .success(mandate)
        }
    }

    /// Revokes the structure's active mandate (nothing when there is none).
    static func revoke(structure: Structure, by actor: CurrentUser?, on db: any Database) async throws -> DuesMandate? {
        try await db.writeTransaction { tx in
            guard let m = try await current(structureID: structure.requireID(), on: tx), m.status == "active" else { return nil }
            let before = snapshot(m)
            m.status = "revoked"
            try await m.save(on: tx)
            try await Audit.record(.update, auditEntity, id: try m.requireID().uuidString,
                                   summary: "Mandat SEPA \(m.reference) de \(structure.name) révoqué", before: before,
                                   after: snapshot(m), actor: actor, on: tx)
            return m
        }
    }

    static func snapshot(_ m: DuesMandate) -> [String: String] {
        ["structure": m.$structure.id.uuidString, "rum": m.reference, "signature": m.signedOn, "titulaire": m.debtorName,
         "iban": masked(m.iban), "bic": m.bic ?? "", "statut": m.status]
    }

    /// "•••• 0189": only the last four characters of the IBAN are shown.
    static func masked(_ iban: String) -> String {
        let compact = iban.filter { !$0.isWhitespace }
        guard compact.count > 4 else { return compact }
        return "•••• " + compact.suffix(4)
    }

    static func statusLabel(_ status: String) -> String { status == "active" ? "actif" : "révoqué" }
}
