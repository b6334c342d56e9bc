import CLibXML2
import ComplianceRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sees the bytes of a file as a parse reads them, once each, in order.
public protocol InputObserver: AnyObject {
    func observe(_ bytes: UnsafeRawBufferPointer)
    /// The read starts again from the file's first byte: forget what was seen.
    func restart()
}

/// Receives the events of one streaming parse, synchronously, on the parsing thread. The byte
/// views handed in are valid only during the call.
protocol SAXEventHandler: AnyObject {
    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse)
    func endElement(_ element: ElementName, parse: SAXParse)
    func characters(_ text: UnsafeRawBufferPointer, parse: SAXParse)
}

extension SAXEventHandler {
    func endElement(_ element: ElementName, parse: SAXParse) {}
    func characters(_ text: UnsafeRawBufferPointer, parse: SAXParse) {}
}

/// One streaming SAX2 parse of one file, with libxml2 set up safely: no network, no DTD loading,
/// no entity substitution, and any entity declaration refused before it can be used.
///
/// Optionally an XSD is plugged into the same pass, so a document is read once. All libxml2 state
/// lives and dies inside `run()`; nothing that points into libxml2 escapes it.
final class SAXParse {
    let file: String
    fileprivate let handler: SAXEventHandler
    private let schema: CompiledSchema?
    private(set) var log: DiagnosticLog
    private var parser: xmlParserCtxtPtr?
    private(set) var stopped = false
    /// Set by the safety checks; the parse stops at once and reports only that.
    private(set) var refusedAsUnsafe = false
    /// Set when the input guard found the file is not XML text at all.
    private(set) var refusedAsNotXML = false
    private var notWellFormed = false
    private var descriptor: Int32 = -1
    /// Bytes to parse instead of the file's: a part of a workbook, read from its archive. `file`
    /// then only names it in messages.
    private let memory: [UInt8]?
    private var memoryOffset = 0
    private var readError: String?
    /// Sees every byte read, in order: the audit hashes the bytes it judged.
    var observer: InputObserver?

