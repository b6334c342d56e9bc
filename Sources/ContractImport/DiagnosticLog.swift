import ComplianceRules

/// Collects the diagnostics of one file, keeping the first `limit` to show and counting the rest.
struct DiagnosticLog {
    let file: String
    let limit: Int
    private(set) var kept: [Diagnostic] = []
    private(set) var total = 0

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    var isEmpty: Bool { total == 0 }

    mutating func record(_ diagnostic: Diagnostic) {
        total += 1
        // Keep a few extra: schema duplicates of content messages are dropped in `finished()`.
        if kept.count < limit * 2 { kept.append(diagnostic) }
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
}
