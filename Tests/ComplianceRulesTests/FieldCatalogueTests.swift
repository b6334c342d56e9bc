@testable import ComplianceRules
import Testing

@Suite("The field catalogue")
struct FieldCatalogueTests {
    @Test("conditions may name exactly the evidence table's fields, with the table's types", arguments: RuleScope.allCases)
    func catalogueIsTheTable(scope: RuleScope) {
        let catalogue = FieldCatalogue.of(scope)
        let table = EvidenceField.allCases.filter { $0.scope == scope }
        #expect(Set(catalogue.fields.keys) == Set(table.map(\.path)))
        for field in table { #expect(catalogue.fields[field.path]?.field == field) }
    }
}
