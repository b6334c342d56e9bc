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

    @Test("an xs:decimal reads as Foundation reads it, and anything else is no decimal", arguments: [
        ("26.450", "26.45"), ("+3", "3"), ("-0.5", "-0.5"), (".5", "0.5"), ("5.", "5"), (" 12 ", "12"), ("007.10", "7.1"),
        ("0", "0"), ("-0", "0"), ("123456789012345678901234567890.5", "123456789012345678901234567890.5"),
    ])
    func decimal(written: String, read: String) {
        let value = Array(written.utf8).withUnsafeBytes { ValueReader.decimal($0) }
        #expect(value == Decimal(string: read))
        #expect(value?.description == Decimal(string: written.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "+", with: ""), locale: Locale(identifier: "en_US_POSIX"))?.description)
    }

    @Test("not an xs:decimal", arguments: ["", " ", "+", "-", ".", "1.2.3", "1e5", "--1", "1-", "+-1", "1,5", "1 2", "NaN", "٣"])
    func notDecimal(written: String) {
        #expect(Array(written.utf8).withUnsafeBytes { ValueReader.decimal($0) } == nil)
    }

    @Test("a token of nothing but white space is no token", arguments: ["", " ", " \t\n "])
    func emptyToken(written: String) {
        #expect(Array(written.utf8).withUnsafeBytes { ValueReader.token($0) } == nil)
    }
}
