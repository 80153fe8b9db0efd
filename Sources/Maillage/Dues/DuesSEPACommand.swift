import Foundation
import MaillageCore
import Vapor

/// `maillage dues sepa --due-date D --output F`: the direct-debit run of collection day D (every
/// call still owed whose member has an active mandate), recorded as the page does, its pain.008
/// file written to F (and kept in the file store).
struct DuesSEPACommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "due-date", help: "Date de prélèvement (jj/mm/aaaa ou aaaa-mm-jj), au moins J+2 jours ouvrés") var dueDate: String?
        @Option(name: "output", help: "Fichier pain.008 à écrire") var output: String?
    }
    var help: String { "Crée le fichier de prélèvements SEPA (pain.008.001.02) d'une date de prélèvement et enregistre les paiements." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let text = signature.dueDate, let day = Day(typed: text) else {
            context.console.error("Indiquez la date de prélèvement : --due-date 05/03/2026"); throw ExitError(code: 1)
        }
        guard let output = signature.output, !output.isEmpty else {
            context.console.error("Indiquez le fichier à écrire : --output prelevements.xml"); throw ExitError(code: 1)
        }
        let now = app.services.clock.now
        let today = Day.today(now: now)
        if let warning = DuesDirectDebitService.check(day, today: today).warning { context.console.warning(warning) }
        do {
            let (run, document) = try await DuesDirectDebitService.createRun(collection: day, today: today, now: now, by: nil,
                                                                              files: app.services.files, on: app.db)
            try Data(document.utf8).write(to: URL(fileURLWithPath: output))
            context.console.print("Fichier \(run.messageID) écrit dans \(output) : "
                                  + FrenchFormat.plural(run.count, "prélèvement", "prélèvements") + ", total "
                                  + Money(cents: run.totalCents).french + ", prélevés le \(day.french).")
        } catch let refusal as DuesDirectDebitService.Refusal {
            context.console.error(refusal.message); throw ExitError(code: 1)
        }
    }
}
