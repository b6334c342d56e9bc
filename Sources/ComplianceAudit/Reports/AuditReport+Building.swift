import ComplianceRules
import Foundation

extension AuditReport {
    /// The report of an audit. `fingerprints` are the inputs' SHA-256 digests, taken as they were read.
    public init(_ result: AuditResult) {
        let register = result.register
        let inputs = result.inputs
        // Each contractor's entry is made when a report reads it, from its assessment; what the
        // summary needs is read from the assessments themselves.
        let assessments = result.assessment.contractors
        let contractors = ContractorEntries(made: assessments)
        var flagged: [String: Int] = [:]
        for source in MeldingSource.allCases { flagged[source.rawValue] = 0 }
        for meldingen in assessments.flatMap(\.meldingen) where MeldingenOutcome(meldingen).isFlagged {
            flagged[meldingen.figures.source.rawValue, default: 0] += 1
        }
        let titles = result.ruleSet.ruleTitles
        self.init(
            schemaVersion: Self.currentSchemaVersion,
            run: Run(toolVersion: ToolVersion.current, municipality: register.municipality,
                     referenceDate: register.referenceDate.description, profile: result.ruleSet.profile.name,
                     profileFile: result.ruleSet.profile.file,
                     ruleSetVersion: InputFile.combinedDigest(inputs.filter { $0.kind != .register && $0.kind != .meldingen }),
                     lenient: result.request.lenient, inputs: inputs,
                     rulesOff: result.ruleSet.disabledRules.map { RuleOff(ruleId: $0, title: titles[$0] ?? $0) },
                     rules: result.ruleSet.rules.filter { $0.isInForce(on: register.referenceDate) }.map(RuleEntry.init)
                        .sorted { $0.id < $1.id }),
            exports: MeldingSource.allCases.flatMap { source in
                (result.exports[source]?.files ?? []).map { export in
                    ExportEntry(source: source, file: export.file, region: export.header.region,
                                periodStart: export.header.period.start.description, periodEnd: export.header.period.end.description,
                                records: export.records, outOfOrder: export.outOfOrder)
                }
            },
            warnings: Self.warnings(result),
            summary: Summary(contractors: contractors.count, agreements: register.agreements.count,
                             verdicts: Self.verdictCounts(assessments.map(\.verdict)),
                             flaggedMeldingen: flagged),
            municipalities: nil,
            indicators: result.indicators.map { value in
                IndicatorEntry(id: value.indicator, value: value.value.map { Self.rounded($0, Self.places(of: value.indicator)) },
                               target: value.target?.text, met: value.met, previous: nil)
            },
            meldingenByCategory: ReporterCategory.allCases.compactMap { category in
                result.exports[.veiligThuis]?.meldingenByCategory[category].map { CategoryCount(category: category.rawValue, meldingen: $0) }
            },
            meldingenModel: MeldingSource.allCases.compactMap { source in
                result.funnels[source].map { model in
                    MeldingenModelEntry(source: source, method: "spiegelhalter-sqrt", trim: model.settings.trim,
                                        minExpected: model.settings.minExpected, maxRatio: model.settings.maxRatio,
                                        minGroup: model.settings.minGroup, n: model.n, phi: model.phi, tau2: model.tau2,
                                        overdispersionEstimated: model.overdispersionEstimated)
                }
            },
            contractors: contractors,
            unattributed: MeldingSource.allCases.flatMap { source in
                (result.unattributed[source] ?? []).map {
                    UnattributedEntry(kvk: $0.kvk.description, source: source, meldingen: $0.count.counted,
                                      adviesvragen: source == .veiligThuis ? $0.count.adviesvragen : nil)
                }
            },
            waiverNotices: result.assessment.waiverNotices.map { notice in
                var entry = WaiverNoticeEntry(ruleId: notice.waiver.ruleID, ruleTitle: titles[notice.waiver.ruleID], agreementId: nil,
                                              kvk: nil, kind: notice.kind, expires: notice.waiver.expires.description,
                                              location: notice.waiver.location.description, findingPersists: nil)
                switch notice.waiver.scope {
                case .agreement(let id): entry.agreementId = id
                case .contractor(let kvk): entry.kvk = kvk.description
                }
                return entry
            },
            municipalityTasks: Self.tasks(result), followUp: nil)
        municipalities = Self.municipalities(result, tasks: municipalityTasks)
    }

