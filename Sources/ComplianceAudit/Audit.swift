import ComplianceRules
import ContractImport
import Foundation

/// What to audit: one or more registers (a municipality's, or every municipality's of a region),
/// any meldingen exports (one or more per source: per region or per period), and the rules.
public struct AuditRequest: Sendable {
    public var registerFiles: [String]
    public var meldingenFiles: [String]
    public var rules: RuleSetLoader
    public var diagnosticLimit: Int
    /// Audit the valid records and list the rejected ones, instead of stopping at an invalid file.
    public var lenient: Bool
    /// At most this many files are read at the same time; 1 reads them one after another. The
    /// result is the same either way.
    public var concurrency: Int
    /// Told what the audit is doing, for a progress line on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    /// The date to judge against instead of the registers' peildatum (`--peildatum`): the inkoop
    /// officer checks a candidate today, not on last year's peildatum.
    public var referenceDate: Day?

    public init(registerFiles: [String], meldingenFiles: [String], rules: RuleSetLoader = RuleSetLoader(), diagnosticLimit: Int = 20,
                lenient: Bool = false, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: (@Sendable (String) -> Void)? = nil) {
        self.registerFiles = registerFiles
        self.meldingenFiles = meldingenFiles
        self.rules = rules
        self.diagnosticLimit = diagnosticLimit
        self.lenient = lenient
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    public init(registerFile: String, meldingenFiles: [String], rules: RuleSetLoader = RuleSetLoader(), diagnosticLimit: Int = 20,
                lenient: Bool = false, progress: (@Sendable (String) -> Void)? = nil) {
        self.init(registerFiles: [registerFile], meldingenFiles: meldingenFiles, rules: rules, diagnosticLimit: diagnosticLimit,
                  lenient: lenient, progress: progress)
    }
}

/// Everything an audit found: the verdicts, the meldingen per contractor and source, the indicators.
public struct AuditResult: Sendable {
    public let request: AuditRequest
    /// Every register read, as named. One municipality may have several (inkoop and subsidies).
    public let registers: [Register]
    /// The registers as one: every agreement (each knows its municipality), every contractor once.
    public let register: Register
    public let ruleSet: RuleSet
    public let assessment: RegisterAssessment
    /// Per source: the exports' counts together, or nil when no export was supplied (geen gegevens).
    public let exports: [MeldingSource: MeldingenCount]
    public let indicators: [IndicatorValue]
    /// Per source, reporters with a KvK number that holds no agreement in the registers.
    public let unattributed: [MeldingSource: [(kvk: KvKNumber, count: MeldingenTally.ReporterCount)]]
    /// Every input with the SHA-256 of the bytes that were read: registers, exports, rule files.
    public let inputs: [InputFile]
    /// Per source with an export, the funnel plot the shortfalls were judged by.
    public let funnels: [MeldingSource: FunnelModel]
    /// The register's own peildatum when `--peildatum` gave another (the first register's).
    public var registerReferenceDate: Day? = nil

    /// The municipalities of the registers, each once, in the order named.
    public var municipalities: [String] { Register.municipalities(registers) }
}

/// Why an audit could not run. Every case is an input problem: a file, a rule or a combination.
public enum AuditError: Error, Sendable, CustomStringConvertible {
    case input(ImportError)
    case rules(RulesErrors)
    /// Registers that cannot be audited together: the message says where and why.
    case registers(String)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .rules(let errors): errors.description
        case .registers(let message): message
        }
    }
}

/// Runs the audit: loads the rules, the registers and each export (streamed, one pass each, files
/// read side by side), counts and compares meldingen, and judges every agreement and contractor.
/// The agreements are judged as soon as the registers are read, while the exports still are.
public enum Audit {
    public static func run(_ request: AuditRequest) async throws(AuditError) -> AuditResult {
        let ruleSet: RuleSet
        request.progress?("reading the rules")
        do { ruleSet = try request.rules.load() } catch { throw .rules(error) }
        let read = await InputReading.read(request) { [ruleSet] registers in
            prepare(registers, referenceDate: request.referenceDate, files: request.registerFiles, ruleSet: ruleSet)
        }
        var inputs: [InputFile] = []
        for outcome in read.registers {
            switch outcome {
            case .success(let (_, file)): inputs.append(file)
            case .failure(let error): throw .input(error)
            }
        }
        var exports: [MeldingSource: MeldingenCount] = [:]
        var exportInputs: [String: InputFile] = [:]
        for outcome in read.sources {
            switch outcome {
            case .success(let (count, files)):
                for file in files { exportInputs[file.path] = file }
                guard let count else { continue }
                // Only an export whose header could not be read before counting is a group of its own.
                if exports[count.source] != nil {
                    throw .input(.unreadable(file: count.files[0].file, reason: "its header could not be read before counting"))
                }
                exports[count.source] = count
            case .failure(let error): throw .input(error)
            }
        }
        inputs += request.meldingenFiles.compactMap { exportInputs[$0] }
        // Every register was read, so they were prepared.
        let prepared = try read.prepared!.get()
        let register = prepared.register
        var figures = meldingenFigures(register, exports: exports, rates: ruleSet.expectationRates)
        let funnels = fitFunnels(&figures, sources: Set(exports.keys), settings: ruleSet.profile.funnel)
        let assessment = ruleSet.assess(register, agreements: prepared.agreements, meldingen: figures)
        let waiverErrors = ruleSet.waiverProblems(assessment).filter { !$0.isWarning }
        guard waiverErrors.isEmpty else { throw .rules(RulesErrors(waiverErrors)) }

        for file in ruleSet.sourceFiles {
            do {
                inputs.append(try InputFile.fingerprint(kind: InputKind(rawValue: file.kind) ?? .rules, path: file.path,
                                                        displayPath: file.displayName))
            } catch {
                throw .input(error)
            }
        }
        let contracted = Set(register.agreements.map(\.contractor.kvk))
        let unattributed = exports.mapValues { count in
            count.reporters.filter { !contracted.contains($0.key) && ($0.value.received > 0 || $0.value.adviesvragen > 0) }
                .sorted { $0.key < $1.key }.map { (kvk: $0.key, count: $0.value) }
        }
        return AuditResult(
            request: request, registers: prepared.registers, register: register, ruleSet: ruleSet, assessment: assessment, exports: exports,
            indicators: IndicatorValue.all(veiligThuis: exports[.veiligThuis], verwijsindex: exports[.verwijsindex],
                                           targets: ruleSet.profile.indicatorTargets),
            unattributed: unattributed, inputs: inputs,
            funnels: funnels, registerReferenceDate: prepared.ownReferenceDate)
    }

