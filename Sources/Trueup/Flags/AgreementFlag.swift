extension Assessment {
    /// The assessment with `outside-agreement` added when the monthly totals were outside one of the
    /// customer's bands in more than half of the months: a trusted customer becomes watch; an unreliable
    /// one stays unreliable on its own reasons, and too few months stay insufficient data.
    func against(_ bands: [AgreementRow]) -> Assessment {
        guard tier == .trusted || tier == .watch else { return self }
        let outside = bands.filter(\.mostlyOutside)
        guard !outside.isEmpty else { return self }
        var result = self
        result.tier = .watch
        let clauses = outside.map { row in
            let f = row.figures
            return "monthly totals outside the agreed band at lag \(row.band.lag) (\(Words.percent(row.band.underPct)) under to \(Words.percent(row.band.overPct)) over) in \(f.periods - f.periodsInBand) of \(f.periods) months"
        }
        result.reasons.append(.outsideAgreement)
        if tier == .trusted {
            result.explanation = Words.sentence(clauses)
        } else {
            var text = explanation
            if text.hasSuffix(".") { text.removeLast() }
            result.explanation = text + "; " + clauses.joined(separator: "; ") + "."
        }
        return result
    }
}
