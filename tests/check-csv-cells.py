#!/usr/bin/env python3
# check-csv-cells.py CSV [PAYLOAD...]: read a CSV that Footprint wrote with Python's csv
# module, as a spreadsheet importer would, and fail when a cell would be read as a formula.
#
# A cell is risky when it begins with =, +, -, @, a tab or a carriage return (OWASP, "CSV
# Injection"); a risky cell must be a plain number (a negative longitude is fine). Each
# PAYLOAD must be found in a cell exactly as fp_cell_text_safe() writes it: behind a single
# quote, otherwise unchanged, so the text is neither lost nor altered.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import sys

RISKY = ("=", "+", "-", "@", "\t", "\r")


def is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def main():
    path, payloads = sys.argv[1], sys.argv[2:]
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    cells = [cell for row in rows for cell in row]
    bad = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row)
           if cell.startswith(RISKY) and not is_number(cell)]
    missing = [p for p in payloads if "'" + p not in cells]
    widths = {len(row) for row in rows}

    print(f"{len(rows)} rows, {len(cells)} cells, {len(bad)} risky, "
          f"{len(payloads) - len(missing)} of {len(payloads)} payloads found neutralised")
    for r, c, cell in bad[:20]:
        print(f"  row {r + 1}, column {c + 1}: {cell!r} would be read as a formula")
    for p in missing:
        print(f"  payload {p!r} is not in any cell as {(chr(39) + p)!r}")
    if len(widths) > 1:
        print(f"  rows of different widths: {sorted(widths)}")
    return 1 if bad or missing or len(widths) > 1 else 0


if __name__ == "__main__":
    sys.exit(main())
