#!/usr/bin/python3
"""The figures docs/import.md quotes, computed again with footprint-cli and found in the page.

    check-import-doc.py SOURCE_ROOT [--print]

Runs what the page describes on fresh documents made from the default dataset: the
planner's register of the screenshots (tests/data/import/make-planner-register.py: the
register export, 20 floor areas +10%, 30 synthetic buildings) imported, undone and redone;
the synthetic register that completes the default to the plan's 650 buildings
(make-register.py); the postcode directory's size. Each figure is formatted as the page
writes it and must appear in it, so the page cannot drift from the data and the code.
--print prints the sentences instead of checking. Needs $FOOTPRINT_CLI (set by meson).
Exits 77 (skip) without it.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
show = "--print" in sys.argv
cli = os.environ.get("FOOTPRINT_CLI")
if not cli or not os.path.exists(cli):
    print("skip: $FOOTPRINT_CLI not set", file=sys.stderr)
    sys.exit(77)


def run(*args):
    r = subprocess.run([cli] + list(args), capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("footprint-cli %s failed (%d):\n%s%s" % (" ".join(args), r.returncode,
                                                          r.stdout, r.stderr))
    return r.stdout


def summary(doc):
    return json.loads(run("summary", "--document", doc, "--json"))


def money(x):
    return "£%.1fm" % (x / 1e6)


def area(x):
    return "{:,.0f}".format(x)


tmp = tempfile.mkdtemp(prefix="footprint-import-doc-")
doc = os.path.join(tmp, "bsol.footprint")
run("init", "--document", doc)
before = summary(doc)

# The planner's register of the screenshots, imported, undone, redone.
export = os.path.join(tmp, "export.csv")
register = os.path.join(tmp, "planner-register.csv")
run("register", "export", "--document", doc, "--format", "csv", "--output", export)
subprocess.run(["/usr/bin/python3",
                os.path.join(root, "tests/data/import/make-planner-register.py"), export, os.path.join(root, "data/postcodes/bsol-postcodes.csv"), register],
               check=True)
run("import", "--document", doc, register)
after = summary(doc)
run("import", "--document", doc, "--undo")
undone = summary(doc)
run("import", "--document", doc, "--redo")
redone = summary(doc)
keys = ("sites", "gia_m2_total", "running_cost_total", "void_cost_total")
problems = []
for k in keys:
    if undone[k] != before[k]:
        problems.append("undo does not bring back %s: %r, was %r" % (k, undone[k], before[k]))
    if redone[k] != after[k]:
        problems.append("redo does not bring back %s: %r, was %r" % (k, redone[k], after[k]))

# The register that completes the default to the plan's buildings.
doc650 = os.path.join(tmp, "bsol-650.footprint")
run("init", "--document", doc650)
csv650 = os.path.join(tmp, "register-650.csv")
subprocess.run(["/usr/bin/python3", os.path.join(root, "tests/data/import/make-register.py"),
                os.path.join(root, "data/default/bsol.json"),
                os.path.join(root, "data/postcodes/bsol-postcodes.csv"), csv650,
                os.path.join(tmp, "register-650.json")], check=True)
plan = json.loads(run("import", "--document", doc650, csv650, "--dry-run", "--format", "json"))
s0 = summary(doc650)
run("import", "--document", doc650, csv650)
s1 = summary(doc650)
n_new = s1["sites"] - s0["sites"]

with open(os.path.join(root, "data/postcodes/bsol-postcodes.csv"), encoding="utf-8") as f:
    n_postcodes = sum(1 for _ in csv.DictReader(f))

expected = [
    # The opening: what the open record locates.
    "locates about %d of the circa %d buildings" % (before["sites"], before["plan_buildings"]),
    # The planner's register of the screenshots, before and after.
    "%d → %d sites" % (before["sites"], after["sites"]),
    "area %s → %s m²" % (area(before["gia_m2_total"]), area(after["gia_m2_total"])),
    "running cost %s → %s a year" % (money(before["running_cost_total"]),
                                     money(after["running_cost_total"])),
    "void cost %s →\n%s a year" % (money(before["void_cost_total"]),
                                   money(after["void_cost_total"])),
    # The register that completes the default.
    "with %d synthetic buildings" % n_new,
    "adds their whole %s a year" % money(s1["void_cost_total"] - s0["void_cost_total"]),
    # The postcode directory.
    "(%s postcodes of the B" % "{:,}".format(n_postcodes),
]

page = open(os.path.join(root, "docs/import.md"), encoding="utf-8").read()
# Sentences wrap anywhere: compare with every run of spaces and line breaks as one space.
flat = " ".join(page.split())
for e in expected:
    if show:
        print(e.replace("\n", " "))
    elif " ".join(e.split()) not in flat:
        problems.append("docs/import.md should say “%s”" % " ".join(e.split()))
if plan.get("new_sites") is not None and len(plan["new_sites"]) != n_new:
    problems.append("the plan lists %d new sites, the summary gained %d" % (
        len(plan["new_sites"]), n_new))

subprocess.run(["rm", "-rf", tmp])
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
if not show:
    print("docs/import.md: %d figures agree with footprint-cli" % len(expected))
