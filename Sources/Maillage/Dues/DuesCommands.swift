import Vapor

/// `maillage dues …`: the calls of a year, the direct-debit file, a bank statement, the exports.
/// Each subcommand lives with its capability's code; helpers add their line here.
struct DuesCommands: AsyncCommandGroup {
    var help: String { "Cotisations : appels, prélèvements SEPA, relevés bancaires, exports comptables." }
    var commands: [String: any AnyAsyncCommand] {
        var all: [String: any AnyAsyncCommand] = [:]
        all["call"] = DuesCallCommand()
        all["sepa"] = DuesSEPACommand()
        all["import-statement"] = DuesStatementCommand()
        all["export"] = DuesExportCommand()
        return all
    }
}
