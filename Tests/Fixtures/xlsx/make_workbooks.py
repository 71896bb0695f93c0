#!/usr/bin/env python3
"""Writes the .xlsx fixtures of Tests/Fixtures/xlsx with openpyxl (pip install openpyxl).

    python3 Tests/Fixtures/xlsx/make_workbooks.py            # the fixtures, next to this script
    python3 Tests/Fixtures/xlsx/make_workbooks.py --long F.csv OUT.xlsx [--rows N]
                                                              # a CSV's rows as a sheet (periods as date cells)

openpyxl writes shared strings only and formulas without cached values; the workbooks
that need inline strings or cached values get them by rewriting the sheet XML after saving
(`patch`), as a spreadsheet program would have written it. The output is deterministic:
fixed creation times and zip timestamps, so running the script again changes no byte.
"""
import csv
import datetime
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.workbook.properties import CalcProperties

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "tiny")
FIXED = datetime.datetime(2024, 1, 1)


def new_workbook():
    book = openpyxl.Workbook()
    book.properties.created = FIXED
    book.properties.modified = FIXED
    return book


def save(book, name, shared=True):
    path = os.path.join(HERE, name)
    book.properties.modified = FIXED
    book.save(path)
    normalize(path, shared=shared)
    return path


SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def share_strings(parts):
    """Moves the plain inline strings of every sheet into xl/sharedStrings.xml, as Excel stores them
    (this openpyxl writes inline strings); rich-text inline strings stay inline."""
    strings, index = [], {}

    def shared(match):
        text = match.group(3)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2) or "", index[text])

    pattern = re.compile(r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>')
    result = []
    for name, data in parts:
        if name.startswith("xl/worksheets/sheet"):
            data = pattern.sub(shared, data.decode("utf-8")).encode("utf-8")
        result.append((name, data))
    if not strings:
        return result
    items = "".join('<si><t xml:space="preserve">%s</t></si>' % text for text in strings)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
           % (len(strings), len(strings), items))
    final = []
    for name, data in result:
        text = data.decode("utf-8") if name.endswith(".xml") or name.endswith(".rels") else None
        if name == "[Content_Types].xml":
            text = text.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>' % SHARED_TYPE)
            data = text.encode("utf-8")
        elif name == "xl/_rels/workbook.xml.rels":
            text = text.replace("</Relationships>",
                                '<Relationship Id="rIdStrings" Type="%s" Target="sharedStrings.xml"/></Relationships>' % SHARED_REL)
            data = text.encode("utf-8")
        final.append((name, data))
    final.append(("xl/sharedStrings.xml", sst.encode("utf-8")))
    return final


def normalize(path, replace=None, shared=True):
    """Rewrites the zip with fixed timestamps, applying `replace` (part -> function on its text),
    then moving strings to the shared strings when `shared`."""
    replace = replace or {}
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    parts = [(name, replace[name](data.decode("utf-8")).encode("utf-8") if name in replace else data) for name, data in parts]
    if shared and not any(name == "xl/sharedStrings.xml" for name, _ in parts):
        parts = share_strings(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"<dcterms:modified[^<]*</dcterms:modified>",
                              b'<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>', data)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def month_date(text):
    year, month = text.split("-")[:2]
    return datetime.date(int(year), int(month), 1)


