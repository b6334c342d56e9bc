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
/// 30-day rule. A slot holds all three in 16 bytes, so a lookup touches one cache line, not three
/// (a national year's table has millions of pairs and is far larger than the caches).
struct ReporterCaseTable {
    private struct Slot {
        var token: UInt64
        var reporter: UInt32
        var lastCounted: Int32
    }

    private var slots: [Slot]
    private(set) var count = 0
    private static let empty = UInt32.max  // no KvK number is this large

    init(capacity: Int = 1024) {
        slots = Self.emptySlots(max(16, (capacity * 2).nextPowerOfTwo))
    }

    private static func emptySlots(_ size: Int) -> [Slot] {
        Array(repeating: Slot(token: 0, reporter: empty, lastCounted: 0), count: size)
    }

    /// Calls `update` with the pair's last counted day (nil for a new pair) and stores what it returns.
    mutating func update(reporter: UInt32, token: UInt64, _ update: (Int32?) -> Int32) {
        if count * 10 >= slots.count * 7 { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: token ^ (UInt64(reporter) &* 0x9E37_79B9_7F4A_7C15)) & mask
        while slots[index].reporter != Self.empty {
            if slots[index].reporter == reporter && slots[index].token == token {
                slots[index].lastCounted = update(slots[index].lastCounted)
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = Slot(token: token, reporter: reporter, lastCounted: update(nil))
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Self.emptySlots(old.count * 2)
        count = 0
        for slot in old where slot.reporter != Self.empty {
            update(reporter: slot.reporter, token: slot.token) { _ in slot.lastCounted }
        }
    }
}

private extension Int {
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
