import TrueupCSV
import TrueupSystem

// The computation side's doors to the reader's byte APIs, which take byte views
// (`UncheckedBytes`): the policy and price files, and the normalised codes, pass byte arrays
// and strings here and never hold a view. Each door lends the bytes for the one call and
// keeps nothing.

extension KeyDictionary {
    /// The id of `name`'s UTF-8 bytes, adding it when new.
    mutating func id(forName name: String) -> Int32 {
        var name = name
        return name.withUncheckedBytes { id(for: $0) }
    }
}

extension Quantity {
    /// The number a field's bytes spell, or nil (see `parse(_:decimalComma:)`).
    static func parse(bytes: [UInt8], decimalComma: Bool) -> Double? {
        bytes.withUncheckedBytes { parse($0, decimalComma: decimalComma) }
    }
}

extension TextEncoding {
    /// A field's bytes as text (see `string(_:)`).
    func string(bytes: [UInt8]) -> String {
        bytes.withUncheckedBytes { string($0) }
    }
}

extension SystemFile {
    /// Reads up to `chunk.count` bytes into `chunk` and returns how many; 0 at the end of the file.
    func read(into chunk: inout [UInt8]) throws(SystemError) -> Int {
        let got = chunk.withUnsafeMutableBytes { bytes in Result { () throws(SystemError) in try read(into: bytes) } }
        return try got.get()
    }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UncheckedColumn<UInt8>) throws(SystemError) {
        try write(UnsafeRawBufferPointer(bytes.unsafeBuffer))
    }
}

/// A column of integers as little-endian bytes, and back (a partial's columns): one copy of the memory each way.
enum LittleEndianColumn {
    /// Appends the column's bytes, little-endian, to `out` (straight from its memory on a little-endian machine).
    static func append<T: FixedWidthInteger>(_ column: [T], to out: inout [UInt8]) {
        if 1.littleEndian == 1 {
            column.withUnsafeBytes { out.append(contentsOf: $0) }
        } else {
            column.map(\.littleEndian).withUnsafeBytes { out.append(contentsOf: $0) }
        }
    }

    /// Appends a column of Doubles as their IEEE 754 bits, little-endian.
    static func append(_ column: [Double], to out: inout [UInt8]) {
        if 1.littleEndian == 1 {
            column.withUnsafeBytes { out.append(contentsOf: $0) }
        } else {
            append(column.map(\.bitPattern), to: &out)
        }
    }

    /// The values of `bytes`, whose count is a whole number of values.
    static func values<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>) -> [T] {
        var values = [T](repeating: 0, count: bytes.count / MemoryLayout<T>.size)
        values.withUnsafeMutableBytes { target in bytes.withUnsafeBytes { target.copyMemory(from: $0) } }
        return values.map { T(littleEndian: $0) }
    }
}