    /// The level below the roll-up: per municipality its registers, agreements and contractors,
    /// with each contractor's verdict on the agreements it holds there.
    static func municipalities(_ result: AuditResult, tasks: [MunicipalityTaskEntry]) -> [MunicipalityEntry] {
        var verdicts: [String: [String: Int]] = [:]
        var contractorCounts: [String: Int] = [:]
        for contractor in result.assessment.contractors {
            for entry in perMunicipality(contractor.agreements) {
                verdicts[entry.municipality, default: Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, 0) })][
                    entry.verdict.rawValue, default: 0] += 1
                contractorCounts[entry.municipality, default: 0] += 1
            }
        }
        var taskCounts: [String: Int] = [:]
        for task in tasks { taskCounts[task.municipality ?? "", default: 0] += 1 }
        return result.municipalities.map { name in
            let registers = zip(result.registers, result.request.registerFiles).filter { $0.0.municipality == name }
            return MunicipalityEntry(
                name: name, registers: registers.map(\.1), agreements: registers.map(\.0.agreements.count).reduce(0, +),
                contractors: contractorCounts[name] ?? 0,
                verdicts: verdicts[name] ?? Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, 0) }),
                tasks: taskCounts[name] ?? 0)
        }
    }

    /// Contractors per verdict id, every verdict named.
    /// The worst contractor verdict, from the summary's counts.
    public var worstVerdict: Verdict {
        Verdict.allCases.filter { (summary.verdicts[$0.rawValue] ?? 0) > 0 }.min() ?? .inOrde
    }

    static func verdictCounts(_ verdicts: [Verdict]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for verdict in Verdict.allCases { counts[verdict.rawValue] = 0 }
        for verdict in verdicts { counts[verdict.rawValue, default: 0] += 1 }
        return counts
    }

    static func warnings(_ result: AuditResult) -> [WarningEntry] {
        var warnings: [WarningEntry] = []
        if let own = result.registerReferenceDate {
            warnings.append(WarningEntry(kind: .referenceDateGiven, registerReferenceDate: own.description))
        }
        let accepted = Set((result.municipalities + result.ruleSet.profile.regions).map { $0.lowercased() })
        for source in MeldingSource.allCases {
            for export in result.exports[source]?.files ?? [] {
                if !accepted.contains(export.header.region.lowercased()) {
                    warnings.append(WarningEntry(kind: .regionMismatch, source: source, region: export.header.region))
                }
                if export.outOfOrder > 0 {
                    warnings.append(WarningEntry(kind: .outOfOrder, source: source, count: export.outOfOrder))
                }
            }
        }
        for input in result.inputs {
            if let records = input.records, records.rejected > 0 {
                warnings.append(WarningEntry(kind: .recordsRejected, count: records.rejected, location: input.path))
            }
            for cell in input.records?.kvkStoredAsNumber ?? [] {
                warnings.append(WarningEntry(kind: .kvkStoredAsNumber, location: cell))
            }
        }
        for agreement in result.register.agreements {
            guard let since = agreement.conditionsStartAfterEnd else { continue }
            warnings.append(WarningEntry(
                kind: .conditionsAfterEnd, location: (agreement.conditionsLocation ?? agreement.location)?.description, agreementId: agreement.id,
                contractor: agreement.contractor.name, conditionsSince: since.description,
                agreementEnd: agreement.period.end.description))
        }
        for notice in result.assessment.waiverNotices where notice.kind == .expired {
            warnings.append(WarningEntry(kind: .waiverExpired, ruleId: notice.waiver.ruleID, location: notice.waiver.location.description))
        }
        return warnings
    }

    static func contractor(_ assessment: ContractorAssessment) -> ContractorEntry {
        // The findings' sort keys first, sorted by index; each entry is then made once, in its
        // place. (Making the entries and then moving them into order copied every entry, and the
        // sort compared keys by copying their strings.)
        struct Key {
            var order: Int
            var severity: Severity
            var rule: String
            var tieBreak: String
            /// Which meldingen assessment or agreement (`agreement`), and which of its results.
            var owner: Int
            var agreement: Bool
            var result: Int
        }
        var keys: [Key] = []
        let kvk = assessment.contractor.kvk
        for (owner, meldingen) in assessment.meldingen.enumerated() {
            for (index, result) in meldingen.results.enumerated() where result.status.isListed {
                keys.append(Key(order: result.status.listOrder, severity: result.severity, rule: result.rule.id,
                                tieBreak: meldingen.figures.source.rawValue, owner: owner, agreement: false, result: index))
            }
        }
        // Every key is distinct (one result per rule per agreement or source), so the order does
        // not depend on the order the results come in.
        for (owner, agreement) in assessment.agreements.enumerated() {
            for (index, result) in agreement.results.enumerated() where result.status.isListed {
                keys.append(Key(order: result.status.listOrder, severity: result.severity, rule: result.rule.id,
                                tieBreak: agreement.agreement.id, owner: owner, agreement: true, result: index))
            }
        }
        let sorted = keys.indices.sorted { a, b in
            if keys[a].order != keys[b].order { return keys[a].order < keys[b].order }
            if keys[a].severity != keys[b].severity { return keys[a].severity < keys[b].severity }
            if keys[a].rule != keys[b].rule { return keys[a].rule < keys[b].rule }
            return keys[a].tieBreak < keys[b].tieBreak
        }
        // An agreement's place is written once and shared by its findings and its entry: a national
        // report has hundreds of thousands of findings.
        let locations = assessment.agreements.map { $0.agreement.location?.description }
        var findings: [FindingEntry] = []
        findings.reserveCapacity(sorted.count)
        for index in sorted {
            let key = keys[index]
            if key.agreement {
                let agreement = assessment.agreements[key.owner]
                let result = agreement.results[key.result]
                let id = agreement.agreement.id
                // A condition not agreed is judged as if it were, for the check before contract talks.
                let ifAgreed = agreement.ifAgreed(result)
                findings.append(finding(result, id: result.findingID(agreementID: id), agreementID: id,
                                        municipality: agreement.agreement.municipality, source: nil, location: locations[key.owner],
                                        details: ifAgreed.map(\.details) ?? agreement.details(of: result),
                                        agreedFrom: agreement.agreedFrom(result), ifAgreed: ifAgreed?.status))
            } else {
                let meldingen = assessment.meldingen[key.owner]
                let result = meldingen.results[key.result]
                let source = meldingen.figures.source
                let ifAgreed = meldingen.ifAgreed(result)
                findings.append(finding(result, id: result.findingID(kvk: kvk, source: source), agreementID: nil,
                                        municipality: nil, source: source,
                                        location: nil, details: ifAgreed.map(\.details) ?? meldingen.details(of: result),
                                        agreedFrom: assessment.agreedFrom(meldingen: result), ifAgreed: ifAgreed?.status))
            }
        }
        return ContractorEntry(
            kvk: kvk.description, name: assessment.contractor.name, verdict: assessment.verdict,
            decision: ContractingDecision(assessment.verdict),
            municipalities: perMunicipality(assessment.agreements),
            agreements: zip(assessment.agreements, locations).map { agreement, location in
                AgreementEntry(id: agreement.agreement.id, type: agreement.agreement.type, sector: agreement.agreement.sector,
                               start: agreement.agreement.period.start.description, end: agreement.agreement.period.end.description,
                               verdict: agreement.verdict, location: location, municipality: agreement.agreement.municipality)
            },
            meldingen: assessment.meldingen.map { meldingen($0) },
            findings: findings)
    }

    /// A contractor's verdict per municipality, over the agreements it holds there, in the order
    /// of its first agreement in each.
    static func perMunicipality(_ agreements: [AgreementAssessment]) -> [ContractorMunicipalityEntry] {
        var entries: [ContractorMunicipalityEntry] = []
        var index: [String: Int] = [:]
        for agreement in agreements {
            let name = agreement.agreement.municipality ?? ""
            if let at = index[name] {
                entries[at].agreements += 1
                entries[at].verdict = min(entries[at].verdict, agreement.verdict)
            } else {
                index[name] = entries.count
                entries.append(ContractorMunicipalityEntry(municipality: name, agreements: 1, verdict: agreement.verdict))
            }
        }
        return entries
    }

    /// `components: false` leaves out what each agreement adds to the expectation: only the JSON
    /// shows it, and the overview tables of thousands of contractors do without.
    static func meldingen(_ assessment: MeldingenAssessment, components: Bool = true) -> MeldingenEntry {
        let figures = assessment.figures
        let outcome = MeldingenOutcome(assessment)
        return MeldingenEntry(
            source: figures.source,
            expected: figures.expected.map { rounded($0.count, expectedPlaces) },
            expectedBasis: figures.expected?.kind,
            expectedComponents: !components ? [] : figures.expected?.components.map { component in
                switch component.basis {
                case .agreed(let perYear):
                    ExpectationEntry(agreementId: component.agreementID, basis: .agreed, perYear: perYear, children: nil,
                                     ratePerThousand: nil, yearFraction: rounded(component.yearFraction, 4), count: rounded(component.count, 2))
                case .modelled(let children, let rate):
                    ExpectationEntry(agreementId: component.agreementID, basis: .modelled, perYear: nil, children: children,
                                     ratePerThousand: rate, yearFraction: rounded(component.yearFraction, 4), count: rounded(component.count, 2))
                }
            } ?? [],
            actual: figures.actual,
            ratio: figures.ratio.map { rounded($0, 6) },
            z: figures.funnel.map { rounded(Decimal($0.z), 6) },
            zAdjusted: figures.funnel.map { rounded(Decimal($0.zAdjusted), 6) },
            level: figures.funnel?.level ?? .notJudged,
            limits: figures.funnel.map { point in
                LimitsEntry(lower95: rounded(Decimal(point.limits.lower95), 6), lower998: rounded(Decimal(point.limits.lower998), 6),
                            upper95: rounded(Decimal(point.limits.upper95), 6), upper998: rounded(Decimal(point.limits.upper998), 6))
            },
            flagged: outcome.isFlagged,
            outcome: outcome,
            adviesvragen: figures.source == .veiligThuis ? figures.adviesvragen : nil)
    }

    static func finding(_ result: RuleResult, id: String, agreementID: String?, municipality: String?, source: MeldingSource?,
                        location: String?, details: FindingDetails?, agreedFrom: Day? = nil, ifAgreed: ResultStatus? = nil) -> FindingEntry {
        let wording = result.rule.wording(for: source)
        return FindingEntry(
            id: id, agreementId: agreementID, municipality: municipality, source: source, location: location, ruleId: result.rule.id, title: wording.title,
            basisKind: result.rule.basisKind, contractCondition: result.rule.contractCondition,
            status: result.status, agreedFrom: agreedFrom?.description, ifAgreed: ifAgreed, severity: result.severity,
            evidence: details?.judged.map { EvidenceEntry(field: $0.field, value: reported($0.value, of: $0.field)) } ?? [],
            missing: details?.missing ?? [],
            explanation: details?.explanation,
            evaluationError: details?.problem,
            advice: wording.advice,
            problem: wording.problem,
            waiver: result.waiver.map {
                WaiverEntry(reason: $0.waiver.reason, approvedBy: $0.waiver.approvedBy, expires: $0.waiver.expires.description,
                            waivedStatus: $0.waivedStatus)
            }, repeated: nil, consecutiveRuns: nil, escalatedFrom: nil)
    }

    /// A value as the report gives it: a computed meldingen figure rounded as the comparison
    /// table rounds it (the expectation to two places, a share, limit or probability to six),
    /// any other value as judged.
    static func reported(_ value: EvidenceValue?, of field: EvidenceField) -> EvidenceValue? {
        guard case .number(let number)? = value else { return value }
        switch field {
        case .meldingenExpected: return .number(rounded(number, expectedPlaces))
        case .meldingenRatio, .meldingenPValue, .meldingenPValueOfNone, .meldingenZAdjusted, .meldingenLower95, .meldingenLower998:
            return .number(rounded(number, 6))
        default: return value
        }
    }

    /// The decimal places a contractor's expected meldingen are reported with.
    static let expectedPlaces = 2

    /// The decimal places an indicator's value is reported with.
    static func places(of indicator: Indicator) -> Int { indicator.isPercentage ? 4 : 2 }

    static func rounded(_ value: Decimal, _ scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }
}

/// JSON as every document is written: pretty, keys sorted, so the same inputs give the same bytes.
enum ReportJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}

extension Verdict {
    /// The worst severity among the findings that count, or in orde: a verdict from a report's
    /// findings, where there are no rule results to judge.
    init(findings: [AuditReport.FindingEntry]) {
        self = findings.filter(\.status.counts).map(\.severity).min().map(Verdict.severity) ?? .inOrde
    }
}
