import ComplianceRules
import ContractImport

/// Counts one meldingen export in a single pass, as the importer streams it: the annual report's
/// indicators and each reporter's meldingen under the 30-day rule. Memory is bounded by the number
/// of distinct cases and (reporter, case) pairs, never by the number of meldingen, and nothing it
/// keeps can be turned back into a case key.
public struct MeldingenTally: MeldingenConsumer {
    /// The same case from the same reporter within this many days counts once.
    public static let repeatWindowDays: Int32 = 30

    public private(set) var header: MeldingenExportHeader?
    public private(set) var countsByType: [MeldingType: Int] = [:]
    /// Meldingen (melding and politie-zorgmelding) per reporter category.
    public private(set) var meldingenByCategory: [ReporterCategory: Int] = [:]
    /// Per reporting organisation: its meldingen or signals under the 30-day rule, and adviesvragen.
    public private(set) var reporters: [KvKNumber: ReporterCount] = [:]
    /// Meldingen that reached a (reporter, case) pair before a melding dated earlier: the 30-day
    /// rule assumes an export in date order and counts these as they come.
    public private(set) var outOfOrder = 0

    private var uniqueCases = CaseTokenSet()
    private var repeatCases = CaseTokenSet()
    private var pairs = ReporterCaseTable()
    private var typeCounts = [Int](repeating: 0, count: MeldingType.allCases.count)
    private var categoryCounts = [Int](repeating: 0, count: ReporterCategory.allCases.count)
    private var reporterIndex: [UInt32: Int] = [:]
    private var reporterCounts: [ReporterCount] = []
    private var reporterNumbers: [KvKNumber] = []
    /// Days from concern-since to the melding, 0 … 3650 (the last bucket holds anything longer).
    private var concernDays = [Int](repeating: 0, count: 3651)

    public struct ReporterCount: Sendable, Hashable {
        /// Meldingen (Veilig Thuis) or signals (verwijsindex), the same case within 30 days once.
        public var counted = 0
        /// Every melding or signal, before the 30-day rule.
        public var received = 0
        public var adviesvragen = 0
    }

    public init() {}

    public mutating func begin(_ header: MeldingenExportHeader) {
        self.header = header
    }

    public mutating func consume(_ melding: Melding) {
        typeCounts[melding.type.ordinal] += 1
        switch melding.type {
        case .melding:
            uniqueCases.insert(melding.caseToken)
            categoryCounts[melding.category.ordinal] += 1
            if let since = melding.concernSince { concernDays[min(3650, max(0, melding.date - since))] += 1 }
        case .politieZorgmelding:
            categoryCounts[melding.category.ordinal] += 1
        case .advies, .signaal:
            break
        }
        // Hermeldingen are meldingen only: not police zorgmeldingen, not adviesvragen (Jaarverslag 2017, 4.2.3, footnote).
        if melding.isRepeat && melding.type == .melding { repeatCases.insert(melding.caseToken) }
        guard let reporter = melding.reporter else { return }
        let index = reporterSlot(reporter)
        switch melding.type {
        case .melding, .signaal:
            reporterCounts[index].received += 1
            let day = melding.date.dayNumber
            var counted = false
            var earlier = false
            pairs.update(reporter: reporter.value, token: melding.caseToken.fingerprint) { last in
                guard let last else {
                    counted = true
                    return day
                }
                earlier = day < last
                if abs(day - last) > Self.repeatWindowDays {
                    counted = true
                    return max(day, last)
                }
                return last
            }
            if counted { reporterCounts[index].counted += 1 }
            if earlier { outOfOrder += 1 }
        case .advies:
            reporterCounts[index].adviesvragen += 1
        case .politieZorgmelding:
            break
        }
    }

    /// Records consumed so far, of every type.
    public var records: Int { typeCounts.reduce(0, +) }

    /// What was counted over the files read into this tally (one source, in date order), as plain
    /// aggregates; nil when no file was read.
    public func summary(files: [MeldingenCount.ExportFile]) -> MeldingenCount? {
        guard let header, !files.isEmpty else { return nil }
        var byType: [MeldingType: Int] = [:]
        for (index, type) in MeldingType.allCases.enumerated() { byType[type] = typeCounts[index] }
        var byCategory: [ReporterCategory: Int] = [:]
        for (index, category) in ReporterCategory.allCases.enumerated() where categoryCounts[index] > 0 {
            byCategory[category] = categoryCounts[index]
        }
        return MeldingenCount(
            source: header.source, files: files, countsByType: byType, uniqueCases: uniqueCases.count,
            repeatCases: repeatCases.count, meldingenByCategory: byCategory,
            reporters: Dictionary(uniqueKeysWithValues: zip(reporterNumbers, reporterCounts)),
            medianConcernDays: median(concernDays), outOfOrder: outOfOrder)
    }

    private mutating func reporterSlot(_ reporter: KvKNumber) -> Int {
        if let index = reporterIndex[reporter.value] { return index }
        reporterIndex[reporter.value] = reporterCounts.count
        reporterCounts.append(ReporterCount())
        reporterNumbers.append(reporter)
        return reporterCounts.count - 1
    }

    private func median(_ histogram: [Int]) -> Int? {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return nil }
        var seen = 0
        for (days, count) in histogram.enumerated() {
            seen += count
            if seen * 2 >= total { return days }
        }
        return nil
    }
}

/// One source's counts over its exports: aggregates only, no case key, no melding.
public struct MeldingenCount: Sendable, Hashable {
    /// One export file of the source: its header and what it added to the counts.
    public struct ExportFile: Sendable, Hashable {
        public let file: String
        public let header: MeldingenExportHeader
        public let records: Int
        public let outOfOrder: Int

        public init(file: String, header: MeldingenExportHeader, records: Int, outOfOrder: Int) {
            self.file = file
            self.header = header
            self.records = records
            self.outOfOrder = outOfOrder
        }
    }

    public let source: MeldingSource
    /// The exports, in the order they were counted: by first day, then as named.
    public let files: [ExportFile]
    public let countsByType: [MeldingType: Int]
    /// Distinct cases among meldingen of type melding.
    public let uniqueCases: Int
    /// Distinct cases among records marked as hermelding.
    public let repeatCases: Int
    public let meldingenByCategory: [ReporterCategory: Int]
    public let reporters: [KvKNumber: MeldingenTally.ReporterCount]
    public let medianConcernDays: Int?
    public let outOfOrder: Int

    public var records: Int { countsByType.values.reduce(0, +) }

    /// What the exports cover together: from the earliest first day to the latest last day.
    public var period: DayInterval {
        DayInterval(start: files.map(\.header.period.start).min()!, end: files.map(\.header.period.end).max()!)
    }
}
