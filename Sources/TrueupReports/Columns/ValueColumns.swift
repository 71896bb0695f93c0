import Trueup

extension MetricsColumns {
    /// The money columns metrics.csv adds after the others with `--prices` (METRICS.md, "Value: accuracy in money").
    public static let value = ColumnTable<MetricsRow>([
        .init("priced_cells", "How many of the item-months have a price; the others are left out of the money columns, never valued at 0.") {
            .integer($0.figures.value?.pricedCells ?? 0)
        },
        .init("actual_value", "The priced item-months' actual quantity times price.") { .figure($0.figures.value?.actualValue) },
        .init("forecast_value", "The priced item-months' forecast quantity times price.") { .figure($0.figures.value?.forecastValue) },
        .init("value_bias_pct", "bias_pct in money: how far the forecast's value was above (+) or below (-) the actual value, in percent.", .percent) {
            .figure($0.figures.value?.valueBiasPct)
        },
        .init("value_wmape", "wmape in money: every priced item-month's miss times its price, in percent of the actual value.", .percent) {
            .figure($0.figures.value?.valueWmape)
        },
        .init("excess_cost", "Forecast that was not bought, at cost (the price when no cost is given): stock bought on the customer's word.") {
            .figure($0.figures.value?.excessCost)
        },
        .init("shortfall_value", "Purchases that were not forecast, at price: sales put at risk.") { .figure($0.figures.value?.shortfallValue) },
        .init("value_fva", "Money the forecast saved against repeating past actuals (the naive forecast of naive_wmape), on the priced item-months; negative: it cost money.") {
            .figure($0.figures.value?.valueFva)
        },
    ])

    /// Every column, the money columns last when `priced` (`--prices`).
    public static func table(_ grouping: Grouping, priced: Bool) -> ColumnTable<MetricsRow> {
        priced ? table(grouping) + value : table(grouping)
    }
}
