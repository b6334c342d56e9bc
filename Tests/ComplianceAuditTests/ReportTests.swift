@testable import ComplianceAudit
import ComplianceRules
import ContractImport
import Foundation
import TestSupport
import Testing

@Suite("The reports of the samples")
struct ReportTests {
    static let audit = Task { try await Audit.run(Repository.sampleRequest()) }
    static var result: AuditResult { get async throws { try await audit.value } }
    static var report: AuditReport { get async throws { AuditReport(try await result) } }

    @Test("the text report is pinned")
    func text() async throws {
        try await expectSnapshot(Data(try rendered(.audit(Self.report), "text").utf8), named: "audit.txt")
    }

    @Test("the JSON report is pinned")
    func json() async throws {
        try await expectSnapshot(Data(try rendered(.audit(Self.report), "json").utf8), named: "audit.json")
    }

    @Test("the CSV report is pinned: UTF-8 with BOM, ';' between fields")
    func csv() async throws {
        let data = try await CSVReporter().render(.audit(Self.report), RenderSettings())
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        try expectSnapshot(data, named: "audit.csv")
    }

    @Test("the HTML report is pinned")
    func html() async throws {
        try await expectSnapshot(Data(try rendered(.audit(Self.report), "html").utf8), named: "audit.html")
    }

