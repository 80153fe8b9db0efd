import Fluent
import Foundation
import MaillageCore
import Vapor

/// `maillage observatory open|import|export|publish`: campaign work from scripts.
struct ObservatoryCommands: AsyncCommandGroup {
    var help: String { "Observatoire : ouvrir une campagne, importer des réponses, exporter les chiffres." }
    var commands: [String: any AnyAsyncCommand] {
        ["open": OpenCampaignCommand(), "import": ImportAnswersCommand(), "export": ExportFiguresCommand(),
         "publish": PublishFiguresCommand()]
    }
}

/// `maillage observatory open --year YEAR [--opens-on JJ/MM/AAAA] [--closes-on …] [--k K]`
struct OpenCampaignCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "Année des données (ex. 2024)") var year: Int?
        @Option(name: "opens-on", help: "Ouverture des réponses (jj/mm/aaaa ; défaut : aujourd'hui)") var opensOn: String?
        @Option(name: "closes-on", help: "Clôture des réponses (défaut : dans deux mois)") var closesOn: String?
        @Option(name: "k", help: "Secret statistique : structures minimum par chiffre (défaut 5)") var k: Int?
    }
    var help: String { "Ouvre une campagne de l'Observatoire." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var form = CampaignForm.defaults()
        guard let year = signature.year else { context.console.error("Indiquez l'année des données : --year 2024"); throw ExitError(code: 1) }
        form.year = String(year)
        if let o = signature.opensOn { form.opens_on = o }
        if let c = signature.closesOn { form.closes_on = c }
        if let k = signature.k { form.k = String(k) }
        let (clean, errors) = form.validate(checkYear: true)
        guard let clean else {
            for e in errors.summary { context.console.error("\(e.field) : \(e.message)") }
            throw ExitError(code: 1)
        }
        do {
            let c = try await CampaignService.open(clean, actor: nil, on: app.db)
            context.console.print("Campagne \(c.year) ouverte du \(FrenchFormat.date(c.opensOn)) au \(FrenchFormat.date(c.closesOn)) (k = \(c.k)).")
        } catch CampaignService.Failure.exists(let y) {
            context.console.error("Une campagne existe déjà pour les données \(y).")
            throw ExitError(code: 1)
        }
    }
}

/// `maillage observatory import --campaign YEAR FILE [--apply] [--validate] [--confirm-sensitive] [--creations-only]`:
/// preview by default, with each line's changes; an answer already transmitted or validated is
/// overwritten only with --confirm-sensitive, as the web preview asks to tick it.
struct ImportAnswersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "campaign", help: "Année des données de la campagne") var campaign: Int?
        @Argument(name: "file", help: "Fichier de réponses (CSV ou XLSX)") var file: String
        @Flag(name: "apply", help: "Appliquer l'import (sinon : aperçu seulement)") var apply: Bool
        @Flag(name: "validate", help: "Marquer les réponses importées comme validées") var validate: Bool
        @Flag(name: "confirm-sensitive", help: "Écraser aussi les réponses déjà transmises ou validées") var confirmSensitive: Bool
        @Flag(name: "creations-only", help: "N'importer que les réponses nouvelles") var creationsOnly: Bool
    }
    var help: String { "Importe des réponses à l'Observatoire (format du fichier de réponses)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let campaign = try await ObservatoryCLI.campaign(signature.campaign, context)
        // Not even a preview: nothing of the file could be applied (issue #9).
        try ObservatoryCLI.requireOpen(campaign, context)
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("Fichier introuvable : \(signature.file)"); throw ExitError(code: 1)
        }
        let parsed = AnswerImport.parse(data, filename: signature.file, campaign: campaign)
        let importer = AnswerImporter(campaign: campaign, validate: signature.validate, actor: nil)
        let report = try await importer.preview(parsed, on: app.db)
        let errorCount = report.lineErrors.count + (report.fileErrors.isEmpty ? 0 : 1)
        context.console.print(FrenchFormat.plural(report.lines, "ligne", "lignes") + " : " + report.summary(.answer) + ", "
                              + FrenchFormat.integer(errorCount) + " en erreur, "
                              + FrenchFormat.plural(report.warnings, "avertissement", "avertissements") + " heures / ETP.")
        if !report.fileErrors.isEmpty { context.console.error("Fichier : " + report.fileErrors.joined(separator: " ")) }
        for e in report.lineErrors { context.console.error("Ligne \(e.line) : " + e.messages.joined(separator: " ")) }
        for line in report.planned.sorted(by: { $0.line < $1.line }) where !line.fields.isEmpty {
            context.console.print("Ligne \(line.line)" + (line.needsConfirmation ? " : réponse déjà transmise, écrasée seulement avec --confirm-sensitive" : ""))
            for f in line.fields {
                context.console.print("  \(f.label) : \(f.old ?? "—") → \(f.new ?? "—")")
            }
        }
        guard signature.apply else {
            context.console.print(report.hasErrors ? "Aperçu : corrigez ces lignes avant d'appliquer." : "Aperçu : relancez avec --apply pour importer"
                                  + (report.sensitive > 0 ? " (et --confirm-sensitive pour écraser les réponses transmises)." : "."))
            if report.hasErrors { throw ExitError(code: 1) }
            return
        }
        let selection = ImportSelection(creationsOnly: signature.creationsOnly,
                                        confirmed: signature.confirmSensitive ? .all : .lines([]))
        do {
            let r = try await importer.apply(parsed, on: app.db, selecting: selection)
            context.console.print(r.appliedMessage(.answer))
        } catch is ImportRefused<AnswerImporter.Line> {
            context.console.error("Import refusé : le fichier contient des erreurs, rien n'a été enregistré.")
            throw ExitError(code: 1)
        } catch AnswerService.Refusal.campaignClosed {
            // Closed by an admin between the check above and the apply.
            context.console.error(ObservatoryCLI.closedMessage(campaign) + " Rien n'a été enregistré.")
            throw ExitError(code: 1)
        }
    }
}

