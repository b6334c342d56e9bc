@testable import ComplianceRules
import Foundation
import Testing

@Suite("Law apart from contract: conditions bind where they were agreed")
struct AgreedConditionsTests {
    private func status(_ id: String, _ agreement: Agreement, rules: RuleSet? = nil) throws -> ResultStatus? {
        try (rules ?? DefaultRules.loaded.get()).assess(agreement, on: peildatum).results.first { $0.rule.id == id }?.status
    }

    @Test("a contract condition the agreement does not contain is not-agreed, never a finding")
    func notAgreed() throws {
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.trained = false
        agreement.conditions = AgreedConditions(agreed: [.meldcode])
        #expect(try status("AANDACHTSFUNCTIONARIS-GESCHOOLD", agreement) == .notAgreed)
        #expect(try DefaultRules.loaded.get().assess(agreement, on: peildatum).verdict == .inOrde)
        agreement.conditions = AgreedConditions(agreed: [.aandachtsfunctionaris])
        #expect(try status("AANDACHTSFUNCTIONARIS-GESCHOOLD", agreement) == .fail)
    }

    @Test("conditions take effect from their own date, not from the law's")
    func since() throws {
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.trained = false
        agreement.conditions = AgreedConditions(agreed: Set(ContractCondition.allCases), since: Day(iso: "2018-01-01"))
        #expect(try status("AANDACHTSFUNCTIONARIS-GESCHOOLD", agreement) == .notAgreed)
    }

    @Test("conditions recorded from a later day within the term are agreed later, not missing from the agreement")
    func agreedLater() throws {
        let rule = try #require(try DefaultRules.loaded.get().rules.first { $0.id == "AANDACHTSFUNCTIONARIS-GESCHOOLD" })
        var agreement = compliantAgreement()
        agreement.period = DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2018-12-31")!)
        agreement.conditions = AgreedConditions(agreed: [.aandachtsfunctionaris], since: Day(iso: "2018-01-01"))
        #expect(rule.agreedLater(in: agreement, after: peildatum) == Day(iso: "2018-01-01"))
        // Agreed on the peildatum: nothing later about it.
        #expect(rule.agreedLater(in: agreement, after: Day(iso: "2018-06-30")!) == nil)
        // From a day after the agreement ends: never agreed in it.
        agreement.conditions?.since = Day(iso: "2019-01-01")
        #expect(rule.agreedLater(in: agreement, after: peildatum) == nil)
        // Another condition recorded later does not agree this one.
        agreement.conditions = AgreedConditions(agreed: [.meldcode], since: Day(iso: "2018-01-01"))
        #expect(rule.agreedLater(in: agreement, after: peildatum) == nil)
    }

    @Test("conditions from a day after the agreement's end are told apart: the agreement never contains them")
    func conditionsAfterEnd() {
        var agreement = compliantAgreement()
        agreement.period = DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2018-12-31")!)
        agreement.conditions = AgreedConditions(agreed: [.meldcode], since: Day(iso: "2019-01-01"))
        #expect(agreement.conditionsStartAfterEnd == Day(iso: "2019-01-01"))
        agreement.conditions?.since = Day(iso: "2018-12-31")
        #expect(agreement.conditionsStartAfterEnd == nil)
        agreement.conditions?.since = nil
        #expect(agreement.conditionsStartAfterEnd == nil)
        agreement.conditions = nil
        #expect(agreement.conditionsStartAfterEnd == nil)
    }

    @Test("a legal duty applies whatever the contract says")
    func legalDuty() throws {
        var agreement = compliantAgreement()
        agreement.meldcode = MeldcodeEvidence(present: false)
        agreement.conditions = AgreedConditions(agreed: [])
        #expect(try status("MELDCODE-AANWEZIG", agreement) == .fail)
    }

