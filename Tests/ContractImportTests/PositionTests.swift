import ComplianceRules
import Foundation
@testable import ContractImport
import Testing

@Suite("Positions, encodings and large files")
struct PositionTests {
    @Test("a problem in a tag spread over several lines is placed at the tag's start")
    func multiLineTag() throws {
        let file = try Fixtures.write(Fixtures.meldingen([
            #"<melding id="VT-1" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#,
            "<melding\n      id=\"VT-2\"\n      date=\"2018-03-04\" category=\"burger\" type=\"melding\" case=\"2c26b46b68ffc68f\"/>",
        ]))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(error.description.hasPrefix("\(file):4:3: error: <melding>: date lies outside"))
    }

    @Test("line numbers stay right beyond 65,535 lines")
    func bigLines() throws {
        let records = (1...70_000).map {
            #"<melding id="VT-\#($0)" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#
        }
        let file = try Fixtures.write(Fixtures.meldingen(records + [
            #"<melding id="VT-1" date="2017-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#,
        ]))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(error.description.hasPrefix("\(file):70003:3: error: <melding>: this id occurs earlier"))
    }

    @Test("a register in ISO-8859-1, as its XML declaration says, reads as the same text")
    func otherEncoding() throws {
        let file = try Fixtures.write("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <register xmlns="urn:kindveilig:register:1" municipality="Súdwest-Fryslân" reference-date="2017-12-31">
              <agreement id="SUB-1" type="subsidy">
                <contractor kvk="01234567" name="Coöperatie Kindzorg"/>
                <sector>welzijn</sector>
                <period start="2017-01-01" end="2017-12-31"/>
              </agreement>
            </register>
            """, encoding: .isoLatin1)
        let register = try RegisterImporter().load(file)
        #expect(register.municipality == "Súdwest-Fryslân")
        #expect(register.agreements.first?.contractor.name == "Coöperatie Kindzorg")
    }

    @Test("problems past the limit are counted, not shown")
    func diagnosticLimit() throws {
        let records = (1...30).map {
            #"<melding id="VT-\#($0)" date="2018-03-04" category="burger" type="melding" case="2c26b46b68ffc68f"/>"#
        }
        let file = try Fixtures.write(Fixtures.meldingen(records))
        let error = try #require(throws: ImportError.self) { try DocumentValidator(diagnosticLimit: 5).validate(file) }
        guard case .invalid(_, let shown, let omitted) = error else {
            Issue.record("expected an invalid document")
            return
        }
        #expect(shown.count == 5)
        #expect(omitted == 25)
        #expect(error.description.hasSuffix("note: 25 more problem(s) not shown"))
    }
}

@Suite("Duplicate ids in a stream")
struct IdentifierSetTests {
    private func insert(_ id: String, into set: inout IdentifierSet) -> Bool {
        Array(id.utf8).withUnsafeBytes { set.insert($0) }
    }

    @Test("ids in ascending order are all new, and a repeat of any of them is found")
    func ascending() {
        var set = IdentifierSet()
        for number in 1...10_000 { #expect(insert("VT-2017-\(number)", into: &set)) }
        #expect(!insert("VT-2017-1", into: &set))
        #expect(!insert("VT-2017-5000", into: &set))
        #expect(!insert("VT-2017-10000", into: &set))
        #expect(set.count == 10_000)
    }

    @Test("ids out of order, with gaps, other prefixes or leading zeros are told apart exactly")
    func outOfOrder() {
        var set = IdentifierSet()
        for id in ["A-5", "A-9", "A-7", "A-6", "A-1", "B-5", "A-05", "A-005", "X", "Y", "7"] {
            #expect(insert(id, into: &set), "\(id) is new")
        }
        for id in ["A-7", "A-5", "A-1", "A-9", "B-5", "A-05", "X", "7"] {
            #expect(!insert(id, into: &set), "\(id) was seen")
        }
        #expect(insert("A-8", into: &set))
        #expect(insert("A-10", into: &set))
    }
}
