#!/usr/bin/python3
# test-workbook.py: the appraisal workbook and the site exports, read back independently.
#
# Builds a document from the built-in dataset with three options (one of them named, noted
# and owned with text a spreadsheet would run as a formula), runs `footprint-cli appraise`
# and `footprint-cli export`, then checks with openpyxl (an independent .xlsx reader):
# the sheets in order, formulas where the workbook promises them, cached values equal to
# the CLI's JSON, and no text from users or data written as a formula. LibreOffice,
# set to recalculate on load, then recalculates the workbook: every formula must give
# its cached value, and a new discount rate must move each NPV to what the cash flows
# give at that rate. Last, writes that fail (a read-only folder, a full disk) must leave
# the old file as it was.
#
# TAP output for meson. Needs python3-openpyxl; the LibreOffice cases need
# libreoffice-calc-nogui, the failed-write cases a way to make a read-only folder and a
# tiny file system (not being root, or root able to mount tmpfs): each is skipped, saying
# why, when this machine cannot do it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import hashlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = os.environ.get("FOOTPRINT_CLI")
INJECT_NAME = '=HYPERLINK("http://example.invalid/x","Click")'
INJECT_NOTE = "=cmd|' /C calc'!A0"
INJECT_OWNER = "@SUM(1+1)"
INJECT_SITE = "+Injected Hub"
RISKY = ("=", "+", "-", "@", "\t", "\r")

results = []


def report(name, ok, detail="", skip=None):
    results.append((name, ok, detail, skip))


