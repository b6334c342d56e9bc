import ComplianceRules
import Foundation

/// What the inkoop officer may do: the contractor's verdict as a decision.
public enum ContractingDecision: String, Sendable, CaseIterable {
    case contracteerbaar
    case onderVoorwaarden = "contracteerbaar-onder-voorwaarden"
    case nietContracteerbaar = "niet-contracteerbaar"

    public init(_ verdict: Verdict) {
        switch verdict {
        case .inOrde: self = .contracteerbaar
        case .severity(.blokkerend): self = .nietContracteerbaar
        case .severity: self = .onderVoorwaarden
        }
    }
}

extension Verdict {
    /// The stable identifier reports and JSON use.
    public var id: String {
        switch self {
        case .inOrde: "in-orde"
        case .severity(let severity): severity.rawValue
        }
    }
}

extension AuditReport {
    public init(_ result: AuditResult) {
        let register = result.register
        var inputs = [InputFile.fingerprint(kind: "register", path: result.request.registerFile)]
        inputs += result.request.meldingenFiles.map { InputFile.fingerprint(kind: "meldingen", path: $0) }
        inputs += result.ruleSet.sourceFiles.map { InputFile.fingerprint(kind: $0.kind, path: $0.path, displayPath: $0.displayName) }
        let contractors = result.assessment.contractors.map(Self.contractor)
        var verdicts: [String: Int] = [:]
        for verdict in [Verdict.severity(.blokkerend), .severity(.indringendGesprek), .severity(.agendapunt),
                        .severity(.informatief), .inOrde] {
            verdicts[verdict.id] = result.assessment.contractors.filter { $0.verdict == verdict }.count
        }
        self.init(
            schemaVersion: Self.currentSchemaVersion,
            run: Run(toolVersion: ToolVersion.current, municipality: register.municipality,
                     referenceDate: register.referenceDate.description, profile: result.ruleSet.profile.name,
                     profileFile: result.ruleSet.profile.file,
                     ruleSetVersion: InputFile.combinedDigest(inputs.filter { $0.kind != "register" && $0.kind != "meldingen" }),
                     inputs: inputs),
            summary: Summary(contractors: contractors.count, agreements: register.agreements.count, verdicts: verdicts,
                             flaggedMeldingen: contractors.flatMap(\.meldingen).filter(\.flagged).count),
            indicators: result.indicators.map { value in
                IndicatorEntry(id: value.indicator.rawValue, label: value.indicator.label,
                               value: value.value.map { Self.rounded($0, value.indicator.isPercentage ? 4 : 2) },
                               target: value.target?.text, met: value.met)
            },
            meldingenByCategory: ReporterCategory.allCases.compactMap { category in
                result.exports[.veiligThuis]?.meldingenByCategory[category].map { CategoryCount(category: category.rawValue, meldingen: $0) }
            },
            contractors: contractors,
            unattributed: MeldingSource.allCases.flatMap { source in
                (result.unattributed[source] ?? []).map {
                    UnattributedEntry(kvk: $0.kvk.description, source: source.rawValue, meldingen: $0.count.counted,
                                      adviesvragen: $0.count.adviesvragen)
                }
            },
            waiverNotices: result.assessment.waiverNotices.map { notice in
                WaiverNoticeEntry(ruleId: notice.waiver.ruleID, scope: notice.waiver.scope.description, kind: notice.kind.rawValue,
                                  expires: notice.waiver.expires.description, location: notice.waiver.location.description)
            })
    }

    static func contractor(_ assessment: ContractorAssessment) -> ContractorEntry {
        var findings: [(order: (Int, Severity, String, String), entry: FindingEntry)] = []
        for meldingen in assessment.meldingen {
            for result in meldingen.results where result.status != .pass && result.status != .notApplicable {
                let source = meldingen.figures.source.rawValue
                findings.append(((result.status.counts ? 0 : 1, result.severity, result.rule.id, source),
                                 finding(result, id: "\(result.rule.id)/\(assessment.contractor.kvk)/\(source)",
                                         agreementID: nil, source: source, details: meldingen.details(of: result))))
            }
        }
        for agreement in assessment.agreements {
            for result in agreement.findings {
                let id = agreement.agreement.id
                findings.append(((result.status.counts ? 0 : 1, result.severity, result.rule.id, id),
                                 finding(result, id: result.findingID(agreementID: id), agreementID: id, source: nil,
                                         details: agreement.details(of: result))))
            }
        }
        return ContractorEntry(
            kvk: assessment.contractor.kvk.description, name: assessment.contractor.name, verdict: assessment.verdict.id,
            decision: ContractingDecision(assessment.verdict).rawValue,
            agreements: assessment.agreements.map { agreement in
                AgreementEntry(id: agreement.agreement.id, type: agreement.agreement.type.rawValue,
                               sector: agreement.agreement.sector.rawValue, start: agreement.agreement.period.start.description,
                               end: agreement.agreement.period.end.description, verdict: agreement.verdict.id)
            },
            meldingen: assessment.meldingen.map(meldingen),
            findings: findings.sorted { $0.order < $1.order }.map(\.entry))
    }

    static func meldingen(_ assessment: MeldingenAssessment) -> MeldingenEntry {
        let figures = assessment.figures
        let outcome = MeldingenOutcome(assessment)
        return MeldingenEntry(
            source: figures.source.rawValue,
            expected: figures.expected.map { rounded($0.count, 2) },
            expectedBasis: figures.expected?.kind.rawValue,
            expectedComponents: figures.expected?.components.map { component in
                switch component.basis {
                case .agreed(let perYear):
                    ExpectationEntry(agreementId: component.agreementID, basis: "agreed", perYear: perYear, children: nil,
                                     ratePerThousand: nil, yearFraction: rounded(component.yearFraction, 4), count: rounded(component.count, 2))
                case .modelled(let children, let rate):
                    ExpectationEntry(agreementId: component.agreementID, basis: "modelled", perYear: nil, children: children,
                                     ratePerThousand: rate, yearFraction: rounded(component.yearFraction, 4), count: rounded(component.count, 2))
                }
            } ?? [],
            actual: figures.actual,
            ratio: figures.ratio.map { rounded($0, 4) },
            pValue: figures.pValue.map { rounded(Decimal($0), 6) },
            flagged: outcome.isFlagged,
            outcome: outcome.rawValue,
            adviesvragen: figures.adviesvragen)
    }

    static func finding(_ result: RuleResult, id: String, agreementID: String?, source: String?, details: FindingDetails?) -> FindingEntry {
        FindingEntry(
            id: id, agreementId: agreementID, source: source, ruleId: result.rule.id, title: result.rule.title,
            status: result.status.rawValue, severity: result.severity.rawValue,
            evidence: details?.judged.map { EvidenceEntry(field: $0.field, value: $0.value) } ?? [],
            missing: details?.missing ?? [],
            explanation: details?.explanation ?? details?.problem,
            advice: result.rule.advice,
            waiver: result.waiver.map {
                WaiverEntry(reason: $0.waiver.reason, approvedBy: $0.waiver.approvedBy, expires: $0.waiver.expires.description,
                            waivedStatus: $0.waivedStatus.rawValue)
            })
    }

    static func rounded(_ value: Decimal, _ scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// The report as JSON: pretty, keys sorted, so the same inputs give the same bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
