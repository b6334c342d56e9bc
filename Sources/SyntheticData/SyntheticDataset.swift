import ComplianceRules
import Foundation

/// Writes a valid synthetic register and meldingen exports of any size, the same for the same
/// seed: for benchmarks, demos and tests. The data is plausible, not real: no person or
/// organisation is described.
///
/// ```swift
/// let files = try SyntheticDataset(agreements: 500, meldingen: 1_000_000, seed: 1)
///     .write(to: URL(fileURLWithPath: "bench-data"))
/// ```
public struct SyntheticDataset: Sendable {
    public var agreements: Int
    public var meldingen: Int
    /// Signals in the verwijsindex export; a quarter of `meldingen` when not given.
    public var signals: Int
    /// Contractors holding the agreements; four for every five agreements when not given.
    public var contractors: Int
    /// Municipalities whose registers share the agreements out: one register each, the agreements
    /// dealt round so that most contractors serve several of them.
    public var municipalities: Int
    public var seed: UInt64
    public var year: Int

    public init(agreements: Int, meldingen: Int, signals: Int? = nil, contractors: Int? = nil, municipalities: Int = 1,
                seed: UInt64 = 1, year: Int = 2017) {
        self.agreements = max(0, agreements)
        self.meldingen = max(0, meldingen)
        self.signals = max(0, signals ?? meldingen / 4)
        self.contractors = agreements == 0 ? 0 : min(self.agreements, max(1, contractors ?? agreements * 4 / 5))
        self.municipalities = min(max(1, municipalities), max(1, self.agreements))
        self.seed = seed
        self.year = year
    }

    public static let fileNames = ["register.xml", "veilig-thuis.xml", "verwijsindex.xml"]

