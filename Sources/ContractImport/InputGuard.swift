#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the bytes of a file before libxml2 parses them and refuses, at once, what neither format
/// needs and what would make the parse slow or large: an internal DTD subset, a NUL character,
/// too many attributes in one tag, an over-long tag, text, comment or DOCTYPE, and deep nesting.
///
/// libxml2 2.9 checks duplicate attributes and namespace declarations pairwise, so one tag with
/// 100,000 attributes takes seconds; the guard stops such a tag before libxml2 reaches it.
///
/// Two modes keep it cheap. The prolog (up to the root's `<`) is read by a small state machine that
/// knows the XML declaration, comments, processing instructions and the DOCTYPE, so an internal
/// subset is refused at its `[`. In the body, where an export's millions of records are, it only
/// measures the distance from one `<` to the next (memchr) and looks for NUL: `<` cannot occur inside
/// a tag, not even in an attribute value, so that distance bounds every tag and every text, and a
/// tag of at most 16 KiB holds at most some 3,000 attributes, which libxml2 compares in
/// milliseconds. `SAXParse` then refuses an element with more than 64 attributes or nested too deep
/// before anything of it is used. UTF-16, rare, is read by the state machine throughout.
struct InputGuard {
    /// The limits, documented in docs/FORMATS.md. A valid register or export stays far below each.
    enum Limits {
        /// Attributes in one start tag, namespace declarations included (a melding has at most 8).
        static let attributesPerTag = 64
        /// Bytes in one start or end tag: names and attribute values together.
        static let tagBytes = 16 * 1024
        /// Bytes of text between two tags (a sector, an amount, or white space).
        static let textBytes = 16 * 1024
        /// Bytes from one `<` to the next in the body: bounds every tag, text, comment and CDATA section there.
        static let bytesBetweenTags = 16 * 1024
        /// Bytes of one comment, CDATA section, processing instruction or DOCTYPE declaration.
        static let markupBytes = 1024 * 1024
        /// Elements open at once (the register needs 3, an export 2).
        static let depth = 16
    }

    /// Why and where the input was refused.
    struct Violation: Equatable {
        /// Bytes from the start of the file.
        var byteOffset: Int
        var message: String
        /// The file is not XML text at all (a NUL character, or no `<` to begin with).
        var isNotXML = false
    }

    private enum State: Equatable {
        /// Between tags.
        case text
        /// Just after `<`: what follows decides the kind of markup.
        case open
        /// After `<!`, collecting the few bytes that tell a comment, CDATA or DOCTYPE apart.
        case bang
        case startTag
        case endTag
        case quoted(UInt8)
        case comment
        case cdata
        case processingInstruction
        case doctype
        case doctypeQuoted(UInt8)
    }

    private var state = State.text
    private var offset = 0
    /// Where the current run of text, tag or markup began.
    private var runStart = 0
    private var attributes = 0
    private var depth = 0
    /// The last bytes seen, for the terminators `-->`, `]]>`, `?>` and the `<!` keywords.
    private var recent: UInt32 = 0
    private var bangBytes: [UInt8] = []
    /// The byte before the current one: a `/` before `>` closes an empty element.
    private var previousByte: UInt8 = 0
    /// 1 for UTF-8 and other ASCII-compatible encodings, 2 for UTF-16; decided by the first bytes.
    private var unitWidth = 0
    private var bigEndian = false
    private var pendingByte: UInt8?
    /// Whether the first `<` has been seen; before it only white space and a byte order mark may stand.
    private var started = false
    /// Whether the root element has begun (UTF-8 only): from there on, only the fast body checks.
    private var inBody = false
    /// Where the last `<` of the body stood.
    private var lastTagStart = 0
    private(set) var violation: Violation?

