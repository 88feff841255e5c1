#!/usr/bin/python3
"""Make a synthetic register that completes the default estate to 650 buildings.

    make-register.py DEFAULT_JSON POSTCODES_CSV OUT_CSV OUT_EXPECTED_JSON [N_ROWS]

The register is SYNTHETIC test input, not data about real buildings: it adds
650 - (sites in the default) new buildings named "Synthetic building N", placed at real
postcodes of the bundled directory, with floor areas, voids and every running cost given,
and fixes the floor area of 20 existing sites whose area and costs the default estimates
(+10%). Headers use the synonyms a planner's register might (not Footprint's own labels).
With N_ROWS it makes that many new rows instead (for the benchmark) and no updates.

It also writes what importing the register must do to the data summary, computed here
independently of Footprint: new sites, and the change of total floor area, running cost
and void cost. The rules are docs/model.md's: an estimated running cost scales with the
floor area it was estimated from; void cost = void m2 x running cost / GIA; a held site in
use with no activity is wholly void (void m2 = GIA), and a new site from a register has no
activity until a scenario moves services there, so its whole running cost is void; a site
with activity keeps the void floor area of its rooms, which a new floor area does not move
(below the cap at GIA), so at an unchanged cost per m2 its void cost does not move.
"""
import csv
import json
import sys

default_json, postcodes_csv, out_csv, out_expected = sys.argv[1:5]
n_rows = int(sys.argv[5]) if len(sys.argv) > 5 else None

d = json.load(open(default_json, encoding="utf-8"))
sites = d["sites"]
assumptions = {a["key"]: a["value"] for a in d["assumptions"]}
m2_per_room = assumptions["m2_per_room"]
taken = {s["postcode"] for s in sites if s.get("postcode")}
postcodes = []
with open(postcodes_csv, encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["postcode"] not in taken:
            postcodes.append(r["postcode"])

new = n_rows if n_rows is not None else 650 - len(sites)
step = max(1, len(postcodes) // (new + 1))
types = ["Office", "Other", "Health centre", "Branch surgery", "Hub", "Clinic"]
tenures = ["Leasehold", "NHSPS", "Freehold", "LIFT", "Local authority"]
COSTS = ["rent", "service_charge", "rates", "utilities", "hard_fm", "soft_fm", "other"]
shares = [0.40, 0.10, 0.12, 0.10, 0.13, 0.15, 0.0]

rows = []
exp = {"new_sites": new, "gia_delta": 0.0, "running_cost_delta": 0.0, "void_cost_delta": 0.0,
       "updated_sites": 0, "by_type": {}}
for i in range(new):
    gia = 150 + (i * 37) % 1850 + 0.5 * (i % 2)
    rate = 90 + (i * 13) % 120
    costs = [round(gia * rate * s, 2) for s in shares]
    void_rooms = i % 3
    other_void = float((i * 7) % 40)
    total = sum(costs)
    rows.append({
        "Site ref": "SYN%04d" % (i + 1),
        "Site name": "Synthetic building %d" % (i + 1),
        "Building type": types[i % len(types)],
        "Post code": postcodes[(i + 1) * step].lower().replace(" ", ""),
        "Tenure": tenures[i % len(tenures)],
        "Gross internal area (m2)": "%.1f" % gia,
        "Void rooms": str(void_rooms),
        "Void area (m2)": "%.0f" % other_void,
        "Annual rent": "%.2f" % costs[0],
        "Service charge": "%.2f" % costs[1],
        "Business rates": "%.2f" % costs[2],
        "Utilities": "%.2f" % costs[3],
        "Hard FM": "%.2f" % costs[4],
        "Soft FM": "%.2f" % costs[5],
        "Other costs": "%.2f" % costs[6],
    })
    exp["gia_delta"] += gia
    exp["running_cost_delta"] += total
    exp["void_cost_delta"] += total          # no activity: wholly void
    t = {"Office": "office", "Other": "other", "Health centre": "health_centre",
         "Branch surgery": "gp_branch", "Hub": "hub", "Clinic": "health_centre"}[types[i % len(types)]]
    exp["by_type"][t] = exp["by_type"].get(t, 0) + 1

if n_rows is None:
    # 20 floor areas fixed: current NHS sites whose area and every cost the default estimates.
    def all_estimated(s):
        p = s["provenance"]
        return (p.get("gia_m2", {}).get("kind") == "estimated" and s["status"] == "current"
                and s["sector"] == "nhs" and s["gia_m2"] and all(
                    p.get("costs." + c, {}).get("method") == "cost_per_m2_by_type_tenure"
                    for c in COSTS))
    active = {a["site"] for a in d["activity"] if a["volume"] > 0}
    def uncapped(s):
        return s["void_rooms"] * m2_per_room + s["other_void_m2"] < s["gia_m2"]
    fixed = [s for s in sites if all_estimated(s) and uncapped(s)][:20]
    assert len(fixed) == 20
    for s in fixed:
        old = s["gia_m2"]
        new_gia = round(old * 1.1, 2)
        rows.append({"Site ref": s["id"], "Site name": s["name"],
                     "Gross internal area (m2)": "%.2f" % new_gia})
        old_total = sum(s["costs"][c] for c in COSTS)
        new_total = old_total * new_gia / old
        exp["gia_delta"] += new_gia - old
        exp["running_cost_delta"] += new_total - old_total
        if s["id"] not in active:
            exp["void_cost_delta"] += new_total - old_total   # wholly void before and after
    exp["updated_sites"] = 20

with open(out_csv, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    for r in rows:
        w.writerow(r)
with open(out_expected, "w", encoding="utf-8") as f:
    json.dump(exp, f, indent=1, sort_keys=True)
