import Foundation
import Testing

/// Compares report output with a file committed under `Snapshots/`. Paths into this checkout are
/// written relative to it, so the snapshot is the same on every machine. With RECORD_SNAPSHOTS=1 in
/// the environment the files are written anew (review the diff before committing); a missing file
/// is written and the test fails, so a new snapshot is always looked at.
func expectSnapshot(_ actual: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let root = Repository.root.path + "/"
    let normalized = Data((String(data: actual, encoding: .utf8) ?? "").replacingOccurrences(of: root, with: "").utf8)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name)
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? Data(contentsOf: url) else {
        try normalized.write(to: url)
        Issue.record("snapshot \(name) \(recording ? "recorded" : "was missing and has been written"); check it and commit it",
                     sourceLocation: sourceLocation)
        return
    }
    if normalized != expected {
        let (a, b) = (String(decoding: normalized, as: UTF8.self).components(separatedBy: "\n"),
                      String(decoding: expected, as: UTF8.self).components(separatedBy: "\n"))
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("""
            \(name) differs from the snapshot at line \(line + 1):
              expected: \(line < b.count ? b[line] : "(end)")
              actual:   \(line < a.count ? a[line] : "(end)")
            Run with RECORD_SNAPSHOTS=1 to record it anew if the change is intended.
            """, sourceLocation: sourceLocation)
    }
}
