import ArgumentParser

@main
struct ComplianceAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance-audit",
        abstract: "Audits a municipality's contracts and subsidies against the conditions on child abuse prevention.",
        subcommands: [ValidateCommand.self]
    )
}
