@testable import ComplianceAudit
import ComplianceRules
import Foundation
import Synchronization
import SyntheticData
import TestSupport
import Testing

/// A region built in a scratch directory: three municipalities' registers that share contractors,
/// and Veilig Thuis meldingen split over two half-year exports. The roll-up is checked against
/// counts made here from the data as written, not by the tool's own tally or expectation model.
struct RegionalDataSet {
    static let municipalities = ["Noorddorp", "Oostwold", "Zuidhorn"]
    static let contractors = 12

    struct Agreement {
        let id: String
        let municipality: Int
        let contractor: Int
        let veiligThuis: Int
        let verwijsindex: Int
    }

    struct Record {
        let day: Int
        let reporter: Int
        let caseNumber: Int
        let type: String
    }

    let directory: URL
    let agreements: [Agreement]
    let veiligThuis: [Record]
    let verwijsindex: [Record]
    let registerFiles: [String]
    /// The second half-year first: the audit must count them in date order.
    let exportFiles: [String]

    static func kvk(_ contractor: Int) -> String { String(format: "%08d", 40_000_000 + contractor * 7) }

    /// Every contractor is contracted by one, two or three municipalities, some more than once.
    init() throws {
        directory = Scratch.directory("regional")
        var agreements: [Agreement] = []
        for contractor in 0..<Self.contractors {
            for municipality in Self.municipalities.indices where (contractor + municipality) % 3 != 0 || contractor % 4 == 0 {
                let copies = contractor % 5 == 0 ? 2 : 1
                for copy in 0..<copies {
                    agreements.append(Agreement(id: "A\(municipality)-\(contractor)-\(copy)", municipality: municipality, contractor: contractor,
                                                veiligThuis: 3 + (contractor * 5 + municipality * 3 + copy) % 11,
                                                verwijsindex: 2 + (contractor + municipality) % 7))
                }
            }
        }
        self.agreements = agreements
        // Each contractor reports cases; some again within 30 days (once), some after more than 30
        // days (twice), some across the turn of the half-year (one in each file).
        var veiligThuis: [Record] = []
        var verwijsindex: [Record] = []
        var caseNumber = 0
        for contractor in 0..<Self.contractors {
            for n in 0..<(4 + contractor * 2) {
                caseNumber += 1
                let day = (n * 41 + contractor * 13) % 360
                veiligThuis.append(Record(day: day, reporter: contractor, caseNumber: caseNumber, type: "melding"))
                if n % 3 == 0, day + 12 < 365 { veiligThuis.append(Record(day: day + 12, reporter: contractor, caseNumber: caseNumber, type: "melding")) }
                if n % 4 == 1, day + 45 < 365 { veiligThuis.append(Record(day: day + 45, reporter: contractor, caseNumber: caseNumber, type: "melding")) }
                if n % 5 == 2 { verwijsindex.append(Record(day: day, reporter: contractor, caseNumber: caseNumber, type: "signaal")) }
            }
            // The same case on 25 June and 5 July: ten days apart, in two files, counted once.
            caseNumber += 1
            veiligThuis.append(Record(day: 175, reporter: contractor, caseNumber: caseNumber, type: "melding"))
            veiligThuis.append(Record(day: 185, reporter: contractor, caseNumber: caseNumber, type: "melding"))
        }
        self.veiligThuis = veiligThuis.sorted { ($0.day, $0.reporter, $0.caseNumber) < ($1.day, $1.reporter, $1.caseNumber) }
        self.verwijsindex = verwijsindex.sorted { ($0.day, $0.reporter, $0.caseNumber) < ($1.day, $1.reporter, $1.caseNumber) }

        var registerFiles: [String] = []
        for (index, name) in Self.municipalities.enumerated() {
            var xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <register xmlns="urn:kindveilig:register:1" municipality="\(name)" reference-date="2017-12-31">

                """
            for agreement in agreements where agreement.municipality == index {
                xml += """
                      <agreement id="\(agreement.id)" type="contract">
                        <contractor kvk="\(Self.kvk(agreement.contractor))" name="Aanbieder \(agreement.contractor)"/>
                        <sector>jeugdhulp</sector>
                        <period start="2017-01-01" end="2017-12-31"/>
                        <expected-meldingen veilig-thuis="\(agreement.veiligThuis)" verwijsindex="\(agreement.verwijsindex)"/>
                        <conditions agreed="meldingen"/>
                      </agreement>

                    """
            }
            xml += "</register>\n"
            let url = directory.appendingPathComponent("register-\(name.lowercased()).xml")
            try xml.write(to: url, atomically: true, encoding: .utf8)
            registerFiles.append(url.path)
        }
        self.registerFiles = registerFiles
        let secondHalf = try Self.writeExport(self.veiligThuis.filter { $0.day >= 181 }, source: "veilig-thuis", from: 181, to: 364,
                                              to: directory.appendingPathComponent("vt-2017-2.xml"))
        let firstHalf = try Self.writeExport(self.veiligThuis.filter { $0.day < 181 }, source: "veilig-thuis", from: 0, to: 180,
                                             to: directory.appendingPathComponent("vt-2017-1.xml"))
        let signals = try Self.writeExport(self.verwijsindex, source: "verwijsindex", from: 0, to: 364,
                                           to: directory.appendingPathComponent("vi-2017.xml"))
        exportFiles = [secondHalf, firstHalf, signals]
    }

    private static func writeExport(_ records: [Record], source: String, from: Int, to: Int, to url: URL) throws -> String {
        let start = Day(iso: "2017-01-01")!
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <meldingen xmlns="urn:kindveilig:meldingen:1" source="\(source)" region="Regio Test" from="\(start + from)" to="\(start + to)">

            """
        for (number, record) in records.enumerated() {
            xml += "  <melding id=\"\(source)-\(from)-\(number)\" date=\"\(start + record.day)\" reporter-kvk=\"\(kvk(record.reporter))\" "
                + "category=\"jeugdhulp\" type=\"\(record.type)\" case=\"\(KnownCountsTests.pseudonym(record.caseNumber))\"/>\n"
        }
        xml += "</meldingen>\n"
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A contractor's meldingen under the 30-day rule, counted from the records: per case, in date
    /// order, one counts when it is the first or more than 30 days after the last one counted.
    static func counted(_ records: [Record], reporter: Int) -> Int {
        var byCase: [Int: [Int]] = [:]
        for record in records where record.reporter == reporter { byCase[record.caseNumber, default: []].append(record.day) }
        return byCase.values.map { days in
            var last: Int?
            var count = 0
            for day in days.sorted() where last.map({ day - $0 > 30 }) ?? true {
                count += 1
                last = day
            }
            return count
        }.reduce(0, +)
    }

    func request(concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) -> AuditRequest {
        AuditRequest(registerFiles: registerFiles, meldingenFiles: exportFiles, rules: RuleSetLoader(), concurrency: concurrency)
    }
}

@Suite("A regional audit: several registers, one roll-up per contractor")
struct RegionalAuditTests {
    @Test("each contractor's expected meldingen are summed over every municipality's agreements, its actual counted once")
    func rollUp() async throws {
        let data = try RegionalDataSet()
        let report = AuditReport(try await Audit.run(data.request()))
        #expect(report.contractors.count == RegionalDataSet.contractors)
        #expect(report.summary.contractors == RegionalDataSet.contractors)
        #expect(report.summary.agreements == data.agreements.count)
        for contractor in 0..<RegionalDataSet.contractors {
            let own = data.agreements.filter { $0.contractor == contractor }
            let entry = try #require(report.contractors.first { $0.kvk == RegionalDataSet.kvk(contractor) })
            let vt = try #require(entry.meldingen.first { $0.source == .veiligThuis })
            let vi = try #require(entry.meldingen.first { $0.source == .verwijsindex })
            #expect(vt.expected == Decimal(own.map(\.veiligThuis).reduce(0, +)))
            #expect(vi.expected == Decimal(own.map(\.verwijsindex).reduce(0, +)))
            #expect(vt.actual == RegionalDataSet.counted(data.veiligThuis, reporter: contractor))
            #expect(vi.actual == RegionalDataSet.counted(data.verwijsindex, reporter: contractor))
            #expect(entry.agreements.count == own.count)
            let held = Set(own.map(\.municipality)).sorted().map { RegionalDataSet.municipalities[$0] }
            #expect(entry.municipalities?.map(\.municipality).sorted() == held)
            for municipality in entry.municipalities ?? [] {
                let index = RegionalDataSet.municipalities.firstIndex(of: municipality.municipality)!
                #expect(municipality.agreements == own.filter { $0.municipality == index }.count)
            }
        }
    }

    @Test("the level below the roll-up counts each municipality's own agreements and contractors")
    func perMunicipality() async throws {
        let data = try RegionalDataSet()
        let report = AuditReport(try await Audit.run(data.request()))
        #expect(report.isRegional)
        #expect(report.run.municipality == RegionalDataSet.municipalities.joined(separator: ", "))
        let municipalities = try #require(report.municipalities)
        #expect(municipalities.map(\.name) == RegionalDataSet.municipalities)
        for (index, municipality) in municipalities.enumerated() {
            let own = data.agreements.filter { $0.municipality == index }
            #expect(municipality.agreements == own.count)
            #expect(municipality.contractors == Set(own.map(\.contractor)).count)
            #expect(municipality.verdicts.values.reduce(0, +) == municipality.contractors)
            #expect(municipality.registers == [data.registerFiles[index]])
        }
        // Agreements and their findings name their municipality.
        for entry in report.contractors.flatMap(\.agreements) {
            let index = Int(entry.id.dropFirst().prefix { $0 != "-" })!
            #expect(entry.municipality == RegionalDataSet.municipalities[index])
        }
    }

    @Test("a source's exports are counted in date order, the 30-day rule across them, and the same as one export")
    func exportsInDateOrder() async throws {
        let data = try RegionalDataSet()
        let result = try await Audit.run(data.request())
        let count = try #require(result.exports[.veiligThuis])
        #expect(count.files.map(\.file) == [data.exportFiles[1], data.exportFiles[0]])
        #expect(count.period == DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2017-12-31")!))
        #expect(count.outOfOrder == 0)
        #expect(count.records == data.veiligThuis.count)
        #expect(count.files.map(\.records).reduce(0, +) == data.veiligThuis.count)
        let report = AuditReport(result)
        #expect(report.exports.filter { $0.source == .veiligThuis }.map(\.periodStart) == ["2017-01-01", "2017-07-01"])
    }

    @Test("reading the files side by side gives the same report, byte for byte, as reading them one by one")
    func concurrentIsSequential() async throws {
        let data = try RegionalDataSet()
        let sequential = try JSONReporter().render(.audit(AuditReport(try await Audit.run(data.request(concurrency: 1)))), RenderSettings())
        for concurrency in [2, 4, 8] {
            let concurrent = try JSONReporter().render(.audit(AuditReport(try await Audit.run(data.request(concurrency: concurrency)))),
                                                       RenderSettings())
            #expect(concurrent == sequential)
        }
    }

    @Test("the registers are handed on once, every one read and in the order named, however many files are read at a time")
    func registersHandedOnOnce() async throws {
        final class Calls: Sendable {
            let count = Mutex(0)
        }
        let data = try RegionalDataSet()
        let calls = Calls()
        for concurrency in [1, 2, 8] {
            let outcome = await InputReading.read(data.request(concurrency: concurrency)) { registers in
                calls.count.withLock { $0 += 1 }
                return registers.map { try? $0.get().0.municipality }
            }
            #expect(outcome.prepared == RegionalDataSet.municipalities)
            #expect(outcome.registers.count == RegionalDataSet.municipalities.count)
            #expect(outcome.sources.count == MeldingSource.allCases.count)
        }
        #expect(calls.count.withLock { $0 } == 3)
    }

    @Test("a source's exports get the cores their share of the bytes earns, and every source at least one")
    func coresByShareOfBytes() {
        // A large Veilig Thuis export beside a Verwijsindex export without signals: the large one gets every core.
        #expect(InputReading.coreShares(bytes: [136_351_743, 175], cores: 2) == [2, 1])
        #expect(InputReading.coreShares(bytes: [136_351_743], cores: 8) == [8])
        // Two large exports, 2 : 1, are read side by side in one pass each on two cores.
        #expect(InputReading.coreShares(bytes: [272_753_619, 138_871_132], cores: 2) == [1, 1])
        #expect(InputReading.coreShares(bytes: [300, 100], cores: 8) == [6, 2])
        #expect(InputReading.coreShares(bytes: [0, 0], cores: 4) == [1, 1])
    }

    @Test("registers judged on different peildata, or sharing an agreement id, are refused with both places named")
    func inconsistentRegisters() async throws {
        let data = try RegionalDataSet()
        let shifted = data.directory.appendingPathComponent("shifted.xml")
        try String(contentsOfFile: data.registerFiles[1], encoding: .utf8)
            .replacingOccurrences(of: "reference-date=\"2017-12-31\"", with: "reference-date=\"2016-12-31\"")
            .write(to: shifted, atomically: true, encoding: .utf8)
        var request = data.request()
        request.registerFiles = [data.registerFiles[0], shifted.path]
        do {
            _ = try await Audit.run(request)
            Issue.record("registers with different peildata were audited together")
        } catch {
            #expect(error.description.hasPrefix("\(shifted.path): error: reference-date 2016-12-31 differs from 2017-12-31"))
        }
        let copy = data.directory.appendingPathComponent("copy.xml")
        try String(contentsOfFile: data.registerFiles[0], encoding: .utf8)
            .replacingOccurrences(of: "municipality=\"Noorddorp\"", with: "municipality=\"Westdorp\"")
            .write(to: copy, atomically: true, encoding: .utf8)
        request.registerFiles = [data.registerFiles[0], copy.path]
        do {
            _ = try await Audit.run(request)
            Issue.record("an agreement id in two registers was accepted")
        } catch {
            #expect(error.description.contains("\(copy.path):"))
            #expect(error.description.contains("is also in \(data.registerFiles[0]):"))
        }
    }

    @Test("generated data for several municipalities deals the agreements round and audits as one region")
    func generatedRegion() async throws {
        let directory = Scratch.directory("generated-region")
        let files = try SyntheticDataset(agreements: 60, meldingen: 3000, contractors: 20, municipalities: 5, seed: 2).write(to: directory)
        #expect(files.count == 7)
        let registers = files.map(\.path).filter { $0.contains("/registers/") }
        #expect(registers.count == 5)
        let report = AuditReport(try await Audit.run(AuditRequest(
            registerFiles: registers, meldingenFiles: files.map(\.path).filter { !$0.contains("/registers/") })))
        #expect(report.summary.agreements == 60)
        #expect(report.summary.contractors == 20)
        #expect(report.municipalities?.map(\.agreements) == [12, 12, 12, 12, 12])
        // Agreement i goes to contractor i mod 20 and municipality (i mod 20 + i div 20) mod 5: each
        // contractor holds three agreements, in three municipalities next to each other.
        #expect(report.contractors.allSatisfy { $0.agreements.count == 3 && $0.municipalities?.count == 3 })
    }

    @Test("every format shows both levels: the municipalities and the region's roll-up", arguments: ["text", "csv", "html", "json"])
    func everyFormat(format: String) async throws {
        let result = try await Audit.run(AuditRequest(
            registerFiles: [Repository.path("samples/register.xml"), Repository.path("samples/regio/register-ten-boer.xml")],
            meldingenFiles: [Repository.path("samples/veilig-thuis-2017.xml"), Repository.path("samples/verwijsindex-2017.xml")]))
        let report = AuditReport(result)
        let text = String(decoding: try Reporters.named(format)!.render(.audit(report), RenderSettings()), as: UTF8.self)
        // Jeugdzorg Ommeland B.V. is contracted by both: in orde in Ten Boer, informatief in
        // Groningen; over the region its meldingen lag behind what both agreed together.
        let shared = try #require(report.contractors.first { $0.kvk == "07890123" })
        #expect(shared.municipalities?.map(\.municipality) == ["Groningen", "Ten Boer"])
        #expect(shared.meldingen.first { $0.source == .veiligThuis }?.outcome == .shortfall)
        if format == "json" {
            #expect(text.contains("\"municipalities\" : ["))
            #expect(text.contains("\"municipality\" : \"Ten Boer\""))
        } else {
            #expect(text.contains("Per gemeente"))
            #expect(text.contains("Groningen: informatief (2 overeenkomsten); Ten Boer: in orde (1 overeenkomst)"))
            #expect(text.contains("TB-2017-0003"))
            #expect(text.contains("register-ten-boer.xml"))
        }
        if format == "text" { #expect(text.contains("TB-2017-0003 (Ten Boer)")) }
        if format == "csv" {
            // A briefing's heading names the municipalities of the region, in the plural.
            let heading = ReportTables.heading(.brief(try #require(ContractorBriefing(report, kvk: "07890123"))), .nl)
            #expect(heading.contains { $0.label == "Gemeenten" && $0.value == "Groningen, Ten Boer" })
        }
    }

    @Test("a briefing whose contractor is judged worse than each of its agreements says that an agreement's verdict is on its own conditions",
          arguments: ["text", "html"])
    func agreementVerdictsNote(format: String) async throws {
        let result = try await Audit.run(AuditRequest(
            registerFiles: [Repository.path("samples/register.xml"), Repository.path("samples/regio/register-ten-boer.xml")],
            meldingenFiles: [Repository.path("samples/veilig-thuis-2017.xml"), Repository.path("samples/verwijsindex-2017.xml")]))
        let report = AuditReport(result)
        let note = "oordeel over de eigen voorwaarden van elke overeenkomst; de meldingen worden per opdrachtnemer beoordeeld"
        // Jeugdzorg Ommeland B.V.: indringend gesprek for its meldingen, its agreements informatief
        // and in orde. Het Zonnetje: blokkerend, as its agreements are.
        let ommeland = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "07890123"))), format)
        #expect(ommeland.contains(note))
        let zonnetje = try rendered(.brief(try #require(ContractorBriefing(report, kvk: "03456789"))), format)
        #expect(!zonnetje.contains(note))
    }
}

@Suite("JSON written as it is made")
struct JSONStreamTests {
    private struct Sample: Encodable {
        var text: String
        var number: Double
        var decimal: Decimal
        var missing: Int?
        var explicitNull: Int?
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var keys: [String: Int] = ["b": 1, "a-b": 2, "aB": 3, "ab": 4, "A": 5, "in-orde": 6, "indringend-gesprek": 7]
        var nested: [[Int]] = [[], [1, 2]]

        enum CodingKeys: String, CodingKey { case text, number, decimal, missing, explicitNull, empty, emptyObject, keys, nested }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(number, forKey: .number)
            try container.encode(decimal, forKey: .decimal)
            try container.encodeIfPresent(missing, forKey: .missing)
            try container.encode(explicitNull, forKey: .explicitNull)
            try container.encode(empty, forKey: .empty)
            try container.encode(emptyObject, forKey: .emptyObject)
            try container.encode(keys, forKey: .keys)
            try container.encode(nested, forKey: .nested)
        }
    }

    @Test("strings, numbers, nulls, empty and nested containers come out as JSONEncoder writes them")
    func values() throws {
        var control = ""
        for value in 0..<0x80 { control.unicodeScalars.append(Unicode.Scalar(value)!) }
        control += "é€😀\u{2028}/"
        for number in [0.0, 1, 1.5, 0.1, 1e-7, 1e21, 123_456_789.123, -2.5, 1.8605, 2.220446049250313e-16] {
            let sample = Sample(text: control, number: number, decimal: Decimal(string: "26.450")!)
            #expect(try Data(JSONText.render(sample, depth: 0)) + Data([0x0A]) == ReportJSON.encode(sample))
        }
    }

    @Test("a quote, a backslash or a control character is escaped wherever it stands, beside any other byte")
    func escapes() {
        var needing: [UInt8] = [0x22, 0x5C]
        needing += (0..<0x20).map { UInt8($0) }
        // Bytes next to the escaped ones in value: a bit test that is off by one would take them.
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x41, 0x7F, 0xC3, 0xA9, 0xA2, 0xDC, 0xFF]
        for length in 1...24 {
            for position in 0..<length {
                for filler in plain {
                    var bytes = [UInt8](repeating: filler, count: length)
                    #expect(!bytes.withUnsafeBufferPointer(JSONText.needsEscaping))
                    for byte in needing {
                        bytes[position] = byte
                        #expect(bytes.withUnsafeBufferPointer(JSONText.needsEscaping), "\(byte) at \(position) of \(length)")
                    }
                }
            }
        }
    }

    @Test("a Decimal is written as its description: trailing zeros, points, signs and exponents as they are")
    func decimals() throws {
        let written = ["0", "0.000", "-0.0", "1", "-1", "26.450", "0.001", "-0.000123", "1e3", "12e-1", "100", "1.5e-20",
                       "5e30", "-7e100", "3e-120", "9007199254740991", "9007199254740992", "9007199254740993", "-123456789012345.678",
                       "0.1234567890123456789", "12345678901234567890123456789012345678"]
        var values = written.map { Decimal(string: $0)! } + [Decimal.nan, Decimal(0.1), Decimal(-1e-7), Decimal(Int.max)]
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<5_000 {
            let number = Double.random(in: -1_000...1_000, using: &generator) * pow(10, Double(Int.random(in: -8...6, using: &generator)))
            values.append(AuditReport.rounded(Decimal(number), Int.random(in: 0...8, using: &generator)))
            values.append(Decimal(number))
            values.append(Decimal(string: String(format: "%.3f", number))!)
            values.append(Decimal(Int.random(in: -1_000_000...1_000_000, using: &generator)))
        }
        for value in values {
            #expect(JSONText.decimal(value) == value.description, "\(value)")
        }
        let sample = Sample(text: "", number: 0, decimal: Decimal(string: "-0.0450")!)
        #expect(try Data(JSONText.render(sample, depth: 0)) + Data([0x0A]) == ReportJSON.encode(sample))
    }

    @Test("the audit, a check, a briefing, a regional audit and a diff stream the bytes of JSONEncoder")
    func documents() async throws {
        let report = try await ReportTests.report
        #expect(try JSONReporter().render(.audit(report), RenderSettings()) == ReportJSON.encode(report))
        let check = try #require(ContractCheck(report, kvk: "03456789"))
        #expect(try JSONReporter().render(.check(check), RenderSettings()) == ReportJSON.encode(check))
        let briefing = try #require(ContractorBriefing(report, kvk: "07890123"))
        #expect(try JSONReporter().render(.brief(briefing), RenderSettings()) == ReportJSON.encode(briefing))
        let regional = AuditReport(try await Audit.run(try RegionalDataSet().request()))
        #expect(try JSONReporter().render(.audit(regional), RenderSettings()) == ReportJSON.encode(regional))
        let diff = RunDiff(before: report, beforeId: 1, after: regional, afterId: 2)
        #expect(try JSONReporter().render(.diff(diff), RenderSettings()) == ReportJSON.encode(diff))
    }

    @Test("a waived finding streams the bytes of JSONEncoder")
    func waivedFinding() async throws {
        var report = try await ReportTests.report
        let contractor = try #require(report.contractors.firstIndex { !$0.findings.isEmpty })
        report.contractors[contractor].findings[0].waiver = AuditReport.WaiverEntry(
            reason: "Hercertificering \"aangevraagd\"; audit in februari", approvedBy: "Wethouder jeugd",
            expires: "2018-03-31", waivedStatus: .fail)
        let json = try JSONReporter().render(.audit(report), RenderSettings())
        #expect(try json == ReportJSON.encode(report))
        #expect(String(decoding: json, as: UTF8.self).contains(#""approvedBy" : "Wethouder jeugd""#))
    }
}

@Suite("A peildatum given for the run")
struct ReferenceDateOverrideTests {
    static let exports = [Repository.path("samples/veilig-thuis-2017.xml")]

