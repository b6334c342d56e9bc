import Foundation

/// The static type of a condition or one of its parts, checked when a rule file is loaded.
indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case number
    case date
    case duration
    /// `age(date)`: how long before the reference date; compared with durations.
    case age
    case text
    /// A closed vocabulary such as the sectors; literals are checked against it.
    case enumeration(name: String, members: [String])
    case list(ValueType)

    var description: String {
        switch self {
        case .boolean: "a yes/no value"
        case .number: "a number"
        case .date: "a date"
        case .duration: "a duration"
        case .age: "an age (age(...))"
        case .text: "text"
        case .enumeration(let name, _): "a \(name)"
        case .list(let element): "a list of \(element)"
        }
    }
}

/// A value while a condition is evaluated. `unknown` carries the fields whose evidence was not
/// supplied; conditions combine it with three-valued logic, so missing evidence is never a pass.
enum ConditionValue: Sendable {
    case boolean(Bool)
    case number(Decimal)
    case date(Day)
    case duration(CalendarDuration)
    case age(of: Day)
    case text(String)
    case list([ConditionValue])
    case unknown(missing: [String])
    case failure(String)

    static func missing(_ path: String) -> ConditionValue { .unknown(missing: [path]) }
}

/// A value as a report shows it, in Dutch.
func rendered(_ value: ConditionValue, referenceDate: Day, asPercent: Bool = false) -> String {
    switch value {
    case .boolean(let flag): return flag ? "ja" : "nee"
    case .number(let number):
        if asPercent {
            return NSDecimalNumber(decimal: number * 100).rounding(accordingToBehavior: NSDecimalNumberHandler(
                roundingMode: .plain, scale: 1, raiseOnExactness: false, raiseOnOverflow: false,
                raiseOnUnderflow: false, raiseOnDivideByZero: false)).stringValue + "%"
        }
        return readable(number)
    case .date(let day): return day.description
    case .duration(let duration): return duration.description
    case .age(let day):
        let months = CalendarDuration.roundedMonths(from: day, to: referenceDate)
        if day > referenceDate { return "\(day - referenceDate) dagen na de peildatum" }
        return months >= 1 ? CalendarDuration(months: months).description : CalendarDuration(days: referenceDate - day).description
    case .text(let text): return text
    case .list(let items): return "[" + items.map { rendered($0, referenceDate: referenceDate) }.joined(separator: ", ") + "]"
    case .unknown: return "ontbreekt"
    case .failure(let message): return "fout: \(message)"
    }
}

/// A number as a person reads it: whole numbers as they are, fractions to two decimals (four below
/// one, for probabilities), and anything below 0.0001 as "< 0.0001".
private func readable(_ number: Decimal) -> String {
    let magnitude = abs(number)
    if magnitude > 0 && magnitude < Decimal(string: "0.0001")! { return number < 0 ? "> -0.0001" : "< 0.0001" }
    var rounded = Decimal()
    var input = number
    NSDecimalRound(&rounded, &input, magnitude < 1 ? 4 : 2, .plain)
    return NSDecimalNumber(decimal: rounded).stringValue
}
