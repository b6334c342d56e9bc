import ComplianceRules
@testable import ContractImport
import Testing

/// Tallies records the way the 2017 annual report counts them, from what the importer hands out.
struct AnnualReportTally: MeldingenConsumer {
    var header: MeldingenExportHeader?
    var meldingenIncludingPolice = 0
    var uniqueCases = Set<CaseToken>()
    var repeatCases = Set<CaseToken>()
    var adviesvragen = 0

    mutating func begin(_ header: MeldingenExportHeader) { self.header = header }

    mutating func consume(_ melding: Melding) {
        switch melding.type {
        case .melding:
            meldingenIncludingPolice += 1
            uniqueCases.insert(melding.caseToken)
        case .politieZorgmelding:
            meldingenIncludingPolice += 1
        case .advies:
            adviesvragen += 1
        case .signaal:
            break
        }
        if melding.isRepeat { repeatCases.insert(melding.caseToken) }
    }
}

@Suite("The samples")
struct SampleTests {
    @Test("every sample is a valid document", arguments: Fixtures.files(in: "samples"))
    func samplesAreValid(file: String) throws {
        _ = try DocumentValidator().validate(file)
    }

    @Test("the register reads completely, evidence and all")
    func registerReads() throws {
        let register = try RegisterImporter().load(Fixtures.sample("register.xml"))
        #expect(register.municipality == "Groningen")
        #expect(register.referenceDate == Day(iso: "2017-12-31"))
        #expect(register.agreements.count == 39)
        #expect(Set(register.agreements.map(\.sector)) == Set(Sector.allCases))
        #expect(Set(register.agreements.map(\.type)) == [.contract, .subsidy])

        let agreement = try #require(register.agreements.first { $0.id == "INK-2017-0042" })
        #expect(agreement.contractor == Contractor(kvk: KvKNumber("01234567")!, name: "Jeugdhulp Noord B.V."))
        #expect(agreement.sector == .jeugdhulp)
        #expect(agreement.period == DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2018-12-31")!))
        #expect(agreement.expectedMeldingen == ExpectedMeldingen(veiligThuis: 12, verwijsindex: 20))
        #expect(agreement.kwaliteitskader?.compliant == true)
        #expect(agreement.location?.line ?? 0 > 3)

        let zonnetje = register.agreements.filter { $0.contractor.kvk == KvKNumber("03456789") }
        #expect(zonnetje.count == 2)
        #expect(zonnetje.allSatisfy { $0.meldcode == MeldcodeEvidence(present: false) })

        // An absent evidence element stays absent: missing evidence, never a default.
        let welzijn = try #require(register.agreements.first { $0.id == "SUB-2017-0033" })
        #expect(welzijn.meldcode == nil)
    }

    @Test("the Veilig Thuis export reproduces the 2017 annual report's totals")
    func veiligThuisTotals() throws {
        var tally = AnnualReportTally()
        let summary = try MeldingenImporter().read(Fixtures.sample("veilig-thuis-2017.xml"), into: &tally)
        #expect(summary.recordCount == 1349)
        #expect(summary.header.source == .veiligThuis)
        #expect(tally.meldingenIncludingPolice == 937)
        #expect(tally.uniqueCases.count == 259)
        #expect(tally.repeatCases.count == 124)
        #expect(tally.adviesvragen == 412)
    }

    @Test("the 2016 Veilig Thuis export reproduces the annual report's 2016 column: 773, 243 and 57")
    func veiligThuis2016Totals() throws {
        var tally = AnnualReportTally()
        let summary = try MeldingenImporter().read(Fixtures.sample("veilig-thuis-2016.xml"), into: &tally)
        #expect(summary.header.period.start == Day(iso: "2016-01-01"))
        #expect(tally.meldingenIncludingPolice == 773)
        #expect(tally.uniqueCases.count == 243)
        #expect(tally.repeatCases.count == 57)
        #expect(try RegisterImporter().load(Fixtures.sample("register-2016.xml")).referenceDate == Day(iso: "2016-12-31"))
    }

    @Test("the verwijsindex export holds signals only")
    func verwijsindexSignals() throws {
        struct TypeCount: MeldingenConsumer {
            var types: [MeldingType: Int] = [:]
            mutating func begin(_ header: MeldingenExportHeader) {}
            mutating func consume(_ melding: Melding) { types[melding.type, default: 0] += 1 }
        }
        var count = TypeCount()
        let summary = try MeldingenImporter().read(Fixtures.sample("verwijsindex-2017.xml"), into: &count)
        #expect(summary.header.source == .verwijsindex)
        #expect(count.types == [.signaal: summary.recordCount])
    }

    @Test("a document of the other kind is refused by the importer")
    func wrongKind() {
        #expect {
            _ = try RegisterImporter().load(Fixtures.sample("veilig-thuis-2017.xml"))
        } throws: { error in
            guard case ImportError.wrongKind(_, .register, .meldingen) = error else { return false }
            return true
        }
    }

    @Test("a file that does not exist cannot be read")
    func unreadable() {
        #expect {
            _ = try DocumentValidator().validate("/nonexistent/register.xml")
        } throws: { error in
            guard case ImportError.unreadable = error else { return false }
            return true
        }
    }
}
