@testable import ComplianceAudit
import ComplianceRules
import Foundation
import TestSupport
import Testing

enum Repository {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func sampleRequest(meldingen: [String] = ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"],
                              profile: String? = nil) -> AuditRequest {
        AuditRequest(registerFile: path("samples/register.xml"), meldingenFiles: meldingen.map(path),
                     rules: RuleSetLoader(profile: profile, waiversFile: path("samples/waivers.yml")))
    }
}

extension AuditResult {
    /// "kvk source" for every flagged contractor and source.
    var flagged: Set<String> {
        Set(assessment.contractors.flatMap { contractor in
            contractor.meldingen.filter { MeldingenOutcome($0).isFlagged }
                .map { "\(contractor.contractor.kvk) \($0.figures.source.rawValue)" }
        })
    }

    func indicator(_ indicator: Indicator) -> Decimal? {
        indicators.first { $0.indicator == indicator }?.value ?? nil
    }
}

@Suite("The audit of the samples")
struct SampleAuditTests {
    @Test("the indicators read as the 2017 annual report: 937, 259, 124 and 47.9%")
    func indicators() async throws {
        let result = try await Audit.run(Repository.sampleRequest())
        #expect(result.indicator(.meldingen) == 937)
        #expect(result.indicator(.uniekeMeldingen) == 259)
        #expect(result.indicator(.hermeldingen) == 124)
        #expect(HumanFormat.dutch.percent(try #require(result.indicator(.hermeldingPercentage))) == "47,9%")
        #expect(result.indicator(.adviesvragen) == 412)
    }

    @Test("the designed shortfalls are found: the zero an alarm, the others alerts in a small, lopsided group")
    func flagged() async throws {
        let result = try await Audit.run(Repository.sampleRequest())
        #expect(result.flagged == ["06789012 verwijsindex"])
        let levels = Dictionary(uniqueKeysWithValues: result.assessment.contractors.flatMap { contractor in
            contractor.meldingen.compactMap { meldingen in
                meldingen.figures.funnel.map { ("\(contractor.contractor.kvk) \(meldingen.figures.source.rawValue)", $0.level) }
            }
        })
        for alert in ["04567890 veilig-thuis", "07890123 veilig-thuis", "10123456 veilig-thuis", "11234567 veilig-thuis"] {
            #expect(levels[alert] == .alert, "\(alert)")
        }
        #expect(levels.values.filter { $0 == .alarm || $0 == .alert }.count == 5)
        // 20 Veilig Thuis contractors are judged; 4 of them are designed shortfalls, so the spread is estimated wide.
        let funnel = try #require(result.funnels[.veiligThuis])
        #expect(funnel.n == 20)
        #expect(funnel.overdispersionEstimated)
        #expect(abs(funnel.tau2.squareRoot() - 0.151) < 0.001)
        #expect(result.funnels[.verwijsindex]?.overdispersionEstimated == false)
    }

