import ComplianceRules
import ContractImport
import Foundation

/// Reads an audit's inputs side by side: every register, and every source's exports, as separate
/// tasks, at most `request.concurrency` at a time. The exports of one source are counted in one
/// tally, one file after another by their first day (then as named), so that distinct cases and the
/// 30-day rule hold across them. Results come back in a fixed order whatever finished first, so a
/// concurrent run gives the same result as one that reads the files one by one.
enum InputReading {
    struct Outcome: Sendable {
        /// Per register file, as named.
        var registers: [Result<(Register, InputFile), ImportError>]
        /// Per source in `MeldingSource` order, then any export whose header could not be read.
        var sources: [Result<(MeldingenCount?, [InputFile]), ImportError>]
    }

    private enum Job: Sendable {
        case register(index: Int, file: String)
        case source(index: Int, files: [String], workers: Int)
    }

    private enum Done: Sendable {
        case register(index: Int, Result<(Register, InputFile), ImportError>)
        case source(index: Int, Result<(MeldingenCount?, [InputFile]), ImportError>)
    }

    static func read(_ request: AuditRequest) async -> Outcome {
        let groups = exportGroups(request.meldingenFiles)
        let shares = coreShares(bytes: groups.map { $0.reduce(0) { $0 + fileSize($1) } }, cores: request.concurrency)
        // The exports first: they are the long reads, and the registers fill the other cores.
        let jobs = groups.enumerated().map { Job.source(index: $0.offset, files: $0.element, workers: shares[$0.offset]) }
            + request.registerFiles.enumerated().map { Job.register(index: $0.offset, file: $0.element) }
        var registers = [Result<(Register, InputFile), ImportError>?](repeating: nil, count: request.registerFiles.count)
        var sources = [Result<(MeldingenCount?, [InputFile]), ImportError>?](repeating: nil, count: groups.count)
        await withTaskGroup(of: Done.self) { group in
            var next = 0
            while next < min(request.concurrency, jobs.count) {
                let job = jobs[next]
                group.addTask { perform(job, request) }
                next += 1
            }
            while let done = await group.next() {
                switch done {
                case .register(let index, let result): registers[index] = result
                case .source(let index, let result): sources[index] = result
                }
                if next < jobs.count {
                    let job = jobs[next]
                    group.addTask { perform(job, request) }
                    next += 1
                }
            }
        }
        return Outcome(registers: registers.map { $0! }, sources: sources.map { $0! })
    }

    /// The exports grouped by source, each group by first day and then as named; an export whose
    /// header cannot be read forms a group of its own (its read says what is wrong).
    static func exportGroups(_ files: [String]) -> [[String]] {
        var bySource: [MeldingSource: [(file: String, start: Day, position: Int)]] = [:]
        var unreadable: [[String]] = []
        for (position, file) in files.enumerated() {
            if let header = MeldingenImporter.header(of: file) {
                bySource[header.source, default: []].append((file, header.start, position))
            } else {
                unreadable.append([file])
            }
        }
        return MeldingSource.allCases.compactMap { source in
            bySource[source]?.sorted { ($0.start, $0.position) < ($1.start, $1.position) }.map(\.file)
        } + unreadable
    }

    /// How many threads may read each source's exports, by its share of the exports' bytes: a
    /// source that is most of the reading is read in pieces on the cores its share earns, so that
    /// a near-empty second export (a Verwijsindex without signals) does not leave a core idle
    /// beside a large one. Every source gets at least one: on two cores, two sources of about the
    /// same size are each read in one pass, side by side, where pieces would only add memory.
    static func coreShares(bytes: [Int], cores: Int) -> [Int] {
        let total = bytes.reduce(0, +)
        guard total > 0 else { return bytes.map { _ in 1 } }
        return bytes.map { max(1, Int((Double(cores) * Double($0) / Double(total)).rounded())) }
    }

    private static func fileSize(_ file: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func perform(_ job: Job, _ request: AuditRequest) -> Done {
        switch job {
        case .register(let index, let file): .register(index: index, register(file, request))
        case .source(let index, let files, let workers): .source(index: index, count(files, request, workers: workers))
        }
    }

    private static func register(_ file: String, _ request: AuditRequest) -> Result<(Register, InputFile), ImportError> {
        request.progress?("reading \(file)")
        let hash = InputHasher()
        do {
            let (register, records) = try RegisterImporter(diagnosticLimit: request.diagnosticLimit, lenient: request.lenient)
                .read(file, observer: hash)
            return .success((register, InputFile(kind: .register, path: file, sha256: hash.hexDigest, records: InputRecords(records))))
        } catch {
            return .failure(error)
        }
    }

    /// One source's exports into one tally, in the order given, each export read in pieces on
    /// `workers` threads (one: in one pass).
    private static func count(_ files: [String], _ request: AuditRequest, workers: Int) -> Result<(MeldingenCount?, [InputFile]), ImportError> {
        var importer = MeldingenImporter(diagnosticLimit: request.diagnosticLimit, lenient: request.lenient)
        importer.workers = workers
        var tally = MeldingenTally()
        var counted: [MeldingenCount.ExportFile] = []
        var inputs: [InputFile] = []
        for file in files {
            request.progress?("counting \(file)")
            let (records, outOfOrder) = (tally.records, tally.outOfOrder)
            let hash = InputHasher()
            let summary: MeldingenReadSummary
            do { summary = try importer.read(file, into: &tally, observer: hash) } catch { return .failure(error) }
            inputs.append(InputFile(kind: .meldingen, path: file, sha256: hash.hexDigest, records: InputRecords(summary.records)))
            counted.append(MeldingenCount.ExportFile(file: file, header: summary.header, records: tally.records - records,
                                                     outOfOrder: tally.outOfOrder - outOfOrder))
        }
        return .success((tally.summary(files: counted), inputs))
    }
}
