import Foundation

extension ConditionCompiler {
    func compileBinary(_ op: BinaryOperator, _ leftSyntax: ConditionSyntax, _ rightSyntax: ConditionSyntax) throws(ConditionError) -> CompiledCondition {
        switch op {
        case .and, .or:
            let left = try compile(leftSyntax, enumContext: nil)
            let right = try compile(rightSyntax, enumContext: nil)
            for (side, syntax) in [(left, leftSyntax), (right, rightSyntax)] where side.type != .boolean {
                throw ConditionError(offset: syntax.range.lowerBound, message: "'\(op.rawValue)' joins yes/no conditions; this is \(side.type)")
            }
            let isAnd = op == .and
            return .combining([left, right], type: .boolean) { subject in
                isAnd ? kleeneAnd(left.evaluate(subject), { right.evaluate(subject) })
                    : kleeneOr(left.evaluate(subject), { right.evaluate(subject) })
            }
        case .isIn:
            let left = try compile(leftSyntax, enumContext: nil)
            let right = try compile(rightSyntax, enumContext: left.type)
            guard case .list(let element) = right.type, element == left.type else {
                throw ConditionError(offset: rightSyntax.range.lowerBound, message: "'in' needs a list of \(left.type), such as [a, b]")
            }
            return .combining([left, right], type: .boolean) { subject in
                combine(left.evaluate(subject), right.evaluate(subject)) { value, list in
                    guard case .list(let items) = list else { return .failure("not a list") }
                    return .boolean(items.contains { equal(value, $0) == true })
                }
            }
        case .plus, .minus, .times, .divided:
            return try compileArithmetic(op, leftSyntax, rightSyntax)
        default:
            return try compileComparison(op, leftSyntax, rightSyntax)
        }
    }

    private func compileComparison(_ op: BinaryOperator, _ leftSyntax: ConditionSyntax, _ rightSyntax: ConditionSyntax) throws(ConditionError) -> CompiledCondition {
        // A sector or agreement type on one side makes a bare word on the other a literal of it.
        var left = try? compile(leftSyntax, enumContext: nil)
        let right = try compile(rightSyntax, enumContext: left?.type)
        if left == nil { left = try compile(leftSyntax, enumContext: right.type) }
        let lhs = left!
        switch (lhs.type, right.type) {
        case (.number, .number), (.date, .date):
            return .combining([lhs, right], type: .boolean) { subject in
                combine(lhs.evaluate(subject), right.evaluate(subject)) { a, b in
                    switch (a, b) {
                    case (.number(let x), .number(let y)): .boolean(compare(op, x, y))
                    case (.date(let x), .date(let y)): .boolean(compare(op, x, y))
                    default: .failure("incomparable values")
                    }
                }
            }
        case (.age, .duration), (.duration, .age):
            // age(d) <= D  ⟺  reference-date <= d + D: calendar arithmetic, as an officer counts.
            let ageOnLeft = lhs.type == .age
            let flipped: BinaryOperator = ageOnLeft ? op : mirror(op)
            // Never constant: it depends on the reference date.
            return CompiledCondition(type: .boolean, fields: lhs.fields + right.fields) { subject in
                combine(lhs.evaluate(subject), right.evaluate(subject)) { a, b in
                    guard case .age(let day) = ageOnLeft ? a : b, case .duration(let limit) = ageOnLeft ? b : a else {
                        return .failure("incomparable values")
                    }
                    return .boolean(compare(flipped, subject.referenceDate, limit.added(to: day)))
                }
            }
        case (.text, .text), (.boolean, .boolean), (.enumeration, .enumeration):
            guard op == .equal || op == .notEqual, lhs.type == right.type else { break }
            return .combining([lhs, right], type: .boolean) { subject in
                combine(lhs.evaluate(subject), right.evaluate(subject)) { a, b in
                    .boolean((equal(a, b) == true) == (op == .equal))
                }
            }
        default:
            break
        }
        throw ConditionError(offset: leftSyntax.range.lowerBound,
                             message: "cannot compare \(lhs.type) with \(right.type) using '\(op.rawValue)'")
    }

