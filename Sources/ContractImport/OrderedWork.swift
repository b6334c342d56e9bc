import Foundation

/// Items `0..<count` done on worker threads and taken in order: the workers claim the next item
/// at most `window` ahead of the one being taken, so no more than `window` outcomes are held at
/// once, and the taker waits for each in turn. One export's pieces are parsed this way, and a
/// report's parts rendered.
public final class OrderedWork<Outcome: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var next = 0
    private var takenUpTo = 0
    private var cancelled = false
    private var running = 0
    private var outcomes: [Int: Outcome] = [:]

    public init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    /// Starts `threads` worker threads (no more than there are items), each doing items with
    /// `produce` until none is left or `finish` is called.
    public func start(threads: Int, named name: String, _ produce: @escaping @Sendable (Int) -> Outcome) {
        for index in 0..<min(threads, count) {
            let thread = Thread { self.work(produce) }
            thread.name = "\(name)-\(index)"
            condition.lock()
            running += 1
            condition.unlock()
            thread.start()
        }
    }

    private func work(_ produce: (Int) -> Outcome) {
        while let index = claim() {
            let outcome = produce(index)
            condition.lock()
            outcomes[index] = outcome
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, next < count, next >= takenUpTo + window { condition.wait() }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Waits for an item's outcome, taken in order; nil once the workers are gone without it.
    public func take(_ index: Int) -> Outcome? {
        condition.lock()
        defer { condition.unlock() }
        while outcomes[index] == nil, running > 0 { condition.wait() }
        takenUpTo = index + 1
        condition.broadcast()
        return outcomes.removeValue(forKey: index)
    }

    /// Stops handing out items and waits for the workers to finish the ones they hold.
    public func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        outcomes.removeAll()
        condition.unlock()
    }
}
