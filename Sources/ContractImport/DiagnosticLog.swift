import ComplianceRules

/// Collects the diagnostics of one file, keeping the first `limit` to show and counting the rest.
///
/// A diagnostic is built (its position found, its message worded) only while there is room to keep
/// it: past the cap a problem costs one increment, so a file with a million problems is reported in
/// time linear in its size.
struct DiagnosticLog {
    let file: String
    let limit: Int
    private(set) var kept: [Diagnostic] = []
    private(set) var total = 0
    /// Problems of the file as a whole (not of one record): these fail even a lenient import.
    private(set) var fileLevelTotal = 0
    /// The last record a problem rejected (records are read one at a time, so their problems arrive
    /// together).
    private(set) var lastRejectedRecord: Int?

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    var isEmpty: Bool { total == 0 }

    /// Whether another diagnostic would still be kept. Keeps a few extra: schema duplicates of
    /// content messages are dropped in `finished()`.
    var hasRoom: Bool { kept.count < limit * 2 }

    mutating func record(_ diagnostic: @autoclosure () -> Diagnostic, rejecting record: Int? = nil) {
        total += 1
        if let record {
            lastRejectedRecord = record
        } else {
            fileLevelTotal += 1
        }
        guard hasRoom else { return }
        var made = diagnostic()
        made.record = record
        kept.append(made)
    }

    /// The diagnostics to show, in file order. Where the schema validator and the importer's own
    /// checks report the same spot, the importer's plain-words message is kept.
    func finished() -> (shown: [Diagnostic], omitted: Int) {
        let contentSpots = Set(kept.filter { $0.origin == .content }.map(\.location))
        var seen = Set<Diagnostic>()
        let distinct = kept.filter { diagnostic in
            !(diagnostic.origin == .schema && contentSpots.contains(diagnostic.location))
                && seen.insert(diagnostic).inserted
        }
        let ordered = distinct.enumerated().sorted { lhs, rhs in
            (lhs.element.location.line, lhs.element.location.column, lhs.offset)
                < (rhs.element.location.line, rhs.element.location.column, rhs.offset)
        }.map(\.element)
        let shown = Array(ordered.prefix(limit))
        let dropped = kept.count - distinct.count
        return (shown, max(0, total - dropped - shown.count))
    }

    func error() -> ImportError? {
        guard !isEmpty else { return nil }
        let (shown, omitted) = finished()
        return .invalid(file: file, diagnostics: shown, omitted: omitted)
    }

    /// For a lenient import: the error when a problem concerns the file as a whole (then every
    /// problem is listed, as in a strict import), otherwise nil.
    func fileLevelError() -> ImportError? {
        fileLevelTotal > 0 ? error() : nil
    }

    /// The rejected records whose problems were kept, one entry per record in file order, each
    /// with its problems' messages.
    func rejections() -> [Rejection] {
        var byRecord: [Int: Rejection] = [:]
        var order: [Int] = []
        for diagnostic in finished().shown {
            guard let record = diagnostic.record else { continue }
            if byRecord[record] == nil {
                byRecord[record] = Rejection(location: diagnostic.location, reasons: [], messages: [])
                order.append(record)
            }
            if !byRecord[record]!.reasons.contains(diagnostic.reason) { byRecord[record]!.reasons.append(diagnostic.reason) }
            byRecord[record]!.messages.append(diagnostic.message)
        }
        return order.sorted().map { byRecord[$0]! }
    }
}
