@testable import ContractImport
import Testing

@Suite("The invalid samples")
struct InvalidSampleTests {
    /// Each file in samples/invalid/, where its first problem is and what it says.
    static let expectations: [(file: String, position: String, says: String)] = [
        ("empty.xml", "1:1", "the file is empty"),
        ("entity-billion-laughs.xml", "3:20", "the DOCTYPE has an internal subset"),
        ("entity-external-file.xml", "3:20", "the DOCTYPE has an internal subset"),
        ("meldingen-bsn-in-attribute.xml", "5:3", "an attribute holds a 9-digit number that passes the elfproef"),
        ("meldingen-bsn-in-id.xml", "5:3", "id holds a 9-digit number that passes the elfproef"),
        ("meldingen-case-key-hex-name.xml", "5:3", "are text written in hexadecimal (such as a name)"),
        ("meldingen-case-key-padded-bsn.xml", "5:3", "consist only of digits that form one or more BSNs"),
        ("meldingen-doctype-attlist.xml", "3:21", "the DOCTYPE has an internal subset"),
        ("meldingen-nul-after-root.xml", "5:1", "the file contains a NUL character"),
        ("meldingen-same-case-key.xml", "124:1", "all 120 meldingen have the same case key"),
        ("not-xml.xml", "1:1", "the file does not begin with an XML tag"),
        ("register-too-many-attributes.xml", "3:1", "a tag has more than 64 attributes"),
        ("register-xsi-attribute.xml", "3:1", "attribute schemaLocation in namespace http://www.w3.org/2001/XMLSchema-instance is not part of the format"),
        ("meldingen-bad-case-key.xml", "5:3", "case must be a pseudonymous key of 16 to 64 lowercase hexadecimal"),
        ("meldingen-child-element.xml", "5:107", "an element that is not part of the meldingen format here"),
        ("meldingen-concern-after-date.xml", "5:3", "concern-since lies after the melding's date"),
        ("meldingen-date-outside-period.xml", "5:3", "date lies outside the export's period 2017-01-01 – 2017-12-31"),
        ("meldingen-duplicate-id.xml", "5:3", "this id occurs earlier in the file"),
        ("meldingen-impossible-date.xml", "5:3", "<melding>: date must be an existing date written YYYY-MM-DD"),
        ("meldingen-missing-case.xml", "5:3", "required attribute(s) missing: case"),
        ("meldingen-signal-in-veilig-thuis.xml", "5:3", "type signaal does not occur in a veilig-thuis export"),
        ("meldingen-text-content.xml", "6:1", "text is not allowed here"),
        ("meldingen-unknown-attribute.xml", "5:3", "<melding>: an attribute that is not part of the format"),
        ("meldingen-unknown-category.xml", "5:3", "category must be one of: onderwijs"),
        ("not-well-formed.xml", "4:17", "not well-formed XML"),
        ("register-boolean-yes.xml", "8:5", "<meldcode> present: 'yes' must be true or false"),
        ("register-duplicate-agreement-id.xml", "9:3", "id 'INK-2017-0042' is used twice (first at line 4)"),
        ("register-duplicate-evidence.xml", "9:5", "<meldcode>: this element is not expected here"),
        ("register-impossible-date.xml", "7:5", "<period> start: '2017-02-30' must be an existing date"),
        ("register-kvk-seven-digits.xml", "5:5", "<contractor> kvk: '1234567' must be exactly 8 digits"),
        ("register-missing-kvk.xml", "5:5", "<contractor>: required attribute kvk is missing"),
        ("register-missing-sector.xml", "7:3", "<agreement>: required element(s) missing: <sector>"),
        ("register-negative-hours.xml", "8:5", "<aandachtsfunctionaris> hours-per-week: '-2' must be 0 or more"),
        ("register-period-end-before-start.xml", "7:5", "<period>: the end (2018-12-31) lies before the start (2019-01-01)"),
        ("register-trained-exceeds-staff.xml", "8:5", "<training>: trained (61) is more than staff (60)"),
        ("register-unknown-attribute.xml", "8:5", "<kindcheck>: attribute since is not part of the format"),
        ("register-unknown-element.xml", "8:5", "<discount>: this element is not expected here"),
        ("register-unknown-sector.xml", "6:22", "<sector>: 'jeugdzorg' is not one of: onderwijs"),
        ("truncated.xml", "6:1", "Premature end of data"),
        ("unknown-root.xml", "3:1", "not a register or meldingen export"),
    ]

    @Test("every invalid sample has its expectation, and every expectation its file")
    func expectationsCoverTheFolder() {
        let files = Fixtures.files(in: "samples/invalid").map { String($0.split(separator: "/").last!) }
        #expect(files == Self.expectations.map(\.file).sorted())
    }

    @Test("each invalid sample is rejected at the right place, in plain words", arguments: expectations)
    func rejected(_ expectation: (file: String, position: String, says: String)) throws {
        let file = Fixtures.sample("invalid/\(expectation.file)")
        do {
            let outcome = try DocumentValidator().validate(file)
            Issue.record("accepted as a valid \(outcome.kind)")
        } catch {
            let first = try #require(error.description.split(separator: "\n").first.map(String.init))
            #expect(first.hasPrefix("\(file):\(expectation.position): error: "))
            #expect(first.contains(expectation.says))
        }
    }

    @Test("the audit's importers reject them too, meldingen without a schema in the loop",
          arguments: Fixtures.files(in: "samples/invalid"))
    func importersReject(file: String) {
        var tally = AnnualReportTally()
        #expect(throws: ImportError.self) {
            do throws(ImportError) {
                _ = try RegisterImporter().load(file)
            } catch .wrongKind(_, _, .meldingen) {
                _ = try MeldingenImporter().read(file, into: &tally)
            }
        }
    }
}
