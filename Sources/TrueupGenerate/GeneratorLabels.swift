/// The bytes of the keys the generator writes: customer ids, item ids and periods.
///
/// Customer ids are `C` and the customer's number from 1, zero-padded to four
/// digits or to the digits of `customers` if that is wider (`C0001`); items are
/// `SKU` and five digits or more on the same rule (`SKU00001`). Every id in a
/// file has the same width, so ids sort the same as text and as numbers.
/// Periods are `YYYY-MM`.
struct GeneratorLabels {
    let customerWidth: Int
    let itemWidth: Int
    /// `YYYY-MM,` for every target month, `periodStride` bytes each.
    let periods: [UInt8]
    static let periodStride = 8

    init(config: GeneratorConfig) {
        customerWidth = max(4, Self.digits(config.customers))
        itemWidth = max(5, Self.digits(config.items))
        var periods: [UInt8] = []
        periods.reserveCapacity(config.targetMonths * Self.periodStride)
        for index in 0..<config.targetMonths {
            let monthNumber = config.startYear * 12 + config.startMonth - 1 + index
            periods += Self.padded(monthNumber / 12, width: 4)
            periods.append(UInt8(ascii: "-"))
            periods += Self.padded(monthNumber % 12 + 1, width: 2)
            periods.append(UInt8(ascii: ","))
        }
        self.periods = periods
    }

    /// The length of every `customer,item,` prefix.
    var keyPrefixLength: Int { 1 + customerWidth + 1 + 3 + itemWidth + 1 }

    /// The customer id of customer `index` (0-based), e.g. `C0001` for 0.
    func customerID(_ index: Int) -> [UInt8] {
        [UInt8(ascii: "C")] + Self.padded(index + 1, width: customerWidth)
    }

    /// Replaces `prefix` with `customer,item,` for the given 0-based indices.
    func keyPrefix(customer: Int, item: Int, into prefix: inout [UInt8]) {
        prefix.removeAll(keepingCapacity: true)
        prefix += customerID(customer)
        prefix.append(UInt8(ascii: ","))
        prefix += Array("SKU".utf8)
        prefix += Self.padded(item + 1, width: itemWidth)
        prefix.append(UInt8(ascii: ","))
    }

    /// Decimal digits of a non-negative number (1 for 0).
    static func digits(_ value: Int) -> Int {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func padded(_ value: Int, width: Int) -> [UInt8] {
        let text = Array(String(value).utf8)
        return [UInt8](repeating: UInt8(ascii: "0"), count: max(0, width - text.count)) + text
    }
}
