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

    @Option(help: ArgumentHelp(
        "A waiver file. Default: waivers.yml in the rules directory when present; when the samples are audited (no --register and no --meldingen), samples/waivers.yml.",
        valueName: "file"))
    var waivers: String?

    /// A rules directory that does not exist, or a profile that is not in it, is a mistake in the
    /// arguments: said at once, with what there is.
    func validate() throws {
        var isDirectory: ObjCBool = false
        if let rulesDirectory, !(FileManager.default.fileExists(atPath: rulesDirectory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("--rules \(rulesDirectory): no such directory.")
        }
        let loader = self.loader
        if profile != nil, !FileManager.default.fileExists(atPath: loader.profilePath.path) {
            let known = loader.knownProfiles
            throw ValidationError("--profile \(profile!): no such profile; known profiles: \(known.isEmpty ? "none" : known.joined(separator: ", ")).")
        }
        if let waivers, !FileManager.default.fileExists(atPath: waivers) {
            throw ValidationError("--waivers \(waivers): no such file.")
        }
    }

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
