import ComplianceRules
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one piece of an export yielded, for the whole file's reader to join in order.
struct ExportPiece: Sendable {
    var records: [Melding]
    var ids: IdentifierSet
    var pseudonyms: PseudonymGuard
    var recordCount: Int
    var header: MeldingenExportHeader?
}

/// A piece as parsed, with its document and where the file's own bytes lie in it.
typealias PieceOutcome = (piece: ExportPiece?, document: [UInt8], fileBytes: Range<Int>)

/// Reads one large meldingen export on several cores. The file is cut, at the `<` of a start tag
/// after every `pieceBytes`, into pieces; each piece is parsed on its own as a document made of
/// the export's prolog and root start tag, the piece's bytes, and the root's end tag. The pieces' records reach
/// the consumer in file order; their ids are joined and checked for duplicates across pieces, the
/// case keys are judged over the whole file, and the observer sees the file's bytes in order.
///
/// A cut that does not fall between two children of the root (inside a comment, say, or a record
/// with child elements) leaves a piece that is not well-formed: the end tag added to the piece
/// before it cannot close a comment, a CDATA section, a processing instruction, an attribute value
/// or a deeper element. So the pieces count only when every piece is read without a single
/// problem, no id occurs in two pieces, and the case keys pass. Otherwise — and for a small file,
/// an unusual prolog or a consumer that cannot be restored — `read` returns nil, with the consumer
/// as it was and the observer restarted, and the export is read in one pass, whose diagnostics are
/// the ones reported. A valid file read in pieces gives the consumer, the summary and the observer exactly
/// what one pass gives (tests compare them).
struct PiecewiseExportRead {
    var pieceBytes: Int
    var workers: Int

    func read<Consumer: MeldingenConsumer>(
        _ file: String, into consumer: inout Consumer, observer: InputObserver?
    ) -> MeldingenReadSummary? {
        // Only a value can be put back as it was should the pieces not count.
        guard workers > 1, !(Consumer.self is AnyObject.Type) else { return nil }
        let descriptor = open(file, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) >= 2 * pieceBytes,
              let layout = ExportLayout(descriptor: descriptor, size: Int(status.st_size), pieceBytes: pieceBytes)
        else { return nil }

        let before = consumer
        let queue = OrderedWork<PieceOutcome>(count: layout.pieceCount, window: workers + 1)
        queue.start(threads: workers, named: "meldingen-piece") { Self.parse(piece: $0, of: layout, file: file, descriptor: descriptor) }
        var header: MeldingenExportHeader?
        var ids = IdentifierSet()
        var pseudonyms = PseudonymGuard()
        var records = 0
        var failed = false
        for index in 0..<layout.pieceCount {
            guard let outcome = queue.take(index), let piece = outcome.piece, let pieceHeader = piece.header,
                  piece.records.count == piece.recordCount, header == nil || header == pieceHeader,
                  ids.formUnion(piece.ids)
            else {
                failed = true
                break
            }
            if header == nil { consumer.begin(pieceHeader) }
            header = pieceHeader
            pseudonyms.absorb(piece.pseudonyms)
            records += piece.recordCount
            outcome.document.withUnsafeBytes { observer?.observe(UnsafeRawBufferPointer(rebasing: $0[outcome.fileBytes])) }
            for melding in piece.records { consumer.consume(melding) }
        }
        queue.finish()
        guard !failed, let header, pseudonyms.verdict().isEmpty else {
            consumer = before
            observer?.restart()
            return nil
        }
        return MeldingenReadSummary(
            file: file, header: header, recordCount: records,
            records: RecordReconciliation(read: records, audited: records))
    }

    /// Parses one piece; nil when it has any problem at all. Also returns the piece's document
    /// and where the file's own bytes lie in it.
    private static func parse(piece index: Int, of layout: ExportLayout, file: String, descriptor: Int32)
        -> PieceOutcome
    {
        let (start, end) = layout.bounds(of: index)
        var document: [UInt8] = index == 0 ? [] : layout.prolog
        let fileStart = document.count
        guard ExportLayout.read(descriptor, from: start, to: end, into: &document) else { return (nil, [], 0..<0) }
        let fileBytes = fileStart..<document.count
        if index < layout.pieceCount - 1 { document += layout.rootEndTag }
        let decoder = MeldingenDecoder(consumer: CollectedRecords(), piece: true)
        let parse = SAXParse(file: file, handler: decoder, schema: nil, diagnosticLimit: 1, bytes: document)
        defer { _ = decoder.finish() }
        do { try parse.run() } catch { return (nil, document, fileBytes) }
        guard parse.log.isEmpty, !parse.stopped else { return (nil, document, fileBytes) }
        return (decoder.piece, document, fileBytes)
    }
}

/// A piece's decoder keeps its records in its pipeline; nothing is handed on.
private struct CollectedRecords: MeldingenConsumer {
    mutating func begin(_ header: MeldingenExportHeader) {}
    mutating func consume(_ melding: Melding) {}
}

