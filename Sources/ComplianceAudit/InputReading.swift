import ComplianceRules
import ContractImport
import Foundation

/// Reads an audit's inputs side by side: every register, and every source's exports, as separate
/// tasks, at most `request.concurrency` at a time. The exports of one source are counted in one
/// tally, one file after another by their first day (then as named), so that distinct cases and the
/// 30-day rule hold across them. Results come back in a fixed order whatever finished first, so a
/// concurrent run gives the same result as one that reads the files one by one.
enum InputReading {
    typealias RegisterRead = Result<(Register, InputFile), ImportError>

    struct Outcome<Prepared: Sendable>: Sendable {
        /// Per register file, as named.
        var registers: [RegisterRead]
        /// Per source in `MeldingSource` order, then any export whose header could not be read.
        var sources: [Result<(MeldingenCount?, [InputFile]), ImportError>]
        /// What `whenRegistersRead` made of the registers.
        var prepared: Prepared
    }

    private enum Job: Sendable {
        case register(index: Int, file: String)
        case source(index: Int, files: [String], workers: Int)
        case prepare
    }

    private enum Done<Prepared: Sendable>: Sendable {
        case register(index: Int, RegisterRead)
        case source(index: Int, Result<(MeldingenCount?, [InputFile]), ImportError>)
        case prepared(Prepared)
    }

    /// Reads every input; `whenRegistersRead` is given the registers as soon as the last of them is
    /// read, as one more task beside the exports still being read: the work that needs the
    /// registers alone is done on the cores the exports' tail leaves free.
    static func read<Prepared: Sendable>(_ request: AuditRequest,
                                         whenRegistersRead: @escaping @Sendable ([RegisterRead]) -> Prepared) async -> Outcome<Prepared> {
        let groups = exportGroups(request.meldingenFiles)
        let shares = coreShares(bytes: groups.map { $0.reduce(0) { $0 + fileSize($1) } }, cores: request.concurrency)
        // The exports first: they are the long reads, and the registers fill the other cores.
        var jobs = groups.enumerated().map { Job.source(index: $0.offset, files: $0.element, workers: shares[$0.offset]) }
            + request.registerFiles.enumerated().map { Job.register(index: $0.offset, file: $0.element) }
        if request.registerFiles.isEmpty { jobs.append(.prepare) }
        var registers = [RegisterRead?](repeating: nil, count: request.registerFiles.count)
        var registersLeft = request.registerFiles.count
        var sources = [Result<(MeldingenCount?, [InputFile]), ImportError>?](repeating: nil, count: groups.count)
        var prepared: Prepared?
        await withTaskGroup(of: Done<Prepared>.self) { group in
            func start(_ job: Job) {
                switch job {
                case .register(let index, let file): group.addTask { .register(index: index, register(file, request)) }
                case .source(let index, let files, let workers): group.addTask { .source(index: index, count(files, request, workers: workers)) }
                case .prepare:
                    let read = registers.map { $0! }
                    group.addTask { .prepared(whenRegistersRead(read)) }
                }
            }
            var next = 0
            while next < min(request.concurrency, jobs.count) {
                start(jobs[next])
                next += 1
            }
            while let done = await group.next() {
                switch done {
                case .register(let index, let result):
                    registers[index] = result
                    registersLeft -= 1
                    // The registers are the last jobs queued: the preparation takes the slot this one leaves.
                    if registersLeft == 0 { jobs.append(.prepare) }
                case .source(let index, let result): sources[index] = result
                case .prepared(let made): prepared = made
                }
                if next < jobs.count {
                    start(jobs[next])
                    next += 1
                }
            }
        }
        return Outcome(registers: registers.map { $0! }, sources: sources.map { $0! }, prepared: prepared!)
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

    private static func register(_ file: String, _ request: AuditRequest) -> RegisterRead {
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
