import Foundation

/// Remembers which record ids were seen, to find duplicates in a stream of millions.
///
/// Exports number their records (`VT-2017-000001`, `VT-2017-000002`, …), so an id is split into
/// its prefix and trailing number, and each prefix keeps its numbers as runs: ids that arrive in
/// ascending order cost no memory per record. Numbers that arrive out of order are kept one by
/// one, and ids without a trailing number are kept whole, so the check is always exact.
struct IdentifierSet {
    private struct Runs {
        /// Ascending, disjoint, non-adjacent.
        var ranges: [ClosedRange<UInt64>] = []
        var stragglers = Set<UInt64>()

        mutating func insert(_ number: UInt64) -> Bool {
            guard let last = ranges.last else {
                ranges.append(number...number)
                return true
            }
            if number > last.upperBound {
                if number == last.upperBound + 1 {
                    ranges[ranges.count - 1] = last.lowerBound...number
                } else {
                    ranges.append(number...number)
                }
                return true
            }
            return !inRanges(number) && stragglers.insert(number).inserted
        }

        /// Both sets' numbers, or nil when a number is in both.
        static func union(_ first: Runs, _ second: Runs) -> Runs? {
            guard !first.stragglers.contains(where: second.contains), !second.stragglers.contains(where: first.contains)
            else { return nil }
            var merged = Runs()
            var (i, j) = (0, 0)
            while i < first.ranges.count || j < second.ranges.count {
                let next: ClosedRange<UInt64>
                if j == second.ranges.count || (i < first.ranges.count && first.ranges[i].lowerBound < second.ranges[j].lowerBound) {
                    next = first.ranges[i]
                    i += 1
                } else {
                    next = second.ranges[j]
                    j += 1
                }
                if let last = merged.ranges.last {
                    if next.lowerBound <= last.upperBound { return nil }
                    if next.lowerBound == last.upperBound + 1 {
                        merged.ranges[merged.ranges.count - 1] = last.lowerBound...next.upperBound
                        continue
                    }
                }
                merged.ranges.append(next)
            }
            // Every straggler lies below its own set's last range, so below the merged last range.
            merged.stragglers = first.stragglers.union(second.stragglers)
            return merged
        }

        func contains(_ number: UInt64) -> Bool {
            stragglers.contains(number) || inRanges(number)
        }

        private func inRanges(_ number: UInt64) -> Bool {
            var low = 0
            var high = ranges.count - 1
            while low <= high {
                let middle = (low + high) / 2
                if ranges[middle].upperBound < number {
                    low = middle + 1
                } else if ranges[middle].lowerBound > number {
                    high = middle - 1
                } else {
                    return true
                }
            }
            return false
        }
    }

    /// Prefix bytes plus the width of the number, so `A-01` and `A-1` stay different ids.
    private struct Key: Hashable {
        var prefix: [UInt8]
        var digitCount: Int
    }

    private var runsByKey: [Key: Runs] = [:]
    // The prefix in use, kept out of the dictionary: the prefix rarely changes between records.
    private var currentPrefix: [UInt8] = []
    private var currentDigitCount = -1
    private var currentRuns = Runs()
    private var unnumbered = Set<[UInt8]>()

    private(set) var count = 0

    /// Inserts the id; `false` when it was seen before.
    mutating func insert(_ id: UnsafeRawBufferPointer) -> Bool {
        var digitStart = id.count
        while digitStart > 0, (48...57).contains(id[digitStart - 1]), id.count - digitStart < 18 {
            digitStart -= 1
        }
        let digitCount = id.count - digitStart
        guard digitCount > 0 else {
            return record(unnumbered.insert(Array(id)).inserted)
        }
        var number: UInt64 = 0
        for index in digitStart..<id.count { number = number * 10 + UInt64(id[index] - 48) }
        let prefix = UnsafeRawBufferPointer(rebasing: id[0..<digitStart])
        if digitCount != currentDigitCount || !Self.same(currentPrefix, prefix) {
            if currentDigitCount >= 0 { runsByKey[Key(prefix: currentPrefix, digitCount: currentDigitCount)] = currentRuns }
            currentPrefix = Array(prefix)
            currentDigitCount = digitCount
            currentRuns = runsByKey.removeValue(forKey: Key(prefix: currentPrefix, digitCount: digitCount)) ?? Runs()
        }
        return record(currentRuns.insert(number))
    }

    @inline(__always)
    private static func same(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == bytes.count else { return false }
        guard !stored.isEmpty, let base = bytes.baseAddress else { return true }
        return stored.withUnsafeBytes { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }

    /// Adds the ids of another set (of a later piece of the same file); false when an id is in
    /// both, and then the set is left as it was.
    mutating func formUnion(_ other: IdentifierSet) -> Bool {
        guard unnumbered.isDisjoint(with: other.unnumbered) else { return false }
        var mine = allRuns()
        for (key, theirs) in other.allRuns() {
            if let ours = mine[key] {
                guard let merged = Runs.union(ours, theirs) else { return false }
                mine[key] = merged
            } else {
                mine[key] = theirs
            }
        }
        runsByKey = mine
        currentDigitCount = -1
        currentPrefix = []
        currentRuns = Runs()
        unnumbered.formUnion(other.unnumbered)
        count += other.count
        return true
    }

    private func allRuns() -> [Key: Runs] {
        var all = runsByKey
        if currentDigitCount >= 0 { all[Key(prefix: currentPrefix, digitCount: currentDigitCount)] = currentRuns }
        return all
    }

    private mutating func record(_ inserted: Bool) -> Bool {
        if inserted { count += 1 }
        return inserted
    }
}
