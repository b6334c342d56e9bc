import Foundation
import Yams

/// What a municipality demands: which rule files, and per rule its severity, its thresholds, or
/// that it is switched off.
///
/// ```yaml
/// version: 1
/// name: Rotterdam
/// description: Rotterdam koopt geen jeugdhulp in bij aanbieders die het kwaliteitskader niet volgen.
/// rule-files: [handreiking.yml]          # optional; every rule file when left out
/// regions: [Rotterdam-Rijnmond]          # optional: export regions that cover this municipality
/// meldingen:                            # optional: the funnel plot's settings (FunnelModel)
///   min-expected: 5                     # pairs expecting fewer are not judged
///   trim: 10%                           # winsorised at each end before estimating overdispersion
///   max-ratio: 50%                      # alarm and alert also need actual below this share of expected
///   min-group: 10                       # fewer judged pairs: no overdispersion estimate (plain Poisson)
/// agreed-conditions:                    # optional: conditions agreements carry that do not record them
///   - {from: 2017-01-01, conditions: all, types: [contract, subsidy]}
/// escalation: {after-runs: 2, rules: [MELDINGEN-ACHTERSTAND]}   # optional: raise persisting findings a step
/// indicators:                           # optional targets for the annual report's indicators
///   hermelding-percentage: "< 30%"
/// rules:
///   ROUVOET-KWALITEITSKADER: {severity: blokkerend}
///   AANDACHTSFUNCTIONARIS-UREN: {parameters: {min-hours: 4}}
///   LVAK-KEURMERK: {enabled: false}
/// ```
public struct Profile: Sendable {
    public let name: String
    public let description: String?
    /// Where the profile was read from, as shown to the user.
    public let file: String
    /// Targets for the annual report's indicators, marked behaald / niet behaald in reports.
    public let indicatorTargets: [IndicatorTarget]
    /// Regions of meldingen exports that cover the municipality besides its own name (a Veilig
    /// Thuis region of several municipalities); an export for any other region is a warning.
    public let regions: [String]
    /// How the meldingen check judges a shortfall (the funnel plot's settings).
    public let funnel: FunnelModel.Settings
    /// Which contract conditions agreements carry that do not record their own (`conditions`).
    public let agreedConditions: [AgreedConditionsDefault]
    /// Raising a finding's severity one step when it persists over consecutive runs; nil: off.
    public let escalation: Escalation?

    /// A finding found in `afterRuns` consecutive runs of the same municipality (this one included)
    /// is raised one severity step; only the rules named, or every rule when none are.
    public struct Escalation: Sendable, Hashable {
        public let afterRuns: Int
        public let rules: [String]?

        public init(afterRuns: Int, rules: [String]?) {
            self.afterRuns = afterRuns
            self.rules = rules
        }
    }
    let ruleFiles: [String]?
    let overrides: [RuleOverride]

    struct RuleOverride: Sendable {
        let ruleID: String
        let location: SourceLocation
        let severity: Severity?
        /// nil: not said (an opt-in rule stays off).
        let enabled: Bool?
        let parameters: [(name: String, value: ParameterValue, location: SourceLocation)]
    }

