/// Every rule's result for one agreement.
public struct AgreementAssessment: Sendable {
    public let agreement: Agreement
    public let referenceDate: Day
    public let results: [RuleResult]
    public let verdict: Verdict

    /// What a result judged and why it is not a pass; nil for a pass or not-applicable.
    public func details(of result: RuleResult) -> FindingDetails? {
        guard result.status.isListed else { return nil }
        return result.rule.details(EvaluationSubject(agreement: agreement, referenceDate: referenceDate))
    }

    /// For a not-agreed result: what the rule would find if the agreement contained the condition
    /// (its status, and what it judged), so that before contract talks an organisation is
    /// judged on the conditions still to be agreed; nil for any other result.
    public func ifAgreed(_ result: RuleResult) -> (status: ResultStatus, details: FindingDetails?)? {
        guard result.status == .notAgreed else { return nil }
        return result.rule.judged(EvaluationSubject(agreement: agreement, referenceDate: referenceDate), assumingAgreed: true)
    }

    /// For a not-agreed result: the later day from which this agreement contains the condition.
    public func agreedFrom(_ result: RuleResult) -> Day? {
        result.status == .notAgreed ? result.rule.agreedLater(in: agreement, after: referenceDate) : nil
    }

    /// Results a report lists: everything but pass and not-applicable, worst first (not-agreed
    /// ones last: they are the municipality's to act on).
    public var findings: [RuleResult] {
        results.filter(\.status.isListed)
            .sorted { ($0.status.listOrder, $0.severity, $0.rule.id) < ($1.status.listOrder, $1.severity, $1.rule.id) }
    }
}

/// The meldingen rules' results for one contractor's meldingen from one source.
public struct MeldingenAssessment: Sendable {
    public let figures: MeldingenFigures
    public let referenceDate: Day
    public let results: [RuleResult]

    public func details(of result: RuleResult) -> FindingDetails? {
        guard result.status.isListed else { return nil }
        return result.rule.details(EvaluationSubject(meldingen: figures, referenceDate: referenceDate))
    }

    /// For a not-agreed result: what the rule finds in these figures, as if one of the
    /// contractor's agreements contained the condition; nil for any other result.
    public func ifAgreed(_ result: RuleResult) -> (status: ResultStatus, details: FindingDetails?)? {
        guard result.status == .notAgreed else { return nil }
        return result.rule.judged(EvaluationSubject(meldingen: figures, referenceDate: referenceDate))
    }
}

/// One contractor's agreements, its meldingen per source, and their combined verdict.
public struct ContractorAssessment: Sendable {
    public let contractor: Contractor
    public let agreements: [AgreementAssessment]
    public let meldingen: [MeldingenAssessment]
    public let verdict: Verdict

    /// For a not-agreed meldingen result: the first later day from which one of the contractor's
    /// agreements contains the condition.
    public func agreedFrom(meldingen result: RuleResult) -> Day? {
        guard result.status == .notAgreed else { return nil }
        return agreements.compactMap { result.rule.agreedLater(in: $0.agreement, after: $0.referenceDate) }.min()
    }
}

/// A waiver worth a word in the report: expired, covering nothing, or naming what is not there.
public struct WaiverNotice: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// Past its expiry date on the reference date: no longer applied.
        case expired
        /// Valid, but the results it names pass or do not apply.
        case waivesNothing = "waives-nothing"
        /// Names an agreement or contractor that is not in the register.
        case unknownScope = "unknown-scope"
        /// Its rule is off in this profile: nothing to waive.
        case ruleOff = "rule-off"
    }

    public let waiver: Waiver
    public let kind: Kind
}

/// The rule set's judgement of a whole register.
public struct RegisterAssessment: Sendable {
    public let register: Register
    public let agreements: [AgreementAssessment]
    /// In the order of their first agreement in the register.
    public let contractors: [ContractorAssessment]
    public let waiverNotices: [WaiverNotice]
}

