import ContractImport
import Foundation
import SyntheticData
import Testing

@Suite("Synthetic data")
struct SyntheticDataTests {
    private func generate(seed: UInt64) throws -> [URL] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)")
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
