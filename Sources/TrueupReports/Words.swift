/// Numbers in sentences, as the brief writes them.
enum Words {
    /// "31%", "4.5%" below 10.
    static func percent(_ value: Double) -> String {
        value >= 9.95 ? "\(Int64(value.rounded()))%" : NumberText.readable(value, decimals: 1) + "%"
    }
}
