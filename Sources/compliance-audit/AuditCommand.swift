import ArgumentParser
import ComplianceAudit
import ComplianceRules
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The yearly audit: every agreement against every rule, the meldingen check and the indicators.",
        discussion: """
            Without arguments it audits the samples (samples/register.xml with both 2017 exports and
            samples/waivers.yml) under the default profile.

            Exit status: 0 when the audit ran, 2 on an input error (a file missing, unreadable or
            invalid, a broken rule file).

            Example:
              compliance-audit audit --register register.xml --meldingen veilig-thuis.xml verwijsindex.xml --profile groningen
            """
    )

    @Option(help: ArgumentHelp("The register of agreements.", valueName: "file"))
    var register = "samples/register.xml"

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Meldingen exports, one per source (Veilig Thuis, Verwijsindex); a source without an export is reported as geen gegevens.",
        valueName: "file"))
    var meldingen: [String] = ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"]

    @OptionGroup var rules: RuleOptions

    func run() throws {
        var loader = rules.loader
        if rules.waivers == nil, register == "samples/register.xml", FileManager.default.fileExists(atPath: "samples/waivers.yml") {
            loader.waiversFile = "samples/waivers.yml"
        }
        do {
            let result = try Audit.run(AuditRequest(registerFile: register, meldingenFiles: meldingen, rules: loader))
            print(TextReport.render(result), terminator: "")
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }
}