def run(*args, check=True, env=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise RuntimeError("footprint-cli %s failed (%d): %s" % (" ".join(args), proc.returncode,
                                                                proc.stderr.strip()))
    return proc


def close(a, b, rel=1e-9, abs_=1e-6):
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def checksum(path):
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        return None


def build_document(path):
    run("init", "--document", path)
    a = "Fill the voids"
    run("scenario", "create", "--document", path, "--scenario", a)
    run("scenario", "add-change", "--document", path, "--scenario", a, "--kind", "exit_site",
        "--year", "2027", "--site", "RR153", "--to-sites", "RR150", "--confidence", "0.7",
        "--owner", "North Solihull", "--note", "Into the LIFT centre's empty rooms")
    run("scenario", "add-change", "--document", path, "--scenario", a, "--kind", "exit_site",
        "--year", "2028", "--site", "RYWA6", "--to-sites", "RYW69", "--confidence", "0.6")
    run("costs", "--document", path, "--option", a, "--kind", "transition", "--year", "2027",
        "--amount", "250000", "--note", INJECT_NOTE)

    b = INJECT_NAME
    run("scenario", "create", "--document", path, "--scenario", b, "--description", INJECT_NOTE)
    run("scenario", "add-change", "--document", path, "--scenario", b, "--kind", "dispose_site",
        "--year", "2026", "--site", "RYW13", "--value", "1000000", "--disposal-costs", "40000",
        "--confidence", "0.8", "--owner", INJECT_OWNER, "--note", INJECT_NOTE)
    run("scenario", "add-change", "--document", path, "--scenario", b, "--kind", "open_site",
        "--year", "2025", "--id", "NEWHUB", "--name", INJECT_SITE, "--site-type", "hub",
        "--lat", "52.48", "--lon", "-1.89", "--gia-m2", "1500", "--rooms", "consult=10",
        "--hours", "60", "--capital-cost", "4000000", "--running-cost", "300000",
        "--tenure", "freehold", "--confidence", "0.9", "--owner", "-Estates")
    run("scenario", "add-change", "--document", path, "--scenario", b, "--kind", "dispose_site",
        "--year", "2028", "--site", "RYWK5", "--value", "2500000", "--disposal-costs", "90000",
        "--confidence", "0.5")

    run("scores", "--document", path,
        "--weights", "strategic_fit=30,value_for_money=25,supplier_capacity=10,affordability=20,"
        "achievability=15",
        "--set", "Do nothing:strategic_fit=2", "--set", "Do nothing:value_for_money=2",
        "--set", "Do nothing:supplier_capacity=10", "--set", "Do nothing:affordability=6",
        "--set", "Do nothing:achievability=10",
        "--set", a + ":strategic_fit=9", "--set", a + ":value_for_money=7",
        "--set", a + ":supplier_capacity=7", "--set", a + ":affordability=8",
        "--set", a + ":achievability=6",
        "--set", b + ":strategic_fit=5")  # b stays unscored against the other four
    return ["Do nothing", a, b]


# ---- Refusals ---------------------------------------------------------------------------------

def check_refusals(doc, options):
    """Bad scores, weights and options are refused with a message, and change nothing."""
    before = run("scores", "--document", doc, "--format", "json").stdout
    cases = [
        (["scores", "--weights", "strategic_fit=50"], "sum to 100"),
        (["scores", "--set", "No such option:strategic_fit=5"], "No such option"),
        (["scores", "--set", options[1] + ":beauty=5"], "beauty"),
        (["scores", "--set", options[1] + ":strategic_fit=11"], "0 to 10"),
        (["scores", "--set", options[1] + ":strategic_fit=7",
          "--set", options[1] + ":achievability=12"], "0 to 10"),
        (["scores", "--remove-criterion", "affordability"], "sum to 100"),
        (["appraise", "--options", "Do nothing,No such option"], "No such option"),
        (["costs", "--option", options[1], "--kind", "transition", "--year", "1999",
          "--amount", "5"], "horizon"),
    ]
    bad = []
    for args, words in cases:
        proc = run(args[0], "--document", doc, *args[1:], check=False)
        if proc.returncode == 0 or words not in proc.stderr:
            bad.append("%r: exit %d, %r" % (args, proc.returncode, proc.stderr.strip()))
    after = run("scores", "--document", doc, "--format", "json").stdout
    if after != before:
        bad.append("the scores changed")
    report("bad scores, weights and options are refused and change nothing", not bad,
           "; ".join(bad))


# ---- openpyxl checks ---------------------------------------------------------------------

def check_workbook(xlsx, appraisal, options):
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)            # formulas
    cached = openpyxl.load_workbook(xlsx, data_only=True)

    # Sheets in order: Summary, Assumptions, one per option (numbered, named after it), then
    # the six lists.
    got = wb.sheetnames
    fixed = ["Ledger", "Scoring", "Sites", "Changes", "Access", "Sources"]
    ok = got[:2] == ["Summary", "Assumptions"] and got[-6:] == fixed and \
        len(got) == 2 + len(options) + 6 and got[2] == "1 Do nothing" and \
        got[3] == "2 Fill the voids" and got[4].startswith("3 =HYPERLINK(") and len(got[4]) <= 31
    report("sheet names in order", ok, repr(got))

    # Named inputs.
    names = {d.name: d.attr_text for d in wb.defined_names.definedName}
    needed = ["DiscountRate", "DiscountRateLong", "DiscountRateLongFromYear", "OptimismBias"]
    report("named inputs on Assumptions",
           all(n in names and names[n].startswith("Assumptions!") for n in needed), repr(names))
    rate_cell = names["DiscountRate"].split("!")[1].replace("$", "")
    report("discount rate input holds the document's rate",
           close(cached["Assumptions"][rate_cell].value, appraisal["discount_rate"]))

    summary, summary_v = wb["Summary"], cached["Summary"]
    rows = {}
    for r in range(1, 40):
        name = summary_v.cell(r, 2).value
        if isinstance(name, str) and r > 8:
            rows[name] = r

    # Cash-flow sheets: formulas where promised.
    formula_ok = True
    detail = []
    for i in range(len(options)):
        ws = wb[got[2 + i]]
        df = [ws.cell(7, c).value for c in range(2, 8)]
        rate = [ws.cell(6, c).value for c in range(3, 8)]
        npv = ws["B31"].value
        npv_ra = ws["B32"].value
        bias = ws["C19"].value
        ra = ws["B15"].value
        for v, must in ((df[1], "/(1+"), (rate[0], "DiscountRate"), (npv, "SUMPRODUCT"),
                        (npv_ra, "SUMPRODUCT"), (bias, "OptimismBias"), (ra, "SUMIFS(Ledger!")):
            if not (isinstance(v, str) and v.startswith("=") and must in v):
                formula_ok = False
                detail.append("%s: %r lacks %s" % (ws.title, v, must))
    for col in range(4, 15):
        v = summary.cell(10, col).value
        if not (isinstance(v, str) and v.startswith("=")):
            formula_ok = False
            detail.append("Summary column %d: %r" % (col, v))
    scoring = wb["Scoring"]
    if not any(isinstance(c.value, str) and "SUMPRODUCT" in c.value
               for row in scoring.iter_rows() for c in row):
        formula_ok = False
        detail.append("Scoring has no weighted-score formula")
    report("formulas where promised", formula_ok, "; ".join(detail))

    # Cached values equal the CLI's JSON.
    values_ok = True
    detail = []
    by_name = {o["name"]: o for o in appraisal["options"]}
    for i, name in enumerate(options):
        o = by_name[name]
        safe = ("'" + name) if name.startswith(RISKY) else name
        r = rows.get(safe)
        if r is None:
            values_ok = False
            detail.append("no Summary row for %r" % safe)
            continue
        pairs = [(11, o["npv"]), (12, o["npv_risk_adjusted"]), (4, o["revenue_savings"]),
                 (5, o["capital_receipts"]), (7, o["capital_costs"]), (1, o["rank"])]
        if o["weighted_score"] is not None:
            pairs.append((13, o["weighted_score"]))
        elif summary_v.cell(r, 13).value not in (None, ""):
            values_ok = False
            detail.append("%s: unscored but Summary shows %r" % (name, summary_v.cell(r, 13).value))
        for col, want_v in pairs:
            v = summary_v.cell(r, col).value
            if not isinstance(v, (int, float)) or not close(v, want_v):
                values_ok = False
                detail.append("%s col %d: %r != %r" % (name, col, v, want_v))
        ws = cached[got[2 + i]]
        for y, want_v in enumerate(o["revenue_savings_by_year"]):
            v = ws.cell(10, 2 + y).value
            if not close(v, want_v):
                values_ok = False
                detail.append("%s revenue %d: %r != %r" % (name, y, v, want_v))
        for y, want_v in enumerate(appraisal["discount_factors"]):
            if not close(ws.cell(7, 2 + y).value, want_v):
                values_ok = False
                detail.append("%s DF %d" % (name, y))
    preferred = summary_v["C4"].value
    want_pref = appraisal["preferred_option"]
    if preferred not in (want_pref, "'" + want_pref):
        values_ok = False
        detail.append("preferred %r != %r" % (preferred, want_pref))
    report("cached values equal the CLI's JSON", values_ok, "; ".join(detail))

    # The ledger adds up to each option's risk-adjusted benefits.
    ledger = cached["Ledger"]
    sums = {}
    for row in ledger.iter_rows(min_row=5, values_only=True):
        if row[0] is None or row[7] != "Risk-adjusted":
            continue
        sums[row[0]] = sums.get(row[0], 0) + row[-1]
    ledger_ok = all(close(sums.get(i + 1, 0), by_name[n]["benefits_risk_adjusted"], abs_=1e-4)
                    for i, n in enumerate(options))
    report("ledger adds up to the risk-adjusted benefits", ledger_ok, repr(sums))

    # No text from users or data became a formula; risky text is neutralised.
    inject_ok = True
    detail = []
    found = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if not isinstance(v, str):
                    continue
                if c.data_type == "f" or v.startswith("="):
                    # A formula may name an option's sheet ('3 =HYPERLINK(...'!B31): inert
                    # inside the quotes. Anything else of a payload is not.
                    bare = re.sub(r"'[^']*'!", "", v)
                    if any(p in bare for p in ("HYPERLINK", "cmd|", "SUM(1+1)", "Injected")):
                        inject_ok = False
                        detail.append("%s!%s is a formula: %r" % (ws.title, c.coordinate, v))
                    continue
                for payload in (INJECT_NAME, INJECT_NOTE, INJECT_OWNER, INJECT_SITE, "-Estates"):
                    if payload in v:
                        if v.startswith(RISKY):
                            inject_ok = False
                            detail.append("%s!%s: %r" % (ws.title, c.coordinate, v))
                        else:
                            found.add(payload)
    if found != {INJECT_NAME, INJECT_NOTE, INJECT_OWNER, INJECT_SITE, "-Estates"}:
        inject_ok = False
        detail.append("payloads written: %r" % sorted(found))
    report("no user text became a formula in the workbook", inject_ok, "; ".join(detail))

    # Numbers are numbers: the Sites sheet's money columns hold numbers, never text.
    sites = cached["Sites"]
    numeric = all(isinstance(sites.cell(r, 6).value, (int, float, type(None)))
                  for r in range(6, sites.max_row + 1))
    report("numbers are numbers (Sites)", numeric)

    # Frozen headers and filters on the lists.
    frozen = all(wb[s].freeze_panes is not None for s in ["Ledger", "Sites", "Changes", "Access",
                                                          "Sources", got[3]])
    filters = all(wb[s].auto_filter.ref for s in ["Ledger", "Sites", "Changes", "Access", "Sources"])
    report("frozen headers and filters", frozen and filters)


