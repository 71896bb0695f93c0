/// One customer's rows of the result's per-customer lists, found by binary search.
///
/// `stability` and `agreement` are sorted by customer in byte order of the names;
/// the table asks for every customer's rows, and a scan per customer was quadratic.
extension ReportResult {
    public func stabilityRows(of customer: String) -> ArraySlice<StabilityRow> {
        Self.rows(of: customer, in: stability, name: \.customer)
    }

    public func agreementRows(of customer: String) -> ArraySlice<AgreementRow> {
        Self.rows(of: customer, in: agreement, name: \.customer)
    }

    static func rows<Row>(of customer: String, in rows: [Row], name: (Row) -> String) -> ArraySlice<Row> {
        func first(where after: (Row) -> Bool) -> Int {
            var low = 0, high = rows.count
            while low < high {
                let middle = (low + high) / 2
                if after(rows[middle]) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let start = first { !name($0).precedesInByteOrder(customer) }
        let end = first { customer.precedesInByteOrder(name($0)) }
        return start < end ? rows[start..<end] : []
    }
}
