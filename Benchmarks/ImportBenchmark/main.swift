// Times one way of reading a meldingen export and prints its figures; run one mode per process
// (see scripts/benchmark-import.sh) so each peak memory figure is that mode's own.
import CLibXML2
import ComplianceRules
import ContractImport
import Foundation

struct CountingConsumer: MeldingenConsumer {
    var records = 0
    var repeats = 0
    mutating func begin(_ header: MeldingenExportHeader) {}
    mutating func consume(_ melding: Melding) {
        records += 1
        if melding.isRepeat { repeats += 1 }
    }
}

/// A bare SAX2 parse through the project's own CLibXML2: counts start tags and does nothing else.
func bareSAX2(_ file: String) -> Int {
    var handler = xmlSAXHandler()
    handler.initialized = UInt32(XML_SAX2_MAGIC)
    handler.startElementNs = { context, _, _, _, _, _, _, _, _ in
        context!.assumingMemoryBound(to: Int.self).pointee += 1
    }
    var count = 0
    withUnsafeMutablePointer(to: &count) { pointer in
        _ = xmlSAXUserParseFile(&handler, pointer, file)
    }
    return count - 1  // the root element
}

func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

let arguments = CommandLine.arguments
guard arguments.count == 3, ["sax2", "import", "validate"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: import-benchmark sax2|import|validate FILE\n".utf8))
    exit(64)
}
let (mode, file) = (arguments[1], arguments[2])
let clock = ContinuousClock()
var records = 0
let elapsed = try clock.measure {
    switch mode {
    case "sax2":
        records = bareSAX2(file)
    case "import":
        var consumer = CountingConsumer()
        records = try MeldingenImporter().read(file, into: &consumer).recordCount
    default:
        records = try DocumentValidator().validate(file).recordCount
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let label = mode.padding(toLength: 9, withPad: " ", startingAt: 0)
print(label + String(format: "%9d records %7.2f s %7.1f MB peak", records, seconds, peakMegabytes()))