    private func compileArithmetic(_ op: BinaryOperator, _ leftSyntax: ConditionSyntax, _ rightSyntax: ConditionSyntax) throws(ConditionError) -> CompiledCondition {
        let left = try compile(leftSyntax, enumContext: nil)
        let right = try compile(rightSyntax, enumContext: nil)
        switch (left.type, right.type, op) {
        case (.number, .number, _):
            return .combining([left, right], type: .number) { subject in
                combine(left.evaluate(subject), right.evaluate(subject)) { a, b in
                    guard case .number(let x) = a, case .number(let y) = b else { return .failure("not a number") }
                    switch op {
                    case .plus: return .number(x + y)
                    case .minus: return .number(x - y)
                    case .times: return .number(x * y)
                    default: return y.isZero ? .failure("deling door nul") : .number(x / y)
                    }
                }
            }
        case (.date, .duration, .plus), (.date, .duration, .minus):
            return .combining([left, right], type: .date) { subject in
                combine(left.evaluate(subject), right.evaluate(subject)) { a, b in
                    guard case .date(let day) = a, case .duration(let duration) = b else { return .failure("not a date") }
                    return .date(op == .plus ? duration.added(to: day) : duration.subtracted(from: day))
                }
            }
        default:
            throw ConditionError(offset: leftSyntax.range.lowerBound,
                                 message: "cannot apply '\(op.rawValue)' to \(left.type) and \(right.type)")
        }
    }

    private func mirror(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: op
        }
    }
}

private func compare<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool {
    switch op {
    case .equal: a == b
    case .notEqual: a != b
    case .less: a < b
    case .lessOrEqual: a <= b
    case .greater: a > b
    default: a >= b
    }
}

/// Equality of two known values; text compares without regard to case ("LVAK" = "lvak").
private func equal(_ a: ConditionValue, _ b: ConditionValue) -> Bool? {
    switch (a, b) {
    case (.number(let x), .number(let y)): x == y
    case (.date(let x), .date(let y)): x == y
    case (.boolean(let x), .boolean(let y)): x == y
    case (.text(let x), .text(let y)): equalIgnoringASCIICase(x, y)
    default: nil
    }
}

/// Applies `operation` to two known values; otherwise passes on the failure or the missing fields.
private func combine(_ a: ConditionValue, _ b: ConditionValue, _ operation: (ConditionValue, ConditionValue) -> ConditionValue) -> ConditionValue {
    switch (a, b) {
    case (.failure, _): a
    case (_, .failure): b
    case (.unknown(let x), .unknown(let y)): .unknown(missing: x + y.filter { !x.contains($0) })
    case (.unknown, _): a
    case (_, .unknown): b
    default: operation(a, b)
    }
}

private func kleeneAnd(_ left: ConditionValue, _ right: () -> ConditionValue) -> ConditionValue {
    if case .boolean(false) = left { return left }
    if case .failure = left { return left }
    let other = right()
    switch (left, other) {
    case (_, .boolean(false)), (_, .failure): return other
    case (.boolean(true), _): return other
    default: return combine(left, other) { _, _ in .boolean(true) }
    }
}

private func kleeneOr(_ left: ConditionValue, _ right: () -> ConditionValue) -> ConditionValue {
    if case .boolean(true) = left { return left }
    if case .failure = left { return left }
    let other = right()
    switch (left, other) {
    case (_, .boolean(true)), (_, .failure): return other
    case (.boolean(false), _): return other
    default: return combine(left, other) { _, _ in .boolean(false) }
    }
}

/// Text equality that ignores the case of ASCII letters ("LVAK" = "lvak"), without allocating.
private func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8) { x, y in
        x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
    }
}
