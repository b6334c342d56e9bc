import ComplianceRules
import ContractImport
import Foundation

/// What to audit: a register, any meldingen exports (one per source), and the rules.
public struct AuditRequest: Sendable {
    public var registerFile: String
    public var meldingenFiles: [String]
    public var rules: RuleSetLoader
    public var diagnosticLimit: Int
    /// Audit the valid records and list the rejected ones, instead of stopping at an invalid file.
    public var lenient: Bool
    /// Told what the audit is doing, for a progress line on a terminal.
    public var progress: (@Sendable (String) -> Void)?

    public init(registerFile: String, meldingenFiles: [String], rules: RuleSetLoader = RuleSetLoader(), diagnosticLimit: Int = 20,
                lenient: Bool = false, progress: (@Sendable (String) -> Void)? = nil) {
        self.registerFile = registerFile
        self.meldingenFiles = meldingenFiles
        self.rules = rules
        self.diagnosticLimit = diagnosticLimit
        self.lenient = lenient
        self.progress = progress
    }
}

/// Everything an audit found: the verdicts, the meldingen per contractor and source, the indicators.
public struct AuditResult: Sendable {
    public let request: AuditRequest
    public let register: Register
    public let ruleSet: RuleSet
    public let assessment: RegisterAssessment
    /// Per source: the export's counts, or nil when no export was supplied (geen gegevens).
    public let exports: [MeldingSource: MeldingenCount]
    public let indicators: [IndicatorValue]
    /// Per source, reporters with a KvK number that holds no agreement in the register.
    public let unattributed: [MeldingSource: [(kvk: KvKNumber, count: MeldingenTally.ReporterCount)]]
    /// Every input with the SHA-256 of the bytes that were read: register, exports, rule files.
    public let inputs: [InputFile]
    /// Per source with an export, the funnel plot the shortfalls were judged by.
    public let funnels: [MeldingSource: FunnelModel]
}

/// Why an audit could not run. Every case is an input problem: a file, a rule or a combination.
public enum AuditError: Error, Sendable, CustomStringConvertible {
    case input(ImportError)
    case rules(RulesErrors)
    /// Two exports for one source: each source comes in one file.
    case duplicateSource(MeldingSource, first: String, second: String)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .rules(let errors): errors.description
        case .duplicateSource(let source, let first, let second):
            "\(second): error: a second \(source.rawValue) export (the first is \(first)); give one file per source"
        }
    }
}

/// Runs the audit: loads the rules, the register and each export (streamed, one pass each), counts
/// and compares meldingen, and judges every agreement and contractor.
public enum Audit {
    public static func run(_ request: AuditRequest) throws(AuditError) -> AuditResult {
        let ruleSet: RuleSet
        request.progress?("reading the rules")
        do { ruleSet = try request.rules.load() } catch { throw .rules(error) }
        request.progress?("reading \(request.registerFile)")
        let register: Register
        let registerRecords: RecordReconciliation
        let registerHash = InputHasher()
        do {
            (register, registerRecords) = try RegisterImporter(diagnosticLimit: request.diagnosticLimit, lenient: request.lenient)
                .read(request.registerFile, observer: registerHash)
        } catch {
            throw .input(error)
        }
        var inputs = [InputFile(kind: .register, path: request.registerFile, sha256: registerHash.hexDigest,
                                records: InputRecords(registerRecords))]
        let waiverProblems = ruleSet.checkWaivers(against: register)
        let waiverErrors = waiverProblems.filter { !$0.isWarning }
        guard waiverErrors.isEmpty else { throw .rules(RulesErrors(waiverErrors)) }

        var exports: [MeldingSource: MeldingenCount] = [:]
        let importer = MeldingenImporter(diagnosticLimit: request.diagnosticLimit, lenient: request.lenient)
        for file in request.meldingenFiles {
            request.progress?("counting \(file)")
            var tally = MeldingenTally()
            let hash = InputHasher()
            let summary: MeldingenReadSummary
            do { summary = try importer.read(file, into: &tally, observer: hash) } catch { throw .input(error) }
            inputs.append(InputFile(kind: .meldingen, path: file, sha256: hash.hexDigest, records: InputRecords(summary.records)))
            guard let count = tally.summary(file: file) else { continue }
            if let first = exports[count.header.source] {
                throw .duplicateSource(count.header.source, first: first.file, second: file)
            }
            exports[count.header.source] = count
        }

        for file in ruleSet.sourceFiles {
            do {
                inputs.append(try InputFile.fingerprint(kind: InputKind(rawValue: file.kind) ?? .rules, path: file.path,
                                                        displayPath: file.displayName))
            } catch {
                throw .input(error)
            }
        }
        var figures = meldingenFigures(register, exports: exports, rates: ruleSet.expectationRates)
        let funnels = fitFunnels(&figures, sources: Set(exports.keys), settings: ruleSet.profile.funnel)
        let assessment = ruleSet.assess(register, meldingen: figures)
        let contracted = Set(register.agreements.map(\.contractor.kvk))
        let unattributed = exports.mapValues { count in
            count.reporters.filter { !contracted.contains($0.key) && ($0.value.received > 0 || $0.value.adviesvragen > 0) }
                .sorted { $0.key < $1.key }.map { (kvk: $0.key, count: $0.value) }
        }
        return AuditResult(
            request: request, register: register, ruleSet: ruleSet, assessment: assessment, exports: exports,
            indicators: IndicatorValue.all(veiligThuis: exports[.veiligThuis], verwijsindex: exports[.verwijsindex],
                                           targets: ruleSet.profile.indicatorTargets),
            unattributed: unattributed, inputs: inputs,
            funnels: funnels)
    }

