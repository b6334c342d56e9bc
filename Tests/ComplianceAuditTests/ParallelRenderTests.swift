@testable import ComplianceAudit
import Foundation
import Testing

@Suite("Rendering a report's parts on every core")
struct ParallelRenderTests {
    struct Broken: Error, Equatable { let position: Int }

    @Test("the parts come out in their order, each once, as rendering them one by one gives", arguments: [1, 7, 64, 1000])
    func order(batch: Int) throws {
        let elements = Array(0..<2_345)
        var written: [UInt8] = []
        try ParallelRender.forEach(elements, batch: batch, render: { element, position, out in
            out.append(contentsOf: "\(position):\(element * 3),".utf8)
        }, emit: { written += $0 })
        #expect(String(decoding: written, as: UTF8.self) == elements.map { "\($0):\($0 * 3)," }.joined())
    }

    @Test("a part that cannot be rendered stops it with that error, after exactly the parts before its batch")
    func failure() {
        var written: [UInt8] = []
        #expect(throws: Broken(position: 700)) {
            try ParallelRender.forEach(Array(0..<2_000), batch: 50, render: { element, _, out in
                if element == 700 || element == 1_500 { throw Broken(position: element) }
                out.append(UInt8(element % 251))
            }, emit: { written += $0 })
        }
        #expect(written == (0..<700).map { UInt8($0 % 251) })
    }

    @Test("batches are made on the workers and taken in their order, whole", arguments: [0, 1, 63, 64, 65, 1_000])
    func batches(count: Int) {
        var taken: [[Int]] = []
        ParallelRender.batches(Array(0..<count), of: 64, make: { $0 * 3 }, take: { taken.append($0) })
        #expect(taken.flatMap { $0 } == (0..<count).map { $0 * 3 })
        #expect(taken.dropLast().allSatisfy { $0.count == 64 } && taken.allSatisfy { !$0.isEmpty })
    }

    @Test("a batch that cannot be taken stops the rest")
    func takeFails() {
        var taken = 0
        #expect(throws: Broken(position: 3)) {
            try ParallelRender.batches(Array(0..<1_000), of: 10, make: { $0 }, take: { batch in
                if batch.first == 30 { throw Broken(position: 3) }
                taken += batch.count
            })
        }
        #expect(taken == 30)
    }
}
