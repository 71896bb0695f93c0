import CZlibCRC

/// The CRC-32 of a zip entry's inflated bytes, taken by the system's zlib as they stream by.
///
/// ZIPFoundation computes it with a byte-at-a-time Swift table on Linux (its `canImport(zlib)`
/// is false there), which took about a tenth of a large workbook's time; zlib's `crc32` does the
/// same sum several bytes at a time. This is the only file that calls zlib.
struct EntryChecksum {
    private(set) var value: UInt32 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var rest = bytes.count
        var at = base.assumingMemoryBound(to: UInt8.self)
        // zlib counts in UInt32 (uInt); a chunk is 64 KB, but nothing here relies on that.
        while rest > 0 {
            let step = min(rest, Int(UInt32.max))
            value = UInt32(truncatingIfNeeded: crc32(UInt(value), at, UInt32(step)))
            at += step
            rest -= step
        }
    }
}

/// Whether a zip entry's deflated bytes hold a whole deflate stream, inflated by the system's
/// zlib into a scratch buffer and thrown away.
///
/// The zip library's inflate loop asks for more input until the stream ends; when the entry's
/// bytes run out first (a damaged or hostile zip), it asks forever. Checked here first, such an
/// entry is a damaged part, named, and the loop never starts.
enum DeflateStream {
    /// True when inflating `bytes[range]` reaches the stream's end inside it, with no error and
    /// without stalling; false otherwise.
    static func ends(_ bytes: [UInt8], in range: Range<Int>) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        return bytes.withUnsafeBytes { raw -> Bool in
            scratch.withUnsafeMutableBytes { out -> Bool in
                guard let input = raw.baseAddress, let output = out.baseAddress else { return range.isEmpty }
                var stream = z_stream()
                guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return false }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: UInt8.self) + range.lowerBound)
                var rest = range.count
                while true {
                    let feed = min(rest, Int(UInt32.max))
                    stream.avail_in = UInt32(feed)
                    stream.next_out = output.assumingMemoryBound(to: UInt8.self)
                    stream.avail_out = UInt32(out.count)
                    let before = (stream.avail_in, stream.avail_out)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    rest -= feed - Int(stream.avail_in)
                    if result == Z_STREAM_END { return true }
                    // An error, or no byte in and none out: the stream can't end here.
                    guard result == Z_OK, (stream.avail_in, stream.avail_out) != before else { return false }
                    if rest == 0 && stream.avail_out != 0 { return false }
                }
            }
        }
    }
}
