import ComplianceRules
import Foundation
@testable import ContractImport
import Testing

@Suite("Reading one export in pieces on several cores")
struct PiecewiseExportReadTests {
    /// Everything a consumer is told, in order.
    struct Recording: MeldingenConsumer, Equatable {
        var headers: [MeldingenExportHeader] = []
        var meldingen: [Melding] = []
        mutating func begin(_ header: MeldingenExportHeader) { headers.append(header) }
        mutating func consume(_ melding: Melding) { meldingen.append(melding) }
    }

    /// Every byte it is shown, in order.
    final class Bytes: InputObserver {
        var seen: [UInt8] = []
        func observe(_ bytes: UnsafeRawBufferPointer) { seen += bytes }
        func restart() { seen = [] }
    }

    static let pieces = PiecewiseExportRead(pieceBytes: 8 << 10, workers: 2)
    static let onePass = importer(workers: 1)

    static func importer(workers: Int, lenient: Bool = false) -> MeldingenImporter {
        var importer = MeldingenImporter(lenient: lenient)
        importer.workers = workers
        return importer
    }

    /// A record with distinct id and case key; a month's records in date order.
    static func record(_ number: Int, id: String? = nil, caseKey: String? = nil, date: String? = nil,
                       element: String = "melding") -> String {
        let key = caseKey ?? String(format: "%016llx", UInt64(number) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5bd1_e995)
        let day = date ?? String(format: "2017-%02d-%02d", 1 + number / 400 % 12, 1 + number / 20 % 28)
        return "<\(element) id=\"\(id ?? String(format: "VT-2017-%06d", number))\" date=\"\(day)\" "
            + "reporter-kvk=\"1234567\(number % 10)\" category=\"politie\" type=\"politie-zorgmelding\" case=\"\(key)\"/>"
    }

    static func export(_ count: Int, _ record: (Int) -> String = { Self.record($0) }) -> String {
        Fixtures.meldingen((1...count).map(record))
    }

    static func readBoth(_ file: String) throws -> (pieces: (MeldingenReadSummary?, Recording, [UInt8]),
                                                   onePass: (MeldingenReadSummary, Recording, [UInt8])) {
        var inPieces = Recording()
        let piecesBytes = Bytes()
        let piecesSummary = pieces.read(file, into: &inPieces, observer: piecesBytes)
        var inOnePass = Recording()
        let onePassBytes = Bytes()
        let onePassSummary = try onePass.read(file, into: &inOnePass, observer: onePassBytes)
        return ((piecesSummary, inPieces, piecesBytes.seen), (onePassSummary, inOnePass, onePassBytes.seen))
    }

    @Test("a valid export read in pieces gives the consumer, the summary and the observer exactly what one pass gives")
    func sameAsOnePass() throws {
        let file = try Fixtures.write(Self.export(3_000))
        let descriptor = open(file, O_RDONLY)
        defer { close(descriptor) }
        let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let layout = try #require(ExportLayout(descriptor: descriptor, size: size, pieceBytes: 8 << 10))
        #expect(layout.pieceCount > 20)
        let (pieces, onePass) = try Self.readBoth(file)
        #expect(pieces.0 == onePass.0)
        #expect(pieces.1 == onePass.1)
        #expect(pieces.1.meldingen.count == 3_000)
        #expect(pieces.2 == Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(pieces.2 == onePass.2)
    }

    @Test("a prefixed root whose attribute holds a '>' is carried into every piece")
    func prefixedRoot() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- an export -->
            <m:meldingen xmlns:m="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Noord > Zuid" from="2017-01-01" to="2017-12-31">

