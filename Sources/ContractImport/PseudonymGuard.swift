import ComplianceRules
import Foundation

/// Refuses a meldingen export that is not pseudonymised: one that carries a BSN, or case keys that
/// are evidently not pseudonyms. Nothing it finds is ever repeated; it names the position only.
///
/// A BSN (burgerservicenummer) has 9 digits and passes the elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 is
/// a multiple of 11. Any value but the case key that holds such a number (a run of exactly 9
/// digits) refuses the file at once.
///
/// Case keys are judged per file, because random hexadecimal keys have every shape now and then:
/// about one 16-character key in 90 holds a run of 9 digits passing the elfproef by chance. For
/// each suspect shape the guard knows an upper bound on how often a uniformly random key of each
/// length has it, and refuses the file when what it saw would happen by chance in fewer than one
/// file of random keys in 100,000. Two tests, each at that bound:
/// - the rarest key: the chance that any key of the file has the shape at a length at least as
///   rare as the rarest one seen (the sum of the chances of the keys of such lengths). A zero-padded
///   BSN (7 leading zeros alone are 1 in 268 million) or a name in hex refuses the file at once;
/// - the count: the number seen (S) against the number expected by chance (E), by the Chernoff
///   bound exp(−E)·(e·E/S)^S for a sum of independent rare events. A shape random keys often have
///   refuses only when it recurs far more than chance allows.
/// Separately, a large file in which every record has the same case key is refused: that key
/// cannot tell children apart.
struct PseudonymGuard {
    /// The suspect shapes of a case key.
    enum Shape: Int, CaseIterable {
        /// Only digits: one or more BSNs, run together, repeated or zero-padded.
        case digitsOfBSNs
        /// Hexadecimal that decodes to letters and spaces: a name written in hex.
        case hexText
        /// A run of exactly 9 digits passing the elfproef, among other characters.
        case embeddedBSN

        var explanation: String {
            switch self {
            case .digitsOfBSNs: "consist only of digits that form one or more BSNs (zero-padded, repeated or run together)"
            case .hexText: "are text written in hexadecimal (such as a name), not random keys"
            case .embeddedBSN: "hold a 9-digit number that passes the elfproef, as a BSN does"
            }
        }
    }

    /// A file of random keys is refused less often than this, per shape.
    static let falseRefusalBound = 1e-5
    /// A file with at least this many records and one case key for all of them is refused.
    static let sameKeyRecordThreshold = 100

    private var keysByLength = [Int](repeating: 0, count: 65)
    private var seen = [Int](repeating: 0, count: Shape.allCases.count)
    /// Per shape, the smallest chance of a key seen with it, and where that key stands.
    private var rarest = [Double](repeating: .infinity, count: Shape.allCases.count)
    private var rarestLocation = [SourceLocation?](repeating: nil, count: Shape.allCases.count)
    private var firstToken: CaseToken?
    private var allSameToken = true
    private var tokens = 0
    /// The shapes whose rarest key is the one just observed, waiting for its position.
    private var waiting: [Shape] = []

    /// Notes one case key (already checked to be 16 to 64 lowercase hex characters) and its token.
    /// Returns whether its position is wanted; then the caller gives it to `notePosition`.
    mutating func observe(key: UnsafeRawBufferPointer, token: CaseToken) -> Bool {
        keysByLength[key.count] += 1
        tokens += 1
        if let firstToken {
            if token != firstToken { allSameToken = false }
        } else {
            firstToken = token
        }
        // Most keys show a letter in their first two characters and are done here.
        let digitsOfBSNs = Self.isDigitsOfBSNs(key)
        let hexText = Self.isHexText(key)
        let embeddedBSN = Self.containsBSN(key)
        guard digitsOfBSNs || hexText || embeddedBSN else { return false }
        waiting = []
        for (shape, has) in [(Shape.digitsOfBSNs, digitsOfBSNs), (.hexText, hexText), (.embeddedBSN, embeddedBSN)] where has {
            seen[shape.rawValue] += 1
            let chance = Self.chances[shape.rawValue][key.count]
            if chance < rarest[shape.rawValue] {
                rarest[shape.rawValue] = chance
                waiting.append(shape)
            }
        }
        return !waiting.isEmpty
    }

