import ComplianceRules
import ContractImport
import Foundation
import Testing

@Suite("Reading a register from a workbook")
struct RegisterWorkbookReaderTests {
    /// The problems an import of `file` reports, one line each.
    static func problems(_ file: String) -> [String] {
        do {
            _ = try RegisterImporter().load(file)
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    @Test("a workbook of the template's layout gives the agreement its cells say")
    func readsAgreement() throws {
        let file = try TestWorkbook.register([TestWorkbook.agreement()])
        let register = try RegisterImporter().load(file)
        #expect(register.municipality == "Groningen")
        #expect(register.referenceDate == Day(iso: "2017-12-31"))
        let agreement = try #require(register.agreements.first)
        #expect(agreement.id == "INK-1")
        #expect(agreement.contractor.kvk.description == "01234567")
        #expect(agreement.period == DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2017-12-31")!))
        #expect(agreement.meldcode?.present == true)
        #expect(agreement.location?.description == "\(file): Overeenkomsten!A2")
    }

    @Test("an empty cell is absent evidence, never false")
    func emptyCellIsAbsent() throws {
        let file = try TestWorkbook.register([TestWorkbook.agreement(meldcode: TestWorkbook.empty, kindcheck: TestWorkbook.empty)])
        let agreement = try #require(try RegisterImporter().load(file).agreements.first)
        #expect(agreement.meldcode == nil)
        #expect(agreement.kindcheck == nil)
    }

    @Test("the type reads inkoop and subsidie, and the XML's contract and subsidy")
    func agreementType() throws {
        let file = try TestWorkbook.register(["inkoop", "Subsidie", "contract", "subsidy"].enumerated().map {
            TestWorkbook.agreement(id: "A\($0.offset)", type: $0.element)
        })
        #expect(try RegisterImporter().load(file).agreements.map(\.type) == [.contract, .subsidy, .contract, .subsidy])
    }

    @Test("yes/no reads ja, nee and boolean cells alike")
    func yesNo() throws {
        let file = try TestWorkbook.register([
            TestWorkbook.agreement(id: "A", meldcode: TestWorkbook.text("Nee"), kindcheck: TestWorkbook.bool(true)),
            TestWorkbook.agreement(id: "B", meldcode: TestWorkbook.bool(false), kindcheck: TestWorkbook.text("ja")),
        ])
        let agreements = try RegisterImporter().load(file).agreements
        #expect(agreements.map { $0.meldcode?.present } == [false, false])
        #expect(agreements.map { $0.kindcheck?.applied } == [true, true])
    }

    @Test("dates are read in the 1900 and in the 1904 date system")
    func dateSystems() throws {
        let file1904 = try TestWorkbook.register(
            [TestWorkbook.agreement(start: TestWorkbook.number("41274"), end: TestWorkbook.number("41638"))], date1904: true)
        let register = try RegisterImporter().load(file1904)
        #expect(register.referenceDate == Day(iso: "2017-12-31"))
        #expect(register.agreements.first?.period.start == Day(iso: "2017-01-01"))
        #expect(Day.fromSerial(60, uses1904Dates: false) == nil, "29 February 1900 does not exist")
        #expect(Day.fromSerial(59, uses1904Dates: false) == Day(iso: "1900-02-28"))
        #expect(Day.fromSerial(61, uses1904Dates: false) == Day(iso: "1900-03-01"))
        for text in ["1900-01-01", "1900-02-28", "1900-03-01", "2017-12-31", "2024-02-29"] {
            let day = try #require(Day(iso: text))
            #expect(Day.fromSerial(Double(day.serial(uses1904Dates: false)), uses1904Dates: false) == day)
        }
        for text in ["1904-01-01", "2017-12-31", "2024-02-29"] {
            let day = try #require(Day(iso: text))
            #expect(Day.fromSerial(Double(day.serial(uses1904Dates: true)), uses1904Dates: true) == day)
        }
        #expect(try #require(Day(iso: "2017-01-01")).serial(uses1904Dates: false) == 42736)
    }

    @Test("a KvK number stored as a number, of 7 digits or as a float, is read as its 8 digits with a warning",
          arguments: [TestWorkbook.number("1234567"), TestWorkbook.number("1234567.0"), TestWorkbook.text("1234567.0")])
    func kvkAsNumber(cell: String) throws {
        let stored = cell.contains(".0") ? "1234567.0" : "1234567"
        let file = try TestWorkbook.register([TestWorkbook.agreement(kvk: cell)])
        let (register, records) = try RegisterImporter().read(file)
        #expect(register.agreements.first?.contractor.kvk.description == "01234567")
        let warning = try #require(records.warnings.first)
        #expect(warning.description == "\(file): Overeenkomsten!C2: warning: KvK-nummer: '\(stored)' was stored as a number; "
            + "read as 01234567 (store KvK numbers as text)")
    }

    @Test("conditions from after the agreement's end are a warning at the cell that dates them, never a repaired KvK number")
    func conditionsAfterEnd() throws {
        // Ends on 31-12-2017 (serial 43100); the conditions from 01-01-2018 (43101).
        let file = try TestWorkbook.register([TestWorkbook.agreement() + [TestWorkbook.text("ja"), TestWorkbook.number("43101")]],
                                             headers: TestWorkbook.headers + ["Voorwaarde meldcode", "Voorwaarden sinds"])
        #expect(try DocumentValidator().validate(file).warnings.map(\.description) == [
            "\(file): Overeenkomsten!K2: warning: Voorwaarden sinds: 2018-01-01 is after the agreement's end, 2017-12-31; "
                + "its conditions count as not agreed",
        ])
        let (register, records) = try RegisterImporter().read(file)
        #expect(register.agreements.first?.conditionsStartAfterEnd == Day(iso: "2018-01-01"))
        #expect(records.warnings.isEmpty)
        // The audit's warning names the same cell; its findings name the agreement's row.
        #expect(register.agreements.first?.conditionsLocation?.description == "\(file): Overeenkomsten!K2")
        #expect(register.agreements.first?.location?.description == "\(file): Overeenkomsten!A2")
    }

    @Test("a sector not in the list is placed at its cell, with the closest sector")
    func unknownSector() throws {
        let file = try TestWorkbook.register([TestWorkbook.agreement(), TestWorkbook.agreement(id: "INK-2", sector: "jeugzorg")])
        let first = try #require(Self.problems(file).first)
        #expect(first.hasPrefix("\(file): Overeenkomsten!E3: error: Sector: 'jeugzorg' is not one of: onderwijs, "))
        #expect(first.hasSuffix("(did you mean 'jeugdhulp'?)"))
    }

    @Test("each kind of problem names its cell and its column",
          arguments: [
              (TestWorkbook.agreement(start: TestWorkbook.text("1-3-2017")), "F2", "Begindatum: '1-3-2017' must be "),
              (TestWorkbook.agreement(meldcode: TestWorkbook.text("misschien")), "H2", "Meldcode aanwezig: 'misschien' must be ja or nee"),
              (TestWorkbook.agreement(kvk: TestWorkbook.text("1234")), "C2", "KvK-nummer: '1234' must be exactly 8 digits"),
              (TestWorkbook.agreement(kvk: TestWorkbook.error("#N/A")), "C2", "KvK-nummer: the cell holds the error #N/A"),
              (TestWorkbook.agreement(type: "lening"), "B2", "Soort: 'lening' must be inkoop or subsidie"),
              (TestWorkbook.agreement(start: TestWorkbook.number("43100"), end: TestWorkbook.number("42736")), "F2",
               "Begindatum: the end (2017-01-01) lies before the start (2017-12-31)"),
              (TestWorkbook.agreement(sector: ""), "E2", "Sector: required, but the cell is empty"),
              (TestWorkbook.agreement(start: TestWorkbook.empty), "F2", "Begindatum: required, but the cell is empty"),
          ] as [([String], String, String)])
    func problemAtCell(cells: [String], cell: String, message: String) throws {
        let file = try TestWorkbook.register([cells])
        let first = try #require(Self.problems(file).first)
        #expect(first.hasPrefix("\(file): Overeenkomsten!\(cell): error: \(message)"), "\(first)")
    }

    @Test("a condition that is neither ja nor nee is one problem, at its own cell")
    func conditionCell() throws {
        let headers = TestWorkbook.headers + ["Voorwaarde meldcode", "Voorwaarde kindcheck"]
        let file = try TestWorkbook.register([TestWorkbook.agreement() + [TestWorkbook.text("ja"), TestWorkbook.text("misschien")]],
                                             headers: headers)
        #expect(Self.problems(file) == ["\(file): Overeenkomsten!K2: error: Voorwaarde kindcheck: 'misschien' must be ja or nee"])
    }

    @Test("an id used twice names the row it was first used in")
    func duplicateID() throws {
        let file = try TestWorkbook.register([TestWorkbook.agreement(), TestWorkbook.agreement()])
        let first = try #require(Self.problems(file).first)
        #expect(first.hasPrefix("\(file): Overeenkomsten!A3: error: Kenmerk: id 'INK-1' is used twice (first in row 2)"), "\(first)")
    }

    @Test("a header that is no column is refused with the closest column's name, and a missing required column is named")
    func headers() throws {
        var headers = TestWorkbook.headers
        headers[4] = "Sectr"
        let file = try TestWorkbook.register([TestWorkbook.agreement()], headers: headers)
        let problems = Self.problems(file)
        #expect(problems.contains("\(file): Overeenkomsten!E1: error: column 'sectr' is not a column of the register (did you mean 'Sector'?)"))
        #expect(problems.contains { $0.contains("the required column 'Sector' is missing") })
    }

    @Test("a lenient read leaves out the agreement with a problem and audits the rest")
    func lenient() throws {
        let file = try TestWorkbook.register([TestWorkbook.agreement(sector: "jeugzorg"), TestWorkbook.agreement(id: "INK-2")])
        let (register, records) = try RegisterImporter(lenient: true).read(file)
        #expect(register.agreements.map(\.id) == ["INK-2"])
        #expect(records.rejected == 1)
        #expect(records.rejections.first?.location.description == "\(file): Overeenkomsten!A2")
    }

    @Test("a lenient read never passes over a header that is no column")
    func lenientHeader() throws {
        var headers = TestWorkbook.headers
        headers.append("Opmerkingen")
        let file = try TestWorkbook.register([TestWorkbook.agreement() + [TestWorkbook.text("bellen")]], headers: headers)
        #expect(throws: ImportError.self) { try RegisterImporter(lenient: true).read(file) }
    }

    @Test("the LibreOffice fixture reads as the register it was made from")
    func libreOfficeFixture() throws {
        let fromWorkbook = try RegisterImporter().load(TestWorkbook.fixture("libreoffice-register.xlsx"))
        let fromXML = try RegisterImporter().load(TestWorkbook.fixture("libreoffice-register-source.xml"))
        #expect(fromWorkbook.withoutLocations == fromXML.withoutLocations)
        #expect(fromWorkbook.agreements.count == 3)
    }

    @Test("the openpyxl fixture: 1904 dates, boolean cells, KvK numbers stored as numbers, columns in another order")
    func openpyxlFixture() throws {
        let file = TestWorkbook.fixture("openpyxl-register-1904.xlsx")
        let (register, records) = try RegisterImporter().read(file)
        #expect(register.agreements.map(\.contractor.kvk.description) == ["03456789", "01234567", "12345678"])
        #expect(register.agreements.map(\.period.start.description) == ["2017-01-01", "2017-03-01", "2016-02-29"])
        #expect(register.agreements.map { $0.meldcode?.present } == [true, false, nil])
        #expect(register.agreements[0].aandachtsfunctionaris?.hoursPerWeek == Decimal(string: "2.5"))
        #expect(records.warnings.map(\.location.cell) == ["Overeenkomsten!C2", "Overeenkomsten!C3"])
    }
}

extension Register {
    /// The register without where each agreement was read: the same register from XML and from a workbook.
    var withoutLocations: Register {
        var copy = self
        for index in copy.agreements.indices {
            copy.agreements[index].location = nil
            copy.agreements[index].conditionsLocation = nil
        }
        return copy
    }
}