    /// Writes `register.xml` (with several municipalities: `registers/register-001.xml` and so on),
    /// `veilig-thuis.xml` and `verwijsindex.xml` into `directory` (created when missing) and returns
    /// their URLs, the registers first. Each file appears only when complete.
    public func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var random = SeededGenerator(seed: seed)
        let contractors = makeContractors(&random)
        var registers: [URL] = []
        if municipalities == 1 {
            registers = [directory.appendingPathComponent(Self.fileNames[0])]
            try writeFile(registers[0]) { try writeRegister($0, contractors, municipality: 0, &random) }
        } else {
            let folder = directory.appendingPathComponent("registers")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for municipality in 0..<municipalities {
                let url = folder.appendingPathComponent("register-\(String(municipality + 1).leftPadded(3)).xml")
                try writeFile(url) { try writeRegister($0, contractors, municipality: municipality, &random) }
                registers.append(url)
            }
        }
        let exports = Self.fileNames.dropFirst().map { directory.appendingPathComponent($0) }
        try writeFile(exports[0]) { try writeExport($0, .veiligThuis, count: meldingen, contractors, &random) }
        try writeFile(exports[1]) { try writeExport($0, .verwijsindex, count: signals, contractors, &random) }
        return registers + exports
    }

    /// "Synthetica" for one register; "Synthetica 001" and on for several.
    private func municipalityName(_ index: Int) -> String {
        municipalities == 1 ? "Synthetica" : "Synthetica \(String(index + 1).leftPadded(3))"
    }

    private struct SyntheticContractor {
        var kvk: KvKNumber
        var name: String
        var sector: Sector
        /// Its share of the reporting, relative to the others.
        var weight: Double
        /// Reports at a third of what is expected of it: about one contractor in ten, so an audit
        /// of generated data has shortfalls to find.
        var lags: Bool
    }

    /// Of all records, the share that are a contractor's meldingen (Veilig Thuis) and signals
    /// (verwijsindex), as `writeExport` draws them: contractor and type, and a KvK kept 9 times in 10.
    private static let contractorMeldingShare = 0.45 * 0.9
    private static let contractorSignalShare = 0.9

    private var period: DayInterval {
        DayInterval(start: Day(year: year, month: 1, day: 1)!, end: Day(year: year, month: 12, day: 31)!)
    }

    private func makeContractors(_ random: inout SeededGenerator) -> [SyntheticContractor] {
        // Some contractors hold more than one agreement, as in real registers.
        let count = contractors
        let words = ["Noord", "Stad", "Ommeland", "Kind", "Gezin", "Samen", "Veilig", "Thuis", "Jong", "Zorg"]
        let kinds = ["Stichting", "B.V.", "Coöperatie", "Vereniging"]
        return (0..<count).map { index in
            let name = "\(kinds[index % kinds.count]) \(words[Int(random.next() % 10)])"
                + "\(words[Int(random.next() % 10)].lowercased()) \(index + 1)"
            return SyntheticContractor(
                kvk: KvKNumber(value: UInt32(10_000_000 + index * 7))!, name: name,
                sector: Sector.allCases[Int(random.next() % UInt64(Sector.allCases.count))],
                weight: 0.5 + Double(random.next() % 1000) / 1000, lags: random.chance(0.1))
        }
    }

    private func writeFile(_ url: URL, _ body: (XMLTextWriter) throws -> Void) throws {
        let writer = try XMLTextWriter(destination: url)
        do {
            try body(writer)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// The municipality of agreement `index`: agreements are dealt to contractors round by round
    /// (`index % contractors`), and each round moves on one municipality, so a contractor's
    /// agreements lie in different municipalities.
    private func municipalityOf(_ index: Int) -> Int {
        (index % max(1, contractors) + index / max(1, contractors)) % municipalities
    }

    /// One municipality's register: the agreements `municipalityOf` gives it.
    private func writeRegister(
        _ out: XMLTextWriter, _ contractors: [SyntheticContractor], municipality: Int, _ random: inout SeededGenerator
    ) throws {
        let reference = period.end
        try out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <register xmlns="urn:kindveilig:register:1" municipality="\(municipalityName(municipality))" reference-date="\(reference)">

            """)
        let totalWeight = contractors.reduce(0) { $0 + $1.weight }
        var expectations: [KvKNumber: (veiligThuis: Int, verwijsindex: Int)] = [:]
        for contractor in contractors {
            let share = contractor.weight / totalWeight
            expectations[contractor.kvk] = (Int((Double(meldingen) * Self.contractorMeldingShare * share).rounded()),
                                            Int((Double(signals) * Self.contractorSignalShare * share).rounded()))
        }
        for index in 0..<agreements where municipalityOf(index) == municipality {
            let contractor = contractors[index % contractors.count]
            try out.write(agreementXML(index, contractor, reference: reference, expectations: expectations,
                                       contractorCount: contractors.count, &random))
        }
        try out.write("</register>\n")
    }

    private func agreementXML(
        _ index: Int, _ contractor: SyntheticContractor, reference: Day, expectations: [KvKNumber: (veiligThuis: Int, verwijsindex: Int)],
        contractorCount: Int, _ random: inout SeededGenerator
    ) -> String {
        func day(before: Int) -> Day { reference + -(Int(random.next() % UInt64(before)) + 1) }
        // Most evidence is present and in order; some is missing or stale, as in practice.
        func present() -> Bool { random.chance(0.9) }
        func good() -> Bool { random.chance(0.85) }
        let children = Int(random.next() % 2000)
        let adults = contractor.sector == .ggz || random.chance(0.3) ? Int(random.next() % 1500) : 0
        var lines = [
            "  <agreement id=\"SYN-\(year)-\(String(index + 1))\" type=\"\(random.chance(0.7) ? "contract" : "subsidy")\">",
            "    <contractor kvk=\"\(contractor.kvk)\" name=\"\(XMLTextWriter.escaped(contractor.name))\"/>",
            "    <sector>\(contractor.sector.rawValue)</sector>",
            "    <period start=\"\(period.start)\" end=\"\(period.end + (random.chance(0.5) ? 365 : 0))\"/>",
            "    <amount currency=\"EUR\">\(random.next() % 5_000_000).\(String(random.next() % 100).leftPadded(2))</amount>",
            "    <caseload children=\"\(children)\" adults=\"\(adults)\"/>",
        ]
        if present() {
            lines.append("    <meldcode present=\"\(good())\" adopted=\"\(day(before: 3000))\" afwegingskader=\"\(good())\" reviewed=\"\(day(before: good() ? 700 : 1400))\"/>")
        }
        if present() { lines.append("    <kindcheck applied=\"\(good())\"/>") }
        if present() { lines.append("    <verwijsindex connected=\"\(good())\"/>") }
        if present() {
            let hours = good() ? 2 + Int(random.next() % 16) : Int(random.next() % 2)
            lines.append("    <aandachtsfunctionaris name=\"Medewerker \(index + 1)\" hours-per-week=\"\(hours)\" trained=\"\(good())\" verified=\"\(day(before: good() ? 360 : 700))\"/>")
        }
        if present() {
            lines.append("    <keurmerk scheme=\"LVAK\" valid-until=\"\(reference + (good() ? Int(random.next() % 700) : -Int(random.next() % 300) - 1))\"/>")
        }
        if contractor.sector == .jeugdhulp || contractor.sector == .jeugdbescherming, present() {
            lines.append("    <kwaliteitskader scheme=\"rouvoet\" compliant=\"\(good())\" assessed=\"\(day(before: 500))\"/>")
        }
        if present() {
            let staff = 5 + Int(random.next() % 200)
            let trained = good() ? staff * 8 / 10 + Int(random.next() % UInt64(staff / 5 + 1)) : staff / 2
            lines.append("    <training staff=\"\(staff)\" trained=\"\(min(trained, staff))\" intervisie-sessions=\"\(random.next() % 6)\" reported=\"\(day(before: 400))\"/>")
        }
        if let expected = expectations[contractor.kvk], index < contractorCount {
            // What the contractor would report if it did not lag, agreed on its first agreement.
            lines.append("    <expected-meldingen veilig-thuis=\"\(expected.veiligThuis)\" verwijsindex=\"\(expected.verwijsindex)\"/>")
        }
        lines.append("  </agreement>\n")
        return lines.joined(separator: "\n")
    }

    private func writeExport(
        _ out: XMLTextWriter, _ source: MeldingSource, count: Int, _ contractors: [SyntheticContractor],
        _ random: inout SeededGenerator
    ) throws {
        let prefix = source == .veiligThuis ? "VT" : "VI"
        try out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <meldingen xmlns="urn:kindveilig:meldingen:1" source="\(source.rawValue)" region="Synthetica" from="\(period.start)" to="\(period.end)">

            """)
        let casePool = UInt64(max(1, count / 3))
        let caseSalt = random.next()
        // Reporters are drawn by weight; a lagging contractor reports a third of its share.
        var cumulative: [Double] = []
        var total = 0.0
        for contractor in contractors {
            total += contractor.weight * (contractor.lags ? 1.0 / 3 : 1)
            cumulative.append(total)
        }
        let lagShortfall = contractors.reduce(0) { $0 + ($1.lags ? $1.weight * 2 / 3 : 0) }
        func pick(_ random: inout SeededGenerator) -> SyntheticContractor? {
            guard !contractors.isEmpty else { return nil }
            let target = Double(random.next() >> 11) / Double(1 << 53) * (total + lagShortfall)
            // The lagging share goes to reporters without an agreement.
            guard target < total else { return nil }
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] < target { low = middle + 1 } else { high = middle }
            }
            return contractors[low]
        }
        for index in 0..<count {
            // Dates ascend through the year, as an export sorted by date does.
            let date = period.start + index * period.dayCount / max(count, 1)
            var attributes = "id=\"\(prefix)-\(year)-\(String(index + 1).leftPadded(7))\" date=\"\(date)\""
            let roll = random.next() % 100
            let type: MeldingType
            let category: String
            if source == .verwijsindex || roll < 60 {
                let contractor = pick(&random)
                // One in ten reporters holds no agreement with the municipality.
                let kvk = contractor.map(\.kvk).flatMap { random.chance(0.9) ? $0 : nil }
                    ?? KvKNumber(value: 90_000_000 + UInt32(random.next() % 1000))!
                attributes += " reporter-kvk=\"\(kvk)\""
                category = contractor?.sector.rawValue ?? "overig"
                type = source == .verwijsindex ? .signaal : (roll < 45 ? .melding : .advies)
            } else {
                category = ["politie", "politie", "burger", "anoniem", "overig"][Int(roll % 5)]
                type = category == "politie" ? .politieZorgmelding : (roll % 3 == 0 ? .advies : .melding)
            }
            // A keyed hash of the case number, as an exporter pseudonymises: its digits look random,
            // so the privacy guard sees no BSN-like pattern shared by many keys.
            let caseNumber = Self.scrambled((random.next() % casePool) ^ caseSalt)
            attributes += " category=\"\(category)\" type=\"\(type.rawValue)\" case=\"\(String(caseNumber, radix: 16).leftPadded(16))\""
            if type == .melding, random.chance(0.3) { attributes += " repeat=\"true\"" }
            if type == .melding, random.chance(0.3) {
                attributes += " concern-since=\"\(max(period.start, date + -Int(random.next() % 120)))\""
            }
            try out.write("  <melding \(attributes)/>\n")
        }
        try out.write("</meldingen>\n")
    }
}

extension SyntheticDataset {
    /// splitmix64's finaliser: a bijection on 64 bits that spreads every input bit over the output.
    static func scrambled(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
