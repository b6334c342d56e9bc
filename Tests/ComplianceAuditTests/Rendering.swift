@testable import ComplianceAudit
import Testing
import Foundation

/// A document rendered by the registered reporter `format`, as text.
func rendered(_ document: ReportDocument, _ format: String, _ language: ReportLanguage = .nl) throws -> String {
    let reporter = try #require(Reporters.named(format))
    return String(decoding: try reporter.render(document, RenderSettings(language: language)), as: UTF8.self)
}