    @Test("without recorded conditions the profile's agreed-conditions decide; without either, nothing is agreed")
    func profileDefaults() throws {
        var agreement = compliantAgreement()
        agreement.conditions = nil
        agreement.aandachtsfunctionaris?.trained = false
        #expect(try status("AANDACHTSFUNCTIONARIS-GESCHOOLD", agreement) == .notAgreed)
        let groningen = try RuleSetLoader(profile: "groningen").load()
        #expect(try status("AANDACHTSFUNCTIONARIS-GESCHOOLD", agreement, rules: groningen) == .fail)
        agreement.period = DayInterval(start: Day(iso: "2016-01-01")!, end: Day(iso: "2018-12-31")!)
        #expect(try status("AANDACHTSFUNCTIONARIS-GESCHOOLD", agreement, rules: groningen) == .notAgreed)  // before 2017
    }

    @Test("the meldcode is a legal duty for the sectors the law covers, a contract condition for sport and welzijn",
          arguments: [(Sector.onderwijs, "MELDCODE-AANWEZIG"), (.ggz, "MELDCODE-AANWEZIG"), (.lokaalTeam, "MELDCODE-AANWEZIG"),
                      (.sport, "MELDCODE-AFGESPROKEN"), (.welzijn, "MELDCODE-AFGESPROKEN")])
    func meldcodeSplit(sector: Sector, rule: String) throws {
        var agreement = compliantAgreement(sector: sector)
        agreement.meldcode = MeldcodeEvidence(present: false)
        let results = try DefaultRules.loaded.get().assess(agreement, on: peildatum).results
        #expect(results.first { $0.rule.id == rule }?.status == .fail)
        let other = rule == "MELDCODE-AANWEZIG" ? "MELDCODE-AFGESPROKEN" : "MELDCODE-AANWEZIG"
        #expect(results.first { $0.rule.id == other }?.status == .notApplicable)
    }

    @Test("a Rouvoet assessment older than the profile's window is missing evidence")
    func rouvoetWindow() throws {
        var agreement = compliantAgreement(sector: .jeugdhulp)
        agreement.kwaliteitskader?.assessed = Day(iso: "2014-06-01")
        #expect(try status("ROUVOET-KWALITEITSKADER", agreement) == .missingEvidence)
        agreement.kwaliteitskader?.assessed = Day(iso: "2015-06-01")
        #expect(try status("ROUVOET-KWALITEITSKADER", agreement) == .pass)
    }

    @Test("the keurmerk is opt-in: off by default, on where a profile enables it")
    func keurmerkOptIn() throws {
        #expect(try DefaultRules.loaded.get().disabledRules.contains("LVAK-KEURMERK"))
        #expect(try RuleSetLoader(profile: "groningen").load().rules.contains { $0.id == "LVAK-KEURMERK" })
    }

    @Test("every rule says its basis kind; a legal duty cites a law, local policy says it is a local choice")
    func basisKinds() throws {
        let all = try RuleSetLoader(profile: "groningen").load().rules
        for rule in all {
            switch rule.basisKind {
            case .wet:
                #expect(rule.basis.contains { $0.hasPrefix("Wet ") || $0.hasPrefix("Besluit ") || $0.hasPrefix("Jeugdwet") }, "\(rule.id)")
                #expect(rule.contractCondition == nil, "\(rule.id)")
            case .beleid:
                #expect(rule.rationale.contains("lokale keuze") || rule.rationale.contains("Lokaal beleid"), "\(rule.id)")
                #expect(rule.basis.contains { $0.hasPrefix("Lokaal beleid") }, "\(rule.id)")
            case .contract:
                #expect(rule.contractCondition != nil, "\(rule.id)")
                #expect(rule.basis.contains { $0.contains("Handreiking") || $0.contains("10 van Noord") }, "\(rule.id)")
            }
        }
        #expect(!all.contains { $0.basis.contains { $0.contains("10 van Noord") } && $0.id == "LVAK-KEURMERK" })
    }
}