    /// Fits one funnel per source with an export over every contractor's figures, and places each
    /// contractor in it.
    static func fitFunnels(_ figures: inout [MeldingenFigures], sources: Set<MeldingSource>,
                           settings: FunnelModel.Settings) -> [MeldingSource: FunnelModel] {
        var funnels: [MeldingSource: FunnelModel] = [:]
        for source in sources {
            let pairs = figures.compactMap { figure -> (observed: Int, expected: Double)? in
                guard figure.source == source, let actual = figure.actual, let expected = figure.expected else { return nil }
                return (actual, NSDecimalNumber(decimal: expected.count).doubleValue)
            }
            funnels[source] = FunnelModel(pairs, settings: settings)
        }
        for index in figures.indices {
            guard let funnel = funnels[figures[index].source] else { continue }
            figures[index].funnel = funnel.point(observed: figures[index].actual,
                                                 expected: figures[index].expected.map { NSDecimalNumber(decimal: $0.count).doubleValue })
        }
        return funnels
    }

    /// Every contractor's figures for both sources: expected over the export's period (or, without
    /// an export, the year up to the reference date), actual from the export or nil.
    static func meldingenFigures(_ register: Register, exports: [MeldingSource: MeldingenCount], rates: ExpectationRates) -> [MeldingenFigures] {
        let yearToReference = DayInterval(start: CalendarDuration(months: 12).subtracted(from: register.referenceDate) + 1,
                                          end: register.referenceDate)
        var agreementsByContractor: [KvKNumber: [Agreement]] = [:]
        for agreement in register.agreements { agreementsByContractor[agreement.contractor.kvk, default: []].append(agreement) }
        return register.contractors.flatMap { contractor in
            let agreements = agreementsByContractor[contractor.kvk] ?? []
            let connections = agreements.compactMap { $0.verwijsindex?.connected }
            let servesChildren = agreements.contains { agreement in
                AuditReport.childSectors.contains(agreement.sector)
            }
            return MeldingSource.allCases.map { source in
                let export = exports[source]
                let reporter = export?.reporters[contractor.kvk]
                var figures = MeldingenFigures(
                    contractor: contractor, source: source,
                    expected: ExpectationModel.expectation(
                        for: agreements, source: source,
                        period: export?.header.period ?? yearToReference, rates: rates),
                    actual: export.map { _ in reporter?.counted ?? 0 },
                    adviesvragen: source == .veiligThuis ? export.map { _ in reporter?.adviesvragen ?? 0 } : nil)
                figures.connected = connections.isEmpty ? nil : connections.contains(true)
                figures.servesChildren = servesChildren
                return figures
            }
        }
    }

}
