/// The page's style sheet: inline, with system fonts only, light on screen and on paper.
///
/// The flagged customers' table fits a 1024 px window without scrolling sideways, with prices
/// too: numeric headers wrap, the sparkline shrinks to 80 px, and "Why" wraps, 260 px at least
/// (Tests/Render/render.sh measures it at 1024 and 1440 px).
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: #1d1d1f;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
          font-size: 14px; line-height: 1.45; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 40px; }
        h1 { font-size: 26px; margin: 0 0 2px; }
        h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d9d9de; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        p { margin: 4px 0 8px; }
        .subtitle, .muted { color: #5a5a60; }
        .small { font-size: 12px; }
        .kpis { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 16px; }
        .kpi { flex: 1 1 260px; border: 1px solid #d9d9de; border-radius: 8px; padding: 12px 16px; break-inside: avoid; }
        .kpi-label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: #5a5a60; }
        .kpi-value { font-size: 30px; font-weight: 650; line-height: 1.2; }
        .kpi-note { color: #5a5a60; }
        .change { margin-top: 4px; font-size: 13px; }
        p.since { margin-top: 12px; }
        .tier-counts { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
        .swatch-box { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; vertical-align: 0;
          -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .bg-unreliable { background: #D55E00; } .bg-watch { background: #E69F00; }
        .bg-insufficient-data { background: #999999; } .bg-trusted { background: #0072B2; }
        .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 28px; margin-top: 8px; }
        figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        figcaption .muted { font-weight: 400; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg text { font-family: inherit; }
        .chart text { font-size: 12px; fill: #3a3a3f; }
        .chart .tick { font-size: 11px; fill: #5a5a60; }
        .chart .axis-label { font-size: 12px; fill: #3a3a3f; }
        .chart .panel-title { font-size: 13px; font-weight: 600; fill: #1d1d1f; }
        .chart .legend { font-size: 12px; }
        .chart .muted { fill: #6e6e73; }
        .chart .small { font-size: 11px; }
        .chart .note { font-size: 11px; fill: #5a5a60; }
        .chart .grid { stroke: #e6e6ea; stroke-width: 1; }
        .chart .grid.zero { stroke: #8e8e93; }
        .chart .axis { stroke: #8e8e93; }
        .chart .frame { fill: none; stroke: #c7c7cc; }
        .chart .dot { stroke: #ffffff; stroke-width: 1; }
        .chart .dot.clamped { stroke: #000000; stroke-width: 1.5; }
        .chart .dot-label { font-size: 11px; fill: #1d1d1f; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
        .chart .threshold { stroke-width: 1.3; }
        .chart .threshold-watch { stroke: #B07A00; fill: #8a5f00; stroke-dasharray: 5 4; }
        .chart .threshold-unreliable { stroke: #D55E00; fill: #A84A00; }
        .chart text.threshold-watch, .chart text.threshold-unreliable { stroke: none; font-size: 11px; }
        .chart .trend-line { fill: none; stroke-width: 2; }
        .chart .trend-line.short { stroke-dasharray: 4 3; stroke-width: 1.5; }
        .chart .series-accuracy { stroke: #0072B2; }
        .chart .series-bias { stroke: #CC79A7; }
        .chart .trend-point { stroke-width: 1.5; }
        .chart .trend-point.series-accuracy { fill: #0072B2; }
        .chart .trend-point.series-bias { fill: #CC79A7; }
        .chart .trend-point.short { fill: #ffffff; }
        .sparkline { display: block; }
        .spark-actual { fill: none; stroke: #3a3a3f; stroke-width: 1.5; }
        .spark-forecast { fill: none; stroke-width: 1.5; }
        .tier-bar { display: block; margin-top: 8px; width: 100%; max-width: 360px; height: 14px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e6e6ea; }
        th { font-size: 12px; color: #5a5a60; font-weight: 600; border-bottom: 1px solid #c7c7cc; }
        tbody th { font-size: 13px; color: #3a3a3f; border-bottom: 1px solid #e6e6ea; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        th.num { white-space: normal; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .flagged td { padding-top: 8px; padding-bottom: 8px; }
        .flagged .explanation { font-size: 13px; min-width: 260px; overflow-wrap: anywhere; }
        .flagged .sparkline { width: 100%; min-width: 80px; max-width: 160px; height: auto; }
        .flagged td.num, .flagged th.num { padding-left: 4px; padding-right: 4px; }
        .customer-name { font-weight: 600; word-break: break-word; }
        .customer-fullname { display: block; color: #555; font-size: 0.9em; word-break: break-word; }
        .pill { display: inline-block; white-space: nowrap; border: 1.5px solid #8e8e93; border-radius: 10px; padding: 0 8px; font-size: 12px; }
        .pill.tier-unreliable { border-color: #D55E00; } .pill.tier-watch { border-color: #E69F00; }
        .pill.tier-trusted { border-color: #0072B2; } .pill.tier-insufficient-data { border-color: #999999; }
        .new-mark { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 700;
          color: #ffffff; background: #1d1d1f; vertical-align: 1px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .history { font-size: 12px; color: #5a5a60; margin-top: 3px; }
        .reason { display: inline-block; font-size: 11px; border: 1px solid #c7c7cc; border-radius: 3px; padding: 0 4px; margin: 0 4px 3px 0; }
        .spark-key { font-size: 11px; color: #5a5a60; font-weight: 400; }
        .key-actual { color: #3a3a3f; font-weight: 700; }
        .run-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 32px; }
        .run-grid table { margin-bottom: 8px; }
        table.options, table.policy, table.accounting { width: auto; }
        tr.outside td { background: #fdf1e7; }
        table.options th, table.policy th { padding-right: 24px; }
        table.accounting th, table.accounting td { padding-left: 14px; padding-right: 14px; }
        .hash { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; word-break: break-all; }
        .path { word-break: break-all; }
        details { margin-top: 12px; }
        summary { cursor: pointer; font-weight: 600; }
        footer { margin-top: 28px; color: #5a5a60; font-size: 12px; }
        @media (max-width: 1000px) { .charts, .run-grid { grid-template-columns: 1fr; } }
        @media print {
          @page { margin: 14mm; }
          body { font-size: 11px; background: #ffffff; color: #000000; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          .charts, .run-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
          .flagged .explanation { min-width: 240px; }
          figure, svg, .kpi, tr { break-inside: avoid; page-break-inside: avoid; }
          details > *:not(summary) { display: none; }
        }
        """
}
