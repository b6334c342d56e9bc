import Foundation
import Yams

/// Applies a profile to rule drafts and compiles their conditions with the thresholds in force.
enum RuleCompiler {
    static func compile(_ drafts: [RuleDraft], profile: Profile, errors: inout [RulesError]) -> (rules: [Rule], disabled: [String]) {
        let draftsByID = Dictionary(drafts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var overrides: [String: Profile.RuleOverride] = [:]
        for override in profile.overrides {
            guard draftsByID[override.ruleID] != nil else {
                let hint = draftsByID.keys.min { editDistance($0, override.ruleID) < editDistance($1, override.ruleID) }
                    .flatMap { editDistance($0, override.ruleID) <= 4 ? " (did you mean \($0)?)" : nil } ?? ""
                errors.append(RulesError(.invalid, at: override.location,
                                         "the profile names rule \(override.ruleID), which is not in its rule files\(hint)"))
                continue
            }
            overrides[override.ruleID] = override
        }
        var rules: [Rule] = []
        var disabled: [String] = []
        for draft in drafts {
            let override = overrides[draft.id]
            // An opt-in rule is off unless the profile enables it.
            if override?.enabled == false || (draft.optIn && override?.enabled != true) {
                disabled.append(draft.id)
                continue
            }
            if let rule = compile(draft, override: override, defaults: profile.agreedConditions, errors: &errors) { rules.append(rule) }
        }
        return (rules, disabled)
    }

    private static func compile(_ draft: RuleDraft, override: Profile.RuleOverride?, defaults: [AgreedConditionsDefault],
                                errors: inout [RulesError]) -> Rule? {
        var parameters = Dictionary(draft.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        for (name, value, location) in override?.parameters ?? [] {
            guard let original = parameters[name] else {
                let known = draft.parameters.map(\.name)
                errors.append(RulesError(.invalid, at: location, "rule \(draft.id) has no parameter '\(name)'"
                    + (known.isEmpty ? "" : "; its parameters: \(known.joined(separator: ", "))")))
                continue
            }
            guard original.type == value.type else {
                errors.append(RulesError(.invalid, at: location,
                                         "rule \(draft.id): parameter \(name) must be \(original.type) (like \(original.text)), not \(value.type)"))
                continue
            }
            parameters[name] = value
        }
        let reader = draft.locator
        let writtenParameters = Dictionary(draft.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        func compiled(_ source: String, _ node: Node, _ what: String,
                      parameters: [String: ParameterValue]) -> CompiledCondition? {
            do throws(ConditionError) {
                return try ConditionCompiler.compile(source, expecting: .boolean, parameters: parameters, scope: draft.scope)
            } catch {
                errors.append(RulesError(.condition, at: reader.location(in: node, offset: error.offset),
                                         "rule \(draft.id): \(what): \(error.message)"))
                return nil
            }
        }
        let condition = compiled(draft.condition, draft.conditionNode, "condition", parameters: parameters)
        // Only a profile's thresholds can make the written condition differ (and fail to compile).
        let written = override?.parameters.isEmpty ?? true ? condition
            : compiled(draft.condition, draft.conditionNode, "condition", parameters: writtenParameters)
        let when = draft.appliesTo.when.flatMap { text in
            draft.whenNode.flatMap { compiled(text, $0, "applies-to when", parameters: parameters) }
        }
        var explanation: ExplanationTemplate?
        if let node = draft.explanationNode, case .scalar(let scalar) = node {
            do throws(ConditionError) {
                explanation = try ExplanationTemplate.compile(scalar.string, parameters: parameters, scope: draft.scope)
            } catch {
                errors.append(RulesError(.condition, at: reader.location(in: node, offset: error.offset),
                                         "rule \(draft.id): explanation: \(error.message)"))
            }
        }
        guard let condition, let written, draft.appliesTo.when == nil || when != nil else { return nil }
        return Rule(
            id: draft.id, title: draft.title, rationale: draft.rationale, advice: draft.advice, problem: draft.problem, wordings: draft.wordings,
            basis: draft.basis, basisKind: draft.basisKind, contractCondition: draft.contractCondition, optIn: draft.optIn, agreedDefaults: defaults, scope: draft.scope,
            appliesTo: draft.appliesTo, effectiveFrom: draft.effectiveFrom, effectiveUntil: draft.effectiveUntil,
            severity: override?.severity ?? draft.severity, defaultSeverity: draft.severity, condition: draft.condition,
            parameters: draft.parameters.map { RuleParameter(name: $0.name, value: parameters[$0.name]!.text, defaultValue: $0.value.text) },
            examples: draft.examples, location: draft.location,
            compiledCondition: condition, compiledWhen: when, explanation: explanation, writtenCondition: written)
    }
}
