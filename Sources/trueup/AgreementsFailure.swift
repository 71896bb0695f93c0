import Trueup

extension Failure {
    /// An agreements file that can't be used: the file and line, what is wrong, and how to fix it.
    init(_ error: AgreementsError) {
        switch error {
        case .unreadable(let path, let reason):
            self.init("\(path): can't read the agreements file (\(reason)).", code: Self.noInput)
        case .empty(let path):
            self.init("\(path): the agreements file is empty; it needs a header (customer,lag,under_pct,over_pct) and a row per customer and lag.", code: Self.data)
        case .missingColumns(let path, let line, let missing, let header):
            self.init("\(path):\(line): the agreements file has no column \(missing.joined(separator: ", ")). The header is: \(header.joined(separator: ", ")); it needs customer, lag, under_pct, over_pct.", code: Self.data)
        case .badRow(let path, let line, let problem):
            self.init("\(path):\(line): \(Self.words(problem))", code: Self.data)
        }
    }

    private static func words(_ problem: AgreementsError.Problem) -> String {
        switch problem {
        case .noCustomer:
            return "no customer; use a customer code, or * for every customer without rows of its own."
        case .notALag(let column, let value):
            return "\(column) '\(value)' is not a lag: use a whole number of months from 0 to 63."
        case .notAPercentage(let column, let value):
            return "\(column) '\(value)' is not a percentage: use a number such as 10 or 12.5."
        case .negativePercentage(let column, let value):
            return "\(column) is \(value); a percentage of the band can't be negative."
        case .underAbove100(let value):
            return "under_pct is \(value); a customer can't buy more than 100% less than its forecast."
        case .incompleteRevision(let missing):
            return "a revision limit needs revision_from_lag, revision_to_lag and revision_limit_pct; \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") empty."
        case .revisionLagOrder(let from, let to):
            return "revision_from_lag \(from) must be the longer lag, above revision_to_lag \(to)."
        case .duplicate(let customer, let lag, let firstLine):
            return "customer \(customer) at lag \(lag) is already on line \(firstLine); keep one row per customer and lag."
        case .unknownCustomer(let customer, let similar):
            let hint = similar.isEmpty ? "" : " Similar codes: \(similar.joined(separator: ", "))."
            return "customer \(customer) is in neither the forecasts nor the actuals.\(hint)"
        case .lagWithoutForecasts(let customer, let lag, let available):
            let who = customer == AgreementTerms.everyone ? "no customer has" : "customer \(customer) has"
            let lags = available.isEmpty ? "none" : available.map(String.init).joined(separator: ", ")
            return "\(who) forecasts at lag \(lag) in the window (lags with forecasts: \(lags))."
        case .unterminatedQuote:
            return "a quoted field opens here and is never closed."
        }
    }
}
