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
        agreement.keurmerk = nil
        #expect(rules.assess(agreement, on: peildatum).verdict == .severity(.agendapunt))
        agreement.aandachtsfunctionaris?.verified = Day(iso: "2016-09-01")
        #expect(rules.assess(agreement, on: peildatum).verdict == .severity(.indringendGesprek))
        agreement.meldcode = MeldcodeEvidence(present: false)
        let assessment = rules.assess(agreement, on: peildatum)
        #expect(assessment.verdict == .severity(.blokkerend))
        #expect(assessment.findings.map(\.rule.id).first == "MELDCODE-AANWEZIG")
        #expect(status("LVAK-KEURMERK", assessment) == .missingEvidence)
        #expect(status("MELDCODE-ACTUEEL", assessment) == .notApplicable)
    }

    @Test("a failing result carries the values it judged and the rule's explanation")
    func evidence() throws {
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.verified = Day(iso: "2016-09-01")
        let assessment = try DefaultRules.loaded.get().assess(agreement, on: peildatum)
        let result = try #require(assessment.results.first { $0.rule.id == "AANDACHTSFUNCTIONARIS-GECONTROLEERD" })
        #expect(result.status == .fail)
        let details = assessment.details(of: result)
        #expect(details?.judged == [JudgedValue(field: .aandachtsfunctionarisVerified, value: .date(Day(iso: "2016-09-01")!))])
        #expect(details?.explanation
                == "aandachtsfunctionaris laatst gecontroleerd 01-09-2016, 16 maanden voor de peildatum; norm: 1 jaar")
        #expect(result.findingID(agreementID: agreement.id) == "AANDACHTSFUNCTIONARIS-GECONTROLEERD/INK-1")
    }

    @Test("a contractor's verdict is the worst of its agreements")
    func contractorVerdict() throws {
        var stale = compliantAgreement(id: "INK-2")
        stale.training?.reported = Day(iso: "2016-01-01")
        let register = Register(municipality: "Groningen", referenceDate: peildatum, agreements: [
            compliantAgreement(id: "INK-1"), stale, compliantAgreement(id: "SUB-3", kvk: "07654321"),
        ])
        let assessment = try DefaultRules.loaded.get().assess(register)
        #expect(assessment.contractors.map(\.verdict) == [.severity(.agendapunt), .inOrde])
        #expect(assessment.contractors.first?.agreements.map(\.agreement.id) == ["INK-1", "INK-2"])
    }

    @Test("a waived failure stays visible but no longer counts; an expired waiver does not apply")
    func waivers() throws {
        let fixture = try RulesFixture()
        try fixture.write("""
            version: 1
            waivers:
              - {rule: LVAK-KEURMERK, agreement: INK-1, reason: Hercertificering, approved-by: Wethouder, expires: 2018-03-31}
              - {rule: TRAINING-VERANTWOORD, contractor: "01234567", reason: Oud, approved-by: Wethouder, expires: 2017-06-30}
            """, to: "waivers.yml")
        var agreement = compliantAgreement()
        agreement.keurmerk?.validUntil = Day(iso: "2017-06-30")!
        agreement.training?.reported = Day(iso: "2016-01-01")
        let assessment = try fixture.loader().load().assess(
            Register(municipality: "Groningen", referenceDate: peildatum, agreements: [agreement]))
        let results = try #require(assessment.agreements.first)
        #expect(status("LVAK-KEURMERK", results) == .waived)
        #expect(results.results.first { $0.rule.id == "LVAK-KEURMERK" }?.waiver?.waivedStatus == .fail)
        #expect(status("TRAINING-VERANTWOORD", results) == .fail)
        #expect(results.findings.map(\.rule.id) == ["TRAINING-VERANTWOORD", "LVAK-KEURMERK"])
        #expect(assessment.waiverNotices.map(\.kind) == [.expired])
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
        #expect(try RuleSetLoader(profile: "default").load().assess(agreement, on: peildatum).verdict == .severity(.indringendGesprek))
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
