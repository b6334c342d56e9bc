import ComplianceRules
@testable import ContractImport
import Foundation
import Testing

@Suite("Attribute values read as written")
struct AttributeTextTests {
    @Test("an ampersand in a name reads as one, whichever way it is written",
          arguments: ["Jansen &amp; Zn", "Jansen &#38; Zn", "Jansen &#x26; Zn"])
    func ampersand(written: String) throws {
        let register = HostileInputTests.register().replacingOccurrences(of: "Jeugdhulp Noord B.V.", with: written)
        let file = try Fixtures.write(register)
        #expect(try RegisterImporter().load(file).agreements.first?.contractor.name == "Jansen & Zn")
    }

    @Test("the other references of XML arrive replaced, and a literal '&#38;' written as text stays text")
    func otherReferences() throws {
        let register = HostileInputTests.register()
            .replacingOccurrences(of: "Jeugdhulp Noord B.V.", with: "&lt;Noord&gt; &quot;B.V.&quot; &amp;#38;")
        let file = try Fixtures.write(register)
        #expect(try RegisterImporter().load(file).agreements.first?.contractor.name == "<Noord> \"B.V.\" &#38;")
    }

    @Test("a token's white space is collapsed to single spaces, written plainly or not", arguments: [
        ("Jeugdhulp Noord B.V.", "Jeugdhulp Noord B.V."),
        ("Jeugdhulp  Noord", "Jeugdhulp Noord"),
        (" Jeugdhulp Noord ", "Jeugdhulp Noord"),
        ("Jeugdhulp\tNoord\nB.V.\r", "Jeugdhulp Noord B.V."),
        ("Jansen &#38; Zn", "Jansen & Zn"),
        ("Één", "Één"),
        ("x", "x"),
    ])
    func token(written: String, read: String) {
        #expect(Array(written.utf8).withUnsafeBytes { ValueReader.token($0) } == read)
    }

    @Test("a token of nothing but white space is no token", arguments: ["", " ", " \t\n "])
    func emptyToken(written: String) {
        #expect(Array(written.utf8).withUnsafeBytes { ValueReader.token($0) } == nil)
    }
}
