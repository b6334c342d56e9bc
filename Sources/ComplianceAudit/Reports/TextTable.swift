import Foundation

/// A plain table for a terminal: columns padded to their widest cell, numbers aligned right.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns to align right (numbers).
    var rightAligned: Set<Int> = []

    func render(indent: String = "  ") -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? visibleWidth($0[column]) : 0 }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - visibleWidth(cell)))
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).map { indent + $0 }.joined(separator: "\n") + "\n"
    }
}

/// Characters a terminal shows: ANSI colour sequences take no room.
private func visibleWidth(_ text: String) -> Int {
    guard text.utf8.contains(0x1B) else { return text.count }
    return text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).count
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