    /// What libxml2 may do: never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
    /// CDATA sections arrive through `cdataBlock`, which hands them on as text.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
        | XML_PARSE_NOWARNING.rawValue)

    /// Whether messages may quote the document (names, values): only for a register, the
    /// municipality's own data; never for a meldingen export or a file of unknown kind.
    let echoesContent: Bool
    /// Refuses, before libxml2 parses them, bytes that neither format needs and that would be slow.
    private var inputGuard = InputGuard()
    /// The last tag position found, by the parser's cursor: problems of one tag are placed once.
    private var tagLocationCache: (cursor: UnsafePointer<xmlChar>, line: Int32, location: SourceLocation)?
    /// Messages that libxml2 printed through its generic error function (never their text).
    private(set) var genericErrorCount = 0

    init(file: String, handler: SAXEventHandler, schema: CompiledSchema?, diagnosticLimit: Int,
         echoesContent: Bool = false, bytes: [UInt8]? = nil) {
        self.file = file
        self.memory = bytes
        self.handler = handler
        self.schema = schema
        self.echoesContent = echoesContent
        self.log = DiagnosticLog(file: file, limit: diagnosticLimit)
    }

    /// Parses the whole file (or until a handler stops it). Problems in the document go to `log`;
    /// only a file that cannot be read throws.
    func run() throws(ImportError) {
        LibXML2.ensureInitialized()
        if memory == nil {
            descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else {
                throw .unreadable(file: file, reason: String(cString: strerror(errno)))
            }
        }
        defer { if descriptor >= 0 { close(descriptor) } }

        var handlers = Self.makeHandlers()
        let context = Unmanaged.passUnretained(self).toOpaque()
        // The structured error handler is per thread: set it for this synchronous parse only.
        xmlSetStructuredErrorFunc(context, onError)
        var genericSink = clibxml2_generic_error_sink(
            notify: { context in session(context).genericErrorCount += 1 }, context: context)
        clibxml2_set_generic_error_sink(&genericSink)
        defer {
            xmlSetStructuredErrorFunc(nil, nil)
            clibxml2_set_generic_error_sink(nil)
        }

        // libxml2 pulls the bytes through `readInput`: it never opens a file or URL itself.
        guard let parser = xmlCreateIOParserCtxt(
            &handlers, context, { context, buffer, length in session(context).readInput(buffer, length) },
            nil, context, XML_CHAR_ENCODING_NONE)
        else {
            // The first read already refused the file: that is the problem to report.
            if refusedAsUnsafe { return }
            throw .unreadable(file: file, reason: readError ?? "libxml2 could not create a parser")
        }
        self.parser = parser
        defer {
            self.parser = nil
            xmlFreeParserCtxt(parser)
        }
        xmlCtxtUseOptions(parser, Self.options)

        var validator: xmlSchemaValidCtxtPtr?
        var plug: xmlSchemaSAXPlugPtr?
        if let schema {
            validator = xmlSchemaNewValidCtxt(schema.pointer)
            xmlSchemaSetValidStructuredErrors(validator, onError, context)
            plug = clibxml2_plug_schema(validator, parser)
        }
        defer {
            if let plug { xmlSchemaSAXUnplug(plug) }
            if let validator { xmlSchemaFreeValidCtxt(validator) }
        }
        _ = xmlParseDocument(parser)
        if genericErrorCount > 0, log.isEmpty {
            // libxml2 printed something it did not raise as an error; its text is not shown.
            log.record(Diagnostic(
                location: SourceLocation(file: file, line: 1, column: 1),
                message: "libxml2 could not fully check this document (an internal limitation of its schema "
                    + "validator); it is not accepted unchecked", origin: .parser))
        }
        // The observer sees the whole file, also what libxml2 did not need to read.
        if observer != nil, readError == nil {
            var rest = [CChar](repeating: 0, count: 1 << 16)
            while readInput(&rest, Int32(rest.count)) > 0 {}
        }
        if let readError {
            throw .unreadable(file: file, reason: readError)
        }
    }

    fileprivate func readInput(_ buffer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> Int32 {
        guard let buffer, length > 0 else { return 0 }
        var count: Int
        if let memory {
            count = min(Int(length), memory.count - memoryOffset)
            memory.withUnsafeBytes { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + memoryOffset, byteCount: count)
            }
            memoryOffset += count
        } else {
            repeat {
                count = read(descriptor, buffer, Int(length))
            } while count < 0 && errno == EINTR
        }
        if count < 0 {
            readError = String(cString: strerror(errno))
            return -1
        }
        guard count > 0 else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        if !refusedAsUnsafe, let violation = inputGuard.scan(bytes) {
            // Not `stop()`: halting the parser frees the very buffer libxml2 is reading into. A read
            // error stops libxml2 as surely, and its own message about it is not recorded.
            refusedAsNotXML = violation.isNotXML
            refuse(violation.message, at: locate(byteOffset: violation.byteOffset), stopping: false)
            stopped = true
            return -1
        }
        observer?.observe(bytes)
        return Int32(count)
    }

    private func locate(byteOffset: Int) -> SourceLocation {
        guard let memory else { return FilePosition.locate(byteOffset: byteOffset, in: file) }
        let before = memory.prefix(byteOffset)
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Stops the parse after the current event; used to refuse unsafe documents and to stop
    /// sniffing once the root element is known.
    func stop() {
        stopped = true
        if let parser { xmlStopParser(parser) }
    }

    /// The ordinal of the record being read, set by the handler while one is open: problems found
    /// meanwhile (by the handler or the schema) reject that record rather than the file.
    var recordScope: Int?

    /// Reports a problem the importer found (not libxml2), at the tag being read. `fileLevel`: it
    /// concerns the whole file even inside a record (a BSN, for one).
    func report(_ message: @autoclosure () -> String, at location: SourceLocation? = nil, fileLevel: Bool = false,
                reason: RejectionReason = .invalidValue) {
        log.record(Diagnostic(location: location ?? currentTagLocation(), message: message(), origin: .content, reason: reason),
                   rejecting: fileLevel ? nil : recordScope)
    }

    /// Whether another problem would still be shown; callers skip costly wording when not.
    var keepsProblems: Bool { log.hasRoom }

    /// Where the tag being read starts. libxml2 reports the position after the tag; scanning back
    /// to its `<` is exact, because a literal `<` cannot occur inside a tag.
    func currentTagLocation() -> SourceLocation {
        guard let parser else { return SourceLocation(file: file, line: 0, column: 0) }
        let rawLine = clibxml2_input_line(parser)
        if let cached = tagLocationCache, cached.cursor == clibxml2_input_cursor(parser), cached.line == rawLine {
            return cached.location
        }
        let location = scanBackToTag(parser)
        if let cursor = clibxml2_input_cursor(parser) { tagLocationCache = (cursor, rawLine, location) }
        return location
    }

    private func scanBackToTag(_ parser: xmlParserCtxtPtr) -> SourceLocation {
        let line = Int(clibxml2_input_line(parser))
        let column = Int(clibxml2_input_column(parser))
        guard let base = clibxml2_input_base(parser), var cursor = clibxml2_input_cursor(parser),
              cursor > base
        else { return SourceLocation(file: file, line: line, column: max(column, 1)) }
        let end = cursor
        var characters = 0
        var newlines = 0
        while cursor > base {
            cursor -= 1
            let byte = cursor.pointee
            if byte == UInt8(ascii: "<") { break }
            if byte == UInt8(ascii: "\n") { newlines += 1 }
            if byte & 0xC0 != 0x80 { characters += 1 }
        }
        guard cursor.pointee == UInt8(ascii: "<"), cursor < end else {
            return SourceLocation(file: file, line: line, column: max(column, 1))
        }
        if newlines == 0 {
            return SourceLocation(file: file, line: line, column: max(1, column - characters - 1))
        }
        var lineStart = cursor
        var columnOfTag = 1
        while lineStart > base {
            lineStart -= 1
            if lineStart.pointee == UInt8(ascii: "\n") { break }
            if lineStart.pointee & 0xC0 != 0x80 { columnOfTag += 1 }
        }
        return SourceLocation(file: file, line: line - newlines, column: columnOfTag)
    }

    fileprivate func recordLibXML2Error(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee
        guard raw.level != XML_ERR_WARNING, raw.level != XML_ERR_NONE else { return }
        // After a fatal well-formedness error libxml2 recovers and cascades: the first error is the one.
        if refusedAsUnsafe || notWellFormed { return }
        if raw.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            // Schema errors carry no column; place them at the tag being validated. Worded only
            // while there is room to show them: rewording costs more than the validation.
            log.record({
                let text = raw.message.map { String(cString: $0) } ?? ""
                return Diagnostic(
                    location: currentTagLocation(), message: SchemaMessage.plainWords(text, redactValues: !echoesContent),
                    origin: .schema, reason: SchemaMessage.reason(text))
            }(), rejecting: recordScope)
        } else {
            notWellFormed = raw.level == XML_ERR_FATAL
            log.record(Diagnostic(
                location: SourceLocation(file: file, line: Int(raw.line), column: max(1, Int(raw.int2))),
                message: ParserMessage.words(
                    code: raw.code, libxml2Text: raw.message.map { String(cString: $0) }, echoesContent: echoesContent),
                origin: .parser))
        }
    }

    /// Elements open at this moment.
    fileprivate var depth = 0

    /// The limits an element must keep before any of it is used: attributes (namespace
    /// declarations included), nesting, and no attribute supplied by a DTD default.
    fileprivate func withinLimits(attributes: Int, defaulted: Int) -> Bool {
        if attributes > InputGuard.Limits.attributesPerTag {
            refuse("a tag has more than \(InputGuard.Limits.attributesPerTag) attributes; the formats need at most 8",
                   at: currentTagLocation())
        } else if depth > InputGuard.Limits.depth {
            refuse("elements are nested more than \(InputGuard.Limits.depth) deep; the formats need 3", at: currentTagLocation())
        } else if defaulted > 0 {
            refuse("an attribute was supplied by a DTD default; DTD declarations are refused", at: currentTagLocation())
        } else {
            return true
        }
        return false
    }

    /// Refuses the document at once: the parse stops and only this problem is reported.
    private func refuse(_ message: String, at location: SourceLocation, stopping: Bool = true) {
        guard !refusedAsUnsafe else { return }
        refusedAsUnsafe = true
        log.record(Diagnostic(location: location, message: message, origin: .content))
        if stopping { stop() }
    }

    /// A declaration in a DTD. The input guard refuses an internal subset before libxml2 reads it;
    /// this is the second line of defence, should a declaration ever reach the parser.
    fileprivate func refuseDeclaration(_ kind: String) {
        refuse("the document declares \(kind) in a DTD; DTD declarations are refused for safety (they "
            + "can add attributes and defaults, expand without bound or read other files), and none is needed",
            at: currentTagLocation())
    }

    // MARK: - C callbacks (they cannot capture: the parse travels as the user-data pointer)

    private static func makeHandlers() -> xmlSAXHandler {
        var handlers = xmlSAXHandler()
        handlers.initialized = UInt32(XML_SAX2_MAGIC)
        // The parse outlives every callback, so borrow it without retain and release: these run
        // once per element and per text run, millions of times for an export.
        handlers.startElementNs = { context, localName, _, namespace, namespaceCount, _, attributeCount, defaulted, attributes in
            Unmanaged<SAXParse>.fromOpaque(context!)._withUnsafeGuaranteedRef { parse in
                guard !parse.stopped, let localName else { return }
                parse.depth += 1
                guard parse.withinLimits(attributes: Int(attributeCount) + Int(namespaceCount), defaulted: Int(defaulted)) else {
                    return
                }
                parse.handler.startElement(
                    ElementName(localName: localName, namespace: namespace),
                    attributes: AttributeList(base: attributes, count: Int(attributeCount)),
                    parse: parse)
            }
        }
        handlers.endElementNs = { context, localName, _, namespace in
            Unmanaged<SAXParse>.fromOpaque(context!)._withUnsafeGuaranteedRef { parse in
                parse.depth -= 1
                guard !parse.stopped, let localName else { return }
                parse.handler.endElement(ElementName(localName: localName, namespace: namespace), parse: parse)
            }
        }
        handlers.characters = { context, bytes, length in
            Unmanaged<SAXParse>.fromOpaque(context!)._withUnsafeGuaranteedRef { parse in
                guard !parse.stopped, let bytes else { return }
                parse.handler.characters(UnsafeRawBufferPointer(start: bytes, count: Int(length)), parse: parse)
            }
        }
        // CDATA sections are text, as XML defines them: the same for the reader as for the XSD.
        handlers.cdataBlock = { context, bytes, length in
            Unmanaged<SAXParse>.fromOpaque(context!)._withUnsafeGuaranteedRef { parse in
                guard !parse.stopped, let bytes else { return }
                parse.handler.characters(UnsafeRawBufferPointer(start: bytes, count: Int(length)), parse: parse)
            }
        }
        handlers.entityDecl = { context, _, _, _, _, _ in session(context).refuseDeclaration("an entity") }
        handlers.unparsedEntityDecl = { context, _, _, _, _ in session(context).refuseDeclaration("an entity") }
        handlers.attributeDecl = { context, _, _, _, _, _, _ in session(context).refuseDeclaration("attributes") }
        handlers.elementDecl = { context, _, _, _ in session(context).refuseDeclaration("an element") }
        handlers.notationDecl = { context, _, _, _ in session(context).refuseDeclaration("a notation") }
        return handlers
    }
}

private let onError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    session(context).recordLibXML2Error(UnsafePointer(error))
}

private func session(_ context: UnsafeMutableRawPointer?) -> SAXParse {
    Unmanaged<SAXParse>.fromOpaque(context!).takeUnretainedValue()
}

/// libxml2 must be initialised once before parses may run on several threads.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}
