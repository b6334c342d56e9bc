import ComplianceRules
import Testing

@Suite("Calendar days")
struct DayTests {
    @Test("an ISO date reads and prints the same", arguments: ["2017-12-31", "2016-02-29", "0001-01-01", "1970-01-01", "2099-07-15"])
    func roundTrip(text: String) throws {
        let day = try #require(Day(iso: text))
        #expect(day.description == text)
    }

    @Test("an impossible or badly written date is refused",
          arguments: ["2017-02-29", "2017-13-01", "2017-00-10", "2017-04-31", "17-12-31", "2017-1-01", "2017/12/31", "", "2017-12-31Z"])
    func refused(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("days between dates count across years and leap days")
    func arithmetic() throws {
        let verified = try #require(Day(iso: "2016-09-01"))
        let peildatum = try #require(Day(iso: "2017-12-31"))
        #expect(peildatum - verified == 486)
        #expect(verified + 486 == peildatum)
        #expect(try #require(Day(iso: "2016-03-01")) - (try #require(Day(iso: "2016-02-28"))) == 2)
    }

    @Test("an interval contains both its ends and counts its days")
    func interval() throws {
        let year = DayInterval(start: try #require(Day(iso: "2017-01-01")), end: try #require(Day(iso: "2017-12-31")))
        #expect(year.dayCount == 365)
        #expect(year.contains(year.start) && year.contains(year.end))
        #expect(!year.contains(year.end + 1))
    }
}

@Suite("KvK numbers")
struct KvKNumberTests {
    @Test("eight digits read, keeping leading zeros")
    func leadingZeros() throws {
        #expect(try #require(KvKNumber("01234567")).description == "01234567")
    }

    @Test("anything but exactly eight digits is refused", arguments: ["1234567", "123456789", "0123456a", " 1234567", ""])
    func refused(text: String) {
        #expect(KvKNumber(text) == nil)
    }
}

@Suite("Meldingen vocabulary")
struct MeldingVocabularyTests {
    @Test("each type belongs to its own source only")
    func typesBelongToSources() {
        #expect(MeldingType.signaal.belongs(to: .verwijsindex))
        #expect(!MeldingType.signaal.belongs(to: .veiligThuis))
        for type in [MeldingType.melding, .advies, .politieZorgmelding] {
            #expect(type.belongs(to: .veiligThuis))
            #expect(!type.belongs(to: .verwijsindex))
        }
    }

    @Test("every reporter category reads back from its name")
    func categoriesRoundTrip() {
        for category in ReporterCategory.allCases {
            #expect(ReporterCategory(rawValue: category.rawValue) == category)
        }
        #expect(ReporterCategory.allCases.count == Sector.allCases.count + 4)
        #expect(ReporterCategory(rawValue: "buurman") == nil)
    }
}

@Suite("Vocabulary ordinals")
struct OrdinalTests {
    @Test("each ordinal is the position in allCases")
    func ordinals() {
        #expect(Sector.allCases.map(\.ordinal) == Array(Sector.allCases.indices))
        #expect(MeldingType.allCases.map(\.ordinal) == Array(MeldingType.allCases.indices))
        #expect(AgreementType.allCases.map(\.ordinal) == Array(AgreementType.allCases.indices))
        #expect(ReporterCategory.allCases.map(\.ordinal) == Array(ReporterCategory.allCases.indices))
    }
}
