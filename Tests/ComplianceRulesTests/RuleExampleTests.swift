@testable import ComplianceRules
import Testing

/// The default rules, loaded once; a load failure makes every test below fail rather than crash.
enum DefaultRules {
    static let loaded = Result { () throws(RulesErrors) in try RuleSetLoader().load() }
    static let ruleIDs = (try? loaded.get())?.rules.map(\.id) ?? ["(the default rules did not load)"]

    static func rule(_ id: String) throws -> Rule {
        try #require(try loaded.get().rules.first { $0.id == id })
    }
}

@Suite("The default rules' own examples")
struct RuleExampleTests {
    @Test("the default rule set loads under every profile", arguments: ["default", "groningen", "rotterdam"])
    func loads(profile: String) throws {
        let ruleSet = try RuleSetLoader(profile: profile).load()
        #expect(ruleSet.rules.count == (profile == "groningen" ? 17 : 16))  // the keurmerk is opt-in
    }

    @Test("every rule has a passing and a failing example", arguments: DefaultRules.ruleIDs)
    func hasBothExamples(id: String) throws {
        let rule = try DefaultRules.rule(id)
        #expect(rule.examples.contains { $0.expected == .pass })
        #expect(rule.examples.contains { $0.expected == .fail })
    }

    @Test("every example gives the state it expects", arguments: DefaultRules.ruleIDs)
    func examplesHold(id: String) throws {
        let outcomes = try DefaultRules.loaded.get().runExamples().filter { $0.rule.id == id }
        #expect(!outcomes.isEmpty)
        for outcome in outcomes {
            #expect(outcome.passed, "\(outcome.error?.description ?? "")")
        }
    }

    @Test("every rule cites its basis and says what to ask for", arguments: DefaultRules.ruleIDs)
    func documented(id: String) throws {
        let rule = try DefaultRules.rule(id)
        #expect(!rule.basis.isEmpty && !rule.advice.isEmpty && !rule.rationale.isEmpty)
    }

    @Test("a rule example that does not hold is reported at the example")
    func brokenExample() throws {
        let fixture = try RulesFixture()
        try fixture.replace("agreement: {aandachtsfunctionaris: {hours-per-week: 2}}",
                            with: "agreement: {aandachtsfunctionaris: {hours-per-week: 1}}", in: "aandachtsfunctionaris.yml")
        let failures = try fixture.loader().load().runExamples().compactMap(\.error)
        let line = try fixture.line(of: "hours-per-week: 1}}", in: "aandachtsfunctionaris.yml") - 1
        #expect(failures.map(\.description) == [
            "\(fixture.directory.appendingPathComponent("aandachtsfunctionaris.yml").relativePath):\(line):9: error: "
                + "rule AANDACHTSFUNCTIONARIS-UREN: example expects pass, but the rule gives fail",
        ])
    }

    @Test("the catalogue in docs/RULES.md is the one the rules produce")
    func catalogueIsCurrent() throws {
        let documented = try String(contentsOfFile: repositoryFile("docs/RULES.md"), encoding: .utf8)
        #expect(documented == RuleCatalogue.markdown(try DefaultRules.loaded.get()),
                "regenerate it: swift run compliance-audit rules list --format markdown > docs/RULES.md")
    }
}

func repositoryFile(_ path: String) -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(path).path
}

import Foundation
