@testable import ComplianceRules
import Foundation
import Testing

@Suite("Verdicts, waivers and profiles")
struct VerdictTests {
    private func status(_ id: String, _ assessment: AgreementAssessment) -> ResultStatus? {
        assessment.results.first { $0.rule.id == id }?.status
    }

    @Test("an agreement that meets every condition is in orde")
    func inOrde() throws {
        let assessment = try DefaultRules.loaded.get().assess(compliantAgreement(), on: peildatum)
        #expect(assessment.verdict == .inOrde)
        #expect(assessment.findings.isEmpty)
    }

    @Test("the verdict is the worst severity among failures and missing evidence")
    func worstSeverity() throws {
        let rules = try DefaultRules.loaded.get()
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.verified = Day(iso: "2016-09-01")
        #expect(rules.assess(agreement, on: peildatum).verdict == .severity(.agendapunt))
        agreement.aandachtsfunctionaris?.trained = false
        #expect(rules.assess(agreement, on: peildatum).verdict == .severity(.indringendGesprek))
        agreement.meldcode = MeldcodeEvidence(present: false)
        let assessment = rules.assess(agreement, on: peildatum)
        #expect(assessment.verdict == .severity(.blokkerend))
        #expect(assessment.findings.map(\.rule.id).first == "MELDCODE-AANWEZIG")
        #expect(status("AANDACHTSFUNCTIONARIS-GECONTROLEERD", assessment) == .missingEvidence)
        #expect(status("MELDCODE-ACTUEEL", assessment) == .notApplicable)
        #expect(status("LVAK-KEURMERK", assessment) == nil)  // opt-in: off in the default profile
    }