/// `maillage observatory export --campaign YEAR [--scope national|CODE] [--format json|csv|xlsx] [--output FILE]`:
/// the figures as SPEC §8's JSON document, or the answers file.
struct ExportFiguresCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "campaign", help: "Année des données de la campagne") var campaign: Int?
        @Option(name: "scope", help: "national (défaut) ou le code d'une délégation (PDL…)") var scope: String?
        @Option(name: "format", help: "json (chiffres, défaut), csv ou xlsx (réponses)") var format: String?
        @Option(name: "output", help: "Fichier de sortie (défaut : sortie standard)") var output: String?
    }
    var help: String { "Exporte les chiffres d'une campagne (JSON) ou ses réponses (CSV, XLSX)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let campaign = try await ObservatoryCLI.campaign(signature.campaign, context)
        let data: Data
        switch signature.format ?? "json" {
        case "json":
            let scope = signature.scope ?? "national"
            let cube = try await ObservatoryData.cube(campaign, on: app.db, cache: app.services.figures)
            guard scope == "national" || cube.delegations.contains(scope)
                    || DelegationMaps.all.contains(where: { $0.code == scope }) else {
                context.console.error("Périmètre inconnu : \(scope) (national ou un code de délégation)."); throw ExitError(code: 1)
            }
            data = FiguresDocument.make(campaign: campaign, scope: scope, cube: cube, generatedAt: Date()).json()
        case "csv":
            data = AnswerFile.csv(campaign: campaign.year, answers: try await AnswerImportController.exportAnswers(campaign, on: app.db),
                                  codes: IndicatorCatalogue.all.map(\.code))
        case "xlsx":
            data = AnswerFile.xlsx(campaign: campaign.year, answers: try await AnswerImportController.exportAnswers(campaign, on: app.db),
                                   codes: IndicatorCatalogue.all.map(\.code))
        default:
            context.console.error("Format inconnu : json, csv ou xlsx."); throw ExitError(code: 1)
        }
        if let path = signature.output {
            try data.write(to: URL(fileURLWithPath: path))
            context.console.print("Écrit : \(path)")
        } else {
            FileHandle.standardOutput.write(data)
            if signature.format ?? "json" == "json" { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
    }
}

/// `maillage observatory publish --campaign YEAR`: freezes the current figures as the next release.
struct PublishFiguresCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "campaign", help: "Année des données de la campagne") var campaign: Int?
    }
    var help: String { "Publie les chiffres actuels d'une campagne (publication figée, visible des adhérents)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let campaign = try await ObservatoryCLI.campaign(signature.campaign, context)
        let release = try await ReleaseService.publish(campaign, by: nil, on: app.db)
        context.console.print("Publication n° \(release.number) des chiffres \(campaign.year) : \(release.answers) réponses.")
    }
}

enum ObservatoryCLI {
    /// Commands that change answers refuse a closed campaign: it is read-only until reopened.
    static func requireOpen(_ campaign: Campaign, _ context: CommandContext) throws {
        guard !campaign.acceptsAnswers else { return }
        context.console.error(closedMessage(campaign))
        throw ExitError(code: 1)
    }

    static func closedMessage(_ campaign: Campaign) -> String {
        "La campagne \(campaign.year) est clôturée : ses réponses ne peuvent plus être modifiées. "
            + "Un administrateur national peut la rouvrir depuis \(SiteURL.reopenCampaign(campaign.year).path)."
    }

    static func campaign(_ year: Int?, _ context: CommandContext) async throws -> Campaign {
        guard let year else { context.console.error("Indiquez la campagne : --campaign 2024"); throw ExitError(code: 1) }
        guard let c = try await Campaign.find(year: year, on: context.application.db) else {
            context.console.error("Aucune campagne pour les données \(year) (maillage observatory open --year \(year))."); throw ExitError(code: 1)
        }
        return c
    }
}
