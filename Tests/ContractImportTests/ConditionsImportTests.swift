import ComplianceRules
import ContractImport
import Foundation
import Testing

@Suite("The register's conditions and keurmerk")
struct ConditionsImportTests {
    static func register(_ evidence: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <register xmlns="urn:kindveilig:register:1" municipality="Proefstad" reference-date="2017-12-31">
          <agreement id="INK-1" type="contract">
            <contractor kvk="01234567" name="Jeugdhulp Noord B.V."/>
            <sector>jeugdhulp</sector>
            <period start="2017-01-01" end="2018-12-31"/>
            \(evidence)
          </agreement>
        </register>
        """
    }

    @Test("conditions are read as agreed, from their date; an empty list agrees none")
    func conditions() throws {
        let file = try Fixtures.write(Self.register(#"<conditions agreed="meldcode training" since="2017-03-01"/>"#))
        let agreement = try #require(try RegisterImporter().load(file).agreements.first)
        #expect(agreement.conditions == AgreedConditions(agreed: [.meldcode, .training], since: Day(iso: "2017-03-01")))
        let empty = try Fixtures.write(Self.register(#"<conditions agreed=""/>"#))
        #expect(try RegisterImporter().load(empty).agreements.first?.conditions == AgreedConditions(agreed: []))
        let absent = try Fixtures.write(Self.register(""))
        #expect(try RegisterImporter().load(absent).agreements.first?.conditions == nil)
    }

    @Test("validate warns, at the conditions, of conditions that start after the agreement ends")
    func conditionsAfterEnd() throws {
        let late = try Fixtures.write(Self.register(#"<conditions agreed="meldcode" since="2019-01-01"/>"#))
        let outcome = try DocumentValidator().validate(late)
        #expect(outcome.warnings.map(\.description) == [
            "\(late):7:5: warning: <conditions> since: 2019-01-01 is after the agreement's end, 2018-12-31; "
                + "its conditions count as not agreed",
        ])
        // The last day of the term is still in it.
        let inTerm = try Fixtures.write(Self.register(#"<conditions agreed="meldcode" since="2018-12-31"/>"#))
        #expect(try DocumentValidator().validate(inTerm).warnings.isEmpty)
    }

    @Test("an unknown condition is refused at its place")
    func unknownCondition() throws {
        let file = try Fixtures.write(Self.register(#"<conditions agreed="meldcode sporten"/>"#))
        #expect(throws: ImportError.self) { try RegisterImporter().load(file) }
    }

    @Test("a keurmerk valid for more than two years after it was issued is an evidence error")
    func keurmerkValidity() throws {
        let good = try Fixtures.write(Self.register(#"<keurmerk scheme="LVAK" valid-until="2019-03-01" issued="2017-03-01"/>"#))
        #expect(try RegisterImporter().load(good).agreements.first?.keurmerk?.issued == Day(iso: "2017-03-01"))
        let bad = try Fixtures.write(Self.register(#"<keurmerk scheme="LVAK" valid-until="2019-03-02" issued="2017-03-01"/>"#))
        #expect {
            try RegisterImporter().load(bad)
        } throws: { error in
            "\(error)".contains(":7:") && "\(error)".contains("more than two years after issued")
        }
    }
}
