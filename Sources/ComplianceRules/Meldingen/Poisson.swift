import Foundation

/// The Poisson distribution, to tell a real shortfall of meldingen from chance.
public enum Poisson {
    /// P(X ≤ k) for X ~ Poisson(λ): the chance of at most `k` meldingen when `λ` are expected.
    ///
    /// Summed in log space so it stays exact for large λ (e^-λ underflows beyond about 745).
    public static func lowerTail(_ k: Int, mean lambda: Double) -> Double {
        guard k >= 0 else { return 0 }
        guard lambda > 0 else { return 1 }
        let logLambda = log(lambda)
        var largest = -Double.infinity
        var logTerms: [Double] = []
        logTerms.reserveCapacity(k + 1)
        for i in 0...k {
            let term = -lambda + Double(i) * logLambda - lgamma(Double(i) + 1)
            logTerms.append(term)
            largest = max(largest, term)
        }
        let sum = logTerms.reduce(0) { $0 + exp($1 - largest) }
        return min(1, exp(largest + log(sum)))
    }
}