/// A register's agreements judged against the agreement rules: what needs the register alone, so
/// that an audit can judge them while its meldingen exports are still being read.
public struct AgreementsJudged: Sendable {
    public let referenceDate: Day
    /// In the register's order.
    public let assessments: [AgreementAssessment]
    /// The waivers that covered a result.
    let waiversUsed: Set<Waiver>
}

extension RuleSet {
    /// Judges every agreement against the agreement rules, and every contractor's meldingen figures
    /// against the meldingen rules, on the register's reference date.
    public func assess(_ register: Register, meldingen: [MeldingenFigures] = []) -> RegisterAssessment {
        assess(register, agreements: assessAgreements(of: register), meldingen: meldingen)
    }

    /// Judges every agreement of the register against the agreement rules, on its reference date.
    public func assessAgreements(of register: Register) -> AgreementsJudged {
        let referenceDate = register.referenceDate
        let waiversByRule = waiversInForce(on: referenceDate)
        var used = Set<Waiver>()
        let assessments = register.agreements.map { agreement in
            assess(agreement, on: referenceDate, waivers: waiversByRule, used: &used)
        }
        return AgreementsJudged(referenceDate: referenceDate, assessments: assessments, waiversUsed: used)
    }

    /// Judges every contractor's meldingen figures against the meldingen rules, beside its agreements
    /// as `assessAgreements(of:)` judged them for this register.
    public func assess(_ register: Register, agreements judged: AgreementsJudged, meldingen: [MeldingenFigures]) -> RegisterAssessment {
        precondition(judged.referenceDate == register.referenceDate && judged.assessments.count == register.agreements.count,
                     "the agreements were judged for another register")
        let referenceDate = register.referenceDate
        let waiversByRule = waiversInForce(on: referenceDate)
        var used = judged.waiversUsed
        let agreements = judged.assessments
        var byContractor: [KvKNumber: [AgreementAssessment]] = [:]
        for assessment in agreements { byContractor[assessment.agreement.contractor.kvk, default: []].append(assessment) }
        // Grouped once by key, so the assessment stays linear in the number of contractors.
        var meldingenByContractor: [KvKNumber: [MeldingenFigures]] = [:]
        for figures in meldingen { meldingenByContractor[figures.contractor.kvk, default: []].append(figures) }
        let contractors = register.contractors.map { contractor in
            let own = byContractor[contractor.kvk] ?? []
            let ownIDs = Set(own.map(\.agreement.id))
            let figures = (meldingenByContractor[contractor.kvk] ?? []).map { figures in
                let subject = EvaluationSubject(meldingen: figures, referenceDate: referenceDate)
                let results = meldingenRules.map { rule in
                    // A contract condition on meldingen binds where one of the contractor's agreements contains it.
                    let evaluated = rule.evaluate(subject)
                    if rule.contractCondition != nil, evaluated.status != .notApplicable,
                       !own.contains(where: { rule.isAgreed(in: $0.agreement, on: referenceDate) }) {
                        return RuleResult(rule: rule, status: .notAgreed)
                    }
                    return waived(evaluated, by: waiversByRule[rule.id]?.first { waiver in
                        switch waiver.scope {
                        case .contractor(let kvk): kvk == contractor.kvk
                        case .agreement(let id): ownIDs.contains(id)
                        }
                    }, used: &used)
                }
                return MeldingenAssessment(figures: figures, referenceDate: referenceDate, results: results)
            }
            let verdicts = own.map(\.verdict) + figures.map { Verdict($0.results) }
            return ContractorAssessment(contractor: contractor, agreements: own, meldingen: figures,
                                        verdict: verdicts.min() ?? .inOrde)
        }
        return RegisterAssessment(register: register, agreements: agreements, contractors: contractors,
                                  waiverNotices: notices(register, used: used, meldingenJudged: !meldingen.isEmpty))
    }

    /// Judges one agreement; waivers are applied as given.
    public func assess(_ agreement: Agreement, on referenceDate: Day) -> AgreementAssessment {
        var used = Set<Waiver>()
        return assess(agreement, on: referenceDate, waivers: waiversInForce(on: referenceDate), used: &used)
    }

