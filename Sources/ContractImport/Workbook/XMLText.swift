/// Text for XML that the tool writes (a workbook's register document, a workbook's parts).
public enum XMLText {
    /// Escaped for element content and attribute values alike: `&`, `<`, `>` and `"` as entities,
    /// tab, line feed and carriage return as character references (so an attribute keeps them),
    /// and what XML 1.0 cannot hold at all (other control characters, U+FFFE, U+FFFF) left out.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
