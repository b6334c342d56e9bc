import ComplianceRules

extension Day {
    /// The day a spreadsheet's serial date number stands for: days since 1899-12-30 in the 1900
    /// date system (which counts Lotus's 29 February 1900 as serial 60), or since 1904-01-01.
    public static func fromSerial(_ serial: Double, uses1904Dates: Bool) -> Day? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if uses1904Dates { return Day(year: 1904, month: 1, day: 1).map { $0 + whole } }
        guard whole >= 1, whole != 60 else { return nil }
        return Day(year: 1899, month: 12, day: whole < 60 ? 31 : 30).map { $0 + whole }
    }

    /// The serial date number of this day in a spreadsheet's date system.
    public func serial(uses1904Dates: Bool) -> Int {
        if uses1904Dates { return self - Day(year: 1904, month: 1, day: 1)! }
        let serial = self - Day(year: 1899, month: 12, day: 30)!
        return serial <= 60 ? serial - 1 : serial
    }
}