            """ + (1...2_000).map { "  " + Self.record($0, element: "m:melding") + "\n" }.joined() + "</m:meldingen>\n<!-- end -->\n"
        let (pieces, onePass) = try Self.readBoth(try Fixtures.write(text))
        #expect(pieces.0 == onePass.0)
        #expect(pieces.1 == onePass.1)
        #expect(onePass.1.headers.first?.region == "Noord > Zuid")
        #expect(pieces.2 == onePass.2)
    }

    @Test("a cut that falls inside a comment makes the pieces not count; the consumer and the observer are as before")
    func cutInComment() throws {
        let commented = (1...200).map { "    " + Self.record(100_000 + $0) }.joined(separator: "\n")
        let file = try Fixtures.write(Self.export(2_000) { number in
            number == 1_000 ? "<!--\n" + commented + "\n  -->\n  " + Self.record(number) : Self.record(number)
        })
        var consumer = Recording()
        consumer.meldingen = [Melding(date: Day(year: 2016, month: 5, day: 1)!, reporter: nil, category: .politie,
                                      type: .politieZorgmelding, caseToken: CaseToken(fingerprint: 7), isRepeat: false,
                                      concernSince: nil)]
        let before = consumer
        let observer = Bytes()
        #expect(Self.pieces.read(file, into: &consumer, observer: observer) == nil)
        #expect(consumer == before)
        #expect(observer.seen.isEmpty)
        // The importer then reads it in one pass: the records in the comment are not records.
        var read = Recording()
        let summary = try Self.importer(workers: 2).read(file, into: &read)
        #expect(summary.recordCount == 2_000)
        #expect(read.meldingen.count == 2_000)
    }

    @Test("records with child elements at a cut make the pieces not count, and one pass reports them")
    func childElements() throws {
        let file = try Fixtures.write(Self.export(2_000) { number in
            number % 50 == 0 ? Self.record(number).replacingOccurrences(of: "/>", with: "><note/></melding>") : Self.record(number)
        })
        var consumer = Recording()
        #expect(Self.pieces.read(file, into: &consumer, observer: nil) == nil)
        #expect(throws: ImportError.self) { try Self.importer(workers: 2).read(file, into: &consumer) }
    }

    @Test("an id that occurs in two pieces is found, as one pass finds it")
    func duplicateAcrossPieces() throws {
        let file = try Fixtures.write(Self.export(2_000) { number in
            Self.record(number, id: number == 1_900 ? "VT-2017-000010" : nil)
        })
        var consumer = Recording()
        #expect(Self.pieces.read(file, into: &consumer, observer: nil) == nil)
        let error = try #require(throws: ImportError.self) { try Self.importer(workers: 2).read(file, into: &consumer) }
        guard case .invalid(_, let diagnostics, _) = error else { Issue.record("not invalid: \(error)"); return }
        #expect(diagnostics.map(\.reason) == [.duplicateId])
        #expect(diagnostics.first?.location.line == 1_902)
    }

    @Test("a rejected record in a lenient read gives the same rejections as one pass")
    func lenientRejection() throws {
        let file = try Fixtures.write(Self.export(2_000) { number in
            Self.record(number, date: number == 1_500 ? "2017-13-01" : nil)
        })
        var inPieces = Recording()
        #expect(Self.pieces.read(file, into: &inPieces, observer: nil) == nil)
        var read = Recording()
        let summary = try Self.importer(workers: 2, lenient: true).read(file, into: &read)
        var onePass = Recording()
        let expected = try Self.importer(workers: 1, lenient: true).read(file, into: &onePass)
        #expect(summary == expected)
        #expect(read == onePass)
        #expect(summary.records.rejected == 1)
    }

    @Test("case keys are judged over the whole file: one key in every piece is refused")
    func sameKeyEverywhere() throws {
        let file = try Fixtures.write(Self.export(2_000) { Self.record($0, caseKey: "0123456789abcdef") })
        var consumer = Recording()
        #expect(Self.pieces.read(file, into: &consumer, observer: nil) == nil)
        let error = try #require(throws: ImportError.self) { try Self.importer(workers: 2).read(file, into: &consumer) }
        #expect(error.description.contains("all 2000 meldingen have the same case key"))
    }

    @Test("a small file, a DOCTYPE and an empty root are read in one pass")
    func notCut() throws {
        let small = try Fixtures.write(Self.export(20))
        var consumer = Recording()
        #expect(Self.pieces.read(small, into: &consumer, observer: nil) == nil)
        #expect(ExportLayout.rootStartTag(in: Array("<?xml version=\"1.0\"?><!DOCTYPE m []><m>".utf8)) == nil)
        #expect(ExportLayout.rootStartTag(in: Array("<m a='1'/>".utf8)) == nil)
        #expect(ExportLayout.rootStartTag(in: Array("\u{FEFF}<?xml version=\"1.0\"?>\n<m a='>'>".utf8))?.end == 34)
    }
}

@Suite("Joining the id sets of pieces")
struct IdentifierSetUnionTests {
    static func set(_ ids: [String]) -> IdentifierSet {
        var set = IdentifierSet()
        for id in ids { _ = insert(id, into: &set) }
        return set
    }

    static func insert(_ id: String, into set: inout IdentifierSet) -> Bool {
        Array(id.utf8).withUnsafeBytes { set.insert($0) }
    }

    static func ids(_ numbers: some Sequence<Int>, prefix: String = "VT-") -> [String] {
        numbers.map { prefix + String(format: "%06d", $0) }
    }

    @Test("sets with no id in common join, and the joined set knows every id", arguments: [
        (Array(1...100), Array(101...200)),
        (Array(101...200), Array(1...100)),
        ([5, 3, 9, 1, 7], [2, 8, 4, 6]),
        (Array(1...50) + [60, 55], Array(51...54) + [70, 56]),
    ])
    func disjoint(first: [Int], second: [Int]) {
        var joined = Self.set(Self.ids(first) + ["unnumbered-a"])
        let joins = joined.formUnion(Self.set(Self.ids(second) + ["VT-1", "unnumbered-b"]))
        #expect(joins)
        #expect(joined.count == first.count + second.count + 3)
        for id in Self.ids(first + second) + ["VT-1", "unnumbered-a", "unnumbered-b"] {
            let inserted = Self.insert(id, into: &joined)
            #expect(!inserted, "\(id) should be known")
        }
        let new = Self.insert("VT-000999", into: &joined)
        #expect(new)
    }

    @Test("an id in both sets is found, in a run, among stragglers or unnumbered", arguments: [
        (Array(1...100), [100]),
        (Array(1...100), [150, 50]),
        ([5, 3, 9, 1, 7], [2, 3]),
        ([10, 20], Array(15...20)),
    ])
    func overlapping(first: [Int], second: [Int]) {
        var joined = Self.set(Self.ids(first))
        let joins = joined.formUnion(Self.set(Self.ids(second)))
        #expect(!joins)
        var named = Self.set(["x"])
        let namedJoins = named.formUnion(Self.set(["x"]))
        #expect(!namedJoins)
    }
}
