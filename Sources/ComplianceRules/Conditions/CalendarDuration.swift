/// A span of calendar time as a policy states it: "12 months", "24 maanden", "30 days".
///
/// Months and years are calendar months and years (2016-09-01 plus 12 months is 2017-09-01), so
/// "verified within 12 months" means what an officer expects, whatever the month lengths.
public struct CalendarDuration: Hashable, Sendable, CustomStringConvertible {
    public var months: Int
    public var days: Int

    public init(months: Int = 0, days: Int = 0) {
        self.months = months
        self.days = days
    }

    /// `day` moved forward by this duration; the day of month is clamped (01-31 + 1 month = 02-28).
    public func added(to day: Day) -> Day {
        guard months != 0 else { return day + days }
        let (year, month, dayOfMonth) = day.parts
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let clamped = min(dayOfMonth, Day.daysIn(month: newMonth, year: newYear))
        return (Day(year: newYear, month: newMonth, day: clamped) ?? day) + days
    }

    public func subtracted(from day: Day) -> Day {
        CalendarDuration(months: -months, days: -days).added(to: day)
    }

    public var description: String {
        switch (months, days) {
        case (0, let days): return days == 1 ? "1 dag" : "\(days) dagen"
        case (let months, 0) where months % 12 == 0: return months == 12 ? "1 jaar" : "\(months / 12) jaar"
        case (let months, 0): return months == 1 ? "1 maand" : "\(months) maanden"
        default: return "\(CalendarDuration(months: months)) en \(CalendarDuration(days: days))"
        }
    }

    /// Calendar months from `start` to `end`, to the nearest month, as a report says an age:
    /// 2016-09-01 → 2017-12-31 is 15 months and 30 days, so 16.
    public static func roundedMonths(from start: Day, to end: Day) -> Int {
        let whole = wholeMonths(from: start, to: end)
        let remainder = end - CalendarDuration(months: whole).added(to: start)
        return remainder >= 15 ? whole + 1 : whole
    }

    /// Whole calendar months from `start` to `end` (15 for 2016-09-01 → 2017-12-31).
    public static func wholeMonths(from start: Day, to end: Day) -> Int {
        let (startYear, startMonth, startDay) = start.parts
        let (endYear, endMonth, endDay) = end.parts
        var months = (endYear - startYear) * 12 + (endMonth - startMonth)
        if endDay < startDay { months -= 1 }
        return months
    }
}
