/// How quantities enter the panel: as whole units of the inputs' smallest decimal place while that
/// keeps every sum exact (`QuantityScale`), as plain Doubles from the moment it can't.
extension Panel {
    /// Widens the units to a block's decimal places before its rows are merged, or gives up
    /// exactness when the block has a quantity no whole unit count holds (`decimals` nil).
    mutating func admit(decimals: Int?) {
        guard scale.exact else { return }
        guard let decimals else { return becomeInexact() }
        guard decimals > scale.decimals else { return }
        let factor = QuantityScale.powersOfTen[decimals - scale.decimals]
        guard magnitude * factor < QuantityScale.limit else { return becomeInexact() }
        // Whole numbers below 10^15 times a power of ten up to 10^9: still whole, and exact.
        for slot in actual.indices { actual[slot] *= factor }
        for row in rowValue.indices { rowValue[row] *= factor }
        magnitude *= factor
        scale = QuantityScale(decimals: decimals, exact: true)
    }

    /// A quantity read as the panel holds it: in units while exact (and counted in `magnitude`).
    @inline(__always)
    mutating func units(_ value: Double) -> Double {
        guard scale.exact else { return value }
        let units = scale.units(value)
        magnitude += abs(units)
        guard magnitude < QuantityScale.limit else {
            becomeInexact()
            return value
        }
        return units
    }

    /// Converts the forecast values from `start` on, appended as read, to units.
    mutating func convertForecastValues(from start: Int) {
        guard scale.exact else { return }
        for row in start..<rowValue.count {
            rowValue[row] = units(rowValue[row])
            guard scale.exact else { return }
        }
    }

    /// From here on quantities are plain Doubles; those held as units become quantities again
    /// (each one division, so a value read comes back as it was read).
    mutating func becomeInexact() {
        let old = scale
        if old.decimals > 0 {
            for slot in actual.indices { actual[slot] = old.quantity(units: actual[slot]) }
            for row in rowValue.indices { rowValue[row] = old.quantity(units: rowValue[row]) }
        }
        scale = .inexact
    }
}
