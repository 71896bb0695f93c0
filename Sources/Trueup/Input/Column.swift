/// A column trueup reads, and the header names planners' exports give it.
public enum Column: String, CaseIterable, Sendable, Comparable, Codable {
    case customer, item, period, forecast, actual, lag, snapshot
    /// The prices file's columns (`--prices`).
    case unitPrice = "unit_price", unitCost = "unit_cost"
    /// The customer's name beside its code (optional, read through intake).
    case name

    /// The order of `allCases`: customer, item, period, forecast, actual, lag, snapshot, unit_price, unit_cost, name.
    public static func < (a: Column, b: Column) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// Header names recognised for this column, most specific first. They are
    /// compared after `Column.normalize`: case, spaces and punctuation don't matter.
    public var aliases: [String] {
        switch self {
        case .customer:
            return ["customer", "customer_id", "customer_no", "customer_number", "customer_code", "customer_name",
                    "cust", "cust_id", "cust_no", "account", "account_id", "account_number", "sold_to", "sold_to_party",
                    "soldto_id", "client", "client_id", "ship_to", "buyer",
                    // German ERP labels (SAP and others).
                    "kunde", "kundennummer", "kunden_nr", "kundennr", "auftraggeber", "debitor", "debitorennummer", "kundenkonto"]
        case .item:
            return ["item", "item_id", "item_no", "item_number", "item_code", "sku", "sku_id", "product", "product_id",
                    "product_code", "product_no", "material", "material_number", "material_no", "material_id",
                    "part", "part_number", "part_no", "article", "article_number",
                    "materialnummer", "material_nr", "matnr", "artikel", "artikelnummer", "artikel_nr", "artikelnr", "teilenummer"]
        case .period:
            return ["period", "month", "target_period", "target_month", "forecast_period", "period_month",
                    "year_month", "yearmonth", "date", "period_date", "delivery_month", "delivery_date", "demand_month",
                    "posting_date", "invoice_date", "billing_date", "ship_date", "shipment_date", "calendar_month", "fiscal_period",
                    "monat", "periode", "fakturadatum", "buchungsdatum", "lieferdatum", "belegdatum", "kalendermonat", "datum"]
        case .forecast:
            return ["forecast", "forecast_qty", "forecast_quantity", "forecast_units", "forecast_value", "fcst",
                    "fcst_qty", "fcst_quantity", "demand_forecast", "forecasted_qty", "forecasted_quantity", "forecast_qty_base_unit",
                    "prognose", "prognosemenge", "planmenge", "bedarfsprognose", "vorschaumenge"]
        case .actual:
            return ["actual", "actuals", "actual_qty", "actual_quantity", "actual_units", "quantity", "qty",
                    "shipments", "shipped", "shipped_qty", "shipped_quantity", "qty_shipped", "quantity_shipped", "sales", "sales_qty", "sales_quantity",
                    "consumption", "demand", "orders", "order_qty", "ordered_qty", "invoiced_qty", "units", "volume",
                    "billed_quantity", "billed_qty", "invoiced_quantity", "net_quantity", "delivered_quantity",
                    "fakturierte_menge", "absatzmenge", "menge", "liefermenge", "verkaufsmenge", "fakturamenge"]
        case .lag:
            return ["lag", "forecast_lag", "lag_months", "horizon", "forecast_horizon", "months_ahead", "vorlauf", "vorlauf_monate"]
        case .name:
            return ["name", "customer_name", "customer_name_1", "name_1", "name1", "account_name", "client_name", "sold_to_name",
                    "company", "company_name", "kundenname", "name_des_auftraggebers", "firma", "firmenname"]
        case .snapshot:
            return ["snapshot", "snapshot_period", "snapshot_month", "snapshot_date", "forecast_date", "forecast_month",
                    "forecast_made", "created_period", "version", "cycle", "planning_cycle", "forecast_created",
                    "prognosedatum", "prognosemonat", "planungsdatum", "erstellt_am", "erstelldatum", "stand"]
        case .unitPrice:
            return ["unit_price", "price", "price_per_unit", "unit_sales_price", "sales_price", "selling_price",
                    "net_price", "list_price",
                    "preis", "stückpreis", "stueckpreis", "einzelpreis", "nettopreis", "verkaufspreis"]
        case .unitCost:
            return ["unit_cost", "cost", "cost_per_unit", "standard_cost", "std_cost", "unit_standard_cost",
                    "cost_price", "purchase_price"]
        }
    }

    /// Lower-cased letters and digits only: "Sold-To", "sold_to" and "SOLD TO" are the same.
    public static func normalize(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }))
    }
}

/// Where each column trueup reads sits in one file's header.
public struct ColumnMapping: Sendable, Equatable, Codable {
    /// The 0-based field index of each column found.
    public var index: [Column: Int]
    /// The header as written, for messages and run.json.
    public var header: [String]

    /// Maps `header` for a file that needs `required` columns and may have `optional` ones.
    ///
    /// An override (`--columns customer=Sold-To`) names the header to use for a
    /// column; it applies to every file whose header has that name. Otherwise
    /// the first alias found, in the alias order, wins.
    public static func map(header: [String], required: [Column], optional: [Column],
                           overrides: [Column: String], file: String, line: Int = 1) throws(InputError) -> ColumnMapping {
        let normalized = header.map(Column.normalize)
        var index: [Column: Int] = [:]
        for column in required + optional {
            if let wanted = overrides[column],
               let found = normalized.firstIndex(of: Column.normalize(wanted)) {
                index[column] = found
                continue
            }
            for alias in column.aliases.map(Column.normalize) {
                let matches = normalized.indices.filter { normalized[$0] == alias }
                if matches.count > 1 {
                    throw .duplicateHeader(file: file, line: line, name: header[matches[1]])
                }
                if let found = matches.first, !index.values.contains(found) {
                    index[column] = found
                    break
                }
            }
        }
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            throw .missingColumns(file: file, line: line, missing: missing, header: header)
        }
        return ColumnMapping(index: index, header: header)
    }
}
