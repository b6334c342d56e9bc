@testable import ComplianceRules
import Foundation
import Testing

/// The one error a broken set of rule files gives, as printed.
func loadError(_ loader: RuleSetLoader) -> String? {
    do {
        _ = try loader.load()
        return nil
    } catch {
        return error.description
    }
}

@Suite("Broken rule, profile and waiver files")
struct RuleFileErrorTests {
    @Test("a YAML syntax error is placed where the parser stopped")
    func syntaxError() throws {
        let fixture = try RulesFixture()
        try fixture.replace("title: De meldcode is de afgelopen twee jaar herzien",
                            with: "title: [De meldcode is de afgelopen twee jaar herzien", in: "meldcode.yml")
        let line = try fixture.line(of: "title: [De meldcode", in: "meldcode.yml")
        let error = try #require(loadError(fixture.loader()))
        #expect(error.hasPrefix("\(fixture.path("meldcode.yml")):\(line + 1):"))
        #expect(error.contains("error: YAML: "))
    }

    @Test("an unknown field in a condition is placed at the field, with a suggestion")
    func unknownField() throws {
        let fixture = try RulesFixture()
        try fixture.replace("condition: aandachtsfunctionaris.hours-per-week >= min-hours",
                            with: "condition: aandachtsfunctionaris.uren >= min-hours", in: "aandachtsfunctionaris.yml")
        let line = try fixture.line(of: "condition: aandachtsfunctionaris.uren", in: "aandachtsfunctionaris.yml")
        #expect(loadError(fixture.loader()) == "\(fixture.path("aandachtsfunctionaris.yml")):\(line):16: error: "
            + "rule AANDACHTSFUNCTIONARIS-UREN: condition: unknown field or parameter 'aandachtsfunctionaris.uren'")
    }

    @Test("a date compared with a number is a type error at the comparison")
    func typeMismatch() throws {
        let fixture = try RulesFixture()
        try fixture.replace("condition: training.intervisie-sessions >= min-sessions",
                            with: "condition: training.intervisie-sessions >= 2017-01-01", in: "training.yml")
        let line = try fixture.line(of: ">= 2017-01-01", in: "training.yml")
        #expect(loadError(fixture.loader()) == "\(fixture.path("training.yml")):\(line):16: error: "
            + "rule INTERVISIE-SESSIES: condition: cannot compare a number with a date using '>='")
    }

    @Test("an error inside a quoted condition counts the quote")
    func quotedCondition() throws {
        let fixture = try RulesFixture()
        try fixture.replace("condition: meldcode.present\n", with: "condition: \"meldcode.present and sector == jeugdzorg\"\n",
                            in: "meldcode.yml")
        let line = try fixture.line(of: "sector == jeugdzorg", in: "meldcode.yml")
        let error = try #require(loadError(fixture.loader()))
        #expect(error.hasPrefix("\(fixture.path("meldcode.yml")):\(line):48: error: rule MELDCODE-AANWEZIG: condition: 'jeugdzorg' is not a sector"))
    }

    @Test("an unknown key is refused rather than ignored")
    func unknownKey() throws {
        let fixture = try RulesFixture()
        try fixture.replace("    severity: blokkerend\n", with: "    severity: blokkerend\n    severty: agendapunt\n", in: "meldcode.yml")
        let line = try fixture.line(of: "severty:", in: "meldcode.yml")
        let error = try #require(loadError(fixture.loader()))
        #expect(error.hasPrefix("\(fixture.path("meldcode.yml")):\(line):5: error: a rule: unknown key 'severty' (did you mean 'severity'?)"))
    }

    @Test("a rule without a failing example is refused")
    func missingFailExample() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            rules:
              - id: ALLEEN-GOED
                title: t
                rationale: r
                advice: a
                basis: b
                basis-kind: wet
                applies-to: {sectors: all}
                severity: informatief
                condition: meldcode.present
                examples:
                  - {expect: pass, agreement: {meldcode: {present: true}}}
            """, to: "extra.yml")
        let error = try #require(loadError(fixture.loader(profile: try profileUsing(["extra.yml"], in: fixture))))
        #expect(error == "\(fixture.path("extra.yml")):13:7: error: rule ALLEEN-GOED: needs at least one example that must fail")
    }

    @Test("a rule without a basis kind is refused: law, contract or local policy must be said")
    func missingBasisKind() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            rules:
              - id: ZONDER-GRONDSLAG
                title: t
                rationale: r
                advice: a
                basis: b
                applies-to: {sectors: all}
                severity: informatief
                condition: meldcode.present
                examples:
                  - {expect: pass, agreement: {meldcode: {present: true}}}
                  - {expect: fail, agreement: {meldcode: {present: false}}}
            """, to: "extra.yml")
        let error = try #require(loadError(fixture.loader(profile: try profileUsing(["extra.yml"], in: fixture))))
        #expect(error == "\(fixture.path("extra.yml")):3:5: error: a rule: required key 'basis-kind' is missing")
    }

    @Test("a profile naming a rule that does not exist is refused at the name")
    func unknownRuleInProfile() throws {
        let fixture = try RulesFixture()
        try fixture.replace("LVAK-KEURMERK: {enabled: true, severity: indringend-gesprek}",
                            with: "LVAK-KEURMERKEN: {enabled: true, severity: indringend-gesprek}", in: "profiles/groningen.yml")
        let line = try fixture.line(of: "LVAK-KEURMERKEN", in: "profiles/groningen.yml")
        #expect(loadError(fixture.loader(profile: "groningen")) == "\(fixture.path("profiles/groningen.yml")):\(line):3: error: "
            + "the profile names rule LVAK-KEURMERKEN, which is not in its rule files (did you mean LVAK-KEURMERK?)")
    }

    @Test("a profile threshold of the wrong kind is refused")
    func wrongParameterType() throws {
        let fixture = try RulesFixture()
        try fixture.replace("AANDACHTSFUNCTIONARIS-UREN: {parameters: {min-hours: 4}}",
                            with: "AANDACHTSFUNCTIONARIS-UREN: {parameters: {min-hours: 4 months}}", in: "profiles/rotterdam.yml")
        let error = try #require(loadError(fixture.loader(profile: "rotterdam")))
        #expect(error.hasSuffix("error: rule AANDACHTSFUNCTIONARIS-UREN: parameter min-hours must be a number (like 2), not a duration"))
    }

    @Test("a waiver for an agreement that is not in the register fails to load, at the waiver")
    func waiverForUnknownAgreement() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            waivers:
              - rule: LVAK-KEURMERK
                agreement: INK-2099-0001
                reason: Hercertificering loopt
                approved-by: Wethouder jeugd
                expires: 2018-03-31
            """, to: "waivers.yml")
        let ruleSet = try fixture.loader().load()
        let register = Register(municipality: "Groningen", referenceDate: peildatum, agreements: [compliantAgreement()])
        #expect(ruleSet.checkWaivers(against: register).map(\.description) == [
            "\(fixture.path("waivers.yml")):3:11: error: the waiver for LVAK-KEURMERK names agreement INK-2099-0001, which is not in the register",
        ])
    }

    @Test("a waiver of a rule that passes waives nothing; one of a meldingen rule is not judged without meldingen figures")
    func waiverThatWaivesNothing() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            waivers:
              - {rule: MELDCODE-AANWEZIG, agreement: INK-1, reason: r, approved-by: a, expires: 2018-03-31}
              - {rule: MELDINGEN-ACHTERSTAND, contractor: "01234567", reason: r, approved-by: a, expires: 2018-03-31}
            """, to: "waivers.yml")
        let ruleSet = try fixture.loader().load()
        let register = Register(municipality: "Groningen", referenceDate: peildatum, agreements: [compliantAgreement()])
        #expect(ruleSet.checkWaivers(against: register).map(\.description) == [
            "\(fixture.path("waivers.yml")):3:12: error: the waiver for MELDCODE-AANWEZIG on agreement INK-1 waives nothing: "
                + "the rule passes or does not apply there",
        ])
    }

    @Test("a waiver for a rule that does not exist fails to load")
    func waiverForUnknownRule() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            waivers:
              - {rule: GEEN-REGEL, contractor: "01234567", reason: r, approved-by: a, expires: 2018-03-31}
            """, to: "waivers.yml")
        #expect(loadError(fixture.loader()) == "\(fixture.path("waivers.yml")):3:12: error: the waiver names rule GEEN-REGEL, which does not exist")
    }

    @Test("an indicator target that is not a comparison, or of the wrong kind, is refused at the value")
    func badIndicatorTarget() throws {
        let fixture = try RulesFixture()
        try fixture.replace("  meldingen: \"> 400\"", with: "  meldingen: \"400\"", in: "profiles/groningen.yml")
        let line = try fixture.line(of: "meldingen: \"400\"", in: "profiles/groningen.yml")
        #expect(loadError(fixture.loader(profile: "groningen")) == "\(fixture.path("profiles/groningen.yml")):\(line):14: error: "
            + "indicator meldingen: '400' must start with >, >=, < or <=, as in \"> 400\"")
        try fixture.replace("  meldingen: \"400\"", with: "  meldingen: \"> 40%\"", in: "profiles/groningen.yml")
        #expect(loadError(fixture.loader(profile: "groningen"))?.hasSuffix("the target is a count, not a percentage") == true)
    }

    @Test("a rate for something that is not a sector is refused")
    func badRate() throws {
        let fixture = try RulesFixture()
        try fixture.replace("  jeugdhulp: 6 ", with: "  jeugdzorg: 6 ", in: "meldingen-rates.yml")
        let line = try fixture.line(of: "jeugdzorg: 6", in: "meldingen-rates.yml")
        let error = try #require(loadError(fixture.loader()))
        #expect(error.hasPrefix("\(fixture.path("meldingen-rates.yml")):\(line):3: error: 'jeugdzorg' is not a sector"))
    }

    @Test("an unknown profile name lists the profiles there are")
    func unknownProfile() throws {
        let error = try #require(loadError(RuleSetLoader(profile: "utrecht")))
        #expect(error == "rules/profiles/utrecht.yml:1:1: error: no such profile; known profiles: default, groningen, rotterdam")
    }
}

private func profileUsing(_ files: [String], in fixture: RulesFixture) throws -> String {
    let path = fixture.path("profiles/extra.yml")
    try "version: 1\nname: Extra\nrule-files: [\(files.joined(separator: ", "))]\n".write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
