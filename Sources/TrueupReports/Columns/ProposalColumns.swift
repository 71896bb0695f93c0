import Trueup

/// The proposed terms of `trueup agreement --format csv|json`: per customer and lag, the band and what it would have meant.
public enum ProposalColumns {
    public static let table = ColumnTable<ProposedTerms>([
        .init("customer", "The customer.") { .text($0.customer) },
        .init("lag", "The lag the band would be measured at.") { .integer($0.lag) },
        .init("coverage", "The share of item-months (with a forecast) the band was chosen to hold, in percent.") { .figure($0.coverage) },
        .init("ratio_cells", "Item-months with a forecast above 0: the actual ÷ forecast ratios the band is taken from.") { .integer($0.ratioCells) },
        .init("under_pct", "Proposed: the customer may buy up to this % less than forecast.") { .figure($0.underPct) },
        .init("over_pct", "Proposed: the customer may buy up to this % more than forecast.") { .figure($0.overPct) },
        .init("cells", "Item-months scored at this lag.") { .integer($0.figures.cells) },
        .init("cells_in_band", "Item-months that would have been within the proposed band.") { .integer($0.figures.cellsInBand) },
        .init("in_band_pct", "cells_in_band in percent of cells.") { .figure($0.figures.inBandPct) },
        .init("units_below_band", "Units that would have been bought short of the band, summed.") { .figure($0.figures.unitsBelowBand) },
        .init("units_above_band", "Units that would have been bought beyond the band, summed.") { .figure($0.figures.unitsAboveBand) },
        .init("below_band_pct", "units_below_band in percent of the total forecast.") { .figure($0.figures.belowBandPct) },
        .init("above_band_pct", "units_above_band in percent of the total actual.") { .figure($0.figures.aboveBandPct) },
        .init("periods", "Months scored at this lag.") { .integer($0.figures.periods) },
        .init("periods_in_band", "Months whose total purchase would have been within the band.") { .integer($0.figures.periodsInBand) },
        .init("bias_pct", "The customer's bias over those item-months: 100 x (forecast - actual) / actual. The band builds it in.") {
            .figure($0.biasPct)
        },
        .init("bias_significant", "true when the bias is at least the policy's watch bias and held month after month (sign test): then the band around an unbiased forecast is the fair one.") {
            .bool($0.biasIsSignificant)
        },
        .init("unbiased_under_pct", "The band's lower edge around a forecast without the bias: the same percentile of actual / (forecast x actual/forecast overall).") {
            .figure($0.unbiasedUnderPct)
        },
        .init("unbiased_over_pct", "The band's upper edge around a forecast without the bias.") { .figure($0.unbiasedOverPct) },
    ])

    /// With `--prices`: the proposed band's units below and above it at price, as agreement.csv's money columns.
    public static let money = ColumnTable<ProposedTerms>([
        .init("below_band_value", "units_below_band at price (item-months without a price left out, never valued at 0).") {
            .figure($0.figures.value?.belowBandValue)
        },
        .init("above_band_value", "units_above_band at price (item-months without a price left out, never valued at 0).") {
            .figure($0.figures.value?.aboveBandValue)
        },
    ])

    /// Every column, the money columns last when `priced` (`--prices`).
    public static func table(priced: Bool) -> ColumnTable<ProposedTerms> { priced ? table + money : table }

    public static func render(_ proposals: [ProposedTerms], priced: Bool = false) -> String { table(priced: priced).csv(proposals) }
    public static func value(_ proposals: [ProposedTerms], priced: Bool = false) -> JSONValue { table(priced: priced).json(proposals) }

    /// A percentage rounded to one decimal: "28.5", "0.0".
    static func tenths(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let whole = Int64(rounded.rounded(.towardZero)), tenth = Int64((abs(rounded) * 10).rounded()) % 10
        return (rounded < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }

    /// The proposals as an agreements file, ready to edit and pass back with `--agreements`.
    public static func agreementsFile(_ proposals: [ProposedTerms]) -> String {
        var out = CSVText.line(AgreementTerms.columns)
        for p in proposals {
            // Contract terms in tenths of a percent: 15 digits would claim a precision the months don't have.
            out += CSVText.line([p.customer, String(p.lag), Self.tenths(p.underPct), Self.tenths(p.overPct), "", "", ""])
        }
        return out
    }
}
