@testable import ComplianceRules
import Foundation
import SyntheticData
import Testing

@Suite("The funnel plot for meldingen (Spiegelhalter, with overdispersion)")
struct FunnelModelTests {
    // Reference values computed independently with numpy (np.percentile's default is R's type 7).
    static let observed = [0, 0, 5, 9, 12, 20, 25, 30, 14, 8, 40, 3]
    static let expected: [Double] = [10, 10, 8, 10, 10, 16, 20, 25, 10, 9, 30, 6]

    @Test("φ, τ² and every zD match a hand-computed data set to 1e-9")
    func pinned() {
        let model = FunnelModel(zip(Self.observed, Self.expected).map { (observed: $0, expected: $1) })
        #expect(model.n == 12)
        #expect(abs(model.phi - 6.476097055184386) < 1e-9)
        #expect(abs(model.tau2 - 0.11380709624493292) < 1e-9)
        #expect(model.overdispersionEstimated)
        let reference = [-2.6840720238430364, -2.6840720238430364, -0.5498834084796508, -0.1377377240585074, 0.2561815630117136,
                         0.3280847855744719, 0.33211860730323806, 0.2712569889977678, 0.4917648234851752, -0.15199137547278935,
                         0.44265166645388426, -0.7428151656289266]
        for (index, zD) in reference.enumerated() {
            let point = model.point(observed: Self.observed[index], expected: Self.expected[index])
            #expect(abs((point?.zAdjusted ?? .nan) - zD) < 1e-9)
        }
    }

    @Test("winsorising at a tied percentile interpolates between order statistics as R's type 7")
    func tiedPercentiles() {
        let z = zip(Self.observed, Self.expected).map { FunnelModel.z(observed: $0, expected: $1) }.sorted()
        #expect(abs(FunnelModel.quantile(z, 0.1) - -5.835587575345942) < 1e-9)
        #expect(abs(FunnelModel.quantile(z, 0.9) - 1.1484563168900956) < 1e-9)
        #expect(FunnelModel.quantile([1, 1, 1, 5], 0.1) == 1)
        #expect(FunnelModel.quantile([1, 2, 3, 4, 5], 0.5) == 3)
        #expect(FunnelModel.winsorise([1, 1, 1, 5], trim: 0.25) == [1, 1, 1, 2])
    }

    @Test("when n·φ ≤ n − 1 there is no overdispersion: τ² = 0 and zD = z")
    func underdispersed() {
        let observed = [10, 9, 11, 10, 12, 8, 10, 11, 9, 10]
        let model = FunnelModel(observed.map { (observed: $0, expected: 10.0) })
        #expect(abs(model.phi - 0.0644416429190188) < 1e-9)
        #expect(model.tau2 == 0)
        let point = model.point(observed: 12, expected: 10)
        #expect(abs((point?.zAdjusted ?? .nan) - 0.60364790993875) < 1e-9)
        #expect(point?.z == point?.zAdjusted)
    }

    @Test("with fewer than min-group judged pairs, τ² is not estimated")
    func smallGroup() {
        let model = FunnelModel([(observed: 0, expected: 10), (observed: 30, expected: 10), (observed: 10, expected: 10)])
        #expect(!model.overdispersionEstimated)
        #expect(model.tau2 == 0)
        #expect(model.point(observed: 0, expected: 10)?.level == .alarm)
    }

    @Test("pairs below min-expected are placed but never judged")
    func belowMinimum() {
        let model = FunnelModel([(observed: 0, expected: 4.9)])
        #expect(model.n == 0)
        #expect(model.point(observed: 0, expected: 4.9)?.level == .notJudged)
        #expect(model.point(observed: nil, expected: 10) == nil)
        #expect(model.point(observed: 3, expected: nil) == nil)
    }

    @Test("limits are (1 ± k·√(s² + τ²))² at the expectation, the lower one never below zero")
    func limits() {
        let model = FunnelModel(settings: .standard, n: 20, phi: 2, tau2: 0.04, overdispersionEstimated: true)
        let limits = model.limits(at: 25)
        let spread = (0.01 + 0.04).squareRoot()
        #expect(abs(limits.lower95 - pow(1 - 1.959964 * spread, 2)) < 1e-12)
        #expect(abs(limits.upper998 - pow(1 + 3.090232 * spread, 2)) < 1e-12)
        #expect(model.limits(at: 1).lower998 == 0)
        #expect(model.limits(at: 25, overdispersed: false).lower95 > limits.lower95)
    }

    @Test("alarm and alert need both the limit and the ratio; high is shown, not judged")
    func levels() {
        let poisson = FunnelModel(settings: .standard, n: 0, phi: 0, tau2: 0, overdispersionEstimated: false)
        #expect(poisson.point(observed: 4, expected: 20)?.level == .alarm)      // zD −4.9, 20%
        #expect(poisson.point(observed: 2, expected: 8)?.level == .alert)       // zD −2.8, 25%
        #expect(poisson.point(observed: 70, expected: 100)?.level == .within)   // zD −3.3 but 70%
        #expect(poisson.point(observed: 40, expected: 20)?.level == .high)
        #expect(poisson.point(observed: 11, expected: 12)?.level == .within)
    }
}

/// The acceptance simulation: 400 contractors, expectations log-normal (median 8, σ 0.9), compliant
/// rates Gamma around the expectation, 5% reporting at 0.3× or 0×, 200 replicates per scenario.
@Suite("The funnel plot in simulated years")
struct FunnelSimulationTests {
    @Test("alarm hits at most 1% of compliant contractors, whatever the spread", arguments: [0, 0.3, 0.5, 0.8])
    func falseAlarms(cv: Double) {
        let outcome = FunnelSimulation(cv: cv).run()
        #expect(outcome.compliant > 70_000)
        #expect(outcome.falseAlarmRate <= 0.01, "false alarms \(outcome.falseAlarmRate)")
        #expect(outcome.judgedBelowMinimum == 0)
    }

    @Test("zero-reporters expecting 10 or more reach alarm in 90% of years when the spread is at most 0.5", arguments: [0, 0.3, 0.5])
    func powerWithModerateSpread(cv: Double) {
        let outcome = FunnelSimulation(cv: cv).run()
        #expect(outcome.zeroReporters > 500)
        #expect(outcome.zeroAlarmPower >= 0.9, "alarm power \(outcome.zeroAlarmPower)")
    }

    @Test("with a spread of 0.8 a zero still reaches at least alert in 90% of years")
    func powerWithWideSpread() {
        let outcome = FunnelSimulation(cv: 0.8).run()
        #expect(outcome.zeroAlertPower >= 0.9, "alert power \(outcome.zeroAlertPower)")
    }

    @Test("the Poisson rule it replaces flags compliant contractors far more often under spread")
    func oldRuleForComparison() {
        #expect(FunnelSimulation(cv: 0.5).run().oldFalseFlagRate > 0.1)
    }
}