    /// Scans the next bytes of the file; returns the violation once one is found.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Violation? {
        guard violation == nil else { return violation }
        if unitWidth == 0 { detectEncoding(bytes) }
        if unitWidth == 1 {
            scanBytes(bytes)
        } else if unitWidth == 2 {
            scanUTF16(bytes)
        }
        return violation
    }

    private mutating func detectEncoding(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 4 else { unitWidth = 1; return }
        if (bytes[0] == 0 && bytes[1] == 0) || (bytes[2] == 0 && bytes[3] == 0) {
            unitWidth = -1
            violation = Violation(byteOffset: 0, message: "the file is in UTF-32 or holds NUL characters; "
                + "the formats are UTF-8 text (or an encoding the XML declaration names, such as UTF-16)")
            return
        }
        switch (bytes[0], bytes[1]) {
        case (0xFE, 0xFF), (0x00, 0x3C):
            unitWidth = 2
            bigEndian = true
        case (0xFF, 0xFE), (0x3C, 0x00):
            unitWidth = 2
        default:
            unitWidth = 1
        }
    }

    private mutating func scanUTF16(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count, violation == nil {
            guard let first = pendingByte else {
                pendingByte = bytes[index]
                index += 1
                continue
            }
            let second = bytes[index]
            pendingByte = nil
            let unit = bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
            // Only ASCII is markup; any other unit stands for an ordinary character.
            step(unit < 0x80 ? UInt8(unit) : 0x80, isNUL: unit == 0)
            offset += 1
            index += 1
        }
    }

    private mutating func scanBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        if let nul = memchr(base, 0, bytes.count) {
            // Everything before the NUL is scanned first, so an earlier problem is the one reported.
            let before = base.distance(to: UnsafeRawPointer(nul))
            scanBytes(UnsafeRawBufferPointer(start: base, count: before))
            if violation == nil {
                violation = Violation(byteOffset: offset * Swift.max(unitWidth, 1), message: "the file contains a NUL character, which XML text never does", isNotXML: !started)
            }
            return
        }
        var index = 0
        let count = bytes.count
        while index < count, violation == nil {
            if inBody {
                scanBody(base, from: index, to: count)
                return
            }
            // Fast paths for what makes up nearly all of a file: text up to the next `<`, an attribute
            // value up to its quote, and the names and spaces of a tag up to the next quote or `>`.
            // Runs are short (a value, a name), so a plain loop beats a call to memchr. Only the byte
            // that ends each run goes through `step`.
            var skipTo: Int?
            switch state {
            case .text where started:
                skipTo = Self.next(in: base, from: index, to: count) { $0 == 0x3C }
                if !checkRun(Limits.textBytes, "text between two tags", upTo: offset + (skipTo ?? count) - index) { return }
            case .quoted(let quote):
                skipTo = Self.next(in: base, from: index, to: count) { $0 == quote }
                if !checkRun(Limits.tagBytes, "a tag", upTo: offset + (skipTo ?? count) - index) { return }
            case .startTag:
                skipTo = Self.next(in: base, from: index, to: count) { $0 == 0x22 || $0 == 0x27 || $0 == 0x3E || $0 == 0x3C }
                if !checkRun(Limits.tagBytes, "a tag", upTo: offset + (skipTo ?? count) - index) { return }
            default:
                skipTo = index
            }
            guard let next = skipTo else {
                // The run goes on into the next chunk.
                if count > index { previousByte = base.load(fromByteOffset: count - 1, as: UInt8.self) }
                offset += count - index
                return
            }
            if next > index {
                previousByte = base.load(fromByteOffset: next - 1, as: UInt8.self)
                offset += next - index
                index = next
            }
            step(base.load(fromByteOffset: index, as: UInt8.self), isNUL: false)
            index += 1
            offset += 1
        }
    }

    /// The body: only the distance from each `<` to the next is measured.
    private mutating func scanBody(_ base: UnsafeRawPointer, from start: Int, to end: Int) {
        var index = start
        while index < end {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), end - index) else {
                offset += end - index
                break
            }
            let at = base.distance(to: UnsafeRawPointer(found))
            offset += at - index
            if offset - lastTagStart > Limits.bytesBetweenTags { break }
            lastTagStart = offset
            offset += 1
            index = at + 1
        }
        if offset - lastTagStart > Limits.bytesBetweenTags, violation == nil {
            violation = Violation(byteOffset: lastTagStart, message: "more than \(Limits.bytesBetweenTags / 1024) KiB "
                + "without a tag: a tag, a text or a comment far longer than the formats ever need")
        }
    }

    /// The index of the first byte from `start` that `stops`, or nil when none does before `end`.
    @inline(__always)
    private static func next(in base: UnsafeRawPointer, from start: Int, to end: Int, where stops: (UInt8) -> Bool) -> Int? {
        var index = start
        while index < end {
            if stops(base.load(fromByteOffset: index, as: UInt8.self)) { return index }
            index += 1
        }
        return nil
    }

    /// Advances the state machine by one character (for UTF-16, one code unit mapped to ASCII).
    @inline(__always)
    private mutating func step(_ byte: UInt8, isNUL: Bool) {
        defer { previousByte = byte }
        if isNUL {
            violation = Violation(byteOffset: offset * Swift.max(unitWidth, 1), message: "the file contains a NUL character, which XML text never does", isNotXML: !started)
            return
        }
        if !started {
            // A document starts with `<`, after at most a byte order mark (EF BB BF in UTF-8; UTF-16's
            // arrives here as a non-ASCII unit) and white space.
            if byte == UInt8(ascii: "<") {
                started = true
            } else if !(isXMLSpace(byte) || (offset < 3 && byte >= 0x80)) {
                violation = Violation(byteOffset: offset * Swift.max(unitWidth, 1),
                                      message: "the file does not begin with an XML tag; it is not an XML document",
                                      isNotXML: true)
                return
            }
        }
        switch state {
        case .text:
            _ = checkRun(Limits.textBytes, "text between two tags", upTo: offset)
            if byte == UInt8(ascii: "<") { begin(.open) }
        case .open:
            switch byte {
            case UInt8(ascii: "/"): state = .endTag
            case UInt8(ascii: "!"): state = .bang; bangBytes.removeAll(keepingCapacity: true)
            case UInt8(ascii: "?"): state = .processingInstruction; recent = 0
            default:
                state = .startTag
                attributes = 0
                depth += 1
                if unitWidth == 1 {
                    // The root element begins: the body's cheap checks take over.
                    inBody = true
                    lastTagStart = offset - 1
                }
                if depth > Limits.depth {
                    refuseAtRunStart("elements are nested more than \(Limits.depth) deep; the formats need 3")
                }
            }
        case .bang:
            bangBytes.append(byte)
            if bangBytes == Self.commentOpener {
                state = .comment
                recent = 0
            } else if bangBytes == Self.cdataOpener {
                state = .cdata
                recent = 0
            } else if bangBytes == Self.doctypeOpener {
                state = .doctype
            } else if ![Self.commentOpener, Self.cdataOpener, Self.doctypeOpener].contains(where: { $0.starts(with: bangBytes) }) {
                // Not XML; libxml2 reports it in its own words. Treat the rest as a tag.
                state = .startTag
            }
        case .startTag, .endTag:
            _ = checkRun(Limits.tagBytes, "a tag", upTo: offset)
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                attributes += 1
                if attributes > Limits.attributesPerTag {
                    refuseAtRunStart("a tag has more than \(Limits.attributesPerTag) attributes; the formats need at most 8")
                }
                state = .quoted(byte)
            case UInt8(ascii: ">"):
                // An empty-element tag ends in `/>`, the two characters together.
                if case .endTag = state { depth -= 1 } else if previousByte == UInt8(ascii: "/") { depth -= 1 }
                begin(.text)
            default:
                break
            }
        case .quoted(let quote):
            if byte == quote { state = .startTag }
        case .comment:
            recent = recent << 8 | UInt32(byte)
            _ = checkRun(Limits.markupBytes, "a comment", upTo: offset)
            if recent & 0xFF_FFFF == 0x2D_2D3E { begin(.text) } // "-->"
        case .cdata:
            recent = recent << 8 | UInt32(byte)
            _ = checkRun(Limits.textBytes, "a CDATA section", upTo: offset)
            if recent & 0xFF_FFFF == 0x5D_5D3E { begin(.text) } // "]]>"
        case .processingInstruction:
            recent = recent << 8 | UInt32(byte)
            _ = checkRun(Limits.markupBytes, "a processing instruction", upTo: offset)
            if recent & 0xFFFF == 0x3F3E { begin(.text) } // "?>"
        case .doctype:
            _ = checkRun(Limits.markupBytes, "the DOCTYPE declaration", upTo: offset)
            switch byte {
            case UInt8(ascii: "["):
                refuse("the DOCTYPE has an internal subset (<!DOCTYPE … [ … ]>); it is refused whatever it "
                    + "declares, because declarations there can add attributes, defaults and entities to the "
                    + "document, and neither format needs one")
            case UInt8(ascii: "\""), UInt8(ascii: "'"): state = .doctypeQuoted(byte)
            case UInt8(ascii: ">"): begin(.text)
            default: break
            }
        case .doctypeQuoted(let quote):
            _ = checkRun(Limits.markupBytes, "the DOCTYPE declaration", upTo: offset)
            if byte == quote { state = .doctype }
        }
    }

    private static let commentOpener = Array("--".utf8)
    private static let cdataOpener = Array("[CDATA[".utf8)
    private static let doctypeOpener = Array("DOCTYPE".utf8)

    private mutating func begin(_ next: State) {
        state = next
        // A tag's run starts at its `<`; a text's just after the `>`.
        runStart = next == .open ? offset : offset + 1
    }

    /// Whether the run that began at `runStart` stays within `limit` up to `end`; refuses it otherwise,
    /// at the place where it begins, which is where the reader must look.
    @inline(__always)
    private mutating func checkRun(_ limit: Int, _ what: StaticString, upTo end: Int) -> Bool {
        guard end - runStart >= limit else { return true }
        if violation == nil {
            violation = Violation(byteOffset: runStart * Swift.max(unitWidth, 1),
                                  message: "\(what) is longer than \(limit / 1024) KiB, more than the formats ever need")
        }
        return false
    }

    /// Refuses at the start of the current tag or run: where the reader must look.
    private mutating func refuseAtRunStart(_ message: String) {
        if violation == nil { violation = Violation(byteOffset: runStart * Swift.max(unitWidth, 1), message: message) }
    }

    private mutating func refuse(_ message: String) {
        if violation == nil { violation = Violation(byteOffset: offset * Swift.max(unitWidth, 1), message: message) }
    }

    private func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}