/// Where an export is cut: its prolog up to and including the root start tag (given to every piece
/// after the first), the root's end tag, and the offsets of the cuts.
struct ExportLayout: Sendable {
    let prolog: [UInt8]
    let rootEndTag: [UInt8]
    /// Offsets of the pieces' first bytes after the first piece's, ascending; the last piece runs to the end of the file.
    let cuts: [Int]

    var pieceCount: Int { cuts.count + 1 }

    /// Byte range of a piece in the file; `nil` end: to the end of the file.
    func bounds(of piece: Int) -> (start: Int, end: Int?) {
        (piece == 0 ? 0 : cuts[piece - 1], piece < cuts.count ? cuts[piece] : nil)
    }

    /// Nil when the file does not begin the way an export does (an ASCII-compatible prolog of
    /// declarations, comments and processing instructions, then a root start tag within the first
    /// 64 KiB), or when no cut is found.
    init?(descriptor: Int32, size: Int, pieceBytes: Int) {
        var head: [UInt8] = []
        guard Self.read(descriptor, from: 0, to: min(size, 64 * 1024), into: &head),
              let (rootEnd, name) = Self.rootStartTag(in: head)
        else { return nil }
        prolog = Array(head[..<rootEnd])
        rootEndTag = Array("</".utf8) + name + [UInt8(ascii: ">")]
        var cuts: [Int] = []
        var target = max(pieceBytes, rootEnd)
        while target < size - pieceBytes / 2 {
            var window: [UInt8] = []
            // The input guard allows at most 16 KiB from one `<` to the next: a start tag is near.
            guard Self.read(descriptor, from: target, to: min(size, target + min(pieceBytes, 20 * 1024)), into: &window)
            else { return nil }
            if let offset = Self.firstStartTag(in: window), target + offset > cuts.last ?? rootEnd {
                cuts.append(target + offset)
            }
            target += pieceBytes
        }
        guard !cuts.isEmpty else { return nil }
        self.cuts = cuts
    }

    /// The end of the root start tag and the root's qualified name, past a byte order mark,
    /// white space, an XML declaration, comments and processing instructions. A DOCTYPE, or
    /// anything else, gives nil: the one-pass read judges such a file.
    static func rootStartTag(in bytes: [UInt8]) -> (end: Int, name: [UInt8])? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skip(past terminator: String) -> Bool {
            let pattern = Array(terminator.utf8)
            while index + pattern.count <= bytes.count {
                if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                    index += pattern.count
                    return true
                }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if isXMLWhitespace(byte) {
                index += 1
            } else if bytes[index...].starts(with: Array("<?".utf8)) {
                guard skip(past: "?>") else { return nil }
            } else if bytes[index...].starts(with: Array("<!--".utf8)) {
                guard skip(past: "-->") else { return nil }
            } else if byte == UInt8(ascii: "<"), index + 1 < bytes.count, isNameByte(bytes[index + 1]) {
                let nameStart = index + 1
                var nameEnd = nameStart
                while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
                var quote: UInt8?
                index = nameEnd
                while index < bytes.count {
                    let byte = bytes[index]
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "<") {
                        return nil
                    } else if byte == UInt8(ascii: ">") {
                        // An empty root element has no content to cut.
                        guard bytes[index - 1] != UInt8(ascii: "/") else { return nil }
                        return (index + 1, Array(bytes[nameStart..<nameEnd]))
                    }
                    index += 1
                }
                return nil
            } else {
                return nil
            }
        }
        return nil
    }

    /// The offset of the first `<` that opens a start tag (not an end tag, comment, CDATA section,
    /// DOCTYPE or processing instruction).
    static func firstStartTag(in bytes: [UInt8]) -> Int? {
        var index = 0
        while let found = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard found + 1 < bytes.count else { return nil }
            if isNameByte(bytes[found + 1]) { return found }
            index = found + 1
        }
        return nil
    }

    /// A byte of an XML name in an ASCII-compatible encoding: letters, digits, `_ : - .` and any
    /// byte of a multi-byte character.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...0xFF:
            true
        default:
            false
        }
    }

    /// Appends the file's bytes from `start` up to `end` (nil: to the end of the file, however long
    /// it now is); false when the file ends before `end` or cannot be read.
    static func read(_ descriptor: Int32, from start: Int, to end: Int?, into buffer: inout [UInt8]) -> Bool {
        var offset = start
        let chunk = 1 << 20
        while end.map({ offset < $0 }) ?? true {
            let wanted = end.map { min(chunk, $0 - offset) } ?? chunk
            let before = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: wanted))
            var count: Int
            repeat {
                count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + before, wanted, off_t(offset)) }
            } while count < 0 && errno == EINTR
            buffer.removeLast(wanted - max(count, 0))
            if count < 0 { return false }
            if count == 0 { return end == nil }
            offset += count
        }
        return true
    }
}
