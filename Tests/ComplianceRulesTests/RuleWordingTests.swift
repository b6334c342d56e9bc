@testable import ComplianceRules
import Foundation
import Testing

@Suite("A meldingen rule's words per source")
struct RuleWordingTests {
    @Test("the shortfall rules word signals in the verwijsindex apart from meldingen at Veilig Thuis")
    func bundled() throws {
        let rules = try RuleSetLoader().load().rules
        for id in ["MELDINGEN-ACHTERSTAND", "MELDINGEN-ONDER-VERWACHTING"] {
            let rule = try #require(rules.first { $0.id == id })
            let veiligThuis = rule.wording(for: .veiligThuis)
            let verwijsindex = rule.wording(for: .verwijsindex)
            #expect(veiligThuis.title.hasPrefix("Het aantal meldingen ") && !veiligThuis.title.contains("verwijsindex"), "\(id)")
            #expect(veiligThuis.advice.contains("Veilig Thuis"), "\(id)")
            #expect(verwijsindex.title.hasPrefix("Het aantal signalen in de verwijsindex "), "\(id)")
            #expect(verwijsindex.problem?.hasPrefix("Het aantal signalen in de verwijsindex ") == true, "\(id)")
            #expect(verwijsindex.advice.contains("verwijsindex") && !verwijsindex.advice.contains("Veilig Thuis"), "\(id)")
            // An agreement's finding, and the rule in a list of rules, keep the rule's own words.
            #expect(rule.wording(for: nil) == RuleWording(title: rule.title, problem: rule.problem, advice: rule.advice))
        }
        #expect(rules.filter { !$0.wordings.isEmpty }.map(\.id) == ["MELDINGEN-ACHTERSTAND", "MELDINGEN-ONDER-VERWACHTING"])
    }

    @Test("what a source's wording leaves out is the rule's own")
    func fallsBack() throws {
        let fixture = try RulesFixture()
        try fixture.replace("""
                  verwijsindex:
                    title: Het aantal signalen in de verwijsindex ligt niet duidelijk onder wat is verwacht
                    problem: Het aantal signalen in de verwijsindex ligt duidelijk onder wat is verwacht
                    advice: >
            """, with: """
                  verwijsindex:
                    advice: >
            """, in: "meldingen.yml")
        let rule = try #require(try fixture.loader().load().rules.first { $0.id == "MELDINGEN-ONDER-VERWACHTING" })
        let wording = rule.wording(for: .verwijsindex)
        #expect(wording.title == rule.title && wording.problem == rule.problem)
        #expect(wording.advice.hasPrefix("Bespreek in het accountgesprek hoe het signaleren in de verwijsindex gaat"))
    }

    @Test("an agreement's rule worded per source is refused at its wording")
    func agreementRule() throws {
        let fixture = try RulesFixture()
        try fixture.replace("    severity: blokkerend\n", with: "    severity: blokkerend\n    wording: {verwijsindex: {advice: Vraag het na.}}\n",
                            in: "meldcode.yml")
        let line = try fixture.line(of: "wording: {verwijsindex", in: "meldcode.yml")
        let error = try #require(loadError(fixture.loader()))
        #expect(error.hasPrefix("\(fixture.path("meldcode.yml")):\(line):14: error: rule MELDCODE-AANWEZIG: "
            + "wording per source is for meldingen rules (scope: meldingen); an agreement's rule has one wording\n"))
    }

    @Test("a wording for an unknown source, or one that says nothing, is refused at its place")
    func unknownOrEmpty() throws {
        let fixture = try RulesFixture()
        try fixture.replace("""
                  verwijsindex:
                    title: Het aantal signalen in de verwijsindex blijft niet wezenlijk achter bij wat is verwacht
            """, with: """
                  verwijsindx:
                    title: Het aantal signalen in de verwijsindex blijft niet wezenlijk achter bij wat is verwacht
            """, in: "meldingen.yml")
        let line = try fixture.line(of: "verwijsindx:", in: "meldingen.yml")
        #expect(loadError(fixture.loader()) == "\(fixture.path("meldingen.yml")):\(line):7: error: rule MELDINGEN-ACHTERSTAND: "
            + "wording: 'verwijsindx' is not a source; known: veilig-thuis, verwijsindex")

        let empty = try RulesFixture()
        try empty.replace("""
                  verwijsindex:
                    title: Het aantal signalen in de verwijsindex blijft niet wezenlijk achter bij wat is verwacht
                    problem: Het aantal signalen in de verwijsindex blijft wezenlijk achter bij wat is verwacht
                    advice: >
                      Bespreek in een indringend gesprek waarom er minder signalen in de verwijsindex worden afgegeven
                      dan verwacht: wie is er in de organisatie meldingsbevoegd, kennen zij de verwijsindex, en geven
                      zij een signaal af als zij zich zorgen maken over een jongere?
            """, with: """
                  verwijsindex: {}
            """, in: "meldingen.yml")
        let emptyLine = try empty.line(of: "verwijsindex: {}", in: "meldingen.yml")
        #expect(loadError(empty.loader()) == "\(empty.path("meldingen.yml")):\(emptyLine):21: error: rule MELDINGEN-ACHTERSTAND: "
            + "wording for verwijsindex: give a title, problem or advice, or leave the source out")
    }
}
