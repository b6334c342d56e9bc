import ComplianceRules

// Small open-addressing tables for the per-record path: keys are integers that are already well
// mixed (a case token is a keyed hash), so no hashing is needed, and nothing is allocated per record.

/// A set of case tokens.
struct CaseTokenSet {
    private var slots: [UInt64]
    private(set) var count = 0

    init(capacity: Int = 1024) {
        slots = Array(repeating: 0, count: max(16, (capacity * 2).nextPowerOfTwo))
    }

    /// Inserts a token; 0 marks an empty slot, so a token of 0 is stored as 1 (one chance in 2^64).
    mutating func insert(_ token: CaseToken) {
        let value = token.fingerprint == 0 ? 1 : token.fingerprint
        if count * 10 >= slots.count * 7 { grow() }
        var index = Int(truncatingIfNeeded: value) & (slots.count - 1)
        while slots[index] != 0 {
            if slots[index] == value { return }
            index = (index + 1) & (slots.count - 1)
        }
        slots[index] = value
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        count = 0
        for value in old where value != 0 { insert(CaseToken(fingerprint: value)) }
    }
}

/// For each (reporter, case) pair, the day of the last melding that was counted: the state of the
/// 30-day rule.
struct ReporterCaseTable {
    private var tokens: [UInt64]
    private var reporters: [UInt32]
    private var lastCounted: [Int32]
    private(set) var count = 0
    private static let empty = UInt32.max  // no KvK number is this large

    init(capacity: Int = 1024) {
        let size = max(16, (capacity * 2).nextPowerOfTwo)
        tokens = Array(repeating: 0, count: size)
        reporters = Array(repeating: Self.empty, count: size)
        lastCounted = Array(repeating: 0, count: size)
    }

    /// Calls `update` with the pair's last counted day (nil for a new pair) and stores what it returns.
    mutating func update(reporter: UInt32, token: UInt64, _ update: (Int32?) -> Int32) {
        if count * 10 >= tokens.count * 7 { grow() }
        let mask = tokens.count - 1
        var index = Int(truncatingIfNeeded: token ^ (UInt64(reporter) &* 0x9E37_79B9_7F4A_7C15)) & mask
        while reporters[index] != Self.empty {
            if reporters[index] == reporter && tokens[index] == token {
                lastCounted[index] = update(lastCounted[index])
                return
            }
            index = (index + 1) & mask
        }
        reporters[index] = reporter
        tokens[index] = token
        lastCounted[index] = update(nil)
        count += 1
    }

    private mutating func grow() {
        let (oldTokens, oldReporters, oldDays) = (tokens, reporters, lastCounted)
        let size = tokens.count * 2
        tokens = Array(repeating: 0, count: size)
        reporters = Array(repeating: Self.empty, count: size)
        lastCounted = Array(repeating: 0, count: size)
        count = 0
        for index in oldReporters.indices where oldReporters[index] != Self.empty {
            update(reporter: oldReporters[index], token: oldTokens[index]) { _ in oldDays[index] }
        }
    }
}

private extension Int {
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
