/// Recognises, from a file's first bytes, text in an encoding the reader can't read.
///
/// A byte order mark names UTF-32 (`FF FE 00 00`, `00 00 FE FF`) or UTF-16
/// (`FF FE`, `FE FF`), checked in that order since the little-endian UTF-32 mark
/// starts with the UTF-16 one. Without a mark, text with a zero byte in every other
/// place is UTF-16: a CSV is mostly letters, digits and delimiters, each a zero and
/// one other byte in UTF-16, while UTF-8 text has no zero bytes. The first 512
/// bytes decide; at least three quarters of them must have the zero on one side
/// and none on the other.
enum UnsupportedEncoding {
    static func name(_ sample: [UInt8]) -> String? {
        if sample.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || sample.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32" }
        if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        let pairs = min(sample.count, 512) / 2
        guard pairs >= 4 else { return nil }
        var zeroFirst = 0, zeroSecond = 0
        for k in 0..<pairs {
            if sample[2 * k] == 0 { zeroFirst += 1 }
            if sample[2 * k + 1] == 0 { zeroSecond += 1 }
        }
        let most = (pairs * 3 + 3) / 4
        if (zeroSecond >= most && zeroFirst == 0) || (zeroFirst >= most && zeroSecond == 0) { return "UTF-16" }
        return nil
    }
}