    /// Adds what another guard saw (in a later piece of the same file): the verdict is then the
    /// one a single guard would give that had seen every key, in order.
    mutating func absorb(_ other: PseudonymGuard) {
        for length in keysByLength.indices { keysByLength[length] += other.keysByLength[length] }
        for shape in Shape.allCases.map(\.rawValue) {
            seen[shape] += other.seen[shape]
            if other.rarest[shape] < rarest[shape] {
                rarest[shape] = other.rarest[shape]
                rarestLocation[shape] = other.rarestLocation[shape]
            }
        }
        if let theirs = other.firstToken {
            if let firstToken {
                if theirs != firstToken || !other.allSameToken { allSameToken = false }
            } else {
                firstToken = theirs
                allSameToken = other.allSameToken
            }
        }
        tokens += other.tokens
    }

    mutating func notePosition(_ location: SourceLocation) {
        for shape in waiting { rarestLocation[shape.rawValue] = location }
        waiting = []
    }

    /// The file's verdict once every key is seen: the problems to report, worded without values.
    func verdict() -> [(location: SourceLocation?, message: String)] {
        var problems: [(SourceLocation?, String)] = []
        for shape in Shape.allCases where seen[shape.rawValue] > 0 {
            let observed = seen[shape.rawValue]
            let expected = expectedByChance(shape, atMost: .infinity)
            let rarestChance = expectedByChance(shape, atMost: rarest[shape.rawValue])
            let countChance = Self.chanceBound(observed: observed, expected: expected)
            guard min(rarestChance, countChance) < Self.falseRefusalBound else { continue }
            problems.append((rarestLocation[shape.rawValue],
                "the case keys are not pseudonymised: \(observed) of \(tokens) \(shape.explanation); a file of "
                    + "random keys would show this \(HumanNumber.chance(min(rarestChance, countChance))) "
                    + "(the clearest case is here; no key is shown)"))
        }
        if allSameToken, tokens >= Self.sameKeyRecordThreshold {
            problems.append((nil, "all \(tokens) meldingen have the same case key, so it cannot tell children or "
                + "families apart; a meldingen export must carry each case's own pseudonymous key"))
        }
        return problems
    }

    /// The number of keys with this shape, among those of lengths where the shape's chance is at
    /// most `bound`, that a file of uniformly random keys of the same lengths holds on average.
    func expectedByChance(_ shape: Shape, atMost bound: Double) -> Double {
        keysByLength.indices.reduce(0) { sum, length in
            let chance = Self.chances[shape.rawValue][length]
            return chance <= bound ? sum + Double(keysByLength[length]) * chance : sum
        }
    }

    /// `chance(of:length:)` for every shape and length 0…64.
    private static let chances: [[Double]] = Shape.allCases.map { shape in (0...64).map { chance(of: shape, length: $0) } }

    /// An upper bound on the probability that a uniformly random key of `length` hex characters
    /// has the shape. A digit has probability 10/16, and a 9-digit number passes the elfproef with
    /// probability at most 1/10 (at most one last digit completes any first eight).
    static func chance(of shape: Shape, length: Int) -> Double {
        guard length > 0 else { return 0 }
        let digit = 10.0 / 16
        switch shape {
        case .digitsOfBSNs:
            // k leading zeros, then m BSNs: (1/16)^k · (10/16)^(9m) · (1/10)^m, over every m.
            return stride(from: 1, through: length / 9, by: 1).reduce(0) { sum, bsns in
                sum + pow(1.0 / 16, Double(length - 9 * bsns)) * pow(digit, Double(9 * bsns)) * pow(0.1, Double(bsns))
            }
        case .hexText:
            guard length % 2 == 0 else { return 0 }
            return pow(Double(textBytes.count) / 256, Double(length / 2))
        case .embeddedBSN:
            return Double(max(0, length - 8)) * pow(digit, 9) * 0.1
        }
    }