    @Test("a failing result carries the values it judged and the rule's explanation")
    func evidence() throws {
        var agreement = compliantAgreement()
        agreement.meldcode?.reviewed = Day(iso: "2014-03-01")
        let assessment = try DefaultRules.loaded.get().assess(agreement, on: peildatum)
        let result = try #require(assessment.results.first { $0.rule.id == "MELDCODE-ACTUEEL" })
        #expect(result.status == .fail)
        let details = assessment.details(of: result)
        #expect(details?.judged == [JudgedValue(field: .meldcodeReviewed, value: .date(Day(iso: "2014-03-01")!))])
        #expect(details?.explanation
                == "meldcode laatst herzien 01-03-2014, 46 maanden voor de peildatum; norm: hooguit 2 jaar")
        #expect(result.findingID(agreementID: agreement.id) == "MELDCODE-ACTUEEL/INK-1")
    }

    @Test("an out-of-date check of the aandachtsfunctionaris is missing evidence, never a failure")
    func staleCheck() throws {
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.verified = Day(iso: "2016-09-01")
        let assessment = try DefaultRules.loaded.get().assess(agreement, on: peildatum)
        let result = try #require(assessment.results.first { $0.rule.id == "AANDACHTSFUNCTIONARIS-GECONTROLEERD" })
        #expect(result.status == .missingEvidence)
        #expect(result.severity == .agendapunt)
        #expect(assessment.details(of: result)?.missing == [.aandachtsfunctionarisVerified])
    }

    @Test("a contractor's verdict is the worst of its agreements")
    func contractorVerdict() throws {
        var stale = compliantAgreement(id: "INK-2")
        stale.training?.reported = Day(iso: "2016-01-01")
        let register = Register(municipality: "Groningen", referenceDate: peildatum, agreements: [
            compliantAgreement(id: "INK-1"), stale, compliantAgreement(id: "SUB-3", kvk: "07654321"),
        ])
        let assessment = try DefaultRules.loaded.get().assess(register)
        #expect(assessment.contractors.map(\.verdict) == [.severity(.agendapunt), .inOrde])  // the account is missing evidence
        #expect(assessment.contractors.first?.agreements.map(\.agreement.id) == ["INK-1", "INK-2"])
    }

    @Test("a waived failure stays visible but no longer counts; an expired waiver does not apply")
    func waivers() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            waivers:
              - {rule: MELDCODE-ACTUEEL, agreement: INK-1, reason: Herziening loopt, approved-by: Wethouder, expires: 2018-03-31}
              - {rule: TRAINING-VERANTWOORD, contractor: "01234567", reason: Oud, approved-by: Wethouder, expires: 2017-06-30}
              - {rule: LVAK-KEURMERK, agreement: INK-1, reason: Hercertificering, approved-by: Wethouder, expires: 2018-03-31}
            """, to: "waivers.yml")
        var agreement = compliantAgreement()
        agreement.meldcode?.reviewed = Day(iso: "2014-03-01")
        agreement.training?.reported = Day(iso: "2016-01-01")
        let assessment = try fixture.loader().load().assess(
            Register(municipality: "Groningen", referenceDate: peildatum, agreements: [agreement]))
        let results = try #require(assessment.agreements.first)
        #expect(status("MELDCODE-ACTUEEL", results) == .waived)
        #expect(results.results.first { $0.rule.id == "MELDCODE-ACTUEEL" }?.waiver?.waivedStatus == .fail)
        #expect(status("TRAINING-VERANTWOORD", results) == .missingEvidence)
        #expect(results.findings.map(\.rule.id) == ["TRAINING-VERANTWOORD", "MELDCODE-ACTUEEL"])
        // The keurmerk rule is off in the default profile: its waiver is not applied, and said so.
        #expect(assessment.waiverNotices.map(\.kind) == [.expired, .ruleOff])
    }

    @Test("a register of 300 agreements: each judged as on its own, contractors in order, and only the waiver that waives nothing named")
    func largeRegister() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            waivers:
              - {rule: MELDCODE-ACTUEEL, agreement: INK-150, reason: Herziening loopt, approved-by: Wethouder, expires: 2018-03-31}
              - {rule: MELDCODE-ACTUEEL, agreement: INK-151, reason: Herziening loopt, approved-by: Wethouder, expires: 2018-03-31}
            """, to: "waivers.yml")
        let rules = try fixture.loader().load()
        let agreements = (0..<300).map { index in
            var agreement = compliantAgreement(id: "INK-\(index)", kvk: String(format: "%08d", 10_000_000 + (index * 7) % 100))
            if index % 3 == 0 { agreement.training?.reported = Day(iso: "2016-01-01") }
            if index % 5 == 0 { agreement.meldcode?.reviewed = Day(iso: "2014-03-01") }
            return agreement
        }
        let register = Register(municipality: "Groningen", referenceDate: peildatum, agreements: agreements)
        let assessment = rules.assess(register)
        #expect(assessment.agreements.map(\.agreement.id) == agreements.map(\.id))
        for judged in assessment.agreements {
            let alone = rules.assess(judged.agreement, on: peildatum)
            #expect(judged.results.map(\.status) == alone.results.map(\.status), "\(judged.agreement.id)")
        }
        #expect(assessment.agreements.filter { $0.results.contains { $0.status == .waived } }.map(\.agreement.id) == ["INK-150"])
        #expect(assessment.contractors.map(\.contractor.kvk) == register.contractors.map(\.kvk))
        for contractor in assessment.contractors {
            #expect(contractor.agreements.map(\.agreement.id) == agreements.filter { $0.contractor.kvk == contractor.contractor.kvk }.map(\.id))
        }
        // INK-151's meldcode was reviewed in time: its waiver waives nothing, and only it is named.
        #expect(assessment.waiverNotices.map(\.kind) == [.waivesNothing])
        #expect(assessment.waiverNotices.first?.waiver.scope == .agreement("INK-151"))
    }

    @Test("a profile's threshold and severity change verdicts without a code change")
    func profileChangesVerdicts() throws {
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.hoursPerWeek = 3
        let fixture = try RulesFixture()
        let defaultVerdict = try fixture.loader().load().assess(agreement, on: peildatum).verdict
        #expect(defaultVerdict == .inOrde)

        try fixture.write("""
            version: 1
            name: Streng
            rules:
              AANDACHTSFUNCTIONARIS-UREN: {severity: blokkerend, parameters: {min-hours: 4}}
            """, to: "profiles/streng.yml")
        let strict = try fixture.loader(profile: "streng").load()
        #expect(strict.assess(agreement, on: peildatum).verdict == .severity(.blokkerend))
        #expect(strict.rules.first { $0.id == "AANDACHTSFUNCTIONARIS-UREN" }?.norm == "aandachtsfunctionaris.hours-per-week >= 4")
    }

    @Test("Rotterdam makes the Rouvoet kwaliteitskader blokkerend for jeugdhulp")
    func rotterdam() throws {
        var agreement = compliantAgreement(sector: .jeugdhulp)
        agreement.kwaliteitskader?.compliant = false
        #expect(try RuleSetLoader(profile: "default").load().assess(agreement, on: peildatum).verdict == .severity(.informatief))
        #expect(try RuleSetLoader(profile: "rotterdam").load().assess(agreement, on: peildatum).verdict == .severity(.blokkerend))
    }

    @Test("a rule not in force on the reference date does not apply")
    func effectiveDates() throws {
        var agreement = compliantAgreement()
        agreement.meldcode?.afwegingskader = false
        let rules = try DefaultRules.loaded.get()
        #expect(status("MELDCODE-AFWEGINGSKADER", rules.assess(agreement, on: peildatum)) == .notApplicable)
        #expect(status("MELDCODE-AFWEGINGSKADER", rules.assess(agreement, on: Day(iso: "2019-06-30")!)) == .fail)
    }
}
