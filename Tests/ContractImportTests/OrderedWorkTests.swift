@testable import ContractImport
import Foundation
import Testing

@Suite("Work done on threads and taken in order")
struct OrderedWorkTests {
    /// The highest item claimed, for seeing how far ahead the workers go.
    final class Claims: @unchecked Sendable {
        private let lock = NSLock()
        private var highest = -1
        func claim(_ index: Int) { lock.withLock { highest = max(highest, index) } }
        var seen: Int { lock.withLock { highest } }
    }

    /// Work whose items are their squares, started, with what its workers claimed.
    func squares(count: Int, window: Int, threads: Int) -> (OrderedWork<Int>, Claims) {
        let claims = Claims()
        let work = OrderedWork<Int>(count: count, window: window)
        work.start(threads: threads, named: "test") { index in
            claims.claim(index)
            return index * index
        }
        return (work, claims)
    }

    @Test("every item is taken in order, and the workers never run more than the window ahead")
    func window() {
        let (work, claims) = squares(count: 500, window: 3, threads: 4)
        for index in 0..<500 {
            #expect(claims.seen < index + 3)
            #expect(work.take(index) == index * index)
        }
        work.finish()
    }

    @Test("finish stops the workers early and hands nothing more out")
    func finishEarly() {
        let (work, claims) = squares(count: 10_000, window: 2, threads: 2)
        #expect(work.take(0) == 0)
        work.finish()
        #expect(claims.seen < 3)
        #expect(work.take(5_000) == nil)
    }
}
