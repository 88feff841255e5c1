#!/usr/bin/python3
"""Make the register a planner would import: the register export of a document with 20 floor
areas corrected (+10%) and 30 buildings added.

    make-planner-register.py EXPORT_CSV POSTCODES_CSV OUT_CSV

The 30 buildings are SYNTHETIC test input, not data about real buildings ("Synthetic
building N"), placed at postcodes of the bundled directory that no site of the export uses.
build-aux/screenshots-appraisal imports it for the pictures of docs/import.md, and
tests/check-import-doc.py for the figures that page quotes.
"""
import csv, sys
export, postcodes, out = sys.argv[1:4]
with open(export, encoding="utf-8-sig") as f:
    reader = csv.DictReader(f)
    fields = reader.fieldnames
    rows = list(reader)
taken = {r["Postcode"] for r in rows if r["Postcode"]}
free = [r["postcode"] for r in csv.DictReader(open(postcodes, encoding="utf-8"))
        if r["postcode"] not in taken]
# 20 floor areas corrected: sites with an address and a floor area, +10%.
fixed = 0
for r in rows:
    if fixed < 20 and r["Postcode"] and r["GIA (m²)"] and r["Address"]:
        r["GIA (m²)"] = "%.0f" % (float(r["GIA (m²)"]) * 1.1)
        fixed += 1
types = ["Health centre", "GP practice", "Office", "Clinic", "Hub"]
tenures = ["Leasehold", "NHSPS", "Freehold", "LIFT"]
step = max(1, len(free) // 31)
for i in range(30):
    r = {k: "" for k in fields}
    r.update({"Site code": "SYN%03d" % (i + 1), "Name": "Synthetic building %d" % (i + 1),
              "Type": types[i % len(types)], "Status": "current", "Sector": "NHS",
              "Postcode": free[(i + 1) * step], "Tenure": tenures[i % len(tenures)],
              "GIA (m²)": str(300 + 45 * i), "Consulting rooms": str(2 + i % 6)})
    rows.append(r)
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields)
    w.writeheader()
    w.writerows(rows)
