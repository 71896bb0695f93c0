/// The order of day and month in a date written `NN/NN/YYYY`.
public enum DateOrder: String, Sendable, CaseIterable {
    /// Day first: 15/01/2024 (Europe).
    case dmy
    /// Month first: 01/15/2024 (US).
    case mdy
}

/// Months and dates as exports write them, each read as the month it falls in.
///
/// `YYYY-MM`, `YYYYMM`, `YYYY-MM-DD` (with a time after it), `YYYYMMDD`, `YYYY/MM`, `YYYY/MM/DD`,
/// `MM.YYYY`, `DD.MM.YYYY`, `MM/YYYY`, `Jan-25`, `Jan 2025`, `January 2025`, `Jan-2025`,
/// `31-Jan-2025` (English and German month names), and `NN/NN/YYYY` in the file's date order.
enum PeriodText {
    /// What a text says about a month.
    enum Reading: Equatable {
        case month(Month)
        /// `NN/NN/YYYY` with both numbers at most 12 and different: day-first and month-first disagree.
        case ambiguous(dayFirst: Month, monthFirst: Month)
        /// `NN/NN/YYYY` whose first number is above 12: only day-first reads it.
        case onlyDayFirst(Month)
        /// `NN/NN/YYYY` whose second number is above 12: only month-first reads it.
        case onlyMonthFirst(Month)
        case notAMonth
    }

    /// The month a text names in the given order (nil: the file's order is not settled yet).
    static func month(_ text: String, order: DateOrder?) -> Month? {
        switch read(text) {
        case .month(let month): return month
        case .ambiguous(let dayFirst, let monthFirst):
            guard let order else { return nil }
            return order == .dmy ? dayFirst : monthFirst
        case .onlyDayFirst(let month): return order == .mdy ? nil : month
        case .onlyMonthFirst(let month): return order == .dmy ? nil : month
        case .notAMonth: return nil
        }
    }

