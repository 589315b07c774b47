#!/usr/bin/python3
"""Prints an xlsx workbook as JSON, read by openpyxl (Debian's python3-openpyxl), a reader that shares
nothing with the writer hvdiag uses: per sheet its frozen cell, its filter range and every row of
cells as [type, value]. Types are openpyxl's: s text, n number, b boolean, d date, f formula."""
import datetime
import json
import sys

import openpyxl


def cell(c):
    v = c.value
    if isinstance(v, (datetime.datetime, datetime.date)):
        v = v.isoformat()
    return [c.data_type, v]


def main(path):
    # Not read-only: only the full reader gives the sheet views (frozen panes) and the filter.
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        sheets.append({
            "name": ws.title,
            "frozen": ws.freeze_panes,
            "autoFilter": ws.auto_filter.ref,
            "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
        })
    json.dump({"sheets": sheets}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
