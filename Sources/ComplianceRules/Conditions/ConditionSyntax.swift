import Foundation

/// A condition as written in a rule file, before type checking. Offsets are character offsets
/// into the condition text, so errors can point at the exact spot.
indirect enum ConditionSyntax: Sendable {
    case number(Decimal, isPercent: Bool, at: Range<Int>)
    case text(String, at: Range<Int>)
    case boolean(Bool, at: Range<Int>)
    case date(Day, at: Range<Int>)
    case duration(CalendarDuration, at: Range<Int>)
    case name(String, at: Range<Int>)
    case list([ConditionSyntax], at: Range<Int>)
    case call(String, [ConditionSyntax], at: Range<Int>)
    case not(ConditionSyntax, at: Range<Int>)
    case negate(ConditionSyntax, at: Range<Int>)
    case binary(BinaryOperator, ConditionSyntax, ConditionSyntax, at: Range<Int>)
    case presence(String, present: Bool, at: Range<Int>)

    var range: Range<Int> {
        switch self {
        case .number(_, _, let range), .text(_, let range), .boolean(_, let range), .date(_, let range),
             .duration(_, let range), .name(_, let range), .list(_, let range), .call(_, _, let range),
             .not(_, let range), .negate(_, let range), .binary(_, _, _, let range), .presence(_, _, let range):
            range
        }
    }
}

enum BinaryOperator: String, Sendable {
    case and, or
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case isIn = "in"
    case plus = "+", minus = "-", times = "*", divided = "/"

    var isComparison: Bool {
        [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(self)
    }
}

/// A syntax or type error inside one condition, at a character offset of its text.
struct ConditionError: Error, Sendable {
    let offset: Int
    let message: String
}

/// Turns condition text into tokens.
struct ConditionLexer {
    enum Token: Equatable {
        case number(Decimal, isPercent: Bool)
        case text(String)
        case date(Day)
        case word(String)
        case symbol(String)
        case end
    }

    struct Located {
        let token: Token
        let range: Range<Int>
    }

    static func tokens(_ source: String) throws(ConditionError) -> [Located] {
        let characters = Array(source)
        var tokens: [Located] = []
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character.isNumber {
                while index < characters.count, characters[index].isNumber || characters[index] == "." {
                    index += 1
                }
                // A date: four digits, a dash, then the rest of YYYY-MM-DD.
                if index - start == 4, index < characters.count, characters[index] == "-" {
                    let end = min(start + 10, characters.count)
                    let text = String(characters[start..<end])
                    guard let day = Day(iso: text) else {
                        throw ConditionError(offset: start, message: "'\(text)' is not a date written YYYY-MM-DD")
                    }
                    index = end
                    tokens.append(Located(token: .date(day), range: start..<index))
                    continue
                }
                let text = String(characters[start..<index])
                guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                      text.filter({ $0 == "." }).count <= 1, text.last != "."
                else { throw ConditionError(offset: start, message: "'\(text)' is not a number") }
                var isPercent = false
                if index < characters.count, characters[index] == "%" {
                    isPercent = true
                    index += 1
                }
                tokens.append(Located(token: .number(isPercent ? value / 100 : value, isPercent: isPercent),
                                      range: start..<index))
            } else if character == "\"" || character == "'" {
                index += 1
                while index < characters.count, characters[index] != character { index += 1 }
                guard index < characters.count else {
                    throw ConditionError(offset: start, message: "this text has no closing \(character)")
                }
                tokens.append(Located(token: .text(String(characters[(start + 1)..<index])), range: start..<(index + 1)))
                index += 1
            } else if character.isLetter {
                // Names may hold dashes (hours-per-week) but not end in one: `a - b` is a subtraction.
                while index < characters.count, isWordCharacter(characters[index]) {
                    if characters[index] == "-", !(index + 1 < characters.count && characters[index + 1].isLetter) { break }
                    index += 1
                }
                tokens.append(Located(token: .word(String(characters[start..<index])), range: start..<index))
            } else {
                let pair = index + 1 < characters.count ? String(characters[index...(index + 1)]) : ""
                if ["==", "!=", "<=", ">="].contains(pair) {
                    index += 2
                    tokens.append(Located(token: .symbol(pair), range: start..<index))
                } else if "=<>+-*/()[],".contains(character) {
                    index += 1
                    tokens.append(Located(token: .symbol(character == "=" ? "==" : String(character)), range: start..<index))
                } else {
                    throw ConditionError(offset: start, message: "unexpected character '\(character)'")
                }
            }
        }
        tokens.append(Located(token: .end, range: characters.count..<characters.count))
        return tokens
    }
}
