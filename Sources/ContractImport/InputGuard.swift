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
/// 100,000 attributes takes seconds; the guard stops such a tag before libxml2 reaches it. It scans
/// each byte once, in the read callback, so its cost is linear in the file and tiny beside the parse.
/// It understands just enough of XML to know where tags, quoted values, comments, CDATA sections,
/// processing instructions and the DOCTYPE begin and end; libxml2 judges everything else.
struct InputGuard {
    /// The limits, documented in docs/FORMATS.md. A valid register or export stays far below each.
    enum Limits {
        /// Attributes in one start tag, namespace declarations included (a melding has at most 8).
        static let attributesPerTag = 64
        /// Bytes in one start or end tag: names and attribute values together.
        static let tagBytes = 16 * 1024
        /// Bytes of text between two tags (a sector, an amount, or white space).
        static let textBytes = 16 * 1024
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

    private enum State {
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
    private var lastTagByte: UInt8 = 0
    /// 1 for UTF-8 and other ASCII-compatible encodings, 2 for UTF-16; decided by the first bytes.
    private var unitWidth = 0
    private var bigEndian = false
    private var pendingByte: UInt8?
    /// Whether the first `<` has been seen; before it only white space and a byte order mark may stand.
    private var started = false
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
            // Fast paths: skip ordinary text and attribute values with memchr, up to the byte that ends them.
            let fastPath: (byte: UInt8, limit: Int, what: String)? = switch state {
            case .text where started: (UInt8(ascii: "<"), Limits.textBytes, "text between two tags")
            case .quoted(let quote): (quote, Limits.tagBytes, "a tag")
            default: nil
            }
            if let fastPath {
                let rest = count - index
                guard let found = memchr(base + index, Int32(fastPath.byte), rest) else {
                    index = count
                    offset += rest
                    checkRun(fastPath.limit, fastPath.what)
                    continue
                }
                let skip = base.advanced(by: index).distance(to: UnsafeRawPointer(found))
                index += skip
                offset += skip
            }
            step(base.load(fromByteOffset: index, as: UInt8.self), isNUL: false)
            index += 1
            offset += 1
        }
    }

    /// Advances the state machine by one character (for UTF-16, one code unit mapped to ASCII).
    private mutating func step(_ byte: UInt8, isNUL: Bool) {
        if isNUL {
            violation = Violation(byteOffset: offset * Swift.max(unitWidth, 1), message: "the file contains a NUL character, which XML text never does", isNotXML: !started)
            return
        }
        recent = recent << 8 | UInt32(byte)
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
            if byte == UInt8(ascii: "<") {
                checkRun(Limits.textBytes, "text between two tags")
                begin(.open)
            } else {
                checkRun(Limits.textBytes, "text between two tags")
            }
        case .open:
            switch byte {
            case UInt8(ascii: "/"): state = .endTag
            case UInt8(ascii: "!"): state = .bang; bangBytes.removeAll(keepingCapacity: true)
            case UInt8(ascii: "?"): state = .processingInstruction
            default:
                state = .startTag
                attributes = 0
                depth += 1
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
            checkRun(Limits.tagBytes, "a tag")
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                attributes += 1
                if attributes > Limits.attributesPerTag {
                    refuseAtRunStart("a tag has more than \(Limits.attributesPerTag) attributes; the formats need at most 8")
                }
                state = .quoted(byte)
            case UInt8(ascii: ">"):
                if case .endTag = state {
                    depth -= 1
                } else if lastTagByte == UInt8(ascii: "/") {
                    depth -= 1
                }
                begin(.text)
            default:
                break
            }
            if !isXMLSpace(byte) { lastTagByte = byte }
        case .quoted(let quote):
            checkRun(Limits.tagBytes, "a tag")
            if byte == quote {
                state = .startTag
                lastTagByte = byte
            }
        case .comment:
            checkRun(Limits.markupBytes, "a comment")
            if recent & 0xFF_FFFF == 0x2D_2D3E { begin(.text) } // "-->"
        case .cdata:
            checkRun(Limits.textBytes, "a CDATA section")
            if recent & 0xFF_FFFF == 0x5D_5D3E { begin(.text) } // "]]>"
        case .processingInstruction:
            checkRun(Limits.markupBytes, "a processing instruction")
            if recent & 0xFFFF == 0x3F3E { begin(.text) } // "?>"
        case .doctype:
            checkRun(Limits.markupBytes, "the DOCTYPE declaration")
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
            checkRun(Limits.markupBytes, "the DOCTYPE declaration")
            if byte == quote { state = .doctype }
        }
    }

    private static let commentOpener = Array("--".utf8)
    private static let cdataOpener = Array("[CDATA[".utf8)
    private static let doctypeOpener = Array("DOCTYPE".utf8)

    private mutating func begin(_ next: State) {
        state = next
        runStart = offset + 1
        lastTagByte = 0
        if case .open = next { runStart = offset }
    }

    private mutating func checkRun(_ limit: Int, _ what: String) {
        if offset - runStart >= limit, violation == nil {
            // Placed where the long run begins: that is where the reader must look.
            violation = Violation(byteOffset: runStart * Swift.max(unitWidth, 1), message: "\(what) is longer than \(limit / 1024) KiB, more than the formats ever need")
        }
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
