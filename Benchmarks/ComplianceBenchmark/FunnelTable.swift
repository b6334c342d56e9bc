import Foundation
import SyntheticData

/// Prints, per scenario of spread between organisations, how the funnel plot (new) and the Poisson
/// rule it replaced (old) judge simulated years: false alarms among compliant contractors, and the
/// share of contractors reporting nothing, or 0.3× their expectation, that is found.
func printFunnelTable(replicates: Int) {
    print("Simulated: 400 contractors × \(replicates) years per scenario; expectations log-normal (median 8, σ 0.9);")
    print("5% report at 0.3× or 0× their expectation; 'power' counts those expecting 10 or more.")
    print("")
    print("| spread (CV) | old: false flags | new: false alarms | new: false alerts | zeros found: old | zeros: alarm | zeros: alert or alarm | 0.3×: old | 0.3×: alarm | 0.3×: alert or alarm |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for cv in [0, 0.3, 0.5, 0.8] {
        let clock = ContinuousClock()
        var outcome: FunnelSimulation.Outcome!
        let elapsed = clock.measure { outcome = FunnelSimulation(cv: cv, replicates: replicates).run() }
        func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
        print("| \(cv) | \(percent(outcome.oldFalseFlagRate)) | \(percent(outcome.falseAlarmRate)) | \(percent(outcome.falseAlertRate)) | "
            + "\(percent(outcome.zeroOldPower)) | \(percent(outcome.zeroAlarmPower)) | \(percent(outcome.zeroAlertPower)) | "
            + "\(percent(outcome.lowOldPower)) | \(percent(outcome.lowAlarmPower)) | \(percent(outcome.lowAlertPower)) |")
        FileHandle.standardError.write(Data(String(format: "cv %.1f: %.2f s, %d compliant, %d zero-reporters, %d at 0.3×\n",
                                                   cv, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                                                   outcome.compliant, outcome.zeroReporters, outcome.lowReporters).utf8))
    }
}