    @Test("a check and a briefing are pinned in text")
    func checkAndBrief() async throws {
        let report = try await Self.report
        try expectSnapshot(Data(try rendered(.check(try #require(ContractCheck(report, kvk: "07890123"))), "text").utf8), named: "check.txt")
        try expectSnapshot(Data(try rendered(.brief(try #require(ContractorBriefing(report, kvk: "12345678"))), "text").utf8), named: "brief.txt")
    }

    @Test("the same inputs and rules give byte-identical JSON")
    func deterministic() async throws {
        let first = try await JSONReporter().render(.audit(AuditReport(try Audit.run(Repository.sampleRequest()))), RenderSettings())
        let second = try await JSONReporter().render(.audit(AuditReport(try Audit.run(Repository.sampleRequest()))), RenderSettings())
        #expect(first == second)
    }

    @Test("the JSON has the documented shape, with every input fingerprinted as it was read")
    func jsonShape() async throws {
        let object = try await #require(try JSONSerialization.jsonObject(with: Data(try rendered(.audit(Self.report), "json").utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 4)
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["referenceDate"] as? String == "2017-12-31")
        let inputs = try #require(run["inputs"] as? [[String: Any]])
        #expect(Set(inputs.compactMap { $0["kind"] as? String }) == ["register", "meldingen", "rules", "profile", "waivers", "rates"])
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let contractors = try #require(object["contractors"] as? [[String: Any]])
        let meldingen = try #require(contractors.first?["meldingen"] as? [[String: Any]])
        for key in ["expected", "expectedBasis", "actual", "ratio", "z", "zAdjusted", "level", "limits", "flagged", "outcome"] {
            #expect(meldingen.first?.keys.contains(key) == true, "meldingen lacks \(key)")
        }
        let finding = try #require(contractors.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }.first { $0["agreementId"] is String })
        for key in ["agreementId", "location", "ruleId", "status", "severity", "evidence", "advice"] {
            #expect(finding.keys.contains(key), "a finding lacks \(key)")
        }
        #expect((finding["location"] as? String)?.hasPrefix("samples/register.xml:") == true
                || (finding["location"] as? String)?.contains("/samples/register.xml:") == true)
    }

    @Test("the register's digest is of the bytes that were parsed, and equals the file's SHA-256")
    func digestWhileParsing() async throws {
        let report = try await Self.report
        let register = try #require(report.run.inputs.first { $0.kind == .register })
        let direct = try InputFile.fingerprint(kind: .register, path: Repository.path("samples/register.xml"))
        #expect(register.sha256 == direct.sha256)
    }

    @Test("a long input is hashed beside its read, in any chunks, and a restart forgets what came before")
    func digestOfLongInput() {
        // FIPS 180-2's vector: one million times "a"; and the empty input.
        let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let hasher = InputHasher()
        let restarted = InputHasher()
        let b = [UInt8](repeating: 0x62, count: 600_000)
        b.withUnsafeBytes { restarted.observe($0) }
        restarted.restart()
        var fed = 0
        for size in [1, 4_000, 65_536, 300_000, 7] + Array(repeating: 100_000, count: 7) {
            let chunk = [UInt8](repeating: 0x61, count: min(size, 1_000_000 - fed))
            chunk.withUnsafeBytes { hasher.observe($0); restarted.observe($0) }
            fed += chunk.count
        }
        let rest = [UInt8](repeating: 0x61, count: 1_000_000 - fed)
        rest.withUnsafeBytes { hasher.observe($0); restarted.observe($0) }
        #expect(hasher.hexDigest == millionA)
        #expect(restarted.hexDigest == millionA)
        #expect(InputHasher().hexDigest == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("an input that cannot be read fails the fingerprint instead of hashing nothing")
    func unreadableFingerprint() {
        #expect(throws: ImportError.self) { try InputFile.fingerprint(kind: .rules, path: "/nonexistent/rules.yml") }
    }

    @Test("geen gegevens is null in JSON, never 0; unknown Verwijsindex adviesvragen are null")
    func nullForNoData() async throws {
        let result = try await Audit.run(Repository.sampleRequest(meldingen: ["samples/veilig-thuis-2017.xml"]))
        let text = try rendered(.audit(AuditReport(result)), "json")
        #expect(text.contains("\"actual\" : null"))
        #expect(text.contains("\"outcome\" : \"no-data\""))
        let full = try await Self.report
        #expect(full.unattributed.filter { $0.source == .verwijsindex }.allSatisfy { $0.adviesvragen == nil })
        #expect(full.unattributed.filter { $0.source == .veiligThuis }.allSatisfy { $0.adviesvragen != nil })
    }

    @Test("every report says which rules its profile switched off, in the rule's own words; a profile that switches none off says nothing")
    func rulesOff() async throws {
        let report = try await Self.report
        // The default profile leaves the opt-in Keurmerk Meldcode off.
        #expect(report.run.rulesOff == [AuditReport.RuleOff(ruleId: "LVAK-KEURMERK", title: "De organisatie heeft een geldig Keurmerk Meldcode")])
        let line = "Uitgeschakeld in dit profiel, dus niet beoordeeld: De organisatie heeft een geldig Keurmerk Meldcode"
        let briefing = try #require(ContractorBriefing(report, kvk: "26789012"))
        let check = try #require(ContractCheck(report, kvk: "26789012"))
        for format in ["text", "html"] {
            #expect(try rendered(.audit(report), format).contains(line))
            #expect(try rendered(.brief(briefing), format).contains(line))
            #expect(try rendered(.check(check), format).contains(line))
        }
        #expect(try rendered(.check(check), "json").contains("\"ruleId\" : \"LVAK-KEURMERK\""))
        var request = Repository.sampleRequest()
        request.rules = RuleSetLoader(profile: "groningen")
        let groningen = AuditReport(try await Audit.run(request))
        #expect(groningen.run.rulesOff == [])
        #expect(try !rendered(.audit(groningen), "text").contains("Uitgeschakeld in dit profiel"))
    }

    @Test("the text's meldingen table lists the contractors in the verdict table's order, worst first")
    func meldingenInVerdictOrder() async throws {
        let report = try await Self.report
        let sections = try rendered(.audit(report), "text").components(separatedBy: "\n\n")
        func names(_ heading: String) throws -> [String] {
            let lines = try #require(sections.first { $0.hasPrefix(heading) }).split(separator: "\n").dropFirst(3)
            return lines.compactMap { line in
                report.contractors.outlines.map(\.name).filter { line.contains("  \($0)  ") }.max { $0.count < $1.count }
            }
        }
        let verdictOrder = try names("Oordeel per opdrachtnemer")
        var seen: [String] = []
        for name in try names("Meldingen en signalen: verwacht en werkelijk") where seen.last != name { seen.append(name) }
        #expect(verdictOrder.count == report.contractors.count)
        #expect(seen.count > 20)
        #expect(seen == verdictOrder.filter(seen.contains))
    }

    @Test("every point of a briefing and a check names the law, agreement or policy its rule rests on; the audit lists them all")
    func basisCited() async throws {
        let report = try await Self.report
        let rules = try #require(report.run.rules)
        // Every rule in force on the peildatum, and no other: the afwegingskader applies from 2019.
        #expect(rules.map(\.id) == rules.map(\.id).sorted())
        #expect(rules.contains { $0.id == "MELDCODE-AANWEZIG" && $0.basis.first?.hasPrefix("Wet verplichte meldcode") == true })
        #expect(!rules.contains { $0.id == "MELDCODE-AFWEGINGSKADER" || $0.id == "LVAK-KEURMERK" })
        let law = "Op grond van: Wet verplichte meldcode huiselijk geweld en kindermishandeling (in werking sinds 1 juli 2013); "
            + "Besluit verplichte meldcode huiselijk geweld en kindermishandeling"
        // Kinderdagverblijf Het Zonnetje has no meldcode: a legal duty.
        let briefing = try #require(ContractorBriefing(report, kvk: "03456789"))
        #expect(briefing.rules?.map(\.id) == briefing.agenda.map(\.ruleId).sorted())
        let check = try #require(ContractCheck(report, kvk: "03456789"))
        for format in ["text", "html"] {
            #expect(try rendered(.brief(briefing), format).contains(law))
            #expect(try rendered(.check(check), format).contains(law))
            #expect(try rendered(.audit(report), format).contains("Waarop de voorwaarden berusten"))
        }
        // Every agenda point of every briefing has its basis.
        for contractor in report.contractors.outlines {
            let briefing = try #require(ContractorBriefing(report, kvk: contractor.kvk))
            #expect(briefing.agenda.allSatisfy { briefing.basis(of: $0)?.isEmpty == false }, "\(contractor.kvk)")
        }
    }

    @Test("every string in the JSON is an id, a date, a place, a digest, a name from the input or a rule's own text")
    func jsonStringsAreIdentifiers() async throws {
        let result = try await Self.result
        let report = AuditReport(result)
        var allowed = Set<String>()
        allowed.formUnion(Verdict.allCases.map(\.rawValue) + Severity.allCases.map(\.rawValue) + ResultStatus.allCases.map(\.rawValue))
        allowed.formUnion(ContractingDecision.allCases.map(\.rawValue) + MeldingSource.allCases.map(\.rawValue))
        allowed.formUnion(MeldingenOutcome.allCases.map(\.rawValue) + Expectation.Kind.allCases.map(\.rawValue))
        allowed.formUnion(InputKind.allCases.map(\.rawValue) + WarningKind.allCases.map(\.rawValue) + WaiverNotice.Kind.allCases.map(\.rawValue))
        allowed.formUnion(AgreementType.allCases.map(\.rawValue) + Sector.allCases.map(\.rawValue) + Indicator.allCases.map(\.rawValue))
        allowed.formUnion(ReporterCategory.allCases.map(\.rawValue) + EvidenceField.allCases.map(\.rawValue))
        allowed.formUnion(FunnelModel.Level.allCases.map(\.rawValue) + ["spiegelhalter-sqrt"])
        allowed.formUnion(BasisKind.allCases.map(\.rawValue) + ContractCondition.allCases.map(\.rawValue) + TaskKind.allCases.map(\.rawValue))
        allowed.formUnion(report.municipalityTasks.map(\.id))
        allowed.formUnion(result.ruleSet.ruleTitles.keys)
        allowed.formUnion(result.ruleSet.ruleTitles.values)
        // Names from the input.
        let register = result.register
        allowed.formUnion([register.municipality, report.run.profile, report.run.profileFile, report.run.toolVersion, report.run.ruleSetVersion])
        allowed.formUnion(register.agreements.flatMap { [$0.id, $0.contractor.name, $0.contractor.kvk.description, $0.keurmerk?.scheme,
                                                          $0.kwaliteitskader?.scheme].compactMap { $0 } })
        allowed.formUnion(report.run.inputs.flatMap { [$0.path, $0.sha256] } + report.exports.flatMap { [$0.file, $0.region] })
        allowed.formUnion(report.unattributed.map(\.kvk))
        allowed.formUnion(result.ruleSet.waivers.flatMap { [$0.reason, $0.approvedBy] })
        allowed.formUnion(report.indicators.compactMap(\.target))
        // The rule files' own texts.
        allowed.formUnion(result.ruleSet.rules.flatMap { [$0.id, $0.title, $0.advice, $0.problem].compactMap { $0 } + $0.basis })
        allowed.formUnion(result.ruleSet.rules.flatMap(\.wordings.values).flatMap { [$0.title, $0.advice, $0.problem].compactMap { $0 } })
        // Finding ids are built from ids, in one place (FindingID).
        allowed.formUnion(report.contractors.flatMap(\.findings).map(\.id).filter { id in
            result.ruleSet.rules.contains { id.hasPrefix($0.id + "/") }
        })
        let place = #/^.+:\d+:\d+$/#
        let date = #/^\d{4}-\d{2}-\d{2}$/#
        var strange: [String] = []
        func walk(_ value: Any, key: String) {
            switch value {
            case let text as String:
                // A rule's explanation is the rule file's sentence with the values filled in.
                if key == "explanation" || allowed.contains(text) || text.wholeMatch(of: place) != nil || text.wholeMatch(of: date) != nil { return }
                strange.append("\(key): \(text)")
            case let object as [String: Any]: for (key, value) in object { walk(value, key: key) }
            case let array as [Any]: for value in array { walk(value, key: key) }
            default: return
            }
        }
        walk(try JSONSerialization.jsonObject(with: try JSONReporter().render(.audit(report), RenderSettings())), key: "")
        #expect(strange.isEmpty, "not an identifier, a date or a name: \(strange.prefix(10))")
        // Every explanation comes from a rule that has one.
        let explained = Set(report.contractors.flatMap(\.findings).filter { $0.explanation != nil }.map(\.ruleId))
        #expect(explained.isSubset(of: ["AANDACHTSFUNCTIONARIS-UREN", "AANDACHTSFUNCTIONARIS-GECONTROLEERD", "LVAK-KEURMERK", "MELDCODE-ACTUEEL",
                                        "MELDINGEN-ACHTERSTAND", "MELDINGEN-ONDER-VERWACHTING", "TRAINING-AANDEEL", "INTERVISIE-SESSIES", "VERWIJSINDEX-GEBRUIKT",
                                        "TRAINING-VERANTWOORD"]))
    }

    @Test("the HTML report needs nothing from outside: no external style, script, font or image")
    func selfContained() async throws {
        let html = try await rendered(.audit(Self.report), "html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        for forbidden in ["<script", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(forbidden), "the page contains \(forbidden)")
        }
    }

    @Test("the HTML charts every meldingen source, not only Veilig Thuis, each in its own words")
    func chartsEverySource() async throws {
        let html = try await rendered(.audit(Self.report), "html")
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("Trechter: werkelijk tegen verwacht aantal meldingen bij Veilig Thuis</h2>"))
        // Each source's figure in its own words: the verwijsindex counts signals, not meldingen.
        #expect(html.contains("Trechter: werkelijk tegen verwacht aantal signalen in de verwijsindex</h2>"))
        #expect(html.contains("met ten minste 5 verwachte signalen; dat zijn er minder dan 10"))
    }

    @Test("a table of expected and actual counts is headed by what its rows count: meldingen, signals, or both")
    func expectedActualHeading() async throws {
        #expect(Phrase.expectedActual([MeldingSource.veiligThuis]).words.nl == "Meldingen: verwacht en werkelijk")
        #expect(Phrase.expectedActual([MeldingSource.verwijsindex]).words.nl == "Signalen in de verwijsindex: verwacht en werkelijk")
        #expect(Phrase.expectedActual([MeldingSource.veiligThuis, .verwijsindex]).words.en == "Meldingen and signals: expected and actual")
        #expect(Phrase.expectedActual([MeldingSource]()).words.nl == "Meldingen: verwacht en werkelijk")
        let report = try await Self.report
        #expect(try rendered(.audit(report), "text").contains("\nMeldingen en signalen: verwacht en werkelijk (per opdrachtnemer"))
        let briefing = try #require(ContractorBriefing(report, kvk: "06789012"))
        #expect(try rendered(.brief(briefing), "text").contains("\nMeldingen en signalen: verwacht en werkelijk\n"))
        #expect(try rendered(.brief(briefing), "html").contains("<h3>Meldingen en signalen: verwacht en werkelijk</h3>"))
    }

    @Test("one rounding rule: the expectation reads the same in the table and in the finding")
    func oneRounding() async throws {
        let text = try await rendered(.audit(Self.report), "text")
        #expect(text.contains("20,5"))
        #expect(!text.contains("20,45") && !text.contains("20.45"))
    }

    @Test("Dutch reports write Dutch numbers and dates; English reports English ones")
    func numberAndDateFormats() async throws {
        let dutch = try await rendered(.audit(Self.report), "text")
        #expect(dutch.contains("47,9%") && dutch.contains("31-12-2017") && dutch.contains("1.349 records"))
        #expect(dutch.contains("onder de verwachting, buiten de 95%-grens"))
        let english = try await rendered(.audit(Self.report), "text", .en)
        #expect(english.contains("47.9%") && english.contains("31 December 2017") && english.contains("1,349 records"))
    }

    @Test("an English report states a meldingen finding's figures, which the Dutch one gives in the rule's explanation")
    func meldingenFiguresInEnglish() async throws {
        let report = try await Self.report
        let dutch = try rendered(.audit(report), "text")
        #expect(dutch.contains("werkelijk 2, verwacht 8 (25% van de verwachting); de 95%-ondergrens ligt bij deze verwachting op 2,4"))
        let figures = "below expectation, outside the 95% limit; actual number: 2; expected number: 8; actual as a share of expected: 25%; 95% lower limit: 2.4"
        let verslavingszorg = try #require(report.contractors.first { $0.name == "Verslavingszorg Eemsland" })
        for document in [ReportDocument.audit(report), .check(try #require(ContractCheck(report, kvk: verslavingszorg.kvk))),
                         .brief(try #require(ContractorBriefing(report, kvk: verslavingszorg.kvk)))] {
            #expect(try rendered(document, "text", .en).contains(figures))
        }
    }
}

@Suite("Words an officer reads")
struct VocabularyTests {
    /// Every report, check and briefing of the samples in one format and language.
    static func everything(_ format: String, _ language: ReportLanguage) async throws -> [String] {
        let report = try await ReportTests.report
        var outputs = [try rendered(.audit(report), format, language)]
        for contractor in report.contractors {
            outputs.append(try rendered(.check(try #require(ContractCheck(report, kvk: contractor.kvk))), format, language))
            outputs.append(try rendered(.brief(try #require(ContractorBriefing(report, kvk: contractor.kvk))), format, language))
        }
        return outputs
    }

    /// The output less what is quoted from the input and the rule files: names, paths, rule texts.
    static func ownWords(_ output: String) async throws -> String {
        let result = try await ReportTests.result
        let report = AuditReport(result)
        var quoted = result.ruleSet.rules.flatMap { [$0.title, $0.advice, $0.problem].compactMap { $0 } + $0.basis }
        quoted += report.contractors.flatMap { $0.findings.compactMap(\.explanation) + [$0.name] }
        quoted += result.ruleSet.waivers.map(\.reason)
        quoted += report.run.inputs.map(\.path) + [report.run.profileFile, Repository.root.path, "http://www.w3.org/2000/svg"]
        var text = output
        if text.hasPrefix("<!DOCTYPE html>") {
            // What a reader sees: no style sheet, no tags or attributes.
            text = text.replacingOccurrences(of: #"<style>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
                .replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        }
        for quote in quoted.sorted(by: { $0.count > $1.count }) { text = text.replacingOccurrences(of: quote, with: " ") }
        return text.replacingOccurrences(of: #"[^\s(]+:\d+:\d+"#, with: " ", options: .regularExpression)
    }

    @Test("no report shows a raw field path or a code id", arguments: ["text", "csv", "html"], ReportLanguage.allCases)
    func noFieldPaths(format: String, language: ReportLanguage) async throws {
        let ruleIDs = try await ReportTests.result.ruleSet.rules.map(\.id)
        for output in try await Self.everything(format, language) {
            let own = try await Self.ownWords(output)
            let paths = own.matches(of: #/\b[a-z]+\.[a-z-]+\b/#).map { String($0.0) }
            #expect(paths.isEmpty, "field paths: \(paths.prefix(5))")
            #expect(!ruleIDs.contains { own.contains($0) }, "a rule id is shown")
            for id in ["missing-evidence", "not-applicable", "in-orde", "indringend-gesprek", "no-data", "too-few-expected", "veilig-thuis"] {
                #expect(!own.contains(id), "the code id \(id) is shown")
            }
        }
    }

    @Test("Dutch reports leak no English words", arguments: ["text", "csv", "html"])
    func noEnglishInDutch(format: String) async throws {
        let leaks = ["shortfall", "waived", "agreed", "modelled", "agreement", "subsidy", "expired", "fail", "pass", "unknown",
                     "error", "warning", "missing", "evidence", "none", "true", "false", "null", "ratio"]
        for output in try await Self.everything(format, .nl) {
            let own = try await Self.ownWords(output)
            for word in leaks where own.firstMatch(of: try Regex("\\b\(word)\\b").ignoresCase()) != nil {
                Issue.record("the English word '\(word)' in a Dutch \(format) report")
            }
        }
    }

    /// Every word of the vocabulary.
    static var vocabulary: [Words] {
        var words: [Words] = Verdict.allCases.map(\.words) + ResultStatus.allCases.map(\.words) + ContractingDecision.allCases.map(\.words)
        words += MeldingSource.allCases.map(\.words) + MeldingenOutcome.allCases.map(\.words) + Expectation.Kind.allCases.map(\.words)
        words += InputKind.allCases.map(\.words) + WarningKind.allCases.map(\.words)
        words += AgreementType.allCases.map(\.words) + Sector.allCases.map(\.words) + ReporterCategory.allCases.map(\.words)
        words += WaiverNotice.Kind.allCases.map(\.words) + Indicator.allCases.map(\.words) + EvidenceField.allCases.map(\.words)
        words += EvidenceField.allCases.compactMap(\.yesNo).flatMap { [$0.yes, $0.no] }
        words += BasisKind.allCases.map(\.words) + ContractCondition.allCases.map(\.words) + FunnelModel.Level.allCases.map(\.words)
        let phrases: [Phrase] = [
            .auditTitle, .checkTitle, .briefTitle, .referenceDate, .profile, .register, .region, .until, .and, .yes, .no,
            .noExportGiven, .warnings, .kvk, .contractor, .agreementsShort, .verdict, .verdictPerContractor, .source, .expected,
            .basis, .actual, .share, .chance, .outcome, .meldingenTableNote,
            .expectedActual(meldingen: true, signalen: false), .expectedActual(meldingen: true, signalen: true),
            .expectedActual(meldingen: false, signalen: true), .indicator, .value, .target,
            .met, .targetMet, .targetNotMet, .indicators, .indicatorsNote, .reporterCategory, .meldingen, .meldingenPerCategory,
            .findings, .noFindings, .meldingenOrSignals, .adviesvragen, .unattributed, .waivers, .waivedUntil, .waivedUntilHeading,
            .unproven, .waived, .cannotJudge, .notMet, .decision, .allConditionsMet, .allMetOrWaived, .conditionsNotMet, .askFor,
            .proposedAgenda, .noAgenda, .agreement, .agreements, .kind, .sector, .term, .summary, .chartTitle(.veiligThuis), .chartTitle(.verwijsindex), .chartLegend,
            .inputs, .madeWith, .status, .severity, .rule, .explanation, .advice, .location, .basisKind, .municipalityTasks,
            .municipalityTasksNote, .notAgreedLine, .agreedLaterLine(date: "1-1-2018"), .laterConditions, .rulesOff, .basedOn, .rulesBasis, .rulesBasisNote,
            .writeIntoContract, .runsUntil, .overdueSince, .notSupplied, .tooLongAgo, .noneOnRecord(.checkAandachtsfunctionaris), .noneOnRecord(.requestTrainingAccount),
            .conditionsAfterEnd(agreement: "INK-1", contractor: "Jeugdhulp Noord B.V.", since: "1-1-2019", end: "31-12-2018", location: "register.xml:3:3"),
            .alarmLimit,
        ]
        return words + phrases.map(\.words)
    }

    @Test("a word is the same in Dutch and English only when it is a domain word or a name")
    func sameOnlyForDomainWords() {
        let domain: Set<String> = ["indringend gesprek", "Veilig Thuis", "Verwijsindex", "meldcode", "kindcheck", "KvK", "Meldingen", "Keurmerk Meldcode",
                                   "Sector", "sector", "Indicator", "Status", "register", "Register", "records", "record", "sport",
                                   "Unieke meldingen"]
        for words in Self.vocabulary where words.nl == words.en {
            #expect(domain.contains(words.nl), "'\(words.nl)' has no English")
        }
    }

    @Test("English reports leak none of the vocabulary's Dutch", arguments: ["text", "csv", "html"])
    func noDutchInEnglish(format: String) async throws {
        let dutch = Set(Self.vocabulary.filter { $0.nl != $0.en && $0.nl.count >= 4 }.map(\.nl))
        for output in try await Self.everything(format, .en) {
            let own = try await Self.ownWords(output)
            for phrase in dutch where own.firstMatch(of: try Regex("\\b\(NSRegularExpression.escapedPattern(for: phrase))\\b")) != nil {
                Issue.record("the Dutch '\(phrase)' in an English \(format) report")
            }
        }
    }

    @Test("every English report, check and briefing says that the rule texts it quotes are Dutch; a Dutch one does not",
          arguments: ["text", "csv", "html"])
    func ruleTextsSaidDutch(format: String) async throws {
        let note = "The conditions' titles, explanations and advice are quoted in Dutch"
        for output in try await Self.everything(format, .en) { #expect(output.contains(note)) }
        for output in try await Self.everything(format, .nl) { #expect(!output.contains(note)) }
    }

    @Test("singular and plural: 1 overeenkomst, 2 overeenkomsten")
    func plurals() {
        #expect(ReportLanguage.nl.count(1, .agreement) == "1 overeenkomst")
        #expect(ReportLanguage.nl.count(2, .agreement) == "2 overeenkomsten")
        #expect(ReportLanguage.nl.count(1, .intervisie) == "1 intervisiebijeenkomst")
        #expect(ReportLanguage.en.count(1_349, .record) == "1,349 records")
    }

    @Test("a missing value gets its own sentence: never 'ontbreekt van ontbreekt'")
    func missingValues() async throws {
        for output in try await Self.everything("text", .nl) {
            #expect(!output.contains("ontbreekt van"))
            #expect(!output.contains("niet aangeleverd: niet aangeleverd"))
        }
        let text = try await rendered(.audit(ReportTests.report), "text")
        #expect(text.contains("niet aangeleverd: aantal medewerkers en aantal geschoolden"))
        #expect(text.contains("Rouvoet-kwaliteitskader: niet conform"))
    }

    @Test("evidence supplied too long ago is said with its date, never as not supplied")
    func staleEvidence() async throws {
        let report = try await ReportTests.report
        // GGZ Hunzedal's aandachtsfunctionaris was last checked on 1 September 2016, more than a year before the peildatum.
        var finding = try #require(report.contractors.flatMap(\.findings).first { $0.id == "AANDACHTSFUNCTIONARIS-GECONTROLEERD/INK-2017-0021" })
        #expect(finding.status == .missingEvidence)
        #expect(finding.why(.nl) == "datum laatste controle werking aandachtsfunctionaris: 01-09-2016, te lang geleden")
        #expect(finding.why(.en).hasSuffix(": 1 September 2016, too long ago"))
        // Beside a field not supplied at all, each in its own words.
        finding.missing.insert(.aandachtsfunctionarisHours, at: 0)
        finding.evidence.append(AuditReport.EvidenceEntry(field: .aandachtsfunctionarisHours, value: nil))
        #expect(finding.why(.nl) == "niet aangeleverd: uren aandachtsfunctionaris per week; "
                + "datum laatste controle werking aandachtsfunctionaris: 01-09-2016, te lang geleden")
    }

    @Test("agenda points say what is wrong and what to ask, not the norm; check never says 'Vraag … Vraag'")
    func agendaWords() async throws {
        let report = try await ReportTests.report
        let brief = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "07890123"))), "text")
        #expect(brief.contains("1. [agendapunt, lokaal beleid] Het aantal meldingen ligt duidelijk onder wat is verwacht"))
        #expect(!brief.contains("ligt niet duidelijk onder"))
        let alarm = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "06789012"))), "text")
        #expect(alarm.contains("1. [indringend gesprek, contractvoorwaarde] Het aantal signalen in de verwijsindex blijft wezenlijk achter bij wat is verwacht"))
        #expect(alarm.contains("Verwijsindex: ver onder de verwachting, buiten de 99,8%-grens: werkelijk 0, verwacht 10"))
        // A shortfall of signals is not one of meldingen at Veilig Thuis, and is not asked about as one.
        #expect(alarm.contains("Advies: Bespreek in een indringend gesprek waarom er minder signalen in de verwijsindex worden afgegeven"))
        #expect(!alarm.contains("Het aantal meldingen") && !alarm.contains("advies gevraagd aan Veilig Thuis"))
        let check = try rendered(.check(try #require(ContractCheck(report, kvk: "03456789"))), "text")
        #expect(!check.contains("Vraag de opdrachtnemer: Vraag"))
    }

    @Test("every bundled rule says what is wrong when it is not met")
    func everyRuleHasAProblem() async throws {
        let rules = try await ReportTests.result.ruleSet.rules
        #expect(rules.allSatisfy { $0.problem != nil })
        #expect(rules.allSatisfy { rule in MeldingSource.allCases.allSatisfy { rule.wording(for: $0).problem != nil } })
    }

    @Test("numbers in Dutch: decimal comma, thousands point, p-values in words")
    func dutchNumbers() {
        let nl = HumanFormat.dutch
        #expect(nl.number(Decimal(string: "20.45")!) == "20,5")
        #expect(nl.number(1_349) == "1.349")
        #expect(nl.percent(Decimal(string: "0.4788")!) == "47,9%")
        #expect(nl.chance(0.00001) == "kleiner dan 1 op 10.000")
        #expect(nl.chance(0.0138) == "1 op 72")
        #expect(nl.date(Day(iso: "2017-12-31")!) == "31-12-2017")
        #expect(HumanFormat.english.date(Day(iso: "2017-12-31")!) == "31 December 2017")
    }
}

@Suite("check and brief")
struct BriefingTests {
    @Test("a contractor failing a blokkerend rule is niet contracteerbaar, and the check says why")
    func blocked() async throws {
        let check = try await #require(ContractCheck(try ReportTests.report, kvk: "03456789"))
        #expect(check.decision == .nietContracteerbaar)
        let text = try rendered(.check(check), "text")
        #expect(text.hasPrefix("Toets voor contractering: Kinderdagverblijf Het Zonnetje"))
        #expect(text.contains("Besluit: NIET CONTRACTEERBAAR"))
        #expect(text.contains("De organisatie heeft geen meldcode huiselijk geweld en kindermishandeling"))
        #expect(text.contains("Advies: Vraag de vastgestelde meldcode op"))
    }

    @Test("check writes a decision document in every format, the decision first", arguments: ["text", "json", "csv", "html"])
    func checkInEveryFormat(format: String) async throws {
        let check = try await #require(ContractCheck(try ReportTests.report, kvk: "03456789"))
        let output = try rendered(.check(check), format)
        switch format {
        case "json":
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(object["decision"] as? String == "niet-contracteerbaar")
            #expect((object["unmet"] as? [Any])?.count == 3)
            #expect(object["agenda"] == nil)
        case "html":
            #expect(output.contains("<h1>Toets voor contractering: Kinderdagverblijf Het Zonnetje</h1>"))
            #expect(output.contains("Besluit: niet contracteerbaar"))
            #expect(!output.contains("Briefing accountgesprek"))
        case "csv":
            #expect(output.contains("Besluit"))
            #expect(output.contains("niet contracteerbaar"))
        default:
            #expect(output.contains("Besluit: NIET CONTRACTEERBAAR"))
        }
    }

    @Test("a contractor with only lesser findings may be contracted on conditions; one without, freely")
    func decisions() async throws {
        let report = try await ReportTests.report
        #expect(ContractCheck(report, kvk: "07890123")?.decision == .onderVoorwaarden)
        #expect(ContractCheck(report, kvk: "08901234")?.decision == .contracteerbaar)
        #expect(try rendered(.check(try #require(ContractCheck(report, kvk: "08901234"))), "text").contains("Aan alle voorwaarden is voldaan."))
        #expect(ContractCheck(report, kvk: "99999999") == nil)
    }

    @Test("the brief's agenda comes from the findings, most severe first, one point per rule")
    func agenda() async throws {
        let briefing = try await #require(ContractorBriefing(try ReportTests.report, kvk: "07890123"))
        #expect(briefing.agenda.map(\.ruleId) == ["MELDINGEN-ONDER-VERWACHTING", "ROUVOET-KWALITEITSKADER"])
        #expect(briefing.agenda.last?.findingIds == ["ROUVOET-KWALITEITSKADER/INK-2017-0015", "ROUVOET-KWALITEITSKADER/INK-2017-0016"])
        #expect(try rendered(.brief(briefing), "text").contains("Voorgestelde agenda\n  1. [agendapunt, lokaal beleid]"))
    }

    @Test("a shortfall at both sources is two agenda points, each in its source's words and in the order found")
    func agendaPerSource() async throws {
        let result = try await ReportTests.result
        var report = AuditReport(result)
        let wijkteams = try #require(result.assessment.contractors.first { $0.contractor.kvk == KvKNumber("11234567") })
        let veiligThuis = try #require(wijkteams.meldingen.first { $0.figures.source == .veiligThuis })
        let shortfall = try #require(veiligThuis.results.first { $0.rule.id == "MELDINGEN-ONDER-VERWACHTING" })
        #expect(shortfall.status == .fail)
        // The same shortfall as the verwijsindex's, made as the report makes a finding about that source.
        let twin = AuditReport.finding(shortfall, id: "MELDINGEN-ONDER-VERWACHTING/verwijsindex", agreementID: nil, municipality: nil,
                                       source: .verwijsindex, location: nil, details: veiligThuis.details(of: shortfall))
        let index = try #require(report.contractors.firstIndex { $0.kvk == "11234567" })
        report.contractors[index].findings.append(twin)
        let briefing = try #require(ContractorBriefing(report, kvk: "11234567"))
        #expect(briefing.agenda.map(\.ruleId) == ["MELDINGEN-ONDER-VERWACHTING", "MELDINGEN-ONDER-VERWACHTING"])
        #expect(briefing.agenda.map(\.findingIds.count) == [1, 1])
        let text = try rendered(.brief(briefing), "text")
        #expect(text.contains("""
              1. [agendapunt, lokaal beleid] Het aantal meldingen ligt duidelijk onder wat is verwacht
                 Veilig Thuis: onder de verwachting
            """))
        #expect(text.contains("""
              2. [agendapunt, lokaal beleid] Het aantal signalen in de verwijsindex ligt duidelijk onder wat is verwacht
                 Verwijsindex: onder de verwachting
            """))
        #expect(text.contains("Advies: Bespreek in het accountgesprek hoe het melden gaat"))
        #expect(text.contains("Advies: Bespreek in het accountgesprek hoe het signaleren in de verwijsindex gaat"))
    }

    @Test("checking one agreement judges that agreement and the contractor's meldingen")
    func oneAgreement() async throws {
        let briefing = try await #require(ContractorBriefing(try ReportTests.report, agreementID: "INK-2017-0015"))
        #expect(briefing.contractor.agreements.map(\.id) == ["INK-2017-0015"])
        #expect(Set(briefing.contractor.findings.compactMap(\.agreementId)) == ["INK-2017-0015"])
        #expect(briefing.contractor.findings.contains { $0.ruleId == "MELDINGEN-ONDER-VERWACHTING" })
    }

    @Test("a waived finding stays visible in the check, marked as waived")
    func waived() async throws {
        let report = AuditReport(try await Audit.run(Repository.sampleRequest(profile: "groningen")))
        let check = try #require(ContractCheck(report, kvk: "13456789"))
        #expect(check.waived.map(\.ruleId) == ["LVAK-KEURMERK"])
        #expect(try rendered(.check(check), "text").contains("SUB-2017-0012: De organisatie heeft een geldig Keurmerk Meldcode — ontheffing tot 31-03-2018"))
    }
}

@Suite("The CSV report")
struct CSVReportTests {
    @Test("every contractor has a row with its meldingen figures, also one without findings")
    func everyContractor() async throws {
        let report = try await ReportTests.report
        let csv = try rendered(.audit(report), "csv")
        for contractor in report.contractors { #expect(csv.contains(contractor.kvk + ";")) }
        let ggd = try #require(csv.components(separatedBy: "\r\n").first { $0.hasPrefix("08901234;") })
        #expect(ggd.contains(";in orde;") && ggd.contains(";10;12;in lijn;6;5;in lijn;"))
    }

    @Test("the decimal separator follows the language")
    func decimals() async throws {
        let report = try await ReportTests.report
        #expect(try rendered(.audit(report), "csv").contains(";20,5;4;onder de verwachting;"))
        #expect(try rendered(.audit(report), "csv", .en).contains(";20.5;4;below expectation;"))
    }

    @Test("a cell that a spreadsheet would run as a formula is written as text", arguments: ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"])
    func formulas(value: String) {
        let cell = CSVReporter().field(value, separator: ";")
        #expect(cell.hasPrefix("'") || cell.hasPrefix("\"'"))
    }
}

@Suite("Writing reports")
struct ReportFileTests {
    @Test("the temporary file's name is hidden, unpredictable and recognisable as the tool's")
    func temporaryNames() {
        let names = (0..<1000).map { _ in ReportFile.temporaryName(for: "report.json") }
        #expect(Set(names).count == 1000)
        #expect(names.allSatisfy { $0.wholeMatch(of: #/\.report\.json\.compliance-audit-[0-9a-f]{16}\.tmp/#) != nil })
    }

    @Test("a report file appears whole, and a failed write leaves nothing behind")
    func atomic() throws {
        let directory = Scratch.directory("report-file")
        let target = directory.appendingPathComponent("report.json").path
        try ReportFile.write(Data("first".utf8), to: target)
        try ReportFile.write(Data("second".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test("a report of several writeback steps is written whole, its writing to disk started early where the system can")
    func earlyWriteback() throws {
        #if os(Linux)
        #expect(EarlyWriteback.isAvailable)
        #endif
        let directory = Scratch.directory("report-file")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.json").path
        // Pieces of an odd size, each marked with its number, over three steps and a bit.
        let pattern = (0..<1_000_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let pieces = (0...(3 * EarlyWriteback.step / pattern.count)).map { number in
            var piece = pattern
            piece[0] = UInt8(number)
            return piece
        }
        try ReportFile.write(to: target) { sink in
            for piece in pieces {
                sink.write(piece)
                try sink.flushIfFull()
            }
        }
        var expected = Data()
        for piece in pieces { expected.append(contentsOf: piece) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == expected)
    }

    @Test("a missing output directory is named in the error")
    func missingDirectory() throws {
        let directory = Scratch.directory("report-file").appendingPathComponent("missing")
        #expect {
            try ReportFile.write(Data("x".utf8), to: directory.appendingPathComponent("report.json").path)
        } throws: { error in
            "\(error)".contains(directory.path)
        }
    }

    @Test("a device is written to, never replaced; so is a link to one")
    func device() async throws {
        try ReportFile.write(Data("x".utf8), to: "/dev/null")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        let link = Scratch.directory("report-file").appendingPathComponent("out").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        try ReportFile.write(Data("x".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/null")
    }
}

@Suite("The municipality's own tasks")
struct MunicipalityTaskTests {
    static var tasks: [AuditReport.MunicipalityTaskEntry] { get async throws { try await ReportTests.report.municipalityTasks } }

    /// The samples audited with one text of their register replaced (which must occur), and the
    /// changed register's path.
    static func samplesAudited(replacing text: String, with replacement: String) async throws -> (report: AuditReport, register: String) {
        let sample = try String(contentsOfFile: Repository.path("samples/register.xml"), encoding: .utf8)
        let changed = sample.replacingOccurrences(of: text, with: replacement)
        #expect(changed != sample)
        let register = Scratch.file("register.xml")
        try changed.write(to: register, atomically: true, encoding: .utf8)
        var request = Repository.sampleRequest()
        request.registerFiles = [register.path]
        return (AuditReport(try await Audit.run(request)), register.path)
    }

    @Test("a contract condition not in the agreement becomes a task to write it in at the renewal")
    func agreeConditions() async throws {
        let task = try #require(try await Self.tasks.first { $0.id == "agree-conditions/SUB-2017-0039" })
        #expect(task.conditions == [.verwijsindex, .aandachtsfunctionaris, .training])
        #expect(task.due == "2017-12-31")
        // Without a record and without general terms, nothing is agreed.
        #expect(try await Self.tasks.first { $0.id == "agree-conditions/SUB-2017-0049" }?.conditions.contains(.meldcode) == true)
    }

    @Test("conditions the agreement contains from after the peildatum are not findings, and not a task: they are written in")
    func agreedLater() async throws {
        let report = try await ReportTests.report
        // INK-2017-0041 contains every condition from 01-01-2018, the peildatum is 31-12-2017.
        let leger = try #require(report.contractors.first { $0.kvk == "26789012" })
        let notAgreed = leger.findings.filter { $0.status == .notAgreed }
        #expect(!notAgreed.isEmpty)
        #expect(notAgreed.allSatisfy { $0.agreedFrom == "2018-01-01" })
        // The meldingen condition, agreed per contractor, takes the day from its agreement.
        #expect(notAgreed.contains { $0.source == .veiligThuis && $0.contractCondition == .meldingen })
        #expect(try await !Self.tasks.contains { $0.agreementId == "INK-2017-0041" })
        // Before contract talks they are still named: the new contract must contain them.
        #expect(try #require(ContractCheck(report, kvk: "26789012")).notAgreed == [.meldcode, .aandachtsfunctionaris, .training, .meldingen])
        #expect(try #require(ContractCheck(report, kvk: "24567890")).notAgreed == [.verwijsindex, .aandachtsfunctionaris, .training])
        let text = try rendered(.audit(report), "text")
        #expect(text.contains("INK-2017-0041: werkende aandachtsfunctionaris, jaarlijkse verantwoording over scholing en intervisie en meldcode"
                              + " — pas afgesproken vanaf 01-01-2018, na de peildatum, dus geen bevinding"))
        #expect(text.contains("Veilig Thuis: vooraf afgesproken aantal meldingen — pas afgesproken vanaf 01-01-2018"))
        // The account manager's briefing names them, for the next accountgesprek.
        let briefing = try #require(ContractorBriefing(report, kvk: "26789012"))
        for format in ["text", "html"] {
            let brief = try rendered(.brief(briefing), format)
            #expect(brief.contains("Voorwaarden die later ingaan"))
            #expect(brief.contains("INK-2017-0041: werkende aandachtsfunctionaris, jaarlijkse verantwoording over scholing en intervisie en"
                                   + " meldcode — pas afgesproken vanaf 01-01-2018, na de peildatum, dus geen bevinding"))
        }
        #expect(try !rendered(.brief(#require(ContractorBriefing(report, kvk: "24567890"))), "text").contains("Voorwaarden die later ingaan"))
        // Conditions not in the agreement at all still read as the municipality's task.
        let selwerd = try #require(report.contractors.first { $0.kvk == "32345678" })
        #expect(selwerd.findings.filter { $0.status == .notAgreed }.allSatisfy { $0.agreedFrom == nil })
        #expect(text.contains("SUB-2017-0049: werkende aandachtsfunctionaris, meldcode, aansluiting op de verwijsindex en jaarlijkse"
                              + " verantwoording over scholing en intervisie — niet afgesproken, dus geen bevinding; een taak voor de gemeente"))
    }

    @Test("before contract talks, a condition not agreed yet is judged as if it were: what the organisation would not meet is named, apart from the decision")
    func unmetIfAgreed() async throws {
        // SUB-2017-0039 (Stichting Kunstwerkplaats) contains only the meldcode condition; here it
        // is not connected to the verwijsindex and its aandachtsfunctionaris has 1 hour a week.
        let (report, _) = try await Self.samplesAudited(
            replacing: #"<verwijsindex connected="true"/>\#n    <aandachtsfunctionaris name="E. Smit" hours-per-week="2.5""#,
            with: #"<verwijsindex connected="false"/>\#n    <aandachtsfunctionaris name="E. Smit" hours-per-week="1""#)
        // The audit judges what is agreed: no finding, in orde; the JSON keeps what it would find.
        let kunstwerkplaats = try #require(report.contractors.first { $0.kvk == "24567890" })
        #expect(kunstwerkplaats.verdict == .inOrde)
        let connected = try #require(kunstwerkplaats.findings.first { $0.ruleId == "VERWIJSINDEX-AANGESLOTEN" })
        #expect(connected.status == .notAgreed && connected.ifAgreed == .fail)
        #expect(connected.evidence == [AuditReport.EvidenceEntry(field: .verwijsindexConnected, value: .boolean(false))])
        let check = try #require(ContractCheck(report, kvk: "24567890"))
        #expect(check.decision == .contracteerbaar && check.unmet.isEmpty)
        #expect(check.unmetIfAgreed?.map(\.ruleId) == ["VERWIJSINDEX-AANGESLOTEN", "AANDACHTSFUNCTIONARIS-UREN"])
        #expect(check.unmetIfAgreed?.map(\.status) == [.fail, .fail])
        for format in ["text", "html"] {
            let document = try rendered(.check(check), format)
            #expect(document.contains("Aan alle afgesproken voorwaarden is voldaan."))
            #expect(document.contains("Dit besluit gaat over wat is afgesproken. Aan 2 voorwaarden die nog niet zijn afgesproken,"
                                      + " voldoet de organisatie nu niet (zie hieronder)."))
            #expect(document.contains("Nog niet afgesproken en nu niet voldaan"))
            #expect(document.contains("SUB-2017-0039: aansluiting op de verwijsindex: niet aangesloten"))
            #expect(document.contains("SUB-2017-0039: 1 uur per week; norm: ten minste 2"))
        }
        #expect(try rendered(.check(check), "csv").contains(
            "SUB-2017-0039;De organisatie is aangesloten op de verwijsindex;niet afgesproken — nu: voldoet niet;indringend gesprek;aansluiting op de verwijsindex: niet aangesloten"))
        // A meldingen condition too: Jeugdwerk Selwerd is connected but signalled nothing.
        let samples = try await ReportTests.report
        let selwerd = try #require(ContractCheck(samples, kvk: "32345678"))
        #expect(selwerd.unmetIfAgreed?.map(\.ruleId) == ["VERWIJSINDEX-GEBRUIKT"])
        #expect(selwerd.unmetIfAgreed?.first?.source == .verwijsindex)
        // Conditions not agreed that the organisation would meet name nothing more (Leger des Heils).
        let leger = try #require(ContractCheck(samples, kvk: "26789012"))
        #expect(leger.unmetIfAgreed == [] && !leger.notAgreed.isEmpty)
        #expect(try !rendered(.check(leger), "text").contains("Nog niet afgesproken en nu niet voldaan"))
    }

    @Test("conditions recorded from after the agreement's end are a warning at the conditions' place, in its own contractor's briefing")
    func conditionsAfterEnd() async throws {
        // INK-2017-0041 runs until 31-12-2018; its conditions moved from 01-01-2018 to 01-02-2019.
        let (report, register) = try await Self.samplesAudited(replacing: #"since="2018-01-01""#, with: #"since="2019-02-01""#)
        let warnings = report.warnings.filter { $0.kind == .conditionsAfterEnd }
        #expect(warnings.map(\.agreementId) == ["INK-2017-0041"])
        let warning = try #require(warnings.first)
        #expect(warning.contractor == "Leger des Heils Noord")
        #expect(warning.conditionsSince == "2019-02-01" && warning.agreementEnd == "2018-12-31")
        #expect(warning.location == "\(register):303:5")
        // Never agreed in this agreement: not agreed later, so the task to write them in stands.
        let leger = try #require(report.contractors.first { $0.kvk == "26789012" })
        #expect(leger.findings.filter { $0.status == .notAgreed }.allSatisfy { $0.agreedFrom == nil })
        #expect(report.municipalityTasks.contains { $0.id == "agree-conditions/INK-2017-0041" })
        let sentence = "Overeenkomst INK-2017-0041 met Leger des Heils Noord: volgens het register gelden de voorwaarden pas vanaf"
            + " 01-02-2019, na het einde van de overeenkomst op 31-12-2018. Ze tellen daarom als niet afgesproken."
            + " Controleer de datum in het register (\(register):303:5)."
        for format in ["text", "html", "csv"] {
            #expect(try rendered(.audit(report), format).contains(sentence))
        }
        #expect(try rendered(.brief(#require(ContractorBriefing(report, kvk: "26789012"))), "text").contains(sentence))
        #expect(try rendered(.check(#require(ContractCheck(report, kvk: "26789012"))), "text").contains(sentence))
        #expect(try !#require(ContractorBriefing(report, kvk: "24567890")).warnings.contains { $0.kind == .conditionsAfterEnd })
        #expect(try !#require(ContractCheck(report, kvk: "24567890")).warnings.contains { $0.kind == .conditionsAfterEnd })
        // The samples as they are have no such warning.
        #expect(try await !ReportTests.report.warnings.contains { $0.kind == .conditionsAfterEnd })
    }

    @Test("an overdue yearly check of the aandachtsfunctionaris is the municipality's task, from the day it fell due")
    func checkAandachtsfunctionaris() async throws {
        let task = try #require(try await Self.tasks.first { $0.id == "check-aandachtsfunctionaris/INK-2017-0021" })
        #expect(task.due == "2017-09-01" && task.lastDone == "2016-09-01")
        #expect(ReportSentences.task(task, .nl).hasSuffix("(jaarlijkse controle, handhaving b); achterstallig sinds 01-09-2017"))
    }

    @Test("a yearly task with none on record says so, not a day it fell due that nobody knows")
    func noneOnRecord() async throws {
        let tasks = try await Self.tasks
        let check = try #require(tasks.first { $0.id == "check-aandachtsfunctionaris/INK-2017-0032" })
        let account = try #require(tasks.first { $0.id == "request-training-account/INK-2017-0032" })
        for task in [check, account] {
            #expect(task.lastDone == nil && task.due == "2017-12-31")  // due at the peildatum
            #expect(!ReportSentences.task(task, .nl).contains("achterstallig"))
        }
        #expect(ReportSentences.task(check, .nl).hasSuffix("; geen eerdere controle vastgelegd"))
        #expect(ReportSentences.task(account, .en).hasSuffix("; no earlier account on record"))
    }

    @Test("a yearly account of training that was not asked for is a task", arguments: ["INK-2017-0032"])
    func trainingAccount(agreement: String) async throws {
        #expect(try await Self.tasks.contains { $0.id == "request-training-account/\(agreement)" })
    }

    @Test("an agreement that works with children without an agreed number of meldingen is a task")
    func agreeExpectation() async throws {
        #expect(try await Self.tasks.contains { $0.id == "agree-expectation/INK-2017-0047" })
        #expect(try await !Self.tasks.contains { $0.id == "agree-expectation/INK-2017-0042" })  // agreed
        #expect(try await !Self.tasks.contains { $0.id == "agree-expectation/INK-2017-0036" })  // a hospital: not a child sector
    }

    @Test("tasks come in order of the agreements' end dates, and the briefing lists its own under a heading of their own")
    func orderAndBriefing() async throws {
        let report = try await ReportTests.report
        let ends = report.municipalityTasks.map(\.agreementEnd)
        #expect(ends == ends.sorted())
        let briefing = try #require(ContractorBriefing(report, kvk: "24567890"))
        #expect(briefing.municipalityTasks.map(\.id) == ["agree-conditions/SUB-2017-0039", "agree-expectation/SUB-2017-0039"])
        let text = try rendered(.brief(briefing), "text")
        #expect(text.contains("Taken van de gemeente (geen gesprekspunten voor de opdrachtnemer"))
        #expect(text.contains("Geen agendapunten"))
        #expect(try rendered(.audit(report), "text").contains("Taken van de gemeente"))
        #expect(try rendered(.audit(report), "html").contains("Taken van de gemeente"))
    }

    @Test("not-agreed results are in the JSON with their status, and no report calls them findings")
    func notAgreedInReports() async throws {
        let report = try await ReportTests.report
        let selwerd = try #require(report.contractors.first { $0.kvk == "32345678" })
        #expect(selwerd.findings.contains { $0.status == .notAgreed && $0.ruleId == "MELDCODE-AFGESPROKEN" })
        #expect(selwerd.verdict == .inOrde)
        let text = try rendered(.audit(report), "text")
        #expect(text.contains("[niet afgesproken] SUB-2017-0049: "))
        #expect(!text.contains("SUB-2017-0049: De organisatie werkt niet met een meldcode"))
        // A table row of a not-agreed result has no severity and nothing to ask: it is no finding.
        let rows = try rendered(.audit(report), "csv").split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        let header = try #require(rows.first)
        let status = try #require(header.firstIndex(of: "Status")), severity = try #require(header.firstIndex(of: "Ernst"))
        let advice = try #require(header.firstIndex(of: "Advies"))
        let notAgreed = rows.filter { $0.count == header.count && $0[status] == "niet afgesproken" }
        #expect(notAgreed.count > 5)
        #expect(notAgreed.allSatisfy { $0[severity].isEmpty && $0[advice].isEmpty })
        #expect(rows.contains { $0.count == header.count && $0[status] == "voldoet niet" && !$0[severity].isEmpty && !$0[advice].isEmpty })
    }

    @Test("every finding shows its basis kind in text and JSON")
    func basisKindShown() async throws {
        let report = try await ReportTests.report
        #expect(try rendered(.audit(report), "text").contains("[blokkerend, wettelijke plicht] INK-2017-0007"))
        #expect(try rendered(.audit(report), "json").contains("\"basisKind\" : \"wet\""))
    }
}

@Suite("The follow-up of indringend gesprekken")
struct FollowUpTests {
    @Test("an alarm without a gesprek since the period began is called out; a gesprek in the period answers it")
    func alarmWithoutGesprek() async throws {
        let report = try await ReportTests.report
        #expect(FollowUp(report, gesprekken: []).alarmsWithoutGesprek.map(\.kvk) == ["06789012"])
        let earlier = FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2016-11-01", outcome: "o", actions: [])
        #expect(FollowUp(report, gesprekken: [earlier]).alarmsWithoutGesprek.map(\.kvk) == ["06789012"])
        let during = FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2017-03-14", outcome: "o", actions: [])
        #expect(FollowUp(report, gesprekken: [during]).alarmsWithoutGesprek.isEmpty)
    }

    @Test("an agreed action past its due date is called out while the contractor's findings are open")
    func overdueActions() async throws {
        let report = try await ReportTests.report
        let actions = [FollowUp.ActionEntry(text: "Aansluiten", due: "2017-09-01"), FollowUp.ActionEntry(text: "Later", due: "2018-06-01")]
        let open = FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2017-03-14", outcome: "o", actions: actions)
        #expect(FollowUp(report, gesprekken: [open]).overdueActions.map(\.text) == ["Aansluiten"])
        let solved = FollowUp.GesprekEntry(kvk: "08901234", agreementId: nil, date: "2017-03-14", outcome: "o", actions: actions)
        #expect(FollowUp(report, gesprekken: [solved]).overdueActions.isEmpty)  // no open findings
    }

    @Test("the briefing shows the last gesprek first, with what was agreed")
    func briefing() async throws {
        var report = try await ReportTests.report
        let gesprekken = [
            FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2016-10-01", outcome: "Eerste gesprek", actions: []),
            FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2017-03-14", outcome: "Tweede gesprek",
                                  actions: [FollowUp.ActionEntry(text: "Aansluiten", due: "2017-09-01")]),
        ]
        report.followUp = FollowUp(report, gesprekken: gesprekken)
        let text = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "06789012"))), "text")
        #expect(text.contains("Laatste indringend gesprek: 14-03-2017 — Tweede gesprek\nAfgesproken: Aansluiten, uiterlijk 01-09-2017"))
        #expect(try rendered(.audit(report), "text").contains("Opvolging indringend gesprek"))
    }

    @Test("the briefing and the check mark an agreed action past its due date while findings are open, as the audit's follow-up does")
    func overdueInBriefing() async throws {
        var report = try await ReportTests.report
        let actions = [FollowUp.ActionEntry(text: "Aansluiten", due: "2017-09-01"), FollowUp.ActionEntry(text: "Later", due: "2018-06-01")]
        report.followUp = FollowUp(report, gesprekken: [
            FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2017-03-14", outcome: "Gesprek", actions: actions),
            FollowUp.GesprekEntry(kvk: "08901234", agreementId: nil, date: "2017-03-14", outcome: "Gesprek", actions: actions),
        ])
        let marked = "Afgesproken: Aansluiten, uiterlijk 01-09-2017 — afspraak over de termijn, bevindingen nog open\n"
            + "Afgesproken: Later, uiterlijk 01-06-2018\n"
        for format in ["text", "html"] {
            let brief = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "06789012"))), format)
            let check = try rendered(.check(try #require(ContractCheck(report, kvk: "06789012"))), format)
            for document in [brief, check] {
                #expect(document.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "</p>", with: "\n").contains(marked), "\(format)")
            }
        }
        // The GGD has no open findings: its action is not past its term in any sense that matters.
        let settled = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "08901234"))), "text")
        #expect(settled.contains("Afgesproken: Aansluiten, uiterlijk 01-09-2017\n"))
    }
}

@Suite("An audit against its history")
struct HistoryTests {
    @Test("a finding found in the previous audit too is marked repeated, with the number of audits in a row")
    func repeated() async throws {
        let previous = try await ReportTests.report
        var report = try await ReportTests.report
        report.applyHistory([previous, previous], escalation: nil)
        let finding = try #require(report.contractors.flatMap(\.findings).first { $0.id == "MELDCODE-AANWEZIG/INK-2017-0007" })
        #expect(finding.repeated == true && finding.consecutiveRuns == 3 && finding.escalatedFrom == nil)
        #expect(try rendered(.audit(report), "text").contains("(herhaald, 3 audits op rij)"))
        var first = try await ReportTests.report
        first.applyHistory([], escalation: nil)
        #expect(first.contractors.flatMap(\.findings).allSatisfy { $0.repeated == nil })
    }

    @Test("the profile's escalation raises a persisting finding one step, and the verdict follows")
    func escalation() async throws {
        let previous = try await ReportTests.report
        var report = try await ReportTests.report
        report.applyHistory([previous], escalation: Profile.Escalation(afterRuns: 2, rules: ["MELDINGEN-ACHTERSTAND"]))
        let noorderland = try #require(report.contractors.first { $0.kvk == "06789012" })
        let finding = try #require(noorderland.findings.first)
        #expect(finding.ruleId == "MELDINGEN-ACHTERSTAND" && finding.severity == .blokkerend && finding.escalatedFrom == .indringendGesprek)
        #expect(noorderland.verdict == .severity(.blokkerend) && noorderland.decision == .nietContracteerbaar)
        #expect(report.summary.verdicts["blokkerend"] == (previous.summary.verdicts["blokkerend"] ?? 0) + 1)
        // Not yet after a single audit.
        var once = try await ReportTests.report
        once.applyHistory([previous], escalation: Profile.Escalation(afterRuns: 3, rules: nil))
        #expect(once.contractors.flatMap(\.findings).allSatisfy { $0.escalatedFrom == nil })
    }

    @Test("the indicators show the previous audit's value beside this one's")
    func previousIndicators() async throws {
        let previous = try await ReportTests.report
        var report = try await ReportTests.report
        report.applyHistory([previous], escalation: nil)
        #expect(report.indicators.first { $0.id == .meldingen }?.previous == 937)
        #expect(try rendered(.audit(report), "text").contains("Vorige audit"))
    }
}

@Suite("Numbers back from the history database")
struct StoredNumberTests {
    @Test("an expected number or indicator kept as a Double reads back as the report gave it, to the last digit")
    func exactAgain() {
        var wrong: [String] = []
        for places in [2, 4] {
            for units in stride(from: -20_000, through: 1_000_000, by: 11) {
                let given = Decimal(units) / pow(10, places)
                let kept = NSDecimalNumber(decimal: given).doubleValue
                let back = PriorAudits.decimal(stored: kept, places: places)
                if back != given || back.description != given.description { wrong.append("\(given) -> \(back)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        // Without the rounding, many would not.
        #expect(Decimal(NSDecimalNumber(decimal: Decimal(17) / 100).doubleValue) != Decimal(17) / 100)
    }
}

@Suite("Tasks and waivers against the history")
struct TaskHistoryTests {
    @Test("a task open at the previous audit too is called out; an expired waiver whose finding persists is said so")
    func stillOpen() async throws {
        let previous = try await ReportTests.report
        var report = try await ReportTests.report
        report.applyHistory([previous], escalation: nil)
        #expect(report.municipalityTasks.allSatisfy { $0.repeated == true })
        #expect(try rendered(.audit(report), "text").contains("stond ook bij de vorige audit open"))
        let expired = try #require(report.waiverNotices.first { $0.kind == .expired })
        #expect(expired.findingPersists == true)  // INTERVISIE-SESSIES at contractor 21234567
        var first = try await ReportTests.report
        first.applyHistory([], escalation: nil)
        #expect(first.municipalityTasks.allSatisfy { $0.repeated == nil })
    }

    @Test("check shows the last gesprek when the history was read")
    func checkShowsGesprek() async throws {
        var report = try await ReportTests.report
        report.followUp = FollowUp(report, gesprekken: [
            FollowUp.GesprekEntry(kvk: "06789012", agreementId: nil, date: "2017-03-14", outcome: "Besproken", actions: []),
        ])
        let text = try rendered(.check(try #require(ContractCheck(report, kvk: "06789012"))), "text")
        #expect(text.contains("Laatste indringend gesprek: 14-03-2017 — Besproken"))
    }
}

@Suite("The diff of two audits")
struct DiffReportTests {
    @Test("the diff renders in every registered format", arguments: ["text", "json", "csv", "html"])
    func everyFormat(format: String) async throws {
        let before = try await ReportTests.report
        let after = AuditReport(try await Audit.run(Repository.sampleRequest(meldingen: ["samples/veilig-thuis-2017.xml"])))
        let diff = RunDiff(before: before, beforeId: 1, after: after, afterId: 2)
        let output = try rendered(.diff(diff), format)
        #expect(output.contains("Noorderland College"))
        if format != "json" { #expect(output.contains(format == "csv" ? "Oordeel toen" : "Verschil tussen twee audits") || output.contains("Oordeel toen")) }
    }
}

extension DiffReportTests {
    @Test("a diff's CSV and workbook say which audits they compare, and give each indicator in both")
    func peildataAndIndicators() async throws {
        var request = Repository.sampleRequest(meldingen: ["samples/veilig-thuis-2016.xml", "samples/verwijsindex-2016.xml"])
        request.registerFiles = [Repository.path("samples/register-2016.xml")]
        let before = AuditReport(try await Audit.run(request))
        let diff = RunDiff(before: before, beforeId: 1, after: try await ReportTests.report, afterId: 2)
        #expect(!diff.indicators.isEmpty)
        let csv = try rendered(.diff(diff), "csv").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(csv.contains("\nRapport;Verschil tussen twee audits — Groningen\nPeildatum;31-12-2016 → 31-12-2017\n"))
        #expect(csv.contains("\nIndicator;31-12-2016;31-12-2017\n"))
        let unique = try #require(diff.indicators.first { $0.id == .uniekeMeldingen })
        let number = { (value: Decimal?) in value.map { ReportLanguage.nl.format.number($0) } ?? "" }
        #expect(csv.contains("\n\(ReportLanguage.nl(Indicator.uniekeMeldingen));\(number(unique.before));\(number(unique.after))\n"))
        let tables = ReportTables.tables(.diff(diff), .nl)
        #expect(tables.map(\.name) == ["Over dit rapport", "Wijzigingen", "Indicatoren"])
        var about: [[ReportTable.Cell?]] = []
        try tables[0].rows { about.append($0) }
        #expect(about.contains { $0 == [.text("Peildatum"), .text("31-12-2016 → 31-12-2017")] })
        var indicators = 0
        try tables[2].rows { _ in indicators += 1 }
        #expect(indicators == diff.indicators.count)
        #expect(tables[2].columns.map(\.header) == ["Indicator", "31-12-2016", "31-12-2017"])
    }
}

@Suite("Meldingen over the years")
struct MeldingenHistoryTests {
    @Test("each contractor's meldingen carry the earlier audits' figures, and the HTML draws them")
    func sparkline() async throws {
        let previous = try await ReportTests.report
        var report = try await ReportTests.report
        report.applyHistory([previous], escalation: nil)
        let entry = try #require(report.contractors.first { $0.kvk == "06789012" }?.meldingen.first { $0.source == .verwijsindex })
        #expect(entry.history?.map(\.actual) == [0])
        #expect(try rendered(.audit(report), "html").contains("class=\"spark\""))
        #expect(try await !rendered(.audit(ReportTests.report), "html").contains("class=\"spark\""))
    }
}