    /// Checks the waivers against a register: one naming an agreement or contractor that is not in it,
    /// or one that waives nothing, is an error; an expired one no longer applies and is a warning.
    /// Without meldingen figures a waiver of a meldingen rule cannot be judged to waive nothing.
    public func checkWaivers(against register: Register) -> [RulesError] {
        waiverProblems(assess(register))
    }

    /// The waivers' problems as an assessment found them (see `checkWaivers(against:)`): an audit
    /// judges its waivers by the assessment it reports, meldingen rules included, not by a second one.
    public func waiverProblems(_ assessment: RegisterAssessment) -> [RulesError] {
        assessment.waiverNotices.map { notice in
            let waiver = notice.waiver
            let scope = switch waiver.scope {
            case .agreement(let id): "agreement \(id)"
            case .contractor(let kvk): "contractor \(kvk)"
            }
            return switch notice.kind {
            case .ruleOff:
                RulesError(.invalid, at: waiver.location, "the waiver for \(waiver.ruleID) on \(scope) is not applied: "
                    + "the rule is off in this profile", isWarning: true)
            case .unknownScope:
                RulesError(.invalid, at: waiver.location, "the waiver for \(waiver.ruleID) names \(scope), which is not in the register")
            case .waivesNothing:
                RulesError(.invalid, at: waiver.location, "the waiver for \(waiver.ruleID) on \(scope) waives nothing: "
                    + "the rule passes or does not apply there")
            case .expired:
                RulesError(.invalid, at: waiver.location, "the waiver for \(waiver.ruleID) on \(scope) expired on "
                    + "\(waiver.expires), before the reference date \(assessment.register.referenceDate); it no longer applies",
                    isWarning: true)
            }
        }
    }

    /// A failure or missing evidence that a waiver covers becomes waived; anything else stays.
    private func waived(_ result: RuleResult, by waiver: Waiver?, used: inout Set<Waiver>) -> RuleResult {
        guard let waiver, result.status == .fail || result.status == .missingEvidence else { return result }
        used.insert(waiver)
        return RuleResult(rule: result.rule, status: .waived, waiver: AppliedWaiver(waiver, waivedStatus: result.status))
    }

    private func waiversInForce(on day: Day) -> [String: [Waiver]] {
        var byRule: [String: [Waiver]] = [:]
        for waiver in waivers where waiver.applies(on: day) { byRule[waiver.ruleID, default: []].append(waiver) }
        return byRule
    }

    private func assess(_ agreement: Agreement, on referenceDate: Day, waivers: [String: [Waiver]],
                        used: inout Set<Waiver>) -> AgreementAssessment {
        let subject = EvaluationSubject(agreement: agreement, referenceDate: referenceDate)
        let results = agreementRules.map { rule in
            waived(rule.evaluate(subject), by: waivers[rule.id]?.first { $0.covers(agreement) }, used: &used)
        }
        return AgreementAssessment(agreement: agreement, referenceDate: referenceDate, results: results, verdict: Verdict(results))
    }

    /// What is wrong with each waiver, if anything. A waiver of a meldingen rule is only found to
    /// waive nothing when the meldingen rules were judged.
    private func notices(_ register: Register, used: Set<Waiver>, meldingenJudged: Bool) -> [WaiverNotice] {
        let agreementIDs = Set(register.agreements.map(\.id))
        let kvks = Set(register.agreements.map(\.contractor.kvk))
        return waivers.compactMap { waiver in
            let known = switch waiver.scope {
            case .agreement(let id): agreementIDs.contains(id)
            case .contractor(let kvk): kvks.contains(kvk)
            }
            if !known { return WaiverNotice(waiver: waiver, kind: .unknownScope) }
            guard let rule = rules.first(where: { $0.id == waiver.ruleID }) else { return WaiverNotice(waiver: waiver, kind: .ruleOff) }
            if !waiver.applies(on: register.referenceDate) { return WaiverNotice(waiver: waiver, kind: .expired) }
            if !used.contains(waiver), rule.scope == .agreement || meldingenJudged {
                return WaiverNotice(waiver: waiver, kind: .waivesNothing)
            }
            return nil
        }
    }
}

