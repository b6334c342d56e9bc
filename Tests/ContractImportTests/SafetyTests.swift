import Foundation
@testable import ContractImport
import Testing

@Suite("Safe parsing")
struct SafetyTests {
    /// A file whose content must never reach the output.
    static func secretFile() throws -> (path: String, marker: String) {
        let marker = "SECRET-\(UUID().uuidString)"
        return (try Fixtures.write(marker, name: "secret.txt"), marker)
    }

    @Test("an external entity is refused and the file it names is never read into the output")
    func externalEntity() throws {
        let secret = try Self.secretFile()
        let file = try Fixtures.write("""
            <?xml version="1.0"?>
            <!DOCTYPE register [ <!ENTITY leak SYSTEM "file://\(secret.path)"> ]>
            <register xmlns="urn:kindveilig:register:1" municipality="&leak;" reference-date="2017-12-31"/>
            """)
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(error.description.contains("the DOCTYPE has an internal subset"))
        #expect(!error.description.contains(secret.marker))
    }

    @Test("an external DTD is not loaded, so its entities stay undefined")
    func externalDTD() throws {
        let secret = try Self.secretFile()
        let dtd = try Fixtures.write("<!ENTITY leak SYSTEM \"file://\(secret.path)\">", name: "evil.dtd")
        let file = try Fixtures.write("""
            <?xml version="1.0"?>
            <!DOCTYPE register SYSTEM "file://\(dtd)">
            <register xmlns="urn:kindveilig:register:1" municipality="&leak;" reference-date="2017-12-31"/>
            """)
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        #expect(error.description.contains("'leak' not defined"))
        #expect(!error.description.contains(secret.marker))
    }

    @Test("billion laughs is refused at its first declaration, before anything expands")
    func billionLaughs() throws {
        let error = try #require(throws: ImportError.self) {
            try DocumentValidator().validate(Fixtures.sample("invalid/entity-billion-laughs.xml"))
        }
        guard case .invalid(_, let diagnostics, let omitted) = error else {
            Issue.record("expected an invalid document, got \(error)")
            return
        }
        #expect(diagnostics.count == 1 && omitted == 0)
        #expect(!error.description.contains("lollol"))
    }

    @Test("a DOCTYPE without entity declarations is harmless and accepted")
    func plainDoctype() throws {
        let file = try Fixtures.write("""
            <?xml version="1.0"?>
            <!DOCTYPE meldingen>
            <meldingen xmlns="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31"/>
            """)
        #expect(try DocumentValidator().validate(file).recordCount == 0)
    }

    @Test("problems in a meldingen export never repeat a case key or other value from the record")
    func meldingenMessagesHoldNoValues() throws {
        let key = "ABCDEF0123456789ABCD"
        let file = try Fixtures.write(Fixtures.meldingen([
            #"<melding id="VT-1" date="2017-02-30" category="buurman" type="melding" case="\#(key)" bsn="123456782"/>"#,
        ]))
        let error = try #require(throws: ImportError.self) { try DocumentValidator().validate(file) }
        for secret in [key, "buurman", "123456782", "2017-02-30", "VT-1"] {
            #expect(!error.description.contains(secret), "the output repeats \(secret)")
        }
    }

    @Test("a case token carries no trace of the case key")
    func caseTokenIsOpaque() throws {
        let key = "9f86d081884c7d65"
        let token = try #require(key.utf8.withContiguousStorageIfAvailable {
            CaseHasher().token(UnsafeRawBufferPointer($0))
        } ?? nil)
        #expect(!String(describing: token).contains(key))
        #expect(!String(reflecting: token).contains(key))
    }
}
