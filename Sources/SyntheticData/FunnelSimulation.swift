import ComplianceRules
import Foundation

/// Simulates years of meldingen for a population of contractors, to show how a shortfall
/// judgement behaves: how often it flags organisations that report as they should (false alarms),
/// and how often it finds those that do not (power).
///
/// Each contractor's expectation is log-normal (median 8, σ 0.9). A compliant contractor's true
/// rate varies around its expectation as a Gamma distribution with coefficient of variation `cv`
/// (0: exactly the expectation); 5% of contractors report at 0.3× or 0× their expectation. The
/// observed count is Poisson around the true rate.
public struct FunnelSimulation: Sendable {
    public var contractors = 400
    public var cv: Double
    public var replicates: Int
    public var seed: UInt64
    public var settings = FunnelModel.Settings.standard

    public init(cv: Double, replicates: Int = 200, seed: UInt64 = 2017) {
        self.cv = cv
        self.replicates = replicates
        self.seed = seed
    }

    /// Counts over every replicate, for the funnel (new) and the Poisson rule it replaces (old:
    /// actual below 50% of expected and P(X ≤ actual) < 0.05, judged only when P(X = 0) < 0.05).
    public struct Outcome: Sendable {
        public var compliant = 0
        public var compliantAlarm = 0
        public var compliantAlert = 0
        public var compliantOldFlag = 0
        /// Zero-reporters expecting at least 10.
        public var zeroReporters = 0
        public var zeroAlarm = 0
        public var zeroAlertOrAlarm = 0
        public var zeroOldFlag = 0
        /// Contractors reporting at 0.3× expecting at least 10.
        public var lowReporters = 0
        public var lowAlarm = 0
        public var lowAlertOrAlarm = 0
        public var lowOldFlag = 0
        /// Pairs below min-expected that were judged anyway (must stay 0).
        public var judgedBelowMinimum = 0

        public func share(_ count: Int, of total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }
        public var falseAlarmRate: Double { share(compliantAlarm, of: compliant) }
        public var falseAlertRate: Double { share(compliantAlert, of: compliant) }
        public var oldFalseFlagRate: Double { share(compliantOldFlag, of: compliant) }
        public var zeroAlarmPower: Double { share(zeroAlarm, of: zeroReporters) }
        public var zeroAlertPower: Double { share(zeroAlertOrAlarm, of: zeroReporters) }
        public var zeroOldPower: Double { share(zeroOldFlag, of: zeroReporters) }
        public var lowAlarmPower: Double { share(lowAlarm, of: lowReporters) }
        public var lowAlertPower: Double { share(lowAlertOrAlarm, of: lowReporters) }
        public var lowOldPower: Double { share(lowOldFlag, of: lowReporters) }
    }

    public func run() -> Outcome {
        var random = SeededGenerator(seed: seed)
        var outcome = Outcome()
        for _ in 0..<replicates {
            var expected: [Double] = []
            var observed: [Int] = []
            var kind: [Int] = []  // 0 compliant, 1 at 0.3×, 2 at 0×
            for _ in 0..<contractors {
                let mean = 8 * exp(0.9 * random.normal())
                let roll = random.uniform()
                let type = roll < 0.025 ? 1 : roll < 0.05 ? 2 : 0
                let rate: Double = switch type {
                case 1: 0.3 * mean
                case 2: 0
                default: cv > 0 ? random.gamma(shape: 1 / (cv * cv), scale: mean * cv * cv) : mean
                }
                expected.append(mean)
                observed.append(random.poisson(rate))
                kind.append(type)
            }
            let model = FunnelModel(zip(observed, expected).map { (observed: $0, expected: $1) }, settings: settings)
            for index in 0..<contractors {
                let (e, o) = (expected[index], observed[index])
                guard let point = model.point(observed: o, expected: e) else { continue }
                if e < settings.minExpected && point.level != .notJudged { outcome.judgedBelowMinimum += 1 }
                let old = Double(o) < 0.5 * e && Poisson.lowerTail(o, mean: e) < 0.05 && exp(-e) < 0.05
                let alarm = point.level == .alarm
                let alert = point.level == .alert
                switch kind[index] {
                case 0:
                    outcome.compliant += 1
                    if alarm { outcome.compliantAlarm += 1 }
                    if alert { outcome.compliantAlert += 1 }
                    if old { outcome.compliantOldFlag += 1 }
                case 2 where e >= 10:
                    outcome.zeroReporters += 1
                    if alarm { outcome.zeroAlarm += 1 }
                    if alarm || alert { outcome.zeroAlertOrAlarm += 1 }
                    if old { outcome.zeroOldFlag += 1 }
                case 1 where e >= 10:
                    outcome.lowReporters += 1
                    if alarm { outcome.lowAlarm += 1 }
                    if alarm || alert { outcome.lowAlertOrAlarm += 1 }
                    if old { outcome.lowOldFlag += 1 }
                default: break
                }
            }
        }
        return outcome
    }
}

extension SeededGenerator {
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), .leastNonzeroMagnitude)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * uniform())
    }

    /// Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 by boosting.
    mutating func gamma(shape: Double, scale: Double) -> Double {
        if shape < 1 { return gamma(shape: shape + 1, scale: scale) * pow(max(uniform(), .leastNonzeroMagnitude), 1 / shape) }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v * scale }
        }
    }

    /// Poisson(λ) by multiplication, in pieces of at most 30 so e^−λ never underflows.
    mutating func poisson(_ lambda: Double) -> Int {
        var remaining = lambda
        var total = 0
        while remaining > 0 {
            let piece = min(remaining, 30)
            remaining -= piece
            let limit = exp(-piece)
            var product = uniform()
            while product > limit {
                total += 1
                product *= uniform()
            }
        }
        return total
    }
}
