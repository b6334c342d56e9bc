import Foundation
import Yams

/// The rules in force: the rule files a profile picks, with its severities and thresholds
/// applied, and the waivers.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    /// Rules the profile switched off, for the catalogue.
    public let disabledRules: [String]
    /// Every rule's title, also of rules switched off, so a report never has to show an id.
    public let ruleTitles: [String: String]
    public let profile: Profile
    public let waivers: [Waiver]
    /// The rule files read, as shown to the user.
    public let ruleFiles: [String]
    /// Rates per 1,000 children for modelled expectations of meldingen.
    public let expectationRates: ExpectationRates
    /// Every file the rules were read from (rule files, profile, waivers, rates), for a report to
    /// fingerprint.
    public let sourceFiles: [SourceFile]
    let agreementRules: [Rule]
    let meldingenRules: [Rule]

    /// A file the rules came from: what it is, where it is, and how messages name it.
    public struct SourceFile: Sendable, Hashable {
        public let kind: String
        public let path: String
        public let displayName: String
    }

    init(rules: [Rule], disabledRules: [String], profile: Profile, waivers: [Waiver], ruleFiles: [String],
         expectationRates: ExpectationRates, sourceFiles: [SourceFile] = [], ruleTitles: [String: String] = [:]) {
        self.rules = rules
        self.disabledRules = disabledRules
        self.ruleTitles = ruleTitles.merging(rules.map { ($0.id, $0.title) }) { _, current in current }
        self.profile = profile
        self.waivers = waivers
        self.ruleFiles = ruleFiles
        self.expectationRates = expectationRates
        self.sourceFiles = sourceFiles
        agreementRules = rules.filter { $0.scope == .agreement }
        meldingenRules = rules.filter { $0.scope == .meldingen }
    }
}

/// Finds and loads rule files, a profile and waivers. Everything is parsed and type-checked here,
/// so a broken file fails before any agreement is audited, with every problem at `file:line:column`.
///
/// ```swift
/// let rules = try RuleSetLoader(profile: "rotterdam").load()
/// ```
public struct RuleSetLoader: Sendable {
    /// The default rule set, bundled with the tool so it is found from any working directory.
    public static var bundledRulesDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Rules")
    }

    public static let defaultProfile = "default"

    public var rulesDirectory: URL
    /// A profile name (`rules/profiles/NAME.yml`) or a path to a profile file; `default` when nil.
    public var profile: String?
    /// A waiver file; `waivers.yml` in the rules directory when it exists and none is named.
    public var waiversFile: String?

    public init(rulesDirectory: URL? = nil, profile: String? = nil, waiversFile: String? = nil) {
        self.rulesDirectory = rulesDirectory ?? Self.bundledRulesDirectory
        self.profile = profile
        self.waiversFile = waiversFile
    }

    private var isBundled: Bool { rulesDirectory.standardizedFileURL == Self.bundledRulesDirectory.standardizedFileURL }

    /// How a file in the rules directory is named in messages: `rules/…` for the bundled set.
    func displayName(_ relativePath: String) -> String {
        isBundled ? "rules/\(relativePath)" : rulesDirectory.appendingPathComponent(relativePath).relativePath
    }

    public var profilePath: (path: String, display: String) {
        let name = profile ?? Self.defaultProfile
        if name.contains("/") || name.hasSuffix(".yml") || name.hasSuffix(".yaml") { return (name, name) }
        let relative = "profiles/\(name).yml"
        return (rulesDirectory.appendingPathComponent(relative).path, displayName(relative))
    }

    /// Every rule file in the rules directory (not profiles, waivers or other data files).
    public func availableRuleFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".yml") && !Self.nonRuleFiles.contains($0) }.sorted()
    }

    static let nonRuleFiles: Set<String> = ["waivers.yml", "meldingen-rates.yml"]

    /// The profile names in the rules directory's `profiles/`.
    public var knownProfiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory.appendingPathComponent("profiles").path)) ?? [])
            .filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    public func load() throws(RulesErrors) -> RuleSet {
        let (profilePath, profileDisplay) = self.profilePath
        guard FileManager.default.fileExists(atPath: profilePath) else {
            let known = knownProfiles
            throw RulesErrors([RulesError(.unreadable, at: SourceLocation(file: profileDisplay, line: 1, column: 1),
                                          "no such profile; known profiles: \(known.joined(separator: ", "))")])
        }
        let profile = try Profile.parse(profilePath, displayName: profileDisplay)
        var errors: [RulesError] = []
        let fileNames = profile.ruleFiles ?? availableRuleFiles()
        var drafts: [RuleDraft] = []
        for name in fileNames {
            do throws(RulesErrors) {
                drafts += try RuleFileParser.parse(rulesDirectory.appendingPathComponent(name).path, displayName: displayName(name))
            } catch {
                errors += error.errors
            }
        }
        var seen: [String: SourceLocation] = [:]
        for draft in drafts {
            if let first = seen[draft.id] {
                errors.append(RulesError(.invalid, at: draft.location, "rule id \(draft.id) is used twice (first at \(first))"))
            }
            seen[draft.id] = draft.location
        }
        let (rules, disabled) = RuleCompiler.compile(drafts, profile: profile, errors: &errors)

        var waivers: [Waiver] = []
        let waiverPath = waiversFile ?? rulesDirectory.appendingPathComponent("waivers.yml").path
        if waiversFile != nil || FileManager.default.fileExists(atPath: waiverPath) {
            do throws(RulesErrors) {
                waivers = try Waiver.parse(waiverPath, displayName: waiversFile ?? displayName("waivers.yml"))
                for waiver in waivers where seen[waiver.ruleID] == nil {
                    errors.append(RulesError(.invalid, at: waiver.location, "the waiver names rule \(waiver.ruleID), which does not exist"))
                }
            } catch {
                errors += error.errors
            }
        }
        var rates = ExpectationRates(file: nil, perThousandChildren: [:])
        let ratesPath = rulesDirectory.appendingPathComponent(ExpectationRates.fileName).path
        if FileManager.default.fileExists(atPath: ratesPath) {
            do throws(RulesErrors) {
                rates = try ExpectationRates.parse(ratesPath, displayName: displayName(ExpectationRates.fileName))
            } catch {
                errors += error.errors
            }
        }
        // A condition compiled under the profile and as written may report the same problem twice.
        errors = errors.reduce(into: []) { unique, error in if !unique.contains(error) { unique.append(error) } }
        guard errors.isEmpty else { throw RulesErrors(errors) }
        var sources = fileNames.map {
            RuleSet.SourceFile(kind: "rules", path: rulesDirectory.appendingPathComponent($0).path, displayName: displayName($0))
        }
        sources.append(RuleSet.SourceFile(kind: "profile", path: profilePath, displayName: profileDisplay))
        if waiversFile != nil || FileManager.default.fileExists(atPath: waiverPath) {
            sources.append(RuleSet.SourceFile(kind: "waivers", path: waiverPath, displayName: waiversFile ?? displayName("waivers.yml")))
        }
        if rates.file != nil {
            sources.append(RuleSet.SourceFile(kind: "rates", path: ratesPath, displayName: displayName(ExpectationRates.fileName)))
        }
        return RuleSet(rules: rules, disabledRules: disabled, profile: profile, waivers: waivers,
                       ruleFiles: fileNames.map(displayName), expectationRates: rates, sourceFiles: sources,
                       ruleTitles: Dictionary(drafts.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first }))
    }
}
