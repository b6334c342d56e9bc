import ComplianceRules
import Foundation
import SyntheticData
import TestSupport
import Testing

/// The evidence fields live in one table (`EvidenceField`); the field catalogue and the rule
/// examples are derived from it, and these tests hold the XSD, the samples and the generator to it.
@Suite("One table of evidence fields")
struct EvidenceTableTests {
    /// Each evidence element of `register.xsd` with its attributes and whether they are required.
    static func schemaElements() throws -> [String: [String: Bool]] {
        let xsd = try String(contentsOfFile: Fixtures.repository.appendingPathComponent("Sources/ContractImport/Schemas/register.xsd").path, encoding: .utf8)
        var elements: [String: [String: Bool]] = [:]
        for block in xsd.matches(of: #/<xs:element name="([a-z-]+)" minOccurs="0">([\s\S]*?)</xs:element>/#) {
            var attributes: [String: Bool] = [:]
            for attribute in String(block.output.2).matches(of: #/<xs:attribute name="([a-z-]+)"[^>]*?(use="required")?\s*/>/#) {
                attributes[String(attribute.output.1)] = attribute.output.2 != nil
            }
            elements[String(block.output.1)] = attributes
        }
        return elements
    }

    @Test("register.xsd has exactly the table's evidence elements and attributes, required where the table says")
    func schemaMatchesTable() throws {
        var schema = try Self.schemaElements()
        schema["amount"] = nil  // the amount is the element's text, not evidence of a condition
        schema["conditions"] = nil  // which conditions were agreed: not evidence either
        var table: [String: [String: Bool]] = [:]
        for element in EvidenceField.evidenceElements {
            table[element.element] = Dictionary(uniqueKeysWithValues: element.attributes.map { ($0.name, $0.required) })
        }
        #expect(schema == table)
    }

    @Test("every generated evidence attribute is in the table")
    func generatorMatchesTable() throws {
        let directory = Scratch.directory("evidence")
        let files = try SyntheticDataset(agreements: 200, meldingen: 10).write(to: directory)
        let register = try String(contentsOf: try #require(files.first { $0.lastPathComponent.contains("register") }), encoding: .utf8)
        let known = Set(EvidenceField.evidenceElements.flatMap { element in element.attributes.map { "\(element.element).\($0.name)" } })
        var written = Set<String>()
        for tag in register.matches(of: #/<([a-z-]+) ([^>]*?)/?>/#) {
            let element = String(tag.output.1)
            guard EvidenceField.evidenceElements.contains(where: { $0.element == element }) else { continue }
            for attribute in String(tag.output.2).matches(of: #/([a-z-]+)="/#) { written.insert("\(element).\(attribute.output.1)") }
        }
        #expect(!written.isEmpty)
        #expect(written.subtracting(known).isEmpty, "not in the table: \(written.subtracting(known))")
    }

    @Test("every field path names its own scope once")
    func pathsAreUnique() {
        for scope in RuleScope.allCases {
            let paths = EvidenceField.allCases.filter { $0.scope == scope }.map(\.path)
            #expect(Set(paths).count == paths.count)
        }
    }
}
