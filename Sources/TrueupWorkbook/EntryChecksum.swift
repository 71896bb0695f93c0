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
