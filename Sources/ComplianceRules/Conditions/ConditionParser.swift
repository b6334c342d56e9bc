import Foundation

/// Parses condition text into `ConditionSyntax`, by precedence from loosest to tightest:
/// `or`, `and`, `not`, comparisons (`== != < <= > >= in`, `is present`, `is absent`), `+ -`, `* /`,
/// unary minus, and then literals, names, `age(...)`, lists `[...]` and parentheses.
struct ConditionParser {
    private var tokens: [ConditionLexer.Located]
    private var position = 0

    static let durationUnits: [String: CalendarDuration] = [
        "day": CalendarDuration(days: 1), "days": CalendarDuration(days: 1),
        "dag": CalendarDuration(days: 1), "dagen": CalendarDuration(days: 1),
        "week": CalendarDuration(days: 7), "weeks": CalendarDuration(days: 7), "weken": CalendarDuration(days: 7),
        "month": CalendarDuration(months: 1), "months": CalendarDuration(months: 1),
        "maand": CalendarDuration(months: 1), "maanden": CalendarDuration(months: 1),
        "year": CalendarDuration(months: 12), "years": CalendarDuration(months: 12),
        "jaar": CalendarDuration(months: 12), "jaren": CalendarDuration(months: 12),
    ]

    static func parse(_ source: String) throws(ConditionError) -> ConditionSyntax {
        var parser = ConditionParser(tokens: try ConditionLexer.tokens(source))
        let expression = try parser.parseOr()
        guard case .end = parser.current.token else {
            throw ConditionError(offset: parser.current.range.lowerBound,
                                 message: "unexpected \(parser.describe(parser.current.token)) after a complete condition")
        }
        return expression
    }

    private init(tokens: [ConditionLexer.Located]) {
        self.tokens = tokens
    }

    private var current: ConditionLexer.Located { tokens[position] }

    private mutating func advance() -> ConditionLexer.Located {
        defer { if position < tokens.count - 1 { position += 1 } }
        return tokens[position]
    }

    private func isWord(_ word: String) -> Bool { current.token == .word(word) }
    private func isSymbol(_ symbol: String) -> Bool { current.token == .symbol(symbol) }

    private mutating func parseOr() throws(ConditionError) -> ConditionSyntax {
        var left = try parseAnd()
        while isWord("or") {
            _ = advance()
            let right = try parseAnd()
            left = .binary(.or, left, right, at: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseAnd() throws(ConditionError) -> ConditionSyntax {
        var left = try parseNot()
        while isWord("and") {
            _ = advance()
            let right = try parseNot()
            left = .binary(.and, left, right, at: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseNot() throws(ConditionError) -> ConditionSyntax {
        guard isWord("not") else { return try parseComparison() }
        let start = advance().range.lowerBound
        let operand = try parseNot()
        return .not(operand, at: start..<operand.range.upperBound)
    }

    private mutating func parseComparison() throws(ConditionError) -> ConditionSyntax {
        let left = try parseAdditive()
        if isWord("is") {
            _ = advance()
            let negated = isWord("not")
            if negated { _ = advance() }
            let word = advance()
            guard case .word(let state) = word.token, state == "present" || state == "absent" else {
                throw ConditionError(offset: word.range.lowerBound, message: "expected 'present' or 'absent' after 'is'")
            }
            guard case .name(let path, _) = left else {
                throw ConditionError(offset: left.range.lowerBound,
                                     message: "only an element or field can be 'present' or 'absent'")
            }
            return .presence(path, present: (state == "present") != negated, at: left.range.lowerBound..<word.range.upperBound)
        }
        let operators: [String: BinaryOperator] = [
            "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
        ]
        let op: BinaryOperator
        if case .symbol(let symbol) = current.token, let comparison = operators[symbol] {
            op = comparison
        } else if isWord("in") {
            op = .isIn
        } else {
            return left
        }
        _ = advance()
        let right = try parseAdditive()
        return .binary(op, left, right, at: left.range.lowerBound..<right.range.upperBound)
    }

    private mutating func parseAdditive() throws(ConditionError) -> ConditionSyntax {
        var left = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            let op: BinaryOperator = isSymbol("+") ? .plus : .minus
            _ = advance()
            let right = try parseMultiplicative()
            left = .binary(op, left, right, at: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ConditionError) -> ConditionSyntax {
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") {
            let op: BinaryOperator = isSymbol("*") ? .times : .divided
            _ = advance()
            let right = try parseUnary()
            left = .binary(op, left, right, at: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseUnary() throws(ConditionError) -> ConditionSyntax {
        guard isSymbol("-") else { return try parsePrimary() }
        let start = advance().range.lowerBound
        let operand = try parseUnary()
        return .negate(operand, at: start..<operand.range.upperBound)
    }

    private mutating func parsePrimary() throws(ConditionError) -> ConditionSyntax {
        let token = advance()
        switch token.token {
        case .number(let value, let isPercent):
            if !isPercent, case .word(let unit) = current.token, let duration = Self.durationUnits[unit] {
                let unitRange = advance().range
                guard let count = Int(exactly: NSDecimalNumber(decimal: value).doubleValue), Decimal(count) == value else {
                    throw ConditionError(offset: token.range.lowerBound, message: "a duration needs a whole number")
                }
                return .duration(CalendarDuration(months: duration.months * count, days: duration.days * count),
                                 at: token.range.lowerBound..<unitRange.upperBound)
            }
            return .number(value, isPercent: isPercent, at: token.range)
        case .text(let text):
            return .text(text, at: token.range)
        case .date(let day):
            return .date(day, at: token.range)
        case .word("true"), .word("false"):
            return .boolean(token.token == .word("true"), at: token.range)
        case .word(let word) where ["and", "or", "not", "in", "is"].contains(word):
            throw ConditionError(offset: token.range.lowerBound, message: "expected a value before '\(word)'")
        case .word(let word):
            guard isSymbol("(") else { return .name(word, at: token.range) }
            _ = advance()
            var arguments: [ConditionSyntax] = []
            if !isSymbol(")") {
                repeat {
                    if isSymbol(",") { _ = advance() }
                    arguments.append(try parseOr())
                } while isSymbol(",")
            }
            let close = try expect(")")
            return .call(word, arguments, at: token.range.lowerBound..<close.upperBound)
        case .symbol("("):
            let inner = try parseOr()
            _ = try expect(")")
            return inner
        case .symbol("["):
            var items: [ConditionSyntax] = []
            if !isSymbol("]") {
                repeat {
                    if isSymbol(",") { _ = advance() }
                    items.append(try parseAdditive())
                } while isSymbol(",")
            }
            let close = try expect("]")
            return .list(items, at: token.range.lowerBound..<close.upperBound)
        case .end:
            throw ConditionError(offset: token.range.lowerBound, message: "the condition ends where a value was expected")
        default:
            throw ConditionError(offset: token.range.lowerBound, message: "expected a value, found \(describe(token.token))")
        }
    }

    private mutating func expect(_ symbol: String) throws(ConditionError) -> Range<Int> {
        guard isSymbol(symbol) else {
            throw ConditionError(offset: current.range.lowerBound,
                                 message: "expected '\(symbol)', found \(describe(current.token))")
        }
        return advance().range
    }

    private func describe(_ token: ConditionLexer.Token) -> String {
        switch token {
        case .number: "a number"
        case .text(let text): "the text \"\(text)\""
        case .date(let day): "the date \(day)"
        case .word(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the condition"
        }
    }
}
