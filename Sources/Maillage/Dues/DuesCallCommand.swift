import Foundation
import MaillageCore
import Vapor

/// `maillage dues call --year Y [--date JJ/MM/AAAA|YYYY-MM-DD] [--apply]`: the preview of a
/// year's calls (counts, total, first lines, members without base), and with `--apply` the
/// generation itself (one transaction, as the page does; audited as the system).
struct DuesCallCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "Année de cotisation (ex. 2026)") var year: Int?
        @Option(name: "date", help: "Date d'émission, JJ/MM/AAAA ou AAAA-MM-JJ (défaut : aujourd'hui)") var date: String?
        @Flag(name: "apply", help: "Émet les appels (sans cette option : aperçu seulement)") var apply: Bool
    }
    var help: String { "Aperçu puis émission des appels de cotisation d'une année." }

    static let previewLines = 20

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let year = signature.year, DuesCallService.years.contains(year) else {
            context.console.error("Indiquez l'année de cotisation, entre 2000 et 2100 : --year 2026"); throw ExitError(code: 1)
        }
        var day = Day.today(now: app.services.clock.now)
        if let typed = signature.date {
            var errors = FieldErrors()
            guard let parsed = DuesGenerationController.parseDate(typed, errors: &errors) else {
                context.console.error("Date d'émission non valable : « \(typed) » (JJ/MM/AAAA ou AAAA-MM-JJ, entre 2000 et 2100).")
                throw ExitError(code: 1)
            }
            day = parsed
        }
        do {
            if signature.apply {
                let started = ContinuousClock.now
                let result = try await DuesCallService.generate(year: year, issuedOn: day, by: nil, on: app.db)
                let elapsed = ContinuousClock.now - started
                context.console.print(result.message)
                if result.count > 0 { context.console.print("Total appelé : \(FrenchFormat.euros(cents: result.total.cents))") }
                if result.skipped > 0 { context.console.print("Déjà appelés (inchangés) : \(FrenchFormat.integer(result.skipped))") }
                context.console.print("Durée : \(elapsed.components.seconds) s \(elapsed.components.attoseconds / 1_000_000_000_000_000) ms")
            } else {
                let p = try await DuesCallService.preview(year: year, issuedOn: day, on: app.db)
                context.console.print("Aperçu des appels \(year) au \(day.french) (barème version \(p.grid.version), échéance \(p.dueOn.french))")
                context.console.print("Appels à émettre : \(FrenchFormat.integer(p.candidates.count))")
                context.console.print("Total : \(FrenchFormat.euros(cents: p.total.cents))")
                context.console.print("Déjà appelés : \(FrenchFormat.integer(p.alreadyCalled))")
                context.console.print("Sans assiette : \(FrenchFormat.integer(p.flagged.count))")
                for c in p.candidates.prefix(Self.previewLines) {
                    context.console.print("  \(c.structure.name) (\(c.structure.siret)) : \(FrenchFormat.euros(cents: c.amount.total.cents)) — \(c.amount.explanationText)")
                }
                if p.candidates.count > Self.previewLines {
                    context.console.print("  … et \(FrenchFormat.integer(p.candidates.count - Self.previewLines)) autres")
                }
                context.console.print("Rien n'a été émis : relancez avec --apply pour émettre ces appels.")
            }
        } catch let failure as DuesCallService.Failure {
            context.console.error(failure.message)
            throw ExitError(code: 1)
        }
    }
}
