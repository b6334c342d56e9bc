@testable import ContractImport
import Testing

/// The audit reads meldingen with the decoder alone (a schema validator in the loop would cost four
/// times the parse). These tests hold the decoder to `meldingen.xsd`: for every record below, both
/// must give the same verdict.
@Suite("The meldingen decoder agrees with meldingen.xsd")
struct ConformanceTests {
    static let valid = #"id="VT-9" date="2017-03-04" reporter-kvk="01234567" category="onderwijs" type="melding" case="2c26b46b68ffc68f""#

    static let records: [String] = [
        valid,
        valid + #" repeat="true" concern-since="2017-01-01""#,
        valid.replacingOccurrences(of: #"date="2017-03-04""#, with: #"date=" 2017-03-04 ""#),
        valid.replacingOccurrences(of: #"category="onderwijs""#, with: #"category=" onderwijs""#),
        valid.replacingOccurrences(of: #" reporter-kvk="01234567""#, with: ""),
        valid.replacingOccurrences(of: #"id="VT-9""#, with: ""),
        valid.replacingOccurrences(of: #"id="VT-9""#, with: #"id="""#),
        valid.replacingOccurrences(of: #" date="2017-03-04""#, with: ""),
        valid.replacingOccurrences(of: #" category="onderwijs""#, with: ""),
        valid.replacingOccurrences(of: #" type="melding""#, with: ""),
        valid.replacingOccurrences(of: #" case="2c26b46b68ffc68f""#, with: ""),
        valid.replacingOccurrences(of: "2017-03-04", with: "2017-3-04"),
        valid.replacingOccurrences(of: "2017-03-04", with: "2017-02-29"),
        valid.replacingOccurrences(of: "2017-03-04", with: "2017-03-04Z"),
        valid.replacingOccurrences(of: "01234567", with: "1234567"),
        valid.replacingOccurrences(of: "01234567", with: " 01234567"),
        valid.replacingOccurrences(of: "onderwijs", with: "Onderwijs"),
        valid.replacingOccurrences(of: #"type="melding""#, with: #"type="zorgmelding""#),
        valid.replacingOccurrences(of: "2c26b46b68ffc68f", with: "2c26b46b68ffc68"),
        valid.replacingOccurrences(of: "2c26b46b68ffc68f", with: "2C26B46B68FFC68F"),
        valid.replacingOccurrences(of: "2c26b46b68ffc68f", with: String(repeating: "a", count: 64)),
        valid.replacingOccurrences(of: "2c26b46b68ffc68f", with: String(repeating: "a", count: 65)),
        valid.replacingOccurrences(of: "2c26b46b68ffc68f", with: "2c26b46b68ffc68f "),
        valid + #" repeat="yes""#,
        valid + #" repeat="1""#,
        valid + #" repeat=" false ""#,
        valid + #" concern-since="2017-13-01""#,
        valid + #" name="Jan""#,
        valid + #" xmlns:x="urn:x" x:extra="1""#,
    ]

    @Test("both give the same verdict on a record", arguments: records)
    func sameVerdict(record: String) throws {
        let file = try Fixtures.write(Fixtures.meldingen(["<melding \(record)/>"]))
        #expect(try decoderAccepts(file) == schemaAccepts(file))
    }

    /// The samples also break rules no XSD can state (duplicate ids, dates outside the period),
    /// which only the decoder catches; what the XSD rejects, the decoder must reject as well.
    @Test("the decoder rejects every meldingen sample the XSD rejects",
          arguments: (Fixtures.files(in: "samples") + Fixtures.files(in: "samples/invalid")).filter {
              (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("urn:kindveilig:meldingen:1") == true
          })
    func samplesAgree(file: String) throws {
        #expect(try schemaAccepts(file) || !decoderAccepts(file))
    }

    private func decoderAccepts(_ file: String) throws -> Bool {
        var tally = AnnualReportTally()
        do {
            _ = try MeldingenImporter().read(file, into: &tally)
            return true
        } catch .invalid {
            return false
        }
    }

    /// The XSD alone, with a handler that checks nothing.
    private func schemaAccepts(_ file: String) throws -> Bool {
        let parse = SAXParse(
            file: file, handler: NoChecks(), schema: try CompiledSchema.forKind(.meldingen), diagnosticLimit: 10)
        try parse.run()
        return parse.log.isEmpty
    }

    private final class NoChecks: SAXEventHandler {
        func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {}
    }
}