    /// The Chernoff bound on P(S ≥ observed) for a sum S of independent rare events with mean `expected`.
    static func chanceBound(observed: Int, expected: Double) -> Double {
        let s = Double(observed)
        guard s > expected else { return 1 }
        guard expected > 0 else { return 0 }
        return exp(-expected + s * (1 + log(expected) - log(s)))
    }

    // MARK: - Shapes

    /// Whether the bytes hold a run of exactly 9 digits (not all zeros) that passes the elfproef.
    /// Called for every case key and id, so it looks only where a run could be: any run of 9 or more
    /// digits covers one of the positions 8, 17, 26, …; from a digit there it measures the run.
    static func containsBSN(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 9, let base = bytes.baseAddress else { return false }
        func isDigit(_ index: Int) -> Bool { base.load(fromByteOffset: index, as: UInt8.self) &- 48 < 10 }
        var checkpoint = 8
        while checkpoint < bytes.count {
            if isDigit(checkpoint) {
                var start = checkpoint
                while start > 0, isDigit(start - 1) { start -= 1 }
                var end = checkpoint + 1
                while end < bytes.count, isDigit(end) { end += 1 }
                if end - start == 9, passesElfproef(bytes, from: start) { return true }
                // The first checkpoint at or after the run's end: those inside it belong to it.
                checkpoint = end + (17 - end % 9) % 9
            } else {
                checkpoint += 9
            }
        }
        return false
    }

    static func passesElfproef(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var sum = 0
        var allZero = true
        for position in 0..<9 {
            let digit = Int(bytes[start + position]) - 48
            if digit != 0 { allZero = false }
            sum += position < 8 ? (9 - position) * digit : -digit
        }
        return !allZero && sum % 11 == 0
    }

    static func isDigitsOfBSNs(_ key: UnsafeRawBufferPointer) -> Bool {
        guard key.allSatisfy({ (48...57).contains($0) }) else { return false }
        for bsns in stride(from: 1, through: key.count / 9, by: 1) {
            let padding = key.count - 9 * bsns
            guard key[0..<padding].allSatisfy({ $0 == 48 }) else { continue }
            if (0..<bsns).allSatisfy({ passesElfproef(key, from: padding + 9 * $0) }) { return true }
        }
        return false
    }

    /// Bytes of written names: letters, space, hyphen, apostrophe, full stop and comma, and the tab and
    /// line ends a name copied from a document brings along.
    private static let textBytes: Set<UInt8> = Set(Array(65...90) + Array(97...122) + [32, 45, 39, 46, 44, 9, 10, 13])
    /// `textBytes` as a table, for the per-record check.
    private static let isTextByte: [Bool] = (0...255).map { textBytes.contains(UInt8($0)) }

    static func isHexText(_ key: UnsafeRawBufferPointer) -> Bool {
        guard key.count % 2 == 0 else { return false }
        var index = 0
        while index < key.count {
            guard let high = hexValue(key[index]), let low = hexValue(key[index + 1]),
                  isTextByte[Int(high << 4 | low)]
            else { return false }
            index += 2
        }
        return true
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        default: nil
        }
    }
}

/// Small chances in words, for the guard's messages.
enum HumanNumber {
    /// "less than once in 1,000,000 files": the chance rounded to a power of ten, generously.
    static func chance(_ value: Double) -> String {
        guard value >= 1e-12 else { return "less than once in a million million files" }
        let power = Int(log10(1 / value).rounded(.down))
        var digits = "1" + String(repeating: "0", count: power)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "less than once in \(digits + grouped) files"
    }
}
