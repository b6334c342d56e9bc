import ComplianceRules
import Foundation
@testable import ContractImport
import Testing

@Suite("The privacy guard")
struct PseudonymGuardTests {
    static func bytes<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        Array(text.utf8).withUnsafeBytes(body)
    }

    @Test("the elfproef accepts BSNs and refuses other nine-digit numbers", arguments: [
        ("111222333", true), ("123456782", true), ("999999990", true), ("123456789", false), ("000000000", false),
        ("111222334", false),
    ])
    func elfproef(number: String, passes: Bool) {
        #expect(Self.bytes(number) { PseudonymGuard.passesElfproef($0, from: 0) } == passes)
    }

    @Test("a BSN is found as a run of exactly nine digits, anywhere in a value", arguments: [
        ("111222333", true), ("VT-111222333", true), ("111222333-2017", true), ("1112223330", false),
        ("VT-2017-000001", false), ("11122233", false),
    ])
    func runsOfNine(value: String, found: Bool) {
        #expect(Self.bytes(value) { PseudonymGuard.containsBSN($0) } == found)
    }

    @Test("the fast BSN scan finds exactly what a plain scan of every digit run finds")
    func fastScanAgreesWithPlainScan() {
        /// Every maximal run of digits, each tested: the definition, without shortcuts.
        func plain(_ text: [UInt8]) -> Bool {
            var runStart: Int?
            for index in 0...text.count {
                let digit = index < text.count && (48...57).contains(text[index])
                if digit {
                    if runStart == nil { runStart = index }
                } else if let start = runStart {
                    runStart = nil
                    if index - start == 9, text.withUnsafeBytes({ PseudonymGuard.passesElfproef($0, from: start) }) { return true }
                }
            }
            return false
        }
        var generator = SplitMix(seed: 11)
        var found = 0
        for _ in 0..<200_000 {
            // Mostly digits, so that runs of every length occur, and lengths around the checkpoints.
            let length = 9 + Int(generator.next() % 40)
            let text = (0..<length).map { _ in generator.next() % 8 == 0 ? UInt8(ascii: "x") : UInt8(48 + generator.next() % 10) }
            let expected = plain(text)
            if expected { found += 1 }
            #expect(text.withUnsafeBytes { PseudonymGuard.containsBSN($0) } == expected, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(found > 1000, "the sample holds BSN-like runs")
    }

    @Test("case keys that are no pseudonyms refuse the file, without showing the key", arguments: [
        ("0000000111222333", "consist only of digits that form one or more BSNs"),
        ("111222333123456782", "consist only of digits that form one or more BSNs"),
        ("111222333111222333", "consist only of digits that form one or more BSNs"),
        ("4a616e2064652056726965732020", "are text written in hexadecimal"),
        ("6a616e2064652076726965730a", "are text written in hexadecimal"),
    ])
    func suspectKeys(key: String, says: String) throws {
        let file = try Fixtures.write(Fixtures.meldingen([
            #"<melding id="VT-1" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#,
            #"<melding id="VT-2" date="2017-03-04" category="burger" type="melding" case="\#(key)"/>"#,
        ]))
        var counter = RecordCounter()
        let error = try #require(throws: ImportError.self) { try MeldingenImporter().read(file, into: &counter) }
        #expect(error.description.contains(":4:3: error: the case keys are not pseudonymised"), "\(error)")
        #expect(error.description.contains(says))
        #expect(!error.description.contains(key))
    }

    @Test("a BSN in any other value refuses the file, naming the place and never the value", arguments: [
        (#"<melding id="111222333" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#, "id"),
        (#"<melding id="VT-1" date="123456782" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#, "date"),
        (#"<melding id="VT-1" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f" note="bsn 123456782"/>"#, "an attribute"),
    ])
    func bsnInValues(record: String, named: String) throws {
        let file = try Fixtures.write(Fixtures.meldingen([record]))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(error.description.contains("\(named) holds a 9-digit number that passes the elfproef"), "\(error)")
        #expect(!error.description.contains("123456782") && !error.description.contains("111222333"))
    }

    @Test("a BSN in the export's header refuses it too")
    func bsnInHeader() throws {
        let file = try Fixtures.write(Fixtures.meldingen([]).replacingOccurrences(of: "region=\"Groningen\"", with: "region=\"123456782\""))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(error.description.contains("<meldingen>: region holds a 9-digit number"))
    }

    @Test("one case key for every record refuses a file of 100 records or more, not a smaller one",
          arguments: [(99, false), (100, true)])
    func sameKey(records: Int, refused: Bool) throws {
        let file = try Fixtures.write(Fixtures.meldingen((1...records).map {
            #"<melding id="VT-\#($0)" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#
        }))
        var counter = RecordCounter()
        if refused {
            let error = try #require(throws: ImportError.self) { try MeldingenImporter().read(file, into: &counter) }
            #expect(error.description.contains("all \(records) meldingen have the same case key"))
        } else {
            #expect(try MeldingenImporter().read(file, into: &counter).recordCount == records)
        }
    }

    @Test("the chance bounds hold: random keys have each shape no more often than the guard assumes")
    func boundsHoldBySimulation() {
        var generator = SplitMix(seed: 2017)
        for length in [16, 18, 20, 32] {
            let trials = 400_000
            var counts = [Int](repeating: 0, count: PseudonymGuard.Shape.allCases.count)
            for _ in 0..<trials {
                let key = SplitMix.hexKey(length: length, using: &generator)
                key.withUnsafeBytes { bytes in
                    if PseudonymGuard.isDigitsOfBSNs(bytes) { counts[0] += 1 }
                    if PseudonymGuard.isHexText(bytes) { counts[1] += 1 }
                    if PseudonymGuard.containsBSN(bytes) { counts[2] += 1 }
                }
            }
            for shape in PseudonymGuard.Shape.allCases {
                let bound = PseudonymGuard.chance(of: shape, length: length) * Double(trials)
                // The bound may be generous, never short: allow four standard deviations of noise.
                #expect(Double(counts[shape.rawValue]) <= bound + 4 * bound.squareRoot() + 1,
                        "\(shape) at length \(length): \(counts[shape.rawValue]) seen, bound \(bound)")
            }
        }
    }

    @Test("ten million random keys, in files of a million, are never refused")
    func randomKeysPass() {
        var generator = SplitMix(seed: 42)
        for file in 0..<10 {
            var guardian = PseudonymGuard()
            // Half the files use one key length throughout, as an exporter does; the rest mix 16 to 64.
            for record in 0..<1_000_000 {
                let length = file < 5 ? [16, 18, 32, 64, 20][file] : 16 + Int(generator.next() % 49)
                let key = SplitMix.hexKey(length: length, using: &generator)
                let suspect = key.withUnsafeBytes { guardian.observe(key: $0, token: CaseToken(fingerprint: UInt64(record))) }
                if suspect { guardian.notePosition(SourceLocation(file: "f", line: record, column: 1)) }
            }
            #expect(guardian.verdict().isEmpty, "file \(file): \(guardian.verdict().map(\.message))")
        }
    }

    @Test("guards of the pieces of a file, joined, give the verdict of one guard over the whole file",
          arguments: [0, 1, 250, 999, 1_000])
    func joinedPieces(cut: Int) {
        var generator = SplitMix(seed: 7)
        // Random keys with BSN-shaped ones among them, often enough to be refused, and one key twice.
        let keys: [[UInt8]] = (0..<1_000).map { record in
            record % 40 == 3 ? Array("000000000111222333".utf8) : SplitMix.hexKey(length: 16, using: &generator)
        }
        func observe(_ records: Range<Int>, into guardian: inout PseudonymGuard) {
            for record in records {
                let token = CaseToken(fingerprint: UInt64(record % 997))
                if keys[record].withUnsafeBytes({ guardian.observe(key: $0, token: token) }) {
                    guardian.notePosition(SourceLocation(file: "f", line: record, column: 1))
                }
            }
        }
        var whole = PseudonymGuard()
        observe(0..<1_000, into: &whole)
        var first = PseudonymGuard()
        observe(0..<cut, into: &first)
        var second = PseudonymGuard()
        observe(cut..<1_000, into: &second)
        first.absorb(second)
        #expect(!whole.verdict().isEmpty)
        #expect(first.verdict().map(\.message) == whole.verdict().map(\.message))
        #expect(first.verdict().map(\.location) == whole.verdict().map(\.location))
    }

    @Test("one case key in both pieces of a file is one key for the file, and two keys are two")
    func joinedSameKey() {
        func guardian(_ token: UInt64, records: Int) -> PseudonymGuard {
            var guardian = PseudonymGuard()
            for _ in 0..<records {
                _ = Array("0123456789abcdef".utf8).withUnsafeBytes { guardian.observe(key: $0, token: CaseToken(fingerprint: token)) }
            }
            return guardian
        }
        var same = guardian(1, records: 60)
        same.absorb(guardian(1, records: 60))
        #expect(same.verdict().map(\.message) == ["all 120 meldingen have the same case key, so it cannot tell children or "
            + "families apart; a meldingen export must carry each case's own pseudonymous key"])
        var different = guardian(1, records: 60)
        different.absorb(guardian(2, records: 60))
        #expect(different.verdict().isEmpty)
        var empty = PseudonymGuard()
        empty.absorb(guardian(1, records: 120))
        #expect(empty.verdict().count == 1)
    }
}

/// A small, seeded generator for the simulations.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hexKey(length: Int, using generator: inout SplitMix) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: length)
        var bits: UInt64 = 0
        for index in 0..<length {
            if index % 16 == 0 { bits = generator.next() }
            key[index] = hexDigits[Int(bits & 15)]
            bits >>= 4
        }
        return key
    }
}