def long_sheet(sheet, csv_path, rows=None):
    """A long-format CSV as a sheet: periods as date cells, numbers as numbers, names as text."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sheet.append(header)
        for k, record in enumerate(reader):
            if rows is not None and k >= rows:
                break
            cells = []
            for name, value in zip(header, record):
                if name in ("period", "snapshot"):
                    cells.append(month_date(value))
                elif name in ("lag",):
                    cells.append(int(value))
                elif name in ("forecast", "actual"):
                    number = float(value)
                    cells.append(int(number) if number.is_integer() and "." not in value else number)
                else:
                    cells.append(value)
            sheet.append(cells)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"


def tiny_workbooks():
    book = new_workbook()
    sheet = book.active
    sheet.title = "Forecasts"
    long_sheet(sheet, os.path.join(TINY, "forecasts.csv"))
    save(book, "tiny-forecasts.xlsx")

    book = new_workbook()
    sheet = book.active
    sheet.title = "Actuals"
    long_sheet(sheet, os.path.join(TINY, "actuals.csv"))
    save(book, "tiny-actuals.xlsx")

    # The forecasts behind a cover sheet: read with --sheet Forecasts.
    book = new_workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["Forecast for trueup, prepared by the planning team"])
    sheet = book.create_sheet("Forecasts")
    long_sheet(sheet, os.path.join(TINY, "forecasts.csv"))
    save(book, "tiny-forecasts-second-sheet.xlsx")


def error_workbook():
    """Sheet1 with 20 forecast rows; D17 holds #N/A, E9 (the lag) #DIV/0! from a formula."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["customer", "item", "period", "forecast", "lag"])
    for k in range(20):
        sheet.append(["A" if k % 2 == 0 else "B", "x%d" % (k // 2), datetime.date(2024, 1 + k % 3, 1), 10 + k, 1])
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "yyyy-mm-dd"
    sheet["D17"] = "#N/A"
    sheet["E9"] = "=1/0"
    save(book, "errors.xlsx", shared=False)
    # openpyxl writes the formula without a value; a spreadsheet program would have cached #DIV/0!.
    normalize(os.path.join(HERE, "errors.xlsx"), {
        "xl/worksheets/sheet1.xml": lambda xml: re.sub(
            r'<c r="E9"( s="\d+")?><f>1/0</f><v\s*/?>(</v>)?</c>', r'<c r="E9"\1 t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml),
    })


def bad_rows_workbook():
    """Bad rows that are not error cells, named by their cell or row; an error cell in a column trueup doesn't
    read, and a stray value right of the header (a column without a name), which are no problem."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "Q3 plan"
    sheet.append(["customer", "item", "period", "forecast", "lag", "note"])
    sheet.append(["A", "x", "2024-01", 10, 1, "#N/A"])
    sheet.append(["A", "x", "Q3", 12, 1, "ok"])
    sheet.append(["A", "y", "2024-02", "12 units", 1, None])
    sheet.append(["B", "x", "2024-02", 4, 1, "ok", "stray"])
    sheet.append(["B", "x", "2024-03", 6, 1])
    sheet.append(["B", "x", "2024-03", 7, 1])  # a duplicate: named by its row
    save(book, "bad-rows.xlsx")


def wide_workbook():
    """A customer's own sheet: items as rows, months as columns (date cells shown Jul-24), a Total row."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "Forecast"
    months = [datetime.date(2024, 7, 1), datetime.date(2024, 8, 1), datetime.date(2024, 9, 1)]
    sheet.append(["Item", "Description"] + months)
    for cell in sheet[1][2:]:
        cell.number_format = "mmm-yy"
    items = [
        ("4711", 'Bolt M8, zinc "A2"', [2105, 1980, None]),
        ("4712", "Nut M8", [500.5, 0, 620]),
        ("4713", "Washer 8 mm\nbulk", [1200, 1150, 1175]),
    ]
    for item, description, values in items:
        sheet.append([item, description] + values)
    for row in sheet.iter_rows(min_row=2, max_row=4, min_col=3):
        for cell in row:
            cell.number_format = "#,##0"
    sheet.append(["Total", None] + ["=SUM(%s2:%s4)" % (c, c) for c in "CDE"])
    save(book, "wide-customer.xlsx", shared=False)
    totals = {"C": "3805.5", "D": "3130", "E": "1795"}

    def cache(xml):
        for column, value in totals.items():
            xml = re.sub(r'(<c r="%s5"[^>]*>)<f>(SUM\(%s2:%s4\))</f><v\s*/?>(</v>)?' % (column, column, column),
                         r"\1<f>\2</f><v>%s</v>" % value, xml)
        return xml
    normalize(os.path.join(HERE, "wide-customer.xlsx"), {"xl/worksheets/sheet1.xml": cache})


def values_workbook():
    """One of each kind of value, including inline strings, booleans and cached formula results."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "Values"
    sheet.append(["kind", "value"])
    sheet.append(["integer", 42])
    sheet.append(["decimal", 0.1])
    sheet.append(["negative", -1234.5])
    sheet.append(["large", 12345678901234567890])  # openpyxl writes 1.234567890123457e+19
    sheet.append(["tiny", 0.000001])
    sheet.append(["date", datetime.date(2024, 2, 29)])
    sheet["B7"].number_format = "d/m/yyyy"
    sheet.append(["datetime", datetime.datetime(2023, 12, 31, 18, 30)])
    sheet["B8"].number_format = "yyyy-mm-dd hh:mm"
    sheet.append(["not a date", 45000])
    sheet["B9"].number_format = '0 "days"'
    sheet.append(["boolean", True])
    sheet.append(["inline", "INLINE"])
    sheet.append(["formula number", "=B2*2"])
    sheet.append(["formula string", '="a"&"b"'])
    sheet.append(["uncalculated", "=B2+1"])
    sheet.append([])
    sheet.append(["after a blank row", "comma, and \"quotes\""])
    path = save(book, "values.xlsx", shared=False)

    def patch(xml):
        # An inline string instead of the shared one, as some exporters write it.
        xml = re.sub(r'<c r="B11" t="inlineStr"><is><t>INLINE</t></is></c>',
                     '<c r="B11" t="inlineStr"><is><r><t>inline </t></r><r><t xml:space="preserve">&amp; rich</t></r></is></c>', xml)
        xml = re.sub(r'(<c r="B12"[^>]*>)<f>B2\*2</f><v\s*/?>(</v>)?', r"\1<f>B2*2</f><v>84</v>", xml)
        xml = re.sub(r'<c r="B13"([^>]*)><f>"a"&amp;"b"</f><v\s*/?>(</v>)?', r'<c r="B13"\1 t="str"><f>"a"&amp;"b"</f><v>ab</v>', xml)
        return xml
    normalize(path, {"xl/worksheets/sheet1.xml": patch})


def dates_1904_workbook():
    """The 1904 date system (old Mac Excel): the same dates, serials 1462 days smaller."""
    book = new_workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Mac"
    sheet.append(["customer", "item", "period", "actual"])
    for k, day in enumerate([datetime.date(2024, 1, 31), datetime.date(2024, 2, 1), datetime.date(1904, 1, 1)]):
        sheet.append(["A", "x", day, k + 1])
        sheet.cell(row=k + 2, column=3).number_format = "dd.mm.yyyy"
    save(book, "dates-1904.xlsx")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "--long":
        rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else None
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Sheet1")
        write_only_long(sheet, sys.argv[2], rows)
        book.save(sys.argv[3])
        return
    tiny_workbooks()
    error_workbook()
    bad_rows_workbook()
    wide_workbook()
    values_workbook()
    dates_1904_workbook()


def write_only_long(sheet, csv_path, rows):
    """A long CSV through openpyxl's streaming writer, for large sheets; periods as date cells."""
    from openpyxl.cell import WriteOnlyCell
    with open(csv_path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sheet.append(header)
        for k, record in enumerate(reader):
            if rows is not None and k >= rows:
                break
            cells = []
            for name, value in zip(header, record):
                if name in ("period", "snapshot"):
                    cell = WriteOnlyCell(sheet, value=month_date(value))
                    cell.number_format = "yyyy-mm-dd"
                    cells.append(cell)
                elif name == "lag":
                    cells.append(int(value))
                elif name in ("forecast", "actual"):
                    number = float(value)
                    cells.append(int(number) if number.is_integer() and "." not in value else number)
                else:
                    cells.append(value)
            sheet.append(cells)


if __name__ == "__main__":
    main()
