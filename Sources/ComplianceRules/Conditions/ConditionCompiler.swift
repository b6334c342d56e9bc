import Foundation

/// A type-checked condition, ready to evaluate over any number of agreements.
struct CompiledCondition: Sendable {
    let type: ValueType
    /// Field paths the condition reads, in order: a failing result shows their values.
    let fields: [String]
    /// Reads neither fields nor the reference date, so it has one value, computed when compiled.
    let isConstant: Bool
    let evaluate: @Sendable (EvaluationSubject) -> ConditionValue

    init(type: ValueType, fields: [String], isConstant: Bool = false,
         evaluate: @escaping @Sendable (EvaluationSubject) -> ConditionValue) {
        self.type = type
        self.fields = fields
        self.isConstant = isConstant
        self.evaluate = evaluate
    }

    /// Combines parts: when every part is constant, the result is computed once, here, so a list
    /// such as `[ggz, verslavingszorg]` is not built again for every agreement.
    static func combining(_ parts: [CompiledCondition], type: ValueType,
                          evaluate: @escaping @Sendable (EvaluationSubject) -> ConditionValue) -> CompiledCondition {
        let fields = parts.flatMap(\.fields)
        guard parts.allSatisfy(\.isConstant) else { return CompiledCondition(type: type, fields: fields, evaluate: evaluate) }
        let value = evaluate(.placeholder)
        return CompiledCondition(type: type, fields: fields, isConstant: true) { _ in value }
    }
}

/// A named threshold of a rule (`min-hours: 2`), which a profile may override.
struct ParameterValue: Sendable {
    let value: ConditionValue
    let type: ValueType
    let text: String
    let isPercent: Bool
}

/// Type-checks condition syntax against the agreement fields and the rule's parameters, and turns
/// it into closures. Evaluation is total: every path returns a value, and `and`/`or` evaluate their
/// right side only when the left does not decide (so `staff > 0 and trained / staff >= 80%` never
/// divides by zero).
struct ConditionCompiler {
    let parameters: [String: ParameterValue]
    var catalogue = AgreementFields.catalogue

    static func compile(
        _ source: String, expecting expected: ValueType, parameters: [String: ParameterValue],
        scope: RuleScope = .agreement
    ) throws(ConditionError) -> CompiledCondition {
        let syntax = try ConditionParser.parse(source)
        let compiler = ConditionCompiler(parameters: parameters, catalogue: .of(scope))
        let compiled = try compiler.compile(syntax, enumContext: nil)
        guard compiled.type == expected else {
            throw ConditionError(offset: 0, message: "this must give \(expected), but gives \(compiled.type)")
        }
        return compiled
    }

    /// Parses a parameter's value: a literal such as `2`, `80%`, `12 months`, `2019-01-01`, `"LVAK"`.
    static func parameter(_ source: String) throws(ConditionError) -> ParameterValue {
        let syntax = try ConditionParser.parse(source)
        let compiler = ConditionCompiler(parameters: [:])
        switch syntax {
        case .number, .text, .boolean, .date, .duration, .negate(.number, _):
            let compiled = try compiler.compile(syntax, enumContext: nil)
            let value = compiled.evaluate(EvaluationSubject.placeholder)
            var isPercent = false
            if case .number(_, let percent, _) = syntax { isPercent = percent }
            return ParameterValue(value: value, type: compiled.type, text: source, isPercent: isPercent)
        default:
            throw ConditionError(offset: 0, message: "a parameter must be a single value, such as 2, 80%, 12 months or \"LVAK\"")
        }
    }

