import Foundation

/// Scratch files for tests: every test's files go under one directory of the test process, in the
/// system's temporary directory, and that directory is removed with everything in it when the
/// process exits. A test run leaves nothing behind, whether or not a test cleans up after itself;
/// a test that writes much can still remove its own directory when it is done.
///
/// ```swift
/// let directory = Scratch.directory("regional")   // …/compliance-audit-tests-<pid>-<uuid>/regional-<uuid>, made
/// let report = Scratch.file("report.json")        // …/report-<uuid>/report.json: the directory made, the file not
/// ```
///
/// A process that cannot make a directory in the temporary directory stops with the reason: no
/// test can run without its files.
public enum Scratch {
    /// The process's scratch root, made on first use and removed at exit.
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "compliance-audit-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        make(root)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return root
    }()

    /// A new, empty directory for one test's files, named after `label`.
    public static func directory(_ label: String) -> URL {
        let directory = root.appendingPathComponent("\(label)-\(UUID().uuidString)")
        make(directory)
        return directory
    }

    /// A path for a file (or a directory) called `name` in a new directory of its own: that
    /// directory is made, `name` is not, so a test can check what a command writes there, or that it
    /// writes nothing.
    public static func file(_ name: String) -> URL {
        directory((name as NSString).deletingPathExtension).appendingPathComponent(name)
    }

    private static func make(_ directory: URL) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        } catch {
            fatalError("cannot make the tests' scratch directory \(directory.path): \(error)")
        }
    }
}
