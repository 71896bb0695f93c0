@testable import Trueup

extension ReportRequest {
    /// This request with `--max-bad-rows 100`: for tests about which rows are rejected, on files
    /// small enough that a few bad rows are more than the 5% `--skip-bad-rows` leaves out by default.
    var allowingAllBadRows: ReportRequest {
        var request = self
        request.maxBadRowsPct = 100
        return request
    }
}
