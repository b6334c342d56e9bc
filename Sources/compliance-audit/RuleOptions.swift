import ArgumentParser
import ComplianceRules
import Foundation

/// Where the rules come from; shared by every command that judges agreements.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A directory of rule files to use instead of the built-in rules (an edited copy of rules/).", valueName: "dir"))
    var rulesDirectory: String?

    @Option(help: ArgumentHelp(
        "A profile name from the rules directory's profiles/ (default, groningen, rotterdam) or a profile file.",
        valueName: "name-or-file"))
    var profile: String?

    @Option(help: ArgumentHelp("A waiver file (default: waivers.yml in the rules directory, when present).", valueName: "file"))
    var waivers: String?

    var loader: RuleSetLoader {
        RuleSetLoader(rulesDirectory: rulesDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
                      profile: profile, waiversFile: waivers)
    }

    /// Loads the rules, or prints every problem and exits with 2 (an input error).
    func load() throws -> RuleSet {
        do {
            return try loader.load()
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
