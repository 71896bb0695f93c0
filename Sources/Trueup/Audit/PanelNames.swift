/// The codes as the user wrote them: with `--normalize-keys` the panel holds normalised codes,
/// and these give the forecasts' spelling of each (the actuals' when only they have it).
extension Panel {
    func customerName(_ id: Int32) -> String { customerSpellings[id]?.text ?? customers.name(id) }
    func itemName(_ id: Int32) -> String { itemSpellings[id]?.text ?? items.name(id) }

    var customerNames: [String] { (0..<customers.count).map { customerName(Int32($0)) } }
    var itemNames: [String] { (0..<items.count).map { itemName(Int32($0)) } }
}
