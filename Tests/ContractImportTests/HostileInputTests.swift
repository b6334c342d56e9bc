import ComplianceRules
import Foundation
@testable import ContractImport
import Testing

@Suite("Hostile and broken input")
struct HostileInputTests {
    static let register = """
        <?xml version="1.0" encoding="UTF-8"?>
        <register xmlns="urn:kindveilig:register:1" municipality="Groningen" reference-date="2017-12-31">
          <agreement id="INK-1" type="contract">
            <contractor kvk="01234567" name="Jeugdhulp Noord B.V."/>
            <sector>SECTOR</sector>
            <period start="2017-01-01" end="2017-12-31"/>
            <amount currency="EUR">AMOUNT</amount>
          </agreement>
        </register>
        """

    static func register(sector: String = "jeugdhulp", amount: String = "1250.50") -> String {
        register.replacingOccurrences(of: "SECTOR", with: sector).replacingOccurrences(of: "AMOUNT", with: amount)
    }

    static func firstProblem(_ file: String) -> String? {
        do {
            _ = try DocumentValidator().validate(file)
            return nil
        } catch {
            return error.description.split(separator: "\n").first.map(String.init)
        }
    }

    // MARK: - No DTD effects

    @Test("a DTD default never reaches the model: an internal subset is refused whatever it declares",
          arguments: [
              ("melding", "case CDATA \"9f86d081884c7d65\""),
              ("melding", "date CDATA \"2017-03-04\""),
              ("melding", "repeat CDATA \"true\""),
              ("meldingen", "xmlns CDATA #FIXED \"urn:kindveilig:meldingen:1\""),
          ])
    func attlistDefaultsAreRefused(element: String, declaration: String) throws {
        let file = try Fixtures.write("""
            <?xml version="1.0"?>
            <!DOCTYPE meldingen [ <!ATTLIST \(element) \(declaration)> ]>
            <meldingen xmlns="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31">
              <melding id="VT-1" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>
            </meldingen>
            """)
        var tally = RecordCounter()
        let error = try #require(throws: ImportError.self) { try MeldingenImporter().read(file, into: &tally) }
        #expect(error.description.contains("2:21: error: the DOCTYPE has an internal subset"))
        #expect(tally.records == 0, "no record was handed on")
        #expect(Self.firstProblem(file)?.contains("internal subset") == true)
    }

