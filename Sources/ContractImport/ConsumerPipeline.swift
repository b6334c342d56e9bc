import ComplianceRules
import Foundation

/// Hands decoded records to the consumer on a second thread, in batches, so counting overlaps
/// with parsing (the tally's random memory accesses cost about as much as the decoding). At most
/// two batches are in flight, so memory stays bounded; an export smaller than one batch never
/// starts the thread. The consumer is only touched by one thread at a time: the caller's before the
/// first batch and after `finish()`, the worker's in between, with the lock ordering the hand-over.
///
/// A collecting pipeline (one piece of an export, `PiecewiseExportRead`) keeps the records instead.
final class ConsumerPipeline: @unchecked Sendable {
    static let batchSize = 8192

    private var consumer: any MeldingenConsumer
    private let condition = NSCondition()
    private var queue: [[Melding]] = []
    private var spare: [[Melding]] = []
    private var closed = false
    /// Whether the worker thread was started. The thread itself is not kept: its closure holds this
    /// pipeline, and keeping the thread here would make a cycle that outlives the import (found by
    /// LeakSanitizer).
    private var workerStarted = false
    private var workerDone = false
    private var filling: [Melding] = []
    private let collecting: Bool

    init(consumer: any MeldingenConsumer, collecting: Bool = false) {
        self.consumer = consumer
        self.collecting = collecting
        filling.reserveCapacity(Self.batchSize)
    }

    /// The records of a collecting pipeline, in the order read.
    var collected: [Melding] { filling }

    /// On the parsing thread, before any record.
    func begin(_ header: MeldingenExportHeader) {
        consumer.begin(header)
    }

    /// On the parsing thread: one record.
    @inline(__always)
    func accept(_ melding: Melding) {
        filling.append(melding)
        if filling.count == Self.batchSize, !collecting { submit() }
    }

    /// On the parsing thread, after the last record: waits for the worker and returns the consumer.
    func finish() -> any MeldingenConsumer {
        if collecting { return consumer }
        guard workerStarted else {
            for melding in filling { consumer.consume(melding) }
            filling.removeAll()
            return consumer
        }
        if !filling.isEmpty { submit() }
        condition.lock()
        closed = true
        condition.broadcast()
        while !workerDone { condition.wait() }
        condition.unlock()
        return consumer
    }

    private func submit() {
        if !workerStarted { startWorker() }
        condition.lock()
        while queue.count >= 2 { condition.wait() }
        queue.append(filling)
        filling = spare.popLast() ?? []
        condition.broadcast()
        condition.unlock()
        filling.reserveCapacity(Self.batchSize)
    }

    private func startWorker() {
        let thread = Thread { [self] in run() }
        thread.name = "meldingen-consumer"
        workerStarted = true
        thread.start()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                workerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            for melding in batch { consumer.consume(melding) }
            batch.removeAll(keepingCapacity: true)
            condition.lock()
            spare.append(batch)
            condition.unlock()
        }
    }
}
