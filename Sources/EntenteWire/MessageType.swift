/// The type byte after the header.
enum MessageType: UInt8 {
    case hello = 1, welcome = 2, phaseStart = 3, report = 4, finish = 5, abort = 6, ready = 7
    case peer = 16
}
