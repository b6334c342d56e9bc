import ArgumentParser
import ComplianceRules
import ContractImport
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Lists, tests and checks the rule files, profiles and waivers.",
        discussion: """
            The conditions live in plain YAML files under rules/ that a policy officer can read and \
            change; profiles set severities and thresholds per municipality; waivers record approved \
            exceptions. See docs/RULES.md for the default rule set.

            Examples:
              compliance-audit rules list --profile rotterdam
              compliance-audit rules test
              compliance-audit rules lint --rules my-rules --register samples/register.xml
            """,
        subcommands: [ListRules.self, TestRules.self, LintRules.self]
    )
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Prints the catalogue of rules in force under a profile.",
        discussion: "Example:\n  compliance-audit rules list --format markdown > docs/RULES.md")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @OptionGroup var rules: RuleOptions
    @Option(help: "text (a table) or markdown (the full catalogue, as in docs/RULES.md).")
    var format: Format = .text

    func run() throws {
        let ruleSet = try rules.load()
        print(format == .text ? RuleCatalogue.text(ruleSet) : RuleCatalogue.markdown(ruleSet), terminator: "")
    }
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Runs every rule's examples: each must give the state it expects.",
        discussion: "Exit status 0 when all examples hold, 1 when any fails, 2 when the rules cannot be loaded.\n\nExample:\n  compliance-audit rules test --profile rotterdam")

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let outcomes = try rules.load().runExamples()
        for error in outcomes.compactMap(\.error) { print(error.description) }
        let failed = outcomes.filter { !$0.passed }.count
        let ruleCount = Set(outcomes.map(\.rule.id)).count
        print("rule examples: \(ruleCount) rules, \(outcomes.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

struct LintRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Checks rule, profile and waiver files without auditing.",
        discussion: """
            Loads the rules under the chosen profile and every other profile in the rules directory, \
            and the waivers. With --register it also checks that each waiver names an agreement or \
            contractor in the register and waives something (errors), and warns when one has expired. \
            Exit status 0 when there are no errors, 1 when there are.

            Example:
              compliance-audit rules lint --register samples/register.xml
            """)

    @OptionGroup var rules: RuleOptions
    @Option(help: ArgumentHelp("A register to check the waivers against.", valueName: "file"))
    var register: String?

    func run() throws {
        var problems: [RulesError] = []
        var ruleSet: RuleSet?
        do {
            // Waivers by the audit's own rule: a named register is not the samples.
            ruleSet = try AuditInputOptions.loader(rules, auditsSamples: false).load()
        } catch {
            problems += error.errors
        }
        // Every other profile in the directory must load too: a profile is only used when named.
        let profiles = (try? FileManager.default.contentsOfDirectory(
            atPath: rules.loader.rulesDirectory.appendingPathComponent("profiles").path)) ?? []
        for name in profiles.filter({ $0.hasSuffix(".yml") }).map({ String($0.dropLast(4)) }).sorted()
        where name != (rules.profile ?? RuleSetLoader.defaultProfile) {
            var loader = rules.loader
            loader.profile = name
            do { _ = try loader.load() } catch { problems += error.errors }
        }
        if let ruleSet, let register {
            do {
                problems += ruleSet.checkWaivers(against: try RegisterImporter().load(register))
            } catch {
                printToStandardError(error.description)
                throw ExitCode(2)
            }
        }
        let unique = problems.reduce(into: [RulesError]()) { if !$0.contains($1) { $0.append($1) } }
        unique.forEach { print($0.description) }
        let errors = unique.filter { !$0.isWarning }.count
        print("rules lint: \(errors) error(s), \(unique.count - errors) warning(s)")
        if errors > 0 { throw ExitCode(1) }
    }
}