    /// What the registers decide alone, made while the exports are still being read.
    struct Prepared: Sendable {
        var registers: [Register]
        /// The registers as one.
        var register: Register
        var agreements: AgreementsJudged
        /// The first register's own peildatum when the request gave another.
        var ownReferenceDate: Day?
    }

    /// The registers combined and their agreements judged; nil when a register could not be read
    /// (the read says why).
    static func prepare(_ read: [InputReading.RegisterRead], referenceDate given: Day?, files: [String],
                        ruleSet: RuleSet) -> Result<Prepared, AuditError>? {
        var registers: [Register] = []
        for outcome in read {
            guard case .success(let (register, _)) = outcome else { return nil }
            registers.append(register)
        }
        var ownReferenceDate: Day?
        if let given {
            // Every register is judged against the date given, so their own peildata need not agree.
            ownReferenceDate = registers.first.map(\.referenceDate).flatMap { $0 == given ? nil : $0 }
            for index in registers.indices { registers[index].referenceDate = given }
        }
        return Result { () throws(AuditError) in
            let register = try Register.combined(registers, files: files)
            return Prepared(registers: registers, register: register, agreements: ruleSet.assessAgreements(of: register),
                            ownReferenceDate: ownReferenceDate)
        }
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

    /// Every contractor's figures for both sources: expected over the exports' period (or, without
    /// an export, the year up to the reference date), actual from the exports or nil. Contractors
    /// are independent of each other: their figures are worked out on every core.
    static func meldingenFigures(_ register: Register, exports: [MeldingSource: MeldingenCount], rates: ExpectationRates) -> [MeldingenFigures] {
        let yearToReference = DayInterval(start: CalendarDuration(months: 12).subtracted(from: register.referenceDate) + 1,
                                          end: register.referenceDate)
        var agreementsByContractor: [KvKNumber: [Agreement]] = [:]
        for agreement in register.agreements { agreementsByContractor[agreement.contractor.kvk, default: []].append(agreement) }
        // Most agreements share a few terms: each term's share of each period is worked out once.
        let periods = Set(MeldingSource.allCases.map { exports[$0]?.period ?? yearToReference })
        var fractions: [DayInterval: [DayInterval: Decimal]] = [:]
        for agreement in register.agreements where fractions[agreement.period] == nil {
            fractions[agreement.period] = Dictionary(uniqueKeysWithValues: periods.map {
                ($0, ExpectationModel.yearFraction(of: agreement.period, within: $0))
            })
        }
        let (known, byContractor) = (fractions, agreementsByContractor)
        return ParallelRender.map(register.contractors) { contractor -> [MeldingenFigures] in
            let agreements = byContractor[contractor.kvk] ?? []
            let connections = agreements.compactMap { $0.verwijsindex?.connected }
            let servesChildren = agreements.contains { agreement in
                AuditReport.childSectors.contains(agreement.sector)
            }
            return MeldingSource.allCases.map { source in
                let export = exports[source]
                let reporter = export?.reporters[contractor.kvk]
                let period = export?.period ?? yearToReference
                var figures = MeldingenFigures(
                    contractor: contractor, source: source,
                    expected: ExpectationModel.expectation(
                        for: agreements, source: source, period: period, rates: rates,
                        yearFraction: { known[$0]?[period] ?? ExpectationModel.yearFraction(of: $0, within: period) }),
                    actual: export.map { _ in reporter?.counted ?? 0 },
                    adviesvragen: source == .veiligThuis ? export.map { _ in reporter?.adviesvragen ?? 0 } : nil)
                figures.connected = connections.isEmpty ? nil : connections.contains(true)
                figures.servesChildren = servesChildren
                return figures
            }
        }.flatMap { $0 }
    }
}
