/// Where a partition's slots were made and its forecast rows read, in the order of one run over the
/// whole book: the side (actuals are read first) and the line of the side's text.
///
/// A slot is made by the first row of its key; one run makes the slots, and keeps the forecast rows,
/// in reading order. The merge puts the partitions' slots and rows back in that order, so the book it
/// scores is the one a single run scores, slot for slot.
struct PanelPositions: Equatable {
    var slot: [UInt64] = []
    var row: [UInt64] = []

    @inline(__always)
    static func position(side: UInt64, line: Int32) -> UInt64 { side << 40 | UInt64(UInt32(bitPattern: line)) }
}