extension Rule {
    /// This rule's result for one agreement on a reference date, before waivers; `asWritten` uses
    /// the rule file's thresholds instead of the profile's.
    func evaluate(_ subject: EvaluationSubject, asWritten: Bool = false) -> RuleResult {
        RuleResult(rule: self, status: outcome(subject, asWritten: asWritten).status)
    }

    /// The status, and the value and condition that decided it; `assumingAgreed` judges a
    /// contract condition as if the agreement contained it.
    private func outcome(_ subject: EvaluationSubject, asWritten: Bool = false, assumingAgreed: Bool = false)
        -> (status: ResultStatus, value: ConditionValue?, condition: CompiledCondition?) {
        // A rule only ever judges subjects of its own scope.
        guard subject.scope == scope else { return (.notApplicable, nil, nil) }
        if scope == .agreement {
            guard applies(to: subject.agreement.type, subject.agreement.sector) else { return (.notApplicable, nil, nil) }
        }
        guard isInForce(on: subject.referenceDate) else { return (.notApplicable, nil, nil) }
        // A contract condition binds only where it was agreed. An example that does not say which
        // conditions its agreement contains shows the rule as agreed.
        if scope == .agreement, !assumingAgreed, !(asWritten && subject.agreement.conditions == nil),
           !isAgreed(in: subject.agreement, on: subject.referenceDate) {
            return (.notAgreed, nil, nil)
        }
        if let compiledWhen {
            let value = compiledWhen.evaluate(subject)
            switch value {
            case .boolean(true): break
            case .boolean(false): return (.notApplicable, nil, nil)
            default: return (status(of: value), value, compiledWhen)
            }
        }
        let condition = asWritten ? writtenCondition : compiledCondition
        let value = condition.evaluate(subject)
        return (status(of: value), value, condition)
    }

    private func status(of value: ConditionValue) -> ResultStatus {
        switch value {
        case .boolean(true): .pass
        case .boolean(false): .fail
        case .unknown: .missingEvidence
        default: .error
        }
    }

    /// Evaluates again, this time keeping what was judged; only reports ask, for few results.
    func details(_ subject: EvaluationSubject) -> FindingDetails {
        let (_, value, condition) = outcome(subject)
        return details(subject, value: value, condition: condition)
    }

    /// The status, and what was judged when it is not a pass, from one evaluation.
    func judged(_ subject: EvaluationSubject, assumingAgreed: Bool = false) -> (status: ResultStatus, details: FindingDetails?) {
        let (status, value, condition) = outcome(subject, assumingAgreed: assumingAgreed)
        return (status, status.isListed ? details(subject, value: value, condition: condition) : nil)
    }

    private func details(_ subject: EvaluationSubject, value: ConditionValue?, condition: CompiledCondition?) -> FindingDetails {
        var missing: [EvidenceField] = []
        var problem: String?
        switch value {
        case .unknown(let fields)?: missing = fields.compactMap { EvidenceField.named($0, in: scope) }
        case .failure(let message)?: problem = message
        case .boolean?, nil: break
        default: problem = "geen ja/nee-uitkomst"
        }
        // The values the condition read, then those the explanation states besides (a meldingen
        // finding's figures), so that a report without the Dutch explanation can say them too.
        let explained = explanation?.render(subject)
        var seen = Set<String>()
        let paths = (condition?.fields ?? []) + (explained == nil ? [] : explanation?.fields ?? [])
        let judged = paths.filter { seen.insert($0).inserted }.compactMap { path -> JudgedValue? in
            guard let definition = FieldCatalogue.of(scope).fields[path] else { return nil }
            return JudgedValue(field: definition.field, value: definition.read(subject).flatMap(EvidenceValue.init))
        }
        return FindingDetails(judged: judged, missing: missing, explanation: explained, problem: problem)
    }
}
