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

/// How an explanation placeholder shows its value: as it is, as a percentage (`:percent`), or
/// as a chance in words (`:chance`, "1 op 72").
enum ValuePresentation: String, Sendable {
    case plain
    case percent
    case chance
}

/// A value as a report shows it, in Dutch: rule files are written in Dutch, and so are the values
/// filled into their explanations (`20,5`, `31-12-2017`, `16 maanden`, `ja`).
func rendered(_ value: ConditionValue, referenceDate: Day, as presentation: ValuePresentation = .plain) -> String {
    let format = HumanFormat.dutch
    switch value {
    case .boolean(let flag): return flag ? "ja" : "nee"
    case .number(let number):
        switch presentation {
        case .percent: return format.percent(number)
        case .chance: return format.chance(NSDecimalNumber(decimal: number).doubleValue)
        case .plain: return format.number(number)
        }
    case .date(let day): return format.date(day)
    case .duration(let duration): return duration.description
    case .age(let day):
        let months = CalendarDuration.roundedMonths(from: day, to: referenceDate)
        if day > referenceDate { return "\(day - referenceDate) dagen na de peildatum" }
        return months >= 1 ? CalendarDuration(months: months).description : CalendarDuration(days: referenceDate - day).description
    case .text(let text): return text
    case .list(let items): return items.map { rendered($0, referenceDate: referenceDate) }.joined(separator: ", ")
    case .unknown: return "niet aangeleverd"
    case .failure(let message): return "niet te berekenen (\(message))"
    }
}