    @Test("a flagged contractor's finding carries its evidence")
    func evidence() async throws {
        let result = try await Audit.run(Repository.sampleRequest())
        let wegwijzer = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber("04567890") })
        let veiligThuis = try #require(wegwijzer.meldingen.first { $0.figures.source == .veiligThuis })
        let finding = try #require(veiligThuis.results.first { $0.rule.id == "MELDINGEN-ONDER-VERWACHTING" })
        #expect(finding.status == .fail)
        #expect(finding.severity == .agendapunt)
        #expect(veiligThuis.figures.expected?.count == 8)
        #expect(veiligThuis.figures.actual == 2)
        #expect(veiligThuis.details(of: finding)?.explanation
                == "werkelijk 2, verwacht 8 (25% van de verwachting); de 95%-ondergrens ligt bij deze verwachting op 2,4")
    }

    @Test("a waiver of a meldingen rule waives the contractor's shortfall; one where nothing falls short is refused")
    func meldingenWaiver() async throws {
        let directory = Scratch.directory("waivers")
        defer { try? FileManager.default.removeItem(at: directory) }
        func request(waiving kvk: String) throws -> AuditRequest {
            let file = directory.appendingPathComponent("waivers-\(kvk).yml")
            try (String(contentsOfFile: Repository.path("samples/waivers.yml"), encoding: .utf8) + """
                  - rule: MELDINGEN-ACHTERSTAND
                    contractor: "\(kvk)"
                    reason: Nieuw aangesloten op de verwijsindex.
                    approved-by: Accountmanager jeugd
                    expires: 2018-06-30

                """).write(to: file, atomically: true, encoding: .utf8)
            var request = Repository.sampleRequest()
            request.rules = RuleSetLoader(profile: nil, waiversFile: file.path)
            return request
        }
        let result = try await Audit.run(try request(waiving: "06789012"))
        let noorderland = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber("06789012") })
        let verwijsindex = try #require(noorderland.meldingen.first { $0.figures.source == .verwijsindex })
        #expect(verwijsindex.results.first { $0.rule.id == "MELDINGEN-ACHTERSTAND" }?.status == .waived)
        await #expect(throws: AuditError.self) { try await Audit.run(try request(waiving: "03456789")) }
    }

    @Test("too little expected to judge is said so, not passed or flagged")
    func tooFewExpected() async throws {
        let result = try await Audit.run(Repository.sampleRequest())
        let zonnetje = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber("03456789") })
        #expect(zonnetje.meldingen.map(MeldingenOutcome.init) == [.tooFewExpected, .noExpectation])
    }

    @Test("far below expectation without the meldingen condition agreed is said so: not in line, not flagged")
    func shortfallNotAgreed() async throws {
        let register = try String(contentsOfFile: Repository.path("samples/register.xml"), encoding: .utf8)
        let withoutMeldingen = register.replacingOccurrences(of: " meldingen\" since=", with: "\" since=")
        #expect(withoutMeldingen.components(separatedBy: "meldingen\" since=").count == 1)
        let file = Scratch.file("register.xml")
        try Data(withoutMeldingen.utf8).write(to: file)
        var request = Repository.sampleRequest()
        request.registerFiles = [file.path]
        request.rules.waiversFile = nil
        let result = try await Audit.run(request)
        func outcome(_ kvk: String, _ source: MeldingSource) throws -> (FunnelModel.Level?, MeldingenOutcome) {
            let contractor = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber(kvk) })
            let meldingen = try #require(contractor.meldingen.first { $0.figures.source == source })
            #expect(meldingen.results.allSatisfy { $0.status == .notAgreed || $0.status == .notApplicable })
            return (meldingen.figures.funnel?.level, MeldingenOutcome(meldingen))
        }
        // Noorderland College signals nothing of 10 expected; Jeugdzorg Ommeland reports 4 of 20.5.
        #expect(try outcome("06789012", .verwijsindex) == (.alarm, .shortfallNotAgreed))
        #expect(try outcome("07890123", .veiligThuis) == (.alert, .belowExpectationNotAgreed))
        #expect(try outcome("01234567", .veiligThuis).1 == .inLine)
        #expect(result.flagged.isEmpty)
        // Before contract talks the check names the shortfall as a condition still to agree and
        // not met now; the decision stays with what is agreed.
        let report = AuditReport(result)
        let check = try #require(ContractCheck(report, kvk: "06789012"))
        let shortfall = try #require(check.unmetIfAgreed?.first { $0.ruleId == "MELDINGEN-ACHTERSTAND" })
        #expect(shortfall.source == .verwijsindex && shortfall.status == .fail && shortfall.ifAgreed == .fail)
        #expect(shortfall.explanation?.hasPrefix("werkelijk 0, verwacht 10") == true)
        #expect(check.unmet.allSatisfy { $0.ruleId != "MELDINGEN-ACHTERSTAND" })
        #expect(try rendered(.check(check), "text").contains(
            "Verwijsindex: ver onder de verwachting, buiten de 99,8%-grens: werkelijk 0, verwacht 10 (0% van de verwachting)"))
    }

    @Test("a shortfall no rule in force judges, because the profile switched the rule off, is said so: not in line, not flagged")
    func shortfallNotJudged() async throws {
        let profile = Scratch.file("zonder-achterstand.yml")
        try Data("""
            version: 1
            name: Zonder achterstand
            rule-files: [meldcode.yml, verwijsindex.yml, aandachtsfunctionaris.yml, kwaliteit.yml, training.yml, meldingen.yml]
            rules:
              MELDINGEN-ACHTERSTAND: {enabled: false}
            """.utf8).write(to: profile)
        var request = Repository.sampleRequest()
        request.rules = RuleSetLoader(profile: profile.path, waiversFile: nil)
        let result = try await Audit.run(request)
        func outcome(_ kvk: String, _ source: MeldingSource) throws -> (FunnelModel.Level?, MeldingenOutcome) {
            let contractor = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber(kvk) })
            let meldingen = try #require(contractor.meldingen.first { $0.figures.source == source })
            return (meldingen.figures.funnel?.level, MeldingenOutcome(meldingen))
        }
        // Noorderland College signals nothing of 10 expected: an alarm, and only the rule for alerts is on.
        #expect(try outcome("06789012", .verwijsindex) == (.alarm, .shortfallNotJudged))
        // Jeugdzorg Ommeland's alert is still the other rule's finding.
        #expect(try outcome("07890123", .veiligThuis) == (.alert, .belowExpectation))
        #expect(try outcome("01234567", .veiligThuis).1 == .inLine)
        #expect(result.flagged.isEmpty)
    }

    @Test("a source without an export is geen gegevens: never zero meldingen, never a shortfall")
    func noExport() async throws {
        let result = try await Audit.run(Repository.sampleRequest(meldingen: ["samples/veilig-thuis-2017.xml"]))
        let noorderland = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber("06789012") })
        let verwijsindex = try #require(noorderland.meldingen.first { $0.figures.source == .verwijsindex })
        #expect(verwijsindex.figures.actual == nil)
        #expect(MeldingenOutcome(verwijsindex) == .noData)
        #expect(!result.flagged.contains { $0.hasSuffix("verwijsindex") })
        #expect(result.indicator(.signalen) == nil)
    }

    @Test("meldingen from organisations without an agreement are listed by KvK number")
    func unattributed() async throws {
        let result = try await Audit.run(Repository.sampleRequest())
        #expect(result.unattributed[.veiligThuis]?.map(\.kvk.description) == ["55501234", "55509876"])
        #expect(result.unattributed[.veiligThuis]?.map(\.count.counted) == [7, 8])
    }

    @Test("the 30-day rule is applied to the sample: Jeugdhulp Noord's repeat within 10 days counts once")
    func thirtyDaysInSample() async throws {
        let result = try await Audit.run(Repository.sampleRequest())
        let count = try #require(result.exports[.veiligThuis]?.reporters[KvKNumber("01234567")!])
        #expect(count.received == 12)
        #expect(count.counted == 11)
    }

    @Test("a profile's targets mark indicators behaald or niet behaald")
    func targets() async throws {
        let result = try await Audit.run(Repository.sampleRequest(profile: "groningen"))
        let met = Dictionary(uniqueKeysWithValues: result.indicators.map { ($0.indicator, $0.met) })
        #expect(met[.meldingen] == true)              // 937 > 400
        #expect(met[.hermeldingPercentage] == .some(nil))  // the Jaarverslag states no target for it
        #expect(met[.uniekeMeldingen] == .some(nil))
        // The text and HTML show target columns only where the profile sets a target.
        let report = AuditReport(result)
        #expect(try rendered(.audit(report), "text").contains("Meldingen (met politie-zorgmeldingen)         937  > 400  behaald"))
        #expect(try rendered(.audit(report), "html").contains("<th>Doel</th>"))
        let standard = try await ReportTests.report
        for format in ["text", "html"] {
            #expect(try !rendered(.audit(standard), format).contains("Doel"), "\(format)")
        }
    }

    @Test("no case key or melding id from the exports appears in any report format")
    func noCaseKeys() async throws {
        var keys = Set<String>()
        for file in ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"] {
            let export = try String(contentsOfFile: Repository.path(file), encoding: .utf8)
            keys.formUnion(export.matches(of: #/case="([0-9a-f]+)"/#).map { String($0.1) })
        }
        #expect(keys.count > 500)
        let result = try await Audit.run(Repository.sampleRequest())
        let report = AuditReport(result)
        var outputs: [String] = []
        for reporter in Reporters.all {
            outputs.append(try rendered(.audit(report), reporter.id))
            for contractor in report.contractors {
                outputs.append(try rendered(.brief(try #require(ContractorBriefing(report, kvk: contractor.kvk))), reporter.id))
                outputs.append(try rendered(.check(try #require(ContractCheck(report, kvk: contractor.kvk))), reporter.id))
            }
        }
        for output in outputs {
            #expect(!keys.contains { output.contains($0) })
            #expect(!output.contains("VT-2017-") && !output.contains("VI-2017-"))
        }
    }
}
