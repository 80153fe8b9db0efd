import Foundation
import MaillageMail
import Vapor

/// `maillage mail test --to ADDRESS`: one French test message through the configured SMTP
/// server, now (not through the queue): prints that it left, or the server's answer and exits 1.
struct MailCommands: AsyncCommandGroup {
    var help: String { "Courriels : essai d'envoi par le serveur SMTP configuré." }
    var commands: [String: any AnyAsyncCommand] { ["test": MailTestCommand()] }
}

struct MailTestCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "Adresse du destinataire") var to: String?
    }
    var help: String { "Envoie un courriel d'essai (MAILLAGE_SMTP_URL, MAILLAGE_MAIL_FROM)." }

    static let subject = "Essai d'envoi de Maillage : « ça marche » ✓"

    static func body(federation: String, server: String) -> String {
        """
        Bonjour,

        Ce courriel d'essai a été envoyé par Maillage (\(federation)) via le serveur \(server).
        S'il vous parvient, l'envoi des courriels fonctionne : invitations, réinitialisations de mot de passe et relances partiront.

        Accents et symboles : é è à ç ô « guillemets » — 1 234,56 €.
        """
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let config = context.application.config
        guard let to = signature.to, !to.isEmpty else {
            context.console.error("Indiquez le destinataire : maillage mail test --to adresse@exemple.fr")
            throw ExitError(code: 1)
        }
        let settings: MailSettings
        do {
            guard let s = try MailSettings(config) else {
                context.console.error("L'envoi des courriels n'est pas configuré : indiquez MAILLAGE_SMTP_URL (par exemple smtp://utilisateur:motdepasse@relais.exemple.fr:587).")
                throw ExitError(code: 1)
            }
            settings = s
        } catch let e as ExitError { throw e } catch {
            context.console.error("\(error)")
            throw ExitError(code: 1)
        }
        let server = "\(settings.smtp.host):\(settings.smtp.port)"
        do {
            let message = try MailComposer.compose(recipient: to, subject: Self.subject,
                                                   body: Self.body(federation: settings.federationName, server: server),
                                                   messageID: MailComposer.messageID(settings), date: Date(), settings: settings)
            try await SMTPClient(configuration: settings.smtp, eventLoopGroup: context.application.eventLoopGroup).send(message)
            context.console.print("Courriel d'essai envoyé à \(to) par \(server) (Message-ID <\(message.messageID)>).")
        } catch {
            context.console.error("Échec de l'envoi à \(to) par \(server) : \(error)")
            throw ExitError(code: 1)
        }
    }
}