    @Test("the audit judges against the date given, and the report names the register's own")
    func judgedAgainstTheDateGiven() async throws {
        var request = AuditRequest(registerFile: Repository.path("samples/register.xml"), meldingenFiles: Self.exports)
        let before = AuditReport(try await Audit.run(request))
        request.referenceDate = Day(iso: "2026-11-29")
        let after = AuditReport(try await Audit.run(request))
        #expect(after.run.referenceDate == "2026-11-29")
        #expect(after.warnings.contains { $0.kind == WarningKind.referenceDateGiven && $0.registerReferenceDate == "2017-12-31" })
        #expect(!before.warnings.contains { $0.kind == WarningKind.referenceDateGiven })
        // Nine years on, every dated piece of evidence is too old: more findings, never fewer.
        let count = { (report: AuditReport) in report.contractors.reduce(0) { $0 + $1.findings.filter { $0.status.counts }.count } }
        #expect(count(after) > count(before))
    }

    @Test("the register's own date given again changes nothing")
    func sameDate() async throws {
        var request = AuditRequest(registerFile: Repository.path("samples/register.xml"), meldingenFiles: Self.exports)
        let plain = try JSONReporter().render(.audit(AuditReport(try await Audit.run(request))), RenderSettings())
        request.referenceDate = Day(iso: "2017-12-31")
        #expect(try JSONReporter().render(.audit(AuditReport(try await Audit.run(request))), RenderSettings()) == plain)
    }
}

@Suite("A large region's name in titles")
struct RegionNameTests {
    @Test("up to three municipalities are all named; more, by the first two and how many others")
    func shortened() {
        #expect(ReportLanguage.nl.region("Groningen") == "Groningen")
        #expect(ReportLanguage.nl.region("Groningen, Haren, Ten Boer") == "Groningen, Haren, Ten Boer")
        #expect(ReportLanguage.nl.region("Groningen, Haren, Ten Boer, Zuidhorn") == "Groningen, Haren en 2 andere gemeenten")
        #expect(ReportLanguage.en.region("Groningen, Haren, Ten Boer, Zuidhorn, Eemsmond")
            == "Groningen, Haren and 3 other municipalities")
    }

    @Test("every report's title names a national run in one line; its JSON keeps every name")
    func inReports() async throws {
        var report = try await ReportTests.report
        let names = (1...342).map { String(format: "Gemeente %03d", $0) }
        report.run.municipality = names.joined(separator: ", ")
        for format in ["text", "html"] {
            let rendered = try rendered(.audit(report), format)
            #expect(rendered.contains("Gemeente 001, Gemeente 002 en 340 andere gemeenten"), "\(format)")
            #expect(!rendered.contains("Gemeente 342"), "\(format)")
        }
        #expect(try rendered(.audit(report), "json").contains(names.joined(separator: ", ")))
    }
}
