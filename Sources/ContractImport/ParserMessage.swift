import Foundation

/// Words for libxml2's well-formedness errors.
///
/// libxml2's own message texts quote the document: names, attribute values, entity names, and for
/// bad UTF-8 the next bytes in hex. A meldingen export's content must never be repeated (a case key
/// can stand anywhere, even as an attribute name), so for an export the message is the tool's own
/// words, chosen by libxml2's error code. A register is the municipality's own data: there the first
/// line of libxml2's text is kept, which names what it found.
enum ParserMessage {
    static func words(code: Int32, libxml2Text: String?, echoesContent: Bool) -> String {
        if echoesContent, let firstLine = libxml2Text?.split(whereSeparator: \.isNewline).first {
            return "not well-formed XML: " + firstLine.trimmingCharacters(in: .whitespaces)
        }
        return "not well-formed XML: " + ownWords(code)
    }

    // The codes of xmlParserErrors (libxml/xmlerror.h), grouped by what the reader must fix.
    private static func ownWords(_ code: Int32) -> String {
        switch code {
        case 4: "the file is empty"
        case 5, 86: "there is content after the end of the root element"
        case 6, 7, 8, 9, 10: "a character that XML does not allow, or a character reference to one"
        case 81: "bytes that are not valid in the file's encoding (UTF-8 unless the XML declaration names another)"
        case 31, 32, 79: "the XML declaration names an encoding that cannot be read"
        case 22, 23, 24, 25, 14: "an & that does not start a complete reference; write & as &amp;"
        case 26, 27, 28, 29, 30, 88, 89, 104: "a reference to an entity that is not defined; the formats use only "
            + "the five predefined entities (&lt; &gt; &amp; &quot; &apos;) and character references"
        case 38: "a < inside an attribute value; write it as &lt;"
        case 39, 40, 43, 44, 33, 34: "an attribute value without its opening or closing quote"
        case 41, 84, 75: "an attribute without a value; every attribute needs =\"value\""
        case 42, 203: "the same attribute occurs twice in one tag"
        case 45, 80: "a comment that is not closed with -->, or holds --"
        case 46, 47: "a processing instruction that is not closed with ?>"
        case 56, 57, 96, 108, 109, 78: "the XML declaration at the top of the file is malformed"
        case 61, 60, 21, 19: "the DOCTYPE declaration is malformed"
        case 62, 63: "a CDATA section that is not closed with ]]>"
        case 64: "a name that XML reserves"
        case 65, 66: "a space is missing between two attributes or names"
        case 67, 68, 110: "a name is missing, malformed, or too long"
        case 72, 3: "the file does not start with an element; is it XML at all?"
        case 73, 77: "a tag that is not closed with >"
        case 74, 76, 85: "an end tag that does not match its start tag, or an element that is not closed"
        case 35, 200, 201, 202, 204, 205: "a namespace prefix or declaration that is not valid"
        case 2: "libxml2 ran out of memory"
        default: "libxml2 error \(code)"
        }
    }
}
