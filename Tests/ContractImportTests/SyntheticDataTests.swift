import ContractImport
import ComplianceRules
import Foundation
import SyntheticData
import TestSupport
import Testing

@Suite("Synthetic data")
struct SyntheticDataTests {
    private func generate(seed: UInt64) throws -> [URL] {
        let directory = Scratch.directory("generated")
        return try SyntheticDataset(agreements: 60, meldingen: 3000, seed: seed).write(to: directory)
    }

    @Test("generated files are valid documents of their kinds")
    func valid() throws {
        let files = try generate(seed: 7)
        let outcomes = try files.map { try DocumentValidator().validate($0.path) }
        #expect(outcomes.map(\.kind) == [.register, .meldingen, .meldingen])
        #expect(outcomes.map(\.recordCount) == [60, 3000, 750])
    }

    @Test("the same seed gives the same bytes, another seed other bytes")
    func deterministic() throws {
        let first = try generate(seed: 7).map { try Data(contentsOf: $0) }
        let again = try generate(seed: 7).map { try Data(contentsOf: $0) }
        let other = try generate(seed: 8).map { try Data(contentsOf: $0) }
        #expect(first == again)
        #expect(first != other)
    }
}

@Suite("Streaming large exports")
struct LargeExportTests {
    struct TypeTally: MeldingenConsumer {
        var counts: [MeldingType: Int] = [:]
        var began = 0
        mutating func begin(_ header: MeldingenExportHeader) { began += 1 }
        mutating func consume(_ melding: Melding) { counts[melding.type, default: 0] += 1 }
    }

    @Test("every record of an export larger than a batch reaches the consumer, once, on its own thread")
    func pipelined() throws {
        let directory = Scratch.directory("large")
        let files = try SyntheticDataset(agreements: 50, meldingen: 30_000, seed: 3).write(to: directory)
        var tally = TypeTally()
        let summary = try MeldingenImporter().read(files[1].path, into: &tally)
        let text = try String(contentsOf: files[1], encoding: .utf8)
        #expect(summary.recordCount == 30_000)
        #expect(tally.began == 1)
        for type in MeldingType.allCases {
            #expect(tally.counts[type, default: 0] == text.components(separatedBy: "type=\"\(type.rawValue)\"").count - 1)
        }
    }
}