    private func constant(_ type: ValueType, _ value: ConditionValue) -> CompiledCondition {
        CompiledCondition(type: type, fields: [], isConstant: true) { _ in value }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func compile(_ syntax: ConditionSyntax, enumContext: ValueType?) throws(ConditionError) -> CompiledCondition {
        switch syntax {
        case .number(let value, _, _): return constant(.number, .number(value))
        case .text(let text, let range): return try enumLiteral(text, range, enumContext) ?? constant(.text, .text(text))
        case .boolean(let flag, _): return constant(.boolean, .boolean(flag))
        case .date(let day, _): return constant(.date, .date(day))
        case .duration(let duration, _): return constant(.duration, .duration(duration))
        case .name(let name, let range): return try compileName(name, range, enumContext)
        case .presence(let path, let present, let range):
            if let element = catalogue.elements[path] {
                return CompiledCondition(type: .boolean, fields: []) { .boolean(element($0) == present) }
            }
            guard let field = catalogue.fields[path] else {
                throw ConditionError(offset: range.lowerBound, message: unknownName(path))
            }
            return CompiledCondition(type: .boolean, fields: []) { .boolean((field.read($0) != nil) == present) }
        case .list(let items, let range):
            let compiled = try items.map { (item) throws(ConditionError) in try compile(item, enumContext: enumContext) }
            guard let first = compiled.first else {
                throw ConditionError(offset: range.lowerBound, message: "a list needs at least one value")
            }
            for (item, syntax) in zip(compiled, items) where item.type != first.type {
                throw ConditionError(offset: syntax.range.lowerBound, message: "a list holds values of one type; this is \(item.type), not \(first.type)")
            }
            return .combining(compiled, type: .list(first.type)) { subject in
                .list(compiled.map { $0.evaluate(subject) })
            }
        case .call("recent", let arguments, let range):
            // recent(date, duration): yes when the date lies within the duration before the reference
            // date; evidence that is older counts as not supplied (missing evidence), never as a failure.
            guard arguments.count == 2 else {
                throw ConditionError(offset: range.lowerBound, message: "recent(...) takes a date and a duration, such as recent(kwaliteitskader.assessed, 3 years)")
            }
            let date = try compile(arguments[0], enumContext: nil)
            let window = try compile(arguments[1], enumContext: nil)
            guard date.type == .date else {
                throw ConditionError(offset: arguments[0].range.lowerBound, message: "recent(...) takes a date first, not \(date.type)")
            }
            guard window.type == .duration else {
                throw ConditionError(offset: arguments[1].range.lowerBound, message: "recent(...) takes a duration second, not \(window.type)")
            }
            let fields = date.fields
            return CompiledCondition(type: .boolean, fields: fields + window.fields) { subject in
                let (value, limit) = (date.evaluate(subject), window.evaluate(subject))
                guard case .date(let day) = value, case .duration(let duration) = limit else {
                    if case .unknown = value { return value }
                    return .failure("incomparable values")
                }
                return subject.referenceDate <= duration.added(to: day) ? .boolean(true) : .unknown(missing: fields)
            }
        case .call(let name, let arguments, let range):
            guard name == "age" else {
                throw ConditionError(offset: range.lowerBound, message: "unknown function '\(name)'; the functions are age(date) and recent(date, duration)")
            }
            guard arguments.count == 1 else {
                throw ConditionError(offset: range.lowerBound, message: "age(...) takes one date")
            }
            let date = try compile(arguments[0], enumContext: nil)
            guard date.type == .date else {
                throw ConditionError(offset: arguments[0].range.lowerBound, message: "age(...) takes a date, not \(date.type)")
            }
            return CompiledCondition(type: .age, fields: date.fields) { subject in
                let value = date.evaluate(subject)
                if case .date(let day) = value { return .age(of: day) }
                return value
            }
        case .not(let operand, _):
            let inner = try compile(operand, enumContext: nil)
            try require(inner, is: .boolean, at: operand, for: "'not'")
            return .combining([inner], type: .boolean) { subject in
                let value = inner.evaluate(subject)
                if case .boolean(let flag) = value { return .boolean(!flag) }
                return value
            }
        case .negate(let operand, _):
            let inner = try compile(operand, enumContext: nil)
            try require(inner, is: .number, at: operand, for: "'-'")
            return .combining([inner], type: .number) { subject in
                let value = inner.evaluate(subject)
                if case .number(let number) = value { return .number(-number) }
                return value
            }
        case .binary(let op, let left, let right, _):
            return try compileBinary(op, left, right)
        }
    }

    private func compileName(_ name: String, _ range: Range<Int>, _ enumContext: ValueType?) throws(ConditionError) -> CompiledCondition {
        if name == "reference-date" || name == "peildatum" {
            return CompiledCondition(type: .date, fields: []) { .date($0.referenceDate) }
        }
        if let parameter = parameters[name] { return constant(parameter.type, parameter.value) }
        if let field = catalogue.fields[name] {
            return CompiledCondition(type: field.type, fields: [name]) { field.read($0) ?? .missing(name) }
        }
        if let literal = try enumLiteral(name, range, enumContext) { return literal }
        if catalogue.elements[name] != nil {
            throw ConditionError(offset: range.lowerBound, message: "'\(name)' is an element, not a value: "
                + "use one of its fields (such as \(catalogue.fields.keys.filter { $0.hasPrefix(name + ".") }.sorted().first ?? name)) "
                + "or '\(name) is present'")
        }
        throw ConditionError(offset: range.lowerBound, message: unknownName(name))
    }

    /// A word or text compared with a sector or agreement type must be one of its members.
    private func enumLiteral(_ word: String, _ range: Range<Int>, _ context: ValueType?) throws(ConditionError) -> CompiledCondition? {
        guard case .enumeration(let name, let members)? = context else { return nil }
        guard members.contains(word) else {
            throw ConditionError(offset: range.lowerBound, message: "'\(word)' is not a \(name); known: \(members.joined(separator: ", "))")
        }
        return constant(context!, .text(word))
    }

    private func unknownName(_ name: String) -> String {
        let candidates = Array(catalogue.fields.keys) + Array(parameters.keys) + ["reference-date"]
        let closest = candidates.min { editDistance($0, name) < editDistance($1, name) }
        let hint = closest.map { editDistance($0, name) <= 3 ? " (did you mean '\($0)'?)" : "" } ?? ""
        return "unknown field or parameter '\(name)'\(hint)"
    }

    private func require(_ compiled: CompiledCondition, is type: ValueType, at syntax: ConditionSyntax, for what: String) throws(ConditionError) {
        guard compiled.type == type else {
            throw ConditionError(offset: syntax.range.lowerBound, message: "\(what) needs \(type), but this is \(compiled.type)")
        }
    }
}

extension EvaluationSubject {
    /// For constant expressions, which read nothing.
    static let placeholder = EvaluationSubject(agreement: blank, referenceDate: Day(dayNumber: 0))
}

public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
