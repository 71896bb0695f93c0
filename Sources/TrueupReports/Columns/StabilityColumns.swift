import Trueup

/// The columns of stability.csv: each customer's revisions between every pair of its lags (METRICS.md "Forecast stability").
public enum StabilityCSV {
    public static let table = ColumnTable<StabilityRow>([
        .init("customer", "The customer.") { .text($0.customer) },
        .init("from_lag", "The earlier forecast: this many months ahead.") { .integer($0.fromLag) },
        .init("to_lag", "The later forecast of the same item-months: this many months ahead.") { .integer($0.toLag) },
        .init("cells", "Item-months forecast at both lags.") { .integer($0.cells) },
        .init("revised_cells", "Of those, how many the later forecast changed.") { .integer($0.revisedCells) },
        .init("revision_pct", "How much the forecasts changed, ignoring direction, in percent of the earlier forecast.", .percent) { .figure($0.revisionPct) },
        .init("net_revision_pct", "The net change in percent of the earlier forecast: negative means the customer cut its forecast late.", .percent) { .figure($0.netRevisionPct) },
        .init("improved_pct", "Of the changed item-months, the percentage where the later forecast was closer to the actual.", .percent) { .figure($0.improvedPct) },
        .init("worsened_pct", "Of the changed item-months, the percentage where the later forecast was further from the actual.", .percent) { .figure($0.worsenedPct) },
        .init("wmape_from", "wMAPE of the earlier forecast on these item-months.", .percent) { .figure($0.wmapeFrom) },
        .init("wmape_to", "wMAPE of the later forecast on the same item-months.", .percent) { .figure($0.wmapeTo) },
        .init("revision_fva_pts", "wmape_from minus wmape_to: positive means the late revisions made the forecast better.", .points) { .figure($0.revisionFvaPts) },
    ])

    public static func render(_ rows: [StabilityRow], dialect: CSVOutputDialect = .plain) -> String { table.csv(rows, dialect: dialect) }
    /// The same text, each line written to `stream` as it is made.
    public static func render(_ rows: [StabilityRow], dialect: CSVOutputDialect = .plain, into stream: TextStream) {
        table.csv(rows, dialect: dialect, into: stream)
    }
    public static func value(_ rows: [StabilityRow]) -> JSONValue { table.json(rows) }
}

/// The columns of agreement.csv: each customer against each band of its agreement (METRICS.md "Agreement compliance").
public enum AgreementCSV {
    public static let table = ColumnTable<AgreementRow>([
        .init("customer", "The customer.") { .text($0.customer) },
        .init("lag", "The lag the band is measured at.") { .integer($0.band.lag) },
        .init("under_pct", "The agreement lets the customer buy up to this % less than forecast.", .percent) { .figure($0.band.underPct) },
        .init("over_pct", "The agreement lets the customer buy up to this % more than forecast.", .percent) { .figure($0.band.overPct) },
        .init("cells", "Item-months scored at this lag.") { .integer($0.figures.cells) },
        .init("cells_in_band", "Item-months whose purchase was within the band around the forecast.") { .integer($0.figures.cellsInBand) },
        .init("in_band_pct", "cells_in_band in percent of cells.", .percent) { .figure($0.figures.inBandPct) },
        .init("units_below_band", "Units bought short of the band's lower edge, summed: the customer's liability under a take-or-pay reading.") { .figure($0.figures.unitsBelowBand) },
        .init("units_above_band", "Units bought beyond the band's upper edge, summed: demand the supplier did not promise to cover.") { .figure($0.figures.unitsAboveBand) },
        .init("below_band_pct", "units_below_band in percent of the total forecast.", .percent) { .figure($0.figures.belowBandPct) },
        .init("above_band_pct", "units_above_band in percent of the total actual.", .percent) { .figure($0.figures.aboveBandPct) },
        .init("periods", "Months scored at this lag.") { .integer($0.figures.periods) },
        .init("periods_in_band", "Months whose total purchase was within the band around the month's total forecast.") { .integer($0.figures.periodsInBand) },
        .init("revision_from_lag", "With a revision limit: the earlier lag (else empty).", .count) { row in .figure(row.band.revisionLimit.map { Double($0.fromLag) }) },
        .init("revision_to_lag", "With a revision limit: the later lag (else empty).", .count) { row in .figure(row.band.revisionLimit.map { Double($0.toLag) }) },
        .init("revision_limit_pct", "With a revision limit: how much a forecast may change between those lags, in % of the earlier one.", .percent) { .figure($0.band.revisionLimit?.limitPct) },
        .init("revision_cells", "With a revision limit: item-months forecast at both lags.", .count) { row in .figure(row.revision.map { Double($0.cells) }) },
        .init("revision_violations", "With a revision limit: those whose forecast changed by more than the limit.", .count) { row in .figure(row.revision.map { Double($0.violations) }) },
        .init("revision_excess_units", "With a revision limit: the units changed beyond the limit, summed over the violations.") { .figure($0.revision?.excessUnits) },
    ])

    /// The money columns agreement.csv adds after the others with `--prices` (METRICS.md, "Value: accuracy in money").
    public static let money = ColumnTable<AgreementRow>([
        .init("below_band_value", "units_below_band at price, item-month by item-month (a customer's own price before the general one); item-months without a price are left out, never valued at 0, and with none priced the field is empty.") {
            .figure($0.figures.value?.belowBandValue)
        },
        .init("above_band_value", "units_above_band at price, item-month by item-month; item-months without a price are left out, never valued at 0.") {
            .figure($0.figures.value?.aboveBandValue)
        },
    ])

    /// Every column, the money columns last when `priced` (`--prices`).
    public static func table(priced: Bool) -> ColumnTable<AgreementRow> { priced ? table + money : table }

    public static func render(_ rows: [AgreementRow], priced: Bool = false, dialect: CSVOutputDialect = .plain) -> String {
        table(priced: priced).csv(rows, dialect: dialect)
    }

    /// The same text, each line written to `stream` as it is made.
    public static func render(_ rows: [AgreementRow], priced: Bool = false, dialect: CSVOutputDialect = .plain, into stream: TextStream) {
        table(priced: priced).csv(rows, dialect: dialect, into: stream)
    }
    public static func value(_ rows: [AgreementRow], priced: Bool = false) -> JSONValue { table(priced: priced).json(rows) }
}