    static func read(_ raw: String) -> Reading {
        let text = raw.trimmingCharacters()
        if let month = Month.parse(text) { return .month(month) }
        // A date with a time after it: the date decides.
        let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        if datePart != text, case .month(let month) = read(datePart) { return .month(month) }
        if let named = namedMonth(text) ?? datedNamedMonth(text) ?? datedNamedMonth(datePart) { return .month(named) }
        for separator in [".", "/", "-"] as [Character] {
            let parts = datePart.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
                continue
            }
            let numbers = parts.compactMap { Int($0) }
            if parts.count == 2 {
                if parts[1].count == 4, parts[0].count <= 2, let month = Month(year: numbers[1], month: numbers[0]) { return .month(month) }
                if parts[0].count == 4, parts[1].count <= 2, let month = Month(year: numbers[0], month: numbers[1]) { return .month(month) }
                return .notAMonth
            }
            if parts[0].count == 4 {
                guard parts[1].count <= 2, parts[2].count <= 2 else { return .notAMonth }
                return date(year: numbers[0], month: numbers[1], day: numbers[2]).map { .month($0) } ?? .notAMonth
            }
            guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return .notAMonth }
            if separator == "." { return date(year: numbers[2], month: numbers[1], day: numbers[0]).map { .month($0) } ?? .notAMonth }
            let dayFirst = date(year: numbers[2], month: numbers[1], day: numbers[0])
            let monthFirst = date(year: numbers[2], month: numbers[0], day: numbers[1])
            switch (dayFirst, monthFirst) {
            case let (d?, m?): return d == m ? .month(d) : .ambiguous(dayFirst: d, monthFirst: m)
            case let (d?, nil): return .onlyDayFirst(d)
            case let (nil, m?): return .onlyMonthFirst(m)
            case (nil, nil): return .notAMonth
            }
        }
        return .notAMonth
    }

    /// The day of a date that `read` reads as a month (in the file's date order when the date
    /// needs one); 0 for a month without a day, or a date whose day the order leaves open.
    static func day(_ raw: String, order: DateOrder?) -> Int {
        let text = raw.trimmingCharacters()
        if Month.parse(text) != nil {
            var bytes = text
            return bytes.withUncheckedBytes { Month.day($0) }
        }
        if let dated = dayAndNamedMonth(text) ?? dayAndNamedMonth(String(text.prefix { $0 != " " })) { return dated.day }
        let datePart = String(text.prefix { $0 != " " && $0 != "T" })
        for separator in [".", "/", "-"] as [Character] {
            let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { continue }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == 3 else { return 0 }
            if parts[0].count == 4 { return numbers[2] }
            guard parts[2].count == 4 else { return 0 }
            if separator == "." { return numbers[0] }
            switch order {
            case .dmy: return numbers[0]
            case .mdy: return numbers[1]
            case nil:
                if numbers[0] == numbers[1] || numbers[1] > 12 { return numbers[1] }
                return numbers[0] > 12 ? numbers[0] : 0
            }
        }
        return 0
    }

    private static func date(year: Int, month: Int, day: Int) -> Month? {
        guard let result = Month(year: year, month: month), day >= 1, day <= result.dayCount else { return nil }
        return result
    }

    /// `Jan-25`, `Jan 2025`, `Jan-2025`, `January 2025`, `Jan.25`, `Mär 2025`, `Okt-24`.
    private static func namedMonth(_ text: String) -> Month? {
        let letters = text.prefix { $0.isLetter }
        guard !letters.isEmpty, let number = monthNumber(letters.lowercased()) else { return nil }
        var rest = text.dropFirst(letters.count)
        while let first = rest.first, first == " " || first == "-" || first == "." || first == "'" || first == "/" { rest.removeFirst() }
        guard !rest.isEmpty, rest.count == 2 || rest.count == 4, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(rest) else {
            return nil
        }
        return Month(year: rest.count == 2 ? 2000 + year : year, month: number)
    }

    /// `31-Jan-2025`, `31 Jan 2025`, `01-Jan-25`, `31.Jan.2025`: a day that exists in its month, a
    /// month name and a year.
    private static func datedNamedMonth(_ text: String) -> Month? {
        dayAndNamedMonth(text)?.month
    }

    private static func dayAndNamedMonth(_ text: String) -> (month: Month, day: Int)? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count), let day = Int(digits) else { return nil }
        var rest = text.dropFirst(digits.count)
        guard let separator = rest.first, separator == "-" || separator == " " || separator == "." || separator == "/" else { return nil }
        rest.removeFirst()
        guard rest.first?.isLetter == true, let month = namedMonth(String(rest)) else { return nil }
        guard day >= 1, day <= month.dayCount else { return nil }
        return (month, day)
    }

    /// `Q3-25`, `Q3 2025`, `Q3/2025`, `2025-Q3`, `2025 Q3`: a quarter, which a sheet's columns may
    /// hold between its months (its sum) and which is never read as a month.
    static func isQuarter(_ raw: String) -> Bool {
        let text = raw.trimmingCharacters().uppercased()
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "/" || $0 == "'" || $0 == "." || $0 == "_" })
        guard parts.count == 2 else { return false }
        func isQuarter(_ part: Substring) -> Bool {
            part.count == 2 && part.first == "Q" && ("1"..."4").contains(part.last ?? "0")
        }
        func isYear(_ part: Substring) -> Bool {
            (part.count == 2 || part.count == 4) && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return (isQuarter(parts[0]) && isYear(parts[1])) || (isYear(parts[0]) && parts[0].count == 4 && isQuarter(parts[1]))
    }

    private static func monthNumber(_ name: String) -> Int? {
        let names: [[String]] = [
            ["jan", "january", "januar", "jän", "jänner"], ["feb", "february", "februar"],
            ["mar", "march", "mär", "mrz", "märz", "maerz"], ["apr", "april"], ["may", "mai"], ["jun", "june", "juni"],
            ["jul", "july", "juli"], ["aug", "august"], ["sep", "sept", "september"], ["oct", "october", "okt", "oktober"],
            ["nov", "november"], ["dec", "december", "dez", "dezember"],
        ]
        return names.firstIndex { $0.contains(name) }.map { $0 + 1 }
    }
}
