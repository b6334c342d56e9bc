import Foundation

/// Spiegelhalter's funnel plot for an indirectly standardised ratio O/E (observed over expected
/// meldingen), with an additive random effect for overdispersion.
///
/// Method (Spiegelhalter, "Funnel plots for comparing institutional performance", Statistics in
/// Medicine 2005;24:1185–1202, and "Handling over-dispersion of performance indicators", Quality
/// and Safety in Health Care 2005;14:347–351), per source:
/// 1. judge the pairs with E ≥ `minExpected` (and an export);
/// 2. square-root transform: y = √(O/E), s = 1 / (2√E), z = (y − 1) / s;
/// 3. winsorise the z-scores at the `trim` and 1 − `trim` quantiles (R's default, type 7);
/// 4. φ = mean of the winsorised z²; τ² = 0 if n·φ ≤ n − 1, else
///    (n·φ − (n − 1)) / (Σw − Σw² / Σw) with w = 1/s² (DerSimonian–Laird);
/// 5. zD = (y − 1) / √(s² + τ²); limits (1 ± k·√(s² + τ²))² at k = 1.959964 and 3.090232.
///
/// With fewer than `minGroup` judged pairs τ² is not estimated (0: a plain Poisson judgement).
public struct FunnelModel: Sendable, Hashable {
    /// What the profile sets (`meldingen:` in a profile).
    public struct Settings: Sendable, Hashable {
        /// Pairs expecting fewer meldingen are not judged.
        public var minExpected: Double
        /// The share winsorised at each end.
        public var trim: Double
        /// Alarm and alert need O/E below this as well as outside the limit.
        public var maxRatio: Double
        /// Below this many judged pairs, overdispersion is not estimated.
        public var minGroup: Int

        public init(minExpected: Double = 5, trim: Double = 0.1, maxRatio: Double = 0.5, minGroup: Int = 10) {
            self.minExpected = minExpected
            self.trim = trim
            self.maxRatio = maxRatio
            self.minGroup = minGroup
        }

        public static let standard = Settings()
    }

    /// How far a contractor's meldingen lie from what was expected.
    public enum Level: String, Sendable, Hashable, CaseIterable, Codable {
        /// Below the 99.8% limit and below `maxRatio`: an indringend gesprek.
        case alarm
        /// Below the 95% limit and below `maxRatio`: an agenda point.
        case alert
        case within
        /// Above the upper 95% limit: shown, not judged.
        case high
        /// Too little expected, no export, or no expectation.
        case notJudged = "not-judged"
    }

    /// One contractor's point in the funnel.
    public struct Point: Sendable, Hashable {
        public let observed: Int
        public let expected: Double
        /// (y − 1) / s: the Poisson-only z-score.
        public let z: Double
        /// (y − 1) / √(s² + τ²).
        public let zAdjusted: Double
        public let level: Level
        public let limits: Limits
    }

    /// Control limits on the ratio scale at one expectation.
    public struct Limits: Sendable, Hashable {
        public let lower95: Double
        public let lower998: Double
        public let upper95: Double
        public let upper998: Double
    }

    public static let k95 = 1.959964
    public static let k998 = 3.090232

    public let settings: Settings
    /// Judged pairs.
    public let n: Int
    public let phi: Double
    public let tau2: Double
    /// Whether τ² was estimated (n ≥ minGroup); otherwise τ² = 0 by rule.
    public let overdispersionEstimated: Bool

    /// Fits the model to the judged pairs among `pairs` (observed, expected).
    public init(_ pairs: [(observed: Int, expected: Double)], settings: Settings = .standard) {
        self.settings = settings
        let judged = pairs.filter { $0.expected >= settings.minExpected && $0.expected > 0 }
        n = judged.count
        guard n > 0 else {
            phi = 0
            tau2 = 0
            overdispersionEstimated = false
            return
        }
        let z = judged.map { Self.z(observed: $0.observed, expected: $0.expected) }
        let winsorised = Self.winsorise(z, trim: settings.trim)
        phi = winsorised.reduce(0) { $0 + $1 * $1 } / Double(n)
        overdispersionEstimated = n >= settings.minGroup
        if !overdispersionEstimated || Double(n) * phi <= Double(n - 1) {
            tau2 = 0
        } else {
            let weights = judged.map { 4 * $0.expected }  // 1/s²
            let sum = weights.reduce(0, +)
            let sumOfSquares = weights.reduce(0) { $0 + $1 * $1 }
            tau2 = (Double(n) * phi - Double(n - 1)) / (sum - sumOfSquares / sum)
        }
    }

    /// The model as fitted elsewhere (tests pin these values).
    public init(settings: Settings, n: Int, phi: Double, tau2: Double, overdispersionEstimated: Bool) {
        self.settings = settings
        self.n = n
        self.phi = phi
        self.tau2 = tau2
        self.overdispersionEstimated = overdispersionEstimated
    }

    /// The contractor's point; `nil` expected or observed (no expectation, no export) is not judged.
    public func point(observed: Int?, expected: Double?) -> Point? {
        guard let observed, let expected, expected > 0 else { return nil }
        let s2 = 1 / (4 * expected)
        let y = (Double(observed) / expected).squareRoot()
        let z = (y - 1) / s2.squareRoot()
        let zAdjusted = (y - 1) / (s2 + tau2).squareRoot()
        let limits = limits(at: expected)
        let ratio = Double(observed) / expected
        let level: Level
        if expected < settings.minExpected { level = .notJudged }
        else if zAdjusted < -Self.k998 && ratio < settings.maxRatio { level = .alarm }
        else if zAdjusted < -Self.k95 && ratio < settings.maxRatio { level = .alert }
        else if zAdjusted > Self.k95 { level = .high }
        else { level = .within }
        return Point(observed: observed, expected: expected, z: z, zAdjusted: zAdjusted, level: level, limits: limits)
    }

    /// The limits at expectation `expected`, with τ² (`overdispersed`) or without (Poisson).
    public func limits(at expected: Double, overdispersed: Bool = true) -> Limits {
        let spread = (1 / (4 * expected) + (overdispersed ? tau2 : 0)).squareRoot()
        func lower(_ k: Double) -> Double { let root = 1 - k * spread; return root > 0 ? root * root : 0 }
        func upper(_ k: Double) -> Double { let root = 1 + k * spread; return root * root }
        return Limits(lower95: lower(Self.k95), lower998: lower(Self.k998), upper95: upper(Self.k95), upper998: upper(Self.k998))
    }

    static func z(observed: Int, expected: Double) -> Double {
        ((Double(observed) / expected).squareRoot() - 1) * 2 * expected.squareRoot()
    }

    /// Values below the `trim` quantile set to it, above the 1 − `trim` quantile likewise.
    static func winsorise(_ values: [Double], trim: Double) -> [Double] {
        guard trim > 0, values.count > 1 else { return values }
        let sorted = values.sorted()
        let low = quantile(sorted, trim)
        let high = quantile(sorted, 1 - trim)
        return values.map { min(max($0, low), high) }
    }

    /// The `p` quantile of sorted values by linear interpolation between order statistics (R's
    /// default `quantile`, type 7): h = (n − 1)·p, between x[⌊h⌋] and x[⌊h⌋ + 1].
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