    @Test("an empty internal subset, a notation and an unparsed entity are refused too", arguments: [
        "[]", "[ <!NOTATION n SYSTEM \"viewer\"> ]", "[ <!NOTATION n SYSTEM \"x\"> <!ENTITY e SYSTEM \"y\" NDATA n> ]",
        "[ <!ELEMENT meldingen ANY> ]",
    ])
    func everySubsetIsRefused(subset: String) throws {
        let file = try Fixtures.write("<!DOCTYPE meldingen \(subset)>\n"
            + #"<meldingen xmlns="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31"/>"#)
        #expect(Self.firstProblem(file)?.contains("the DOCTYPE has an internal subset") == true)
    }

    // MARK: - Bounded work

    @Test("past the cap a problem is counted, not worded or placed")
    func problemsPastTheCapAreOnlyCounted() {
        var log = DiagnosticLog(file: "f.xml", limit: 50)
        var worded = 0
        for line in 1...100_000 {
            log.record({
                worded += 1
                return Diagnostic(location: SourceLocation(file: "f.xml", line: line, column: 1), message: "m", origin: .content)
            }())
        }
        #expect(worded == 100)
        #expect(log.finished().shown.count == 50)
        #expect(log.finished().omitted == 99_950)
    }

    @Test("an export with 20,000 bad records lists the first 50 and counts every one")
    func manyBadRecordsAreCounted() throws {
        let records = (1...20_000).map {
            #"<melding id="VT-\#($0)" date="2017-13-01" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#
        }
        let file = try Fixtures.write(Fixtures.meldingen(records))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        guard case .invalid(_, let shown, let omitted) = error else { Issue.record("\(error)"); return }
        #expect(shown.count == 50)
        // The XSD and the decoder both object to each date; the decoder's words are kept where both speak.
        #expect(shown.count + omitted >= 20_000)
    }

    /// Documents that break one limit each, built in the test so that the test's name stays short.
    enum Excess: String, CaseIterable, CustomTestStringConvertible {
        case attributes, namespaceDeclarations, depth, text, tag, comment, nul

        var testDescription: String { rawValue }

        var document: String {
            let root = #"<register xmlns="urn:kindveilig:register:1""#
            switch self {
            case .attributes: return root + " " + (1...65).map { "a\($0)=\"x\"" }.joined(separator: " ") + "/>"
            case .namespaceDeclarations:
                return root + " " + (1...65).map { "xmlns:p\($0)=\"urn:p\($0)\"" }.joined(separator: " ") + "/>"
            case .depth: return root + ">" + String(repeating: "<x>", count: 20) + "</register>"
            case .text: return HostileInputTests.register(sector: String(repeating: "a", count: 20_000))
            case .tag: return root + " municipality=\"" + String(repeating: "a", count: 20_000) + "\"/>"
            case .comment: return "<!--" + String(repeating: "-a", count: 600_000) + "-->"
            case .nul: return root + "/>\n\u{0}"
            }
        }

        var expected: (position: String, says: String) {
            switch self {
            case .attributes, .namespaceDeclarations: ("1:1", "a tag has more than 64 attributes")
            case .depth: ("1:90", "nested more than 16 deep")
            case .text: ("5:5", "more than 16 KiB without a tag")
            case .tag: ("1:1", "more than 16 KiB without a tag")
            case .comment: ("1:1", "a comment is longer than 1024 KiB")
            case .nul: ("2:1", "NUL character")
            }
        }
    }

    @Test("the limits refuse at once, at the place, before libxml2 reads on", arguments: Excess.allCases)
    func limits(excess: Excess) throws {
        let file = try Fixtures.write(excess.document)
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        let line = error.description.split(separator: "\n").first { $0.hasPrefix("\(file):\(excess.expected.position): error: ") }
        #expect(line?.contains(excess.expected.says) == true, "\(error.description.prefix(600))")
    }

    @Test("markup the guard skips over does not confuse it: quotes, comments, CDATA, PIs and > in values")
    func guardReadsMarkupRight() throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?pi with "quotes" and <brackets> ?>
            <!-- a comment with <tags a="1" b='2'>, quotes " ' and - a dash -->
            <!DOCTYPE register SYSTEM "x[y].dtd">
            <register xmlns="urn:kindveilig:register:1" municipality="Groningen &gt; stad" reference-date="2017-12-31">
              <agreement id="A>1" type="contract">
                <contractor kvk="01234567" name='Noord "B.V." > Zuid'/>
                <sector><![CDATA[jeugd]]>hulp</sector>
                <period start="2017-01-01" end="2017-12-31"/>
              </agreement>
            </register>
            """
        let register = try RegisterImporter().load(try Fixtures.write(document))
        #expect(register.agreements.first?.contractor.name == "Noord \"B.V.\" > Zuid")
        #expect(register.agreements.first?.id == "A>1")
    }

    @Test("a UTF-16 register is read like UTF-8", arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf16])
    func utf16(encoding: String.Encoding) throws {
        let text = Self.register().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let file = try Fixtures.write(text, encoding: encoding)
        #expect(try RegisterImporter().load(file).agreements.count == 1)
    }

    @Test("a file that is not XML is of no known kind")
    func notXML() throws {
        let file = try Fixtures.write("%PDF-1.7 binary")
        #expect(throws: ImportError.self) { try DocumentValidator().validate(file) }
        do {
            _ = try DocumentValidator().validate(file)
        } catch .unknownKind {
        } catch {
            Issue.record("expected unknownKind, got \(error)")
        }
    }

    // MARK: - Text as XML defines it

    @Test("CDATA sections and character references are text: a sector or an amount in pieces reads whole", arguments: [
        ("<![CDATA[jeugdhulp]]>", "1250.50"),
        ("jeugd<![CDATA[hulp]]>", "<![CDATA[12]]><![CDATA[50.50]]>"),
        ("&#106;eugdhulp", "1&#50;50.50"),
        ("\n  jeugdhulp\n", " <![CDATA[1250]]>.50 "),
    ])
    func textInPieces(sector: String, amount: String) throws {
        let file = try Fixtures.write(Self.register(sector: sector, amount: amount))
        #expect(Self.firstProblem(file) == nil)
        let agreement = try #require(try RegisterImporter().load(file).agreements.first)
        #expect(agreement.sector == .jeugdhulp)
        #expect(agreement.amount?.value == Decimal(string: "1250.50"))
    }

    // MARK: - Nothing from an export is repeated

    static let marker = "d34ce9777b5cb260"

    @Test("malformed exports are described in the tool's words, never with the export's content", arguments: [
        #"<melding id="a" \#(marker) date="2017-03-04"/>"#,
        #"<melding id="a&\#(marker);" date="2017-03-04"/>"#,
        #"<melding id="a" \#(marker)="1" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#,
        #"<\#(marker)/>"#,
        #"<melding id="a" case="\#(marker)" case="\#(marker)"/>"#,
        #"<melding id="\#(marker)" date="\#(marker)" reporter-kvk="\#(marker)" category="\#(marker)" type="\#(marker)" case="\#(marker)X" repeat="\#(marker)" concern-since="\#(marker)"/>"#,
        #"<p:melding xmlns:p="urn:\#(marker)" id="a"/>"#,
        #"<melding id="a" date="2017-03-04" category="burger" type="melding" case="\#(marker)"></wrong\#(marker)>"#,
    ])
    func noEcho(record: String) throws {
        let file = try Fixtures.write(Fixtures.meldingen([record]))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(!error.description.contains(Self.marker), "\(error)")
        var tally = RecordCounter()
        let audited = try #require(throws: ImportError.self) { try MeldingenImporter().read(file, into: &tally) }
        #expect(!audited.description.contains(Self.marker), "\(audited)")
    }

    @Test("invalid UTF-8 is named, its bytes are not shown")
    func badBytes() throws {
        var bytes = Array(Fixtures.meldingen([#"<melding id="a" case="af6bXX28dbc00731f"/>"#]).utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "X"))!
        bytes[at] = 0xFF
        bytes[at + 1] = 0xFE
        let file = try Fixtures.write("")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let problem = try #require(Self.firstProblem(file))
        #expect(!problem.contains("0xFF") && !problem.contains("af6b") && !problem.contains("Bytes:"), "\(problem)")
        #expect(problem.contains("not well-formed XML"))
    }

    @Test("an unknown root element's name is not repeated")
    func unknownRoot() throws {
        let file = try Fixtures.write("<\(Self.marker)/>")
        let problem = try #require(Self.firstProblem(file))
        #expect(problem.contains("another root element") && !problem.contains(Self.marker))
    }
}

/// Counts the records that reach it.
struct RecordCounter: MeldingenConsumer {
    var records = 0
    mutating func begin(_ header: MeldingenExportHeader) {}
    mutating func consume(_ melding: Melding) { records += 1 }
}
