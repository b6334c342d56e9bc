import ArgumentParser
import ComplianceAudit

@main
struct ComplianceAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance-audit",
        abstract: "Audits a municipality's contracts and subsidies against the conditions for preventing child abuse.",
        discussion: """
            Reads the register of agreements and the pseudonymised meldingen exports (XML, see \
            docs/FORMATS.md), and checks them. Start with `compliance-audit audit`, which audits the samples.
            """,
        version: ToolVersion.current,
        subcommands: [AuditCommand.self, CheckCommand.self, BriefCommand.self, HistoryCommand.self, DiffCommand.self, GesprekCommand.self,
                      ValidateCommand.self, RegisterCommand.self, RulesCommand.self, GenerateCommand.self]
    )
}
