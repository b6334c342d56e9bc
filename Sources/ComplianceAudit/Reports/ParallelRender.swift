import ContractImport
import Dispatch
import Foundation

/// Renders the parts of a long report (one per contractor) on every core and hands them on in
/// their order: the output is the same as rendering them one by one. The workers render batches a
/// few ahead of the one being handed on, so the cores keep rendering while the caller writes, and
/// only those few batches are held in memory.
enum ParallelRender {
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Renders `elements` (each with its position) in batches of `batch`; `emit` receives the
    /// rendered batches in the order of `elements`, on the calling thread. The first batch (in
    /// order) whose rendering throws ends it with that error.
    static func forEach<Elements: RandomAccessCollection & Sendable>(
        _ elements: Elements, batch: Int = 64,
        render: @escaping @Sendable (Elements.Element, Int, inout [UInt8]) throws -> Void, emit: ([UInt8]) throws -> Void
    ) throws where Elements.Index == Int {
        try inOrder((elements.count + batch - 1) / batch, make: { index in
            Result {
                var out: [UInt8] = []
                for position in index * batch..<Swift.min(elements.count, (index + 1) * batch) {
                    try render(elements[position], position, &out)
                }
                return out
            }
        }, take: { try emit($0.get()) })
    }

    /// `make` applied to every element on worker threads, a batch at a time and a few batches ahead;
    /// `take` receives each batch's results in order on the calling thread, while the workers
    /// make the next ones.
    static func batches<Element: Sendable, Made: Sendable>(
        _ elements: [Element], of batch: Int, make: @escaping @Sendable (Element) -> Made, take: ([Made]) throws -> Void
    ) rethrows {
        try inOrder((elements.count + batch - 1) / batch, make: { index in
            elements[index * batch..<Swift.min(elements.count, (index + 1) * batch)].map(make)
        }, take: take)
    }

    /// Batches `0..<count` made on the worker threads at most a window ahead of the one taken, and
    /// taken in order on the calling thread; one by one where there is one core or one batch.
    private static func inOrder<Made: Sendable>(_ count: Int, make: @escaping @Sendable (Int) -> Made, take: (Made) throws -> Void) rethrows {
        guard workers > 1, count > 1 else {
            for index in 0..<count { try take(make(index)) }
            return
        }
        let work = OrderedWork<Made>(count: count, window: workers)
        work.start(threads: workers, named: "render", make)
        defer { work.finish() }
        for index in 0..<count {
            guard let made = work.take(index) else { preconditionFailure("a worker ended without its batch") }
            try take(made)
        }
    }

    /// `transform` applied to every element on every core; the results in order.
    static func map<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @escaping @Sendable (Element) -> Result)
        -> [Result] {
        guard workers > 1, elements.count > 64 else { return elements.map(transform) }
        let results = Slots<Result?>(count: elements.count, empty: nil)
        let chunk = (elements.count + workers * 4 - 1) / (workers * 4)
        DispatchQueue.concurrentPerform(iterations: (elements.count + chunk - 1) / chunk) { index in
            for position in index * chunk..<min(elements.count, (index + 1) * chunk) {
                results[position] = transform(elements[position])
            }
        }
        return results.values.map { $0! }
    }
}

/// Slots that concurrent iterations fill, each its own: no slot is written by two.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value>

    init(count: Int, empty: Value) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: empty)
    }

    deinit {
        storage.baseAddress!.deinitialize(count: storage.count)
        storage.deallocate()
    }

    subscript(index: Int) -> Value {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    var values: [Value] { Array(storage) }
}