    static func parse(_ path: String, displayName: String) throws(RulesErrors) -> Profile {
        var (reader, root) = try YAMLReader.open(path, displayName: displayName)
        var profile: Profile?
        if let top = reader.mapping(root, "a profile", required: ["version", "name"], optional: ["description", "rule-files", "regions", "meldingen", "agreed-conditions", "escalation", "indicators", "rules"]) {
            FileVersion.check(top["version"], &reader)
            var overrides: [RuleOverride] = []
            for pair in top["rules"].map({ reader.pairs($0, "rules") }) ?? [] {
                guard let fields = reader.mapping(pair.value, "rule \(pair.key)", optional: ["severity", "enabled", "parameters"])
                else { continue }
                var parameters: [(String, ParameterValue, SourceLocation)] = []
                for parameter in fields["parameters"].map({ reader.pairs($0, "rule \(pair.key): parameters") }) ?? [] {
                    guard let text = reader.text(parameter.value, "parameter \(parameter.key)") else { continue }
                    do throws(ConditionError) {
                        parameters.append((parameter.key, try ConditionCompiler.parameter(text), reader.location(parameter.keyNode)))
                    } catch {
                        reader.record(RulesError(.condition, at: reader.location(in: parameter.value, offset: error.offset),
                                                 "rule \(pair.key): parameter \(parameter.key): \(error.message)"))
                    }
                }
                overrides.append(RuleOverride(
                    ruleID: pair.key, location: reader.location(pair.keyNode),
                    severity: fields["severity"].flatMap { reader.choice($0, "rule \(pair.key): severity", Severity.self) },
                    enabled: fields["enabled"].flatMap { reader.boolean($0, "rule \(pair.key): enabled") },
                    parameters: parameters))
            }
            var targets: [IndicatorTarget] = []
            for pair in top["indicators"].map({ reader.pairs($0, "indicators") }) ?? [] {
                guard let indicator = Indicator(rawValue: pair.key) else {
                    reader.fail(pair.keyNode, "'\(pair.key)' is not an indicator; known: \(Indicator.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                guard let text = reader.text(pair.value, "indicator \(pair.key)") else { continue }
                switch IndicatorTarget.parse(text, for: indicator, at: reader.location(pair.value)) {
                case .success(let target): targets.append(target)
                case .failure(let error): reader.record(error)
                }
            }
            var funnel = FunnelModel.Settings.standard
            if let node = top["meldingen"],
               let fields = reader.mapping(node, "meldingen", optional: ["min-expected", "trim", "max-ratio", "min-group"]) {
                func share(_ key: String) -> Double? {
                    guard let node = fields[key], let text = reader.text(node, "meldingen: \(key)") else { return nil }
                    let percent = text.hasSuffix("%")
                    guard let value = Double(percent ? String(text.dropLast()) : text), value >= 0, value < (percent ? 100 : 1) else {
                        reader.fail(node, "meldingen: \(key) must be a share below 1, such as 10% or 0.1")
                        return nil
                    }
                    return percent ? value / 100 : value
                }
                if let node = fields["min-expected"], let value = reader.decimal(node, "meldingen: min-expected") {
                    funnel.minExpected = NSDecimalNumber(decimal: value).doubleValue
                }
                if let value = share("trim") {
                    if value >= 0.5 { reader.fail(fields["trim"]!, "meldingen: trim must be below 50%") } else { funnel.trim = value }
                }
                if let value = share("max-ratio") { funnel.maxRatio = value }
                if let node = fields["min-group"], let value = reader.wholeNumber(node, "meldingen: min-group") { funnel.minGroup = value }
            }
            var agreedConditions: [AgreedConditionsDefault] = []
            for node in top["agreed-conditions"].map({ reader.sequence($0, "agreed-conditions") }) ?? [] {
                guard let fields = reader.mapping(node, "agreed-conditions", required: ["from", "conditions"], optional: ["types"]),
                      let from = fields["from"].flatMap({ reader.day($0, "agreed-conditions: from") }), let conditionsNode = fields["conditions"]
                else { continue }
                var conditions = Set<ContractCondition>()
                if case .scalar(let scalar) = conditionsNode, scalar.string == "all" {
                    conditions = Set(ContractCondition.allCases)
                } else {
                    for word in reader.texts(conditionsNode, "agreed-conditions: conditions") {
                        if let condition = ContractCondition(rawValue: word) { conditions.insert(condition) } else {
                            reader.fail(conditionsNode, "agreed-conditions: '\(word)' is not a contract condition; known: all, "
                                + ContractCondition.allCases.map(\.rawValue).joined(separator: ", "))
                        }
                    }
                }
                let types = fields["types"].map { reader.texts($0, "agreed-conditions: types").compactMap(AgreementType.init(rawValue:)) }
                agreedConditions.append(AgreedConditionsDefault(from: from, conditions: conditions, types: Set(types ?? AgreementType.allCases)))
            }
            var escalation: Escalation?
            if let node = top["escalation"], let fields = reader.mapping(node, "escalation", required: ["after-runs"], optional: ["rules"]),
               let afterRuns = fields["after-runs"].flatMap({ reader.wholeNumber($0, "escalation: after-runs") }) {
                if afterRuns < 2 { reader.fail(fields["after-runs"]!, "escalation: after-runs must be 2 or more") }
                escalation = Escalation(afterRuns: afterRuns, rules: fields["rules"].map { reader.texts($0, "escalation: rules") })
            }
            profile = Profile(
                name: top["name"].flatMap { reader.text($0, "name") } ?? "",
                description: top["description"].flatMap { reader.text($0, "description") },
                file: displayName,
                indicatorTargets: targets,
                regions: top["regions"].map { reader.texts($0, "regions") } ?? [],
                funnel: funnel,
                agreedConditions: agreedConditions,
                escalation: escalation,
                ruleFiles: top["rule-files"].map { reader.texts($0, "rule-files") },
                overrides: overrides)
        }
        guard reader.errors.isEmpty, let profile else { throw RulesErrors(reader.errors) }
        return profile
    }
}

/// An approved exception: a failing or unproven condition that the municipality accepts for a
/// while, for one agreement or for every agreement of one contractor. A waived result stays
/// visible in every report, marked as waived.
public struct Waiver: Sendable, Hashable {
    public enum Scope: Sendable, Hashable, CustomStringConvertible {
        case agreement(String)
        case contractor(KvKNumber)

        public var description: String {
            switch self {
            case .agreement(let id): "overeenkomst \(id)"
            case .contractor(let kvk): "opdrachtnemer \(kvk)"
            }
        }
    }

    public let ruleID: String
    public let scope: Scope
    public let reason: String
    public let approvedBy: String
    /// The last day on which the waiver applies.
    public let expires: Day
    public let location: SourceLocation

    public func applies(on day: Day) -> Bool { day <= expires }

    func covers(_ agreement: Agreement) -> Bool {
        switch scope {
        case .agreement(let id): id == agreement.id
        case .contractor(let kvk): kvk == agreement.contractor.kvk
        }
    }

    /// Reads a waiver file:
    ///
    /// ```yaml
    /// version: 1
    /// waivers:
    ///   - rule: LVAK-KEURMERK
    ///     agreement: SUB-2017-0012       # or: contractor: "13456789"
    ///     reason: Hercertificering aangevraagd; audit gepland in februari 2018
    ///     approved-by: Wethouder jeugd, besluit 2017-11-20
    ///     expires: 2018-03-31
    /// ```
    static func parse(_ path: String, displayName: String) throws(RulesErrors) -> [Waiver] {
        var (reader, root) = try YAMLReader.open(path, displayName: displayName)
        var waivers: [Waiver] = []
        if let top = reader.mapping(root, "a waiver file", required: ["version", "waivers"]) {
            FileVersion.check(top["version"], &reader)
            for node in top["waivers"].map({ reader.sequence($0, "waivers") }) ?? [] {
                guard let fields = reader.mapping(node, "a waiver", required: ["rule", "reason", "approved-by", "expires"],
                                                  optional: ["agreement", "contractor"]) else { continue }
                var scope: Scope?
                switch (fields["agreement"], fields["contractor"]) {
                case (let agreement?, nil):
                    scope = reader.text(agreement, "agreement").map(Scope.agreement)
                case (nil, let contractor?):
                    if let text = reader.text(contractor, "contractor") {
                        if let kvk = KvKNumber(text) { scope = .contractor(kvk) }
                        else { reader.fail(contractor, "contractor must be a KvK number of exactly 8 digits") }
                    }
                default:
                    reader.fail(node, "a waiver names either an agreement or a contractor, not both or neither")
                }
                guard let rule = fields["rule"].flatMap({ reader.text($0, "rule") }),
                      let reason = fields["reason"].flatMap({ reader.text($0, "reason") }),
                      let approvedBy = fields["approved-by"].flatMap({ reader.text($0, "approved-by") }),
                      let expires = fields["expires"].flatMap({ reader.day($0, "expires") }),
                      let scope
                else { continue }
                waivers.append(Waiver(ruleID: rule, scope: scope, reason: reason, approvedBy: approvedBy,
                                      expires: expires, location: reader.location(fields["rule"]!)))
            }
        }
        guard reader.errors.isEmpty else { throw RulesErrors(reader.errors) }
        return waivers
    }
}
