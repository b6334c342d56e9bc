import Dispatch
import Foundation

/// Renders the parts of a long report (one per contractor) on every core, a batch at a time, and
/// hands them on in their order: the output is the same as rendering them one by one, and only
/// one batch is held in memory.
enum ParallelRender {
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Renders `elements` (each with its position) in batches of `batch` per worker; `emit`
    /// receives the rendered batches in the order of `elements`.
    static func forEach<Elements: RandomAccessCollection & Sendable>(
        _ elements: Elements, batch: Int = 64,
        render: @escaping @Sendable (Elements.Element, Int, inout [UInt8]) throws -> Void, emit: ([UInt8]) throws -> Void
    ) throws where Elements.Index == Int {
        guard workers > 1, elements.count > batch else {
            var out: [UInt8] = []
            for (position, element) in elements.enumerated() {
                out.removeAll(keepingCapacity: true)
                try render(element, position, &out)
                try emit(out)
            }
            return
        }
        var start = 0
        while start < elements.count {
            let end = min(elements.count, start + batch * workers)
            let slices = stride(from: start, to: end, by: batch).map { $0..<min($0 + batch, end) }
            let parts = Slots<[UInt8]>(count: slices.count, empty: [])
            let failures = Slots<Error?>(count: slices.count, empty: nil)
            DispatchQueue.concurrentPerform(iterations: slices.count) { index in
                var out: [UInt8] = []
                do {
                    for position in slices[index] { try render(elements[position], position, &out) }
                } catch {
                    failures[index] = error
                }
                parts[index] = out
            }
            if let failure = failures.values.lazy.compactMap({ $0 }).first { throw failure }
            for part in parts.values { try emit(part) }
            start = end
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
