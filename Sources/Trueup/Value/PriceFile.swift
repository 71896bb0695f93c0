import TrueupCSV

extension PriceList {
    /// The largest price or cost accepted: beyond it, price × quantity (at most 1e15) could overflow.
    static let largestPrice = 1e15

    /// Reads a prices file: `item`, `unit_price`, and optionally `customer` and `unit_cost`.
    ///
    /// The header is matched as for the other inputs (aliases, `--columns` overrides), the
    /// delimiter is detected, and in a semicolon-separated file a decimal comma is a decimal
    /// point. An empty customer is a general price; an empty cost means the cost is the price.
    /// Every bad row (wrong field count, empty item, a price or cost that is not a number, is
    /// negative or too large, a second price for the same customer and item) is reported, with
    /// its line, and nothing is read: a price file is small, and one wrong price values every
    /// cell of its item wrongly.
    public static func read(path: String, overrides: [Column: String] = [:], encoding: TextEncoding = .utf8) throws(PriceError) -> PriceList {
        // Held open to the end: only a regular file is read, and one changed meanwhile is refused.
        let source: InputSource
        do {
            source = try InputSource.open(path)
        } catch {
            throw .input(error)
        }
        defer { source.close() }
        let header: Ingest.Header
        do {
            header = try Ingest.Header(source, required: [.item, .unitPrice],
                                       optional: [.customer, .unitCost], overrides: overrides, encoding: encoding)
        } catch let error as InputError {
            throw .input(error)
        } catch let error as CSVError {
            throw .input(BlockReader.error(error, path: path, firstLine: 1))
        } catch {
            throw .input(.unreadable(path: path, reason: "\(error)"))
        }
        let mapping = header.mapping
        let names = mapping.header
        let item = mapping.index[.item] ?? 0
        let price = mapping.index[.unitPrice] ?? 0
        let customer = mapping.index[.customer]
        let cost = mapping.index[.unitCost]
        let decimalComma = header.dialect.delimiter == UInt8(ascii: ";")

        var list = PriceList(path: path, columns: mapping)
        var problems: [PriceProblem] = []
        var firstLine: [String: [String: Int]] = [:]
        do {
            let reader = try CSVReader(file: source.file, name: path, dialect: header.dialect)
            _ = try reader.records(from: header.dataStart, firstLine: header.firstDataLine) { record in
                let line = record.line
                func text(_ bytes: [UInt8]) -> String { Self.text(bytes, encoding) }
                // Copied at once: a field with doubled quotes is unquoted into a scratch buffer the next one reuses.
                let fields = (0..<record.count).map { [UInt8](record.field($0).trimmingSpaces()) }
                if fields.allSatisfy(\.isEmpty) { return true }  // a blank line or ",,," padding: not a row
                list.rows += 1
                guard fields.count == names.count else {
                    problems.append(PriceProblem(line: line, column: nil, kind: .fieldCount(expected: names.count, found: fields.count)))
                    return true
                }
                let itemName = text(fields[item])
                guard !itemName.isEmpty else {
                    problems.append(PriceProblem(line: line, column: names[item], kind: .emptyItem))
                    return true
                }
                let customerName = customer.map { text(fields[$0]) } ?? ""
                var rowProblems: [PriceProblem] = []
                func amount(_ index: Int) -> Double? {
                    let text = fields[index]
                    guard let value = Quantity.parse(bytes: text, decimalComma: decimalComma) else {
                        rowProblems.append(PriceProblem(line: line, column: names[index], kind: .notANumber(Self.text(text, encoding))))
                        return nil
                    }
                    if value < 0 {
                        rowProblems.append(PriceProblem(line: line, column: names[index], kind: .negative(value)))
                        return nil
                    }
                    if value > largestPrice {
                        rowProblems.append(PriceProblem(line: line, column: names[index], kind: .tooLarge(Self.text(text, encoding))))
                        return nil
                    }
                    return value
                }
                let unitPrice = amount(price)
                let unitCost = cost.flatMap { fields[$0].isEmpty ? nil : amount($0) }
                if let first = firstLine[customerName]?[itemName] {
                    rowProblems.append(PriceProblem(line: line, column: nil, kind: .duplicate(
                        customer: customerName.isEmpty ? nil : customerName, item: itemName, firstLine: first)))
                } else {
                    firstLine[customerName, default: [:]][itemName] = line
                }
                problems += rowProblems
                guard rowProblems.isEmpty, let unitPrice else { return true }
                let entry = Price(price: unitPrice, cost: unitCost)
                if customerName.isEmpty {
                    list.general[itemName] = entry
                } else {
                    list.specific[customerName, default: [:]][itemName] = entry
                }
                return true
            }
        } catch let error as CSVError {
            do { try source.checkUnchanged() } catch { throw .input(error) }
            throw .input(BlockReader.error(error, path: path, firstLine: 1))
        } catch {
            throw .input(.unreadable(path: path, reason: "\(error)"))
        }
        do { try source.checkUnchanged() } catch { throw .input(error) }
        if !problems.isEmpty { throw .badRows(file: path, problems: problems) }
        return list
    }

    private static func text(_ bytes: [UInt8], _ encoding: TextEncoding) -> String {
        encoding.string(bytes: bytes)
    }
}