# ---- LibreOffice ---------------------------------------------------------------------------

RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
"""


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(src, outdir, profile):
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_PROFILE)
    os.makedirs(outdir, exist_ok=True)
    proc = subprocess.run([soffice(), "--headless", "--norestore", "--nolockcheck",
                           "-env:UserInstallation=file://" + profile,
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir,
                           src], capture_output=True, text=True, timeout=240)
    out = os.path.join(outdir, os.path.basename(src))
    if proc.returncode != 0 or not os.path.exists(out):
        raise RuntimeError("LibreOffice could not convert %s: %s" % (src, proc.stderr))
    return out


def formula_cells(xlsx):
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    cells = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    cells.append((ws.title, c.coordinate))
    return cells


def check_recalculation(xlsx, work, appraisal, options):
    import openpyxl

    profile = os.path.join(work, "lo-profile")
    recalculated = recalculate(xlsx, os.path.join(work, "recalc"), profile)
    mine = openpyxl.load_workbook(xlsx, data_only=True)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)

    cells = formula_cells(xlsx)
    bad = []
    for sheet, coord in cells:
        a, b = mine[sheet][coord].value, theirs[sheet][coord].value
        if isinstance(a, (int, float)) and not isinstance(a, bool):
            if not isinstance(b, (int, float)) or not close(a, b, rel=1e-9, abs_=1e-6):
                bad.append("%s!%s cached %r, recalculated %r" % (sheet, coord, a, b))
        elif (a or "") != (b or ""):
            bad.append("%s!%s cached %r, recalculated %r" % (sheet, coord, a, b))
    report("LibreOffice recalculates every formula (%d) to its cached value" % len(cells),
           not bad and len(cells) > 100, "; ".join(bad[:10]))

    # A new discount rate: every NPV moves to what the cash flows give at that rate.
    edited = os.path.join(work, "edited.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    names = {d.name: d.attr_text for d in wb.defined_names.definedName}
    rate_cell = names["DiscountRate"].split("!")[1].replace("$", "")
    bias_cell = names["OptimismBias"].split("!")[1].replace("$", "")
    new_rate, new_bias = 0.06, 0.5
    wb["Assumptions"][rate_cell].value = new_rate
    wb["Assumptions"][bias_cell].value = new_bias
    wb.save(edited)
    moved = openpyxl.load_workbook(recalculate(edited, os.path.join(work, "moved"), profile),
                                   data_only=True)

    detail = []
    ok = True
    sheetnames = moved.sheetnames
    for i, o in enumerate(appraisal["options"]):
        ws = moved[sheetnames[2 + i]]
        npv, npv_ra = ws["B31"].value, ws["B32"].value
        # What the cash flows give at 6% with 50% optimism bias, from the CLI's own lines.
        years = len(appraisal["years"])
        df, want, want_ra = 1.0, 0.0, 0.0
        cap = o["ledger"] and [sum(e["capital_costs_by_year"][y] for e in o["ledger"])
                               for y in range(years)] or [0.0] * years
        for y in range(years):
            if y > 0:
                df /= 1 + (new_rate if y < appraisal["discount_rate_long_from_year"]
                           else appraisal["discount_rate_long"])
            costs = cap[y] * (1 + new_bias) + o["transition_costs_by_year"][y]
            want += df * (o["benefits_by_year"][y] - costs)
            want_ra += df * (o["benefits_risk_adjusted_by_year"][y] - costs)
        if not (close(npv, want, rel=1e-9, abs_=1e-4) and close(npv_ra, want_ra, rel=1e-9, abs_=1e-4)):
            ok = False
            detail.append("%s: NPV %r (want %r), risk-adjusted %r (want %r)" % (o["name"], npv, want,
                                                                                 npv_ra, want_ra))
        if o["changes"] > 0 and close(npv, o["npv"], rel=1e-6, abs_=1):
            ok = False
            detail.append("%s: NPV did not move (%r)" % (o["name"], npv))
    report("a new discount rate and optimism bias move every NPV consistently", ok,
           "; ".join(detail))


# ---- CSV and GeoJSON ------------------------------------------------------------------------

def check_exports(doc, work, options):
    name = options[2]
    out_csv = os.path.join(work, "sites.csv")
    out_geo = os.path.join(work, "sites.geojson")
    run("export", "--document", doc, "--scenario", name, "--format", "csv", "--output", out_csv)
    run("export", "--document", doc, "--scenario", name, "--format", "geojson", "--output", out_geo)

    with open(out_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    risky = [(r["id"], k, v) for r in rows for k, v in r.items()
             if isinstance(v, str) and v.startswith(RISKY) and not is_number(v)]
    hub = [r for r in rows if r["id"] == "NEWHUB"]
    ok = not risky and rows and all(r["scenario"] == "'" + name for r in rows) and \
        hub and hub[0]["name"] == "'" + INJECT_SITE and hub[0]["held"] == "true"
    report("CSV export: risky text neutralised once, numbers plain", bool(ok),
           repr(risky[:3]) + repr(hub[:1]))

    with open(out_geo, encoding="utf-8") as f:
        geo = json.load(f)
    feats = geo["features"]
    unplaced = [f for f in feats if f["geometry"] is None]
    placed = [f for f in feats if f["geometry"] is not None]
    texts = [v for f in feats for v in f["properties"].values() if isinstance(v, str)]
    ok = geo["type"] == "FeatureCollection" and len(feats) == len(rows) and \
        all(not v.startswith(RISKY) for v in texts) and \
        all(f["properties"]["placed"] is False for f in unplaced) and \
        all(f["geometry"]["type"] == "Point" and -3 < f["geometry"]["coordinates"][0] < 0 and
            51 < f["geometry"]["coordinates"][1] < 54 for f in placed) and \
        any(f["properties"]["name"] == "'" + INJECT_SITE for f in feats)
    report("GeoJSON export: WGS84 points, unplaced with null geometry, text neutralised", ok,
           "%d features, %d unplaced" % (len(feats), len(unplaced)))


# ---- Failed writes ----------------------------------------------------------------------------

def try_mount(path, size):
    os.makedirs(path, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", path],
                          capture_output=True, text=True)
    return proc.returncode == 0


def umount(path):
    subprocess.run(["umount", path], capture_output=True)


def leftovers(folder, keep):
    return sorted(n for n in os.listdir(folder) if n != keep and n != "lost+found")


def attempt_writes(doc, options, folder, old_name, why):
    """Writes the workbook and the CSV over old files in @folder, which must fail."""
    ok, detail = True, []
    for fmt, name, args in (
            ("xlsx", old_name + ".xlsx", ["appraise", "--document", doc, "--options",
                                          ",".join(options[:2]), "--format", "json", "--output"]),
            ("csv", old_name + ".csv", ["export", "--document", doc, "--scenario", options[1],
                                        "--format", "csv", "--output"])):
        target = os.path.join(folder, name)
        before = checksum(target)
        proc = run(*args, target, check=False)
        after = checksum(target)
        others = [n for n in os.listdir(folder) if n not in (old_name + ".xlsx", old_name + ".csv",
                                                               "lost+found")]
        if proc.returncode != 1 or before != after or others or target not in proc.stderr:
            ok = False
            detail.append("%s (%s): exit %d, unchanged %s, left %r, said %r" % (
                fmt, why, proc.returncode, before == after, others, proc.stderr.strip()))
    return ok, "; ".join(detail)


def check_failed_writes(doc, work, options):
    old = b"an old file that must survive\n" * 100

    # A folder that cannot be written.
    ro = os.path.join(work, "read-only")
    os.makedirs(ro)
    for ext in ("xlsx", "csv"):
        with open(os.path.join(ro, "old." + ext), "wb") as f:
            f.write(old)
    mounted = False
    skip = None
    if os.geteuid() != 0:
        os.chmod(ro, 0o555)
    elif try_mount(ro, "1m"):
        mounted = True
        for ext in ("xlsx", "csv"):
            with open(os.path.join(ro, "old." + ext), "wb") as f:
                f.write(old)
        if subprocess.run(["mount", "-o", "remount,ro", ro], capture_output=True).returncode != 0:
            skip = "cannot remount a tmpfs read-only here"
    else:
        skip = "running as root and cannot mount a tmpfs to make a read-only folder"
    try:
        if skip:
            report("a read-only folder leaves the old file", True, skip=skip)
        else:
            ok, detail = attempt_writes(doc, options, ro, "old", "read-only")
            report("a read-only folder leaves the old file intact", ok, detail)
    finally:
        if mounted:
            umount(ro)
        else:
            os.chmod(ro, 0o755)

    # A full disk: a 64 kB tmpfs holding the old files.
    full = os.path.join(work, "full")
    if not try_mount(full, "64k"):
        report("a full disk leaves the old file", True,
               skip="cannot mount a tiny tmpfs here (needs root or CAP_SYS_ADMIN)")
        return
    try:
        for ext in ("xlsx", "csv"):
            with open(os.path.join(full, "old." + ext), "wb") as f:
                f.write(old)
        ok, detail = attempt_writes(doc, options, full, "old", "disk full")
        report("a full disk leaves the old file intact", ok, detail)
    finally:
        umount(full)


# ---- main --------------------------------------------------------------------------------------

def check_price_of_access(doc, work, options):
    """appraise --sweep adds a Price of access sheet between Access and Sources, whose rows
    are the points optimise --sweep finds, and whose step prices are formulas."""
    import openpyxl
    spec = "gp_appointments=0.9:1:3"
    xlsx = os.path.join(work, "price.xlsx")
    run("appraise", "--document", doc, "--options", options[0], "--output", xlsx,
        "--sweep", spec)
    curve = json.loads(run("optimise", "--document", doc, "--sweep", spec,
                           "--format", "json").stdout)
    wb = openpyxl.load_workbook(xlsx)
    names = wb.sheetnames
    report("the Price of access sheet sits between Access and Sources",
           "Price of access" in names and
           names.index("Price of access") == names.index("Access") + 1 and
           names.index("Sources") == names.index("Price of access") + 1, names)
    ws = wb["Price of access"]
    cached = openpyxl.load_workbook(xlsx, data_only=True)["Price of access"]
    rows = [r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, float)
            or isinstance(ws.cell(r, 1).value, int)]
    points = curve["points"]
    same = len(rows) == len(points)
    detail = []
    for r, p in zip(rows, points):
        ok = close(ws.cell(r, 1).value, p["target"])
        if p["feasible"]:
            ok = ok and ws.cell(r, 2).value == p["status"] and close(ws.cell(r, 3).value, p["npv"])
        else:
            ok = ok and ws.cell(r, 3).value is None
        if not ok:
            detail.append("row %d: %r against %r" % (r, [ws.cell(r, c).value for c in (1, 2, 3)], p))
        same = same and ok
    report("its rows are the points of optimise --sweep", same, "\n".join(detail))
    formulas = True
    for a, b in zip(rows, rows[1:]):
        if points[rows.index(a)]["feasible"] and points[rows.index(b)]["feasible"]:
            want = "=C%d-C%d" % (a, b)
            value = cached.cell(b, 4).value
            formulas = formulas and ws.cell(b, 4).value == want and close(
                value, ws.cell(a, 3).value - ws.cell(b, 3).value)
    report("each step's price is a formula with its value cached", formulas)

    refused = run("appraise", "--document", doc, "--options", options[0], "--sweep", spec,
                  check=False)
    missing = os.path.join(work, "never.xlsx")
    unknown = run("appraise", "--document", doc, "--options", options[0], "--output", missing,
                  "--sweep", "no_such_service=0.9:1:3", check=False)
    report("--sweep without --output, or of a service that is not there, is refused",
           refused.returncode != 0 and "--output" in refused.stderr and
           unknown.returncode != 0 and "no_such_service" in unknown.stderr and
           not os.path.exists(missing), refused.stderr + unknown.stderr)


def main():
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("1..0 # SKIP python3-openpyxl is not installed")
        return 0
    if not CLI:
        print("1..0 # SKIP FOOTPRINT_CLI is not set")
        return 0

    work = tempfile.mkdtemp(prefix="footprint-workbook-")
    try:
        doc = os.path.join(work, "test.footprint")
        options = build_document(doc)
        xlsx = os.path.join(work, "appraisal.xlsx")
        proc = run("appraise", "--document", doc, "--options", ",".join(options[:2]),
                   "--options", options[2], "--format", "json", "--output", xlsx)
        appraisal = json.loads(proc.stdout)
        keys = ["discount_rate", "optimism_bias", "horizon_years", "preferred_option",
                "sensitivity", "options"]
        okeys = ["name", "npv", "npv_risk_adjusted", "revenue_savings_by_year",
                 "capital_receipts", "capital_costs", "weighted_score", "rank", "ledger"]
        report("appraise JSON has the keys of the contract",
               all(k in appraisal for k in keys) and
               all(k in o for o in appraisal["options"] for k in okeys) and
               [o["name"] for o in appraisal["options"]] == options)

        check_refusals(doc, options)
        check_workbook(xlsx, appraisal, options)
        check_exports(doc, work, options)
        check_price_of_access(doc, work, options)
        if soffice():
            check_recalculation(xlsx, work, appraisal, options)
        else:
            report("LibreOffice recalculation", True,
                   skip="libreoffice-calc-nogui is not installed")
        check_failed_writes(doc, work, options)
    except Exception as e:  # a crash is one failed test with its reason
        report("the workbook tests ran", False, "%s: %s" % (type(e).__name__, e))
    finally:
        if not os.environ.get("FP_TEST_KEEP"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("# kept %s" % work)

    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail, skip) in enumerate(results, 1):
        if skip:
            print("ok %d - %s # SKIP %s" % (i, name, skip))
        elif ok:
            print("ok %d - %s" % (i, name))
        else:
            failed += 1
            print("not ok %d - %s" % (i, name))
            for line in str(detail).splitlines() or [""]:
                print("# %s" % line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
