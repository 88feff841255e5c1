#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Build Footprint's default dataset (Birmingham and Solihull) from ../shared/data.

Run from the repository root with Debian's Python (standard library only):

    /usr/bin/python3 data/build/build-default.py [--shared DIR] [--out DIR] [--docs FILE]

Writes data/default/bsol.json, data/default/boundaries/*.geojson,
data/default/build-report.txt and docs/data.md (filled in from
data/build/data.md.in).  The output is deterministic: the same input gives
byte-identical files.  The script fails loudly (AssertionError) if any of the
hard checks at the end does not hold.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import re
import sys
import time
from collections import Counter, OrderedDict, defaultdict

T0 = time.time()
BUILD_DATE = "2026-11-22"          # the date stamped on "assumed" provenance
BY = "Footprint default dataset"
BASE_YEAR = 2025
POP_TOTAL = 1361141
POP_BY_LA = {"E08000025": 1144903, "E08000029": 216238}
AE_TOTAL = 403225
# The 2016 plan's A&E baseline counts a year before the plan was written; the figure as
# quoted does not name it, so it is taken as 2015/16 (an assumption, recorded as such).
AE_PLAN_YEAR = 2015
BSOL_LA = {"E08000025": "Birmingham", "E08000029": "Solihull"}

# Prices. Every cost is held in the base year's prices: the NHS financial year that starts
# in BASE_YEAR. Figures a source states in another year's cash are indexed with HM
# Treasury's GDP deflators at market prices (financial years, 2024-25 = 100), March 2026
# release (Quarterly National Accounts, 31 March 2026; forecasts from the OBR's Spring
# Statement, 3 March 2026). In that release 2025-26 is a forecast, not outturn.
DEFLATOR_SRC = "hmt_gdp_deflators_2026_03"
DEFLATOR_VINTAGE = "March 2026"
DEFLATOR = OrderedDict([("2016-17", 76.0754), ("2023-24", 96.1117), ("2024-25", 100.0),
                        ("2025-26", 103.2388)])
DEFLATOR_FORECAST = {"2025-26"}
PRICE_FY = "%d-%02d" % (BASE_YEAR, (BASE_YEAR + 1) % 100)
PRICE_BASE = PRICE_FY.replace("-", "/")
PRICE_INDEX = "HM Treasury GDP deflator, " + DEFLATOR_VINTAGE


def index_factor(fy):
    """Multiplier taking cash of financial year fy ("2016-17") to base-year prices."""
    return DEFLATOR[PRICE_FY] / DEFLATOR[fy]

REPORT = []          # lines of build-report.txt
FACTS = OrderedDict()  # named numbers for docs/data.md


def say(line=""):
    REPORT.append(line)
    print(line)


def fact(key, value):
    FACTS[key] = value
    return value


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------

def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, r in enumerate(rows):
        r["_row"] = i + 1          # 1-based data row number (header excluded)
    return rows


def num(v):
    """ERIC numbers: '' and 'Not Applicable' -> None."""
    if v is None:
        return None
    v = str(v).strip().replace(",", "")
    if v == "" or v.lower().startswith("not "):
        return None
    try:
        return float(v)
    except ValueError:
        return None


def r2(x):
    return None if x is None else round(float(x) + 0.0, 2)


def r6(x):
    return None if x is None else round(float(x) + 0.0, 6)


def norm_pc(pc):
    if not pc:
        return ""
    pc = re.sub(r"[^A-Z0-9]", "", pc.upper())
    if len(pc) < 5:
        return pc
    return pc[:-3] + " " + pc[-3:]


def pc_sector(pc):
    return pc[:-2] if pc and len(pc) > 4 else pc


PC_RE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})\b")

KEEP_UPPER = {"NHS", "GP", "GPS", "PCC", "UCC", "WIC", "ENT", "OOH", "BSOL", "PCN", "LD",
              "MH", "CMHT", "UHB", "BCHC", "QE", "DTC", "ICA", "OHP", "UTC", "CDT", "AQP",
              "SLH", "NSC", "EA", "BMI", "BPAS", "HMP", "CAS", "RP", "SPA", "ADHD", "CGL",
              "ICOF", "MMP", "BMEC", "FMC", "MRI", "BC", "SMBC", "HQ", "LCN", "CCG", "SWBCCG",
              "NDR", "ASR", "ACS", "GPWSI", "BCSS", "BCSC", "MSK", "FTB", "SDS", "ED", "NEC",
              "HH", "UK", "II", "III", "IV", "CIBA", "FT", "PCT", "LIFT", "NHSPS", "BIDP",
              "SK:N", "BDIP", "PFI"}
LOWER_WORDS = {"and", "of", "the", "at", "in", "for", "on", "with", "by", "to"}


def title(s):
    """Readable title case for SHOUTING names."""
    if not s:
        return s
    s = re.sub(r"\s+", " ", s.strip())
    letters = [c for c in s if c.isalpha()]
    if letters and sum(1 for c in letters if c.islower()) > len(letters) * 0.2:
        return s   # already mixed case: keep as published
    out = []
    for i, w in enumerate(s.split(" ")):
        core = re.sub(r"[^A-Za-z:]", "", w).upper()
        if core in KEEP_UPPER:
            out.append(w.upper())
            continue
        lw = w.lower()
        if i > 0 and lw in LOWER_WORDS:
            out.append(lw)
            continue
        # capitalise each alphabetic run; keep 's lower case
        t = re.sub(r"[a-z]+", lambda m: m.group(0).capitalize(), lw)
        t = re.sub(r"'S\b", "'s", t)
        t = re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), t)
        out.append(t)
    return " ".join(out)


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def point_in_ring(lon, lat, ring):
    """Ray casting (even-odd rule)."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            xcross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < xcross:
                inside = not inside
        j = i
    return inside


class PolyIndex:
    """Polygons (one outer ring, optional holes) with bounding boxes."""

    def __init__(self, features, key):
        self.items = []
        for f in features:
            g = f["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            for poly in polys:
                xs = [p[0] for p in poly[0]]
                ys = [p[1] for p in poly[0]]
                self.items.append((min(xs), min(ys), max(xs), max(ys), poly, key(f)))

    def find(self, lon, lat):
        for x0, y0, x1, y1, poly, k in self.items:
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                if point_in_ring(lon, lat, poly[0]) and not any(
                        point_in_ring(lon, lat, h) for h in poly[1:]):
                    return k
        return None


def largest_remainder(total, weights, keys):
    """Integers proportional to weights, summing exactly to total.
    Ties are broken by the order of keys (deterministic)."""
    s = sum(weights)
    if total == 0 or s <= 0:
        return {k: 0 for k in keys}
    quotas = [total * w / s for w in weights]
    ints = [int(math.floor(q)) for q in quotas]
    rem = total - sum(ints)
    order = sorted(range(len(keys)), key=lambda i: (-(quotas[i] - ints[i]), i))
    for i in order[:rem]:
        ints[i] += 1
    return {keys[i]: ints[i] for i in range(len(keys))}


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        h.update(fh.read())
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------
# words, addresses
# --------------------------------------------------------------------------

ABBREV = {"ctr": "centre", "ctre": "centre", "cntr": "centre", "cen": "centre", "center": "centre",
          "hth": "health", "hlth": "health", "med": "medical", "pract": "practice",
          "prac": "practice", "grn": "green", "rw": "row", "pk": "park", "ln": "lane",
          "rd": "road", "ave": "avenue", "hosp": "hospital", "hsp": "hospital", "prim": "primary",
          "mp": "medical practice", "hc": "health centre", "mc": "medical centre",
          "harbourne": "harborne", "hampstead": "hamstead", "millenium": "millennium",
          "cloddeshall": "clodeshall", "birmignham": "birmingham", "bellvue": "bellevue",
          "blossomfielm": "blossomfield", "victoris": "victoria", "familty": "family",
          "harlequinn": "harlequin", "ballsall": "balsall", "hiillcrest": "hillcrest",
          "farmhouseway": "farmhouse way", "riverbrook": "river brook", "priestly": "priestley",
          "anne": "ann", "hobmoor": "hob moor", "st.": "st"}

STOP = set("""
health healthcare centre centres medical surgery surgeries practice practices clinic clinics
road street lane avenue drive way close crescent place square row walk parade
birmingham solihull nhs the and of at in for on to by with service services primary care
community group partnership partners partner hospital unit units building buildings house
court lodge floor first second third fourth fifth ground ltd limited llp plc dr drs doctor
doctors gp gps hub hubs west east north south central midlands midland trust foundation
family new old suite site sites team teams uk wic ucc pcc gpwsi ent ooh pcn locality
department dept block wing services clinical consulting treatment day resource assessment
extended access collaborative anticoag anticoagulation aqp intrahealth solihealth
office offices total only land stores flats home respite rear via c o co st saint
urgent walk emergency general integrated network alliance federation limited company
childrens children child adolescent adult adults young people womens women
""".split())

STREET_SUFFIX = ("road|street|lane|avenue|drive|way|close|crescent|grove|walk|parade|row|"
                 "square|place|croft|covert|gardens|terrace|hill|green|park|middleway|"
                 "queensway|circus|mews|rise|vale|view|fields|meadow")
NUMBERED_ADDR = re.compile(
    r"\b(\d+)[a-z]?(?:\s*(?:-|&|/|to)\s*(\d+)[a-z]?)?\s+((?:[a-z]+\s+){0,2}?)(" +
    STREET_SUFFIX + r")\b")


def norm_text(s):
    s = (s or "").lower().replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9&/\-]+", " ", s)
    words = []
    for w in s.split():
        words.append(ABBREV.get(w, w))
    s = " ".join(words)
    # 'st' after a word and before the end/number is a street; elsewhere saint
    s = re.sub(r"\b([a-z]+) st\b(?! [a-z]+ (?:road|street|lane))", r"\1 street", s)
    return re.sub(r"\s+", " ", s).strip()


def address_keys(text):
    """{(street, lo, hi)} for numbered street addresses found in text."""
    keys = set()
    for m in NUMBERED_ADDR.finditer(norm_text(text)):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo or hi - lo > 40:
            hi = lo
        street = (m.group(3).strip() + " " + m.group(4)).strip()
        if lo > 2000:
            continue
        keys.add((street, lo, hi))
    return keys


def street_names(text):
    """Street names (with or without numbers) mentioned in text."""
    out = set()
    for m in re.finditer(r"\b((?:[a-z]+\s+){1,2}?)(" + STREET_SUFFIX + r")\b", norm_text(text)):
        st = (m.group(1).strip() + " " + m.group(2)).strip()
        first = st.split()[0]
        if first.isdigit() or first in STOP:
            continue
        out.add(st)
    return out


# --------------------------------------------------------------------------
# arguments and inputs
# --------------------------------------------------------------------------

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"),
                help="the shared data folder (default ../shared/data from the repo root)")
ap.add_argument("--out", default=os.path.join(REPO, "data", "default"),
                help="output folder (default data/default)")
ap.add_argument("--docs", default=os.path.join(REPO, "docs", "data.md"),
                help="where to write docs/data.md ('' to skip)")
ap.add_argument("--assume", action="append", default=[], metavar="KEY=VALUE",
                help="replace a numeric assumption (e.g. cost_per_m2.tenure.lift=450), to see "
                     "how the estimates move; the output is then not the default dataset")
args = ap.parse_args()
OVERRIDE = {}
for kv in args.assume:
    k, _, v = kv.partition("=")
    OVERRIDE[k.strip()] = float(v)
SH = os.path.abspath(args.shared)
OUT = os.path.abspath(args.out)


def P(*parts):
    return os.path.join(SH, *parts)


FILES = {
    "eric_2016_17": "nhs_estate/bsol_eric_2016_17_site_data.csv",
    "hospitals_2018": "nhs_sites/bsol_hospitals_nhswebsite_2018.csv",
    "epraccur_2025": "nhs_sites/bsol_gp_and_prescribing_sites_epraccur_2025.csv",
    "ebranchs_2017": "nhs_sites/bsol_gp_branch_surgeries_ebranchs_2017.csv",
    "gp_lookup_2024": "nhs_sites/bsol_gp_pcn_locality_lookup_mar2024.csv",
    "clinics_2023": "nhs_sites/bsol_clinics_nhswebsite_2023.csv",
    "clinics_c2016": "nhs_sites/bsol_clinics_nhschoices_c2016.csv",
    "clinics_2014": "nhs_sites/bsol_clinics_nhschoices_2014.csv",
    "tenure_evidence": "tenure/bsol_tenure_evidence.csv",
    "census2021_lsoa21": "population/bsol_lsoa21_census2021_population.csv",
    "lsoa21_ward22": "population/bsol_lsoa21_to_ward22_lookup.csv",
    "imd2019": "deprivation/bsol_imd2019_lsoa11.csv",
    "postcodes": "postcodes/bsol_postcodes.csv",
}
VINTAGE = {"eric_2016_17": 2017, "hospitals_2018": 2018, "epraccur_2025": 2025,
           "ebranchs_2017": 2017, "gp_lookup_2024": 2024, "clinics_2023": 2023,
           "clinics_c2016": 2016, "clinics_2014": 2014, "tenure_evidence": 2025}

D = {k: read_csv(P(v)) for k, v in FILES.items()}
say("Footprint default dataset build (BSol)")
say("shared data: %s" % SH)
say("input files (sha256, first 16 hex):")
for k in sorted(FILES):
    say("  %-18s %-62s %6d rows  %s" % (k, FILES[k], len(D[k]), sha(P(FILES[k]))))

GEO = {}
for name in ("wards", "lsoa21", "lsoa11", "localities", "local_authorities"):
    with open(P("boundaries", name + ".geojson"), encoding="utf-8") as fh:
        GEO[name] = json.load(fh)

WARD_IDX = PolyIndex(GEO["wards"]["features"],
                     lambda f: (f["properties"]["ward_code"], f["properties"]["la_code"]))
LOC_IDX = PolyIndex(GEO["localities"]["features"], lambda f: f["properties"]["locality_name"])
LSOA11_IDX = PolyIndex(GEO["lsoa11"]["features"], lambda f: f["properties"]["lsoa11_code"])

POSTCODES = {}
for r in D["postcodes"]:
    POSTCODES[norm_pc(r["postcode"])] = (float(r["lat"]), float(r["lon"]))

# place-name words (ward names, built-up sub-divisions, towns) do not count as
# distinctive words when matching two rows at one postcode
PLACE_WORDS = set()
for f in GEO["wards"]["features"]:
    PLACE_WORDS.update(norm_text(f["properties"]["ward_name"]).split())
for r in D["postcodes"]:
    if r.get("built_up_subdivision"):
        PLACE_WORDS.update(norm_text(r["built_up_subdivision"]).split())
for r in D["epraccur_2025"]:
    PLACE_WORDS.update(norm_text(r["address4"]).split())
    PLACE_WORDS.update(norm_text(r["address5"]).split())
for k in ("clinics_2023", "clinics_c2016", "clinics_2014", "hospitals_2018"):
    for r in D[k]:
        PLACE_WORDS.update(norm_text(r["City"]).split())
        PLACE_WORDS.update(norm_text(r["County"]).split())
PLACE_WORDS |= {"coldfield", "bromwich", "moseley", "edgbaston", "harborne", "erdington",
                "handsworth", "sparkhill", "sparkbrook", "aston", "nechells", "saltley",
                "yardley", "sheldon", "shirley", "olton", "knowle", "dorridge", "marston",
                "chelmsley", "kingshurst", "castle", "vale", "heath", "green", "wood",
                "kings", "norton", "northfield", "selly", "oak", "west", "bordesley",
                "stechford", "kingstanding", "perry", "barr", "quinton", "rubery", "rednal",
                "longbridge", "hall", "acocks", "tyseley", "sutton", "four", "oaks",
                "walmley", "hodge", "hill", "ward", "end", "small", "lozells", "winson",
                "ladywood", "highgate", "digbeth", "balsall", "cotteridge", "stirchley",
                "bournville", "weoley", "bartley", "frankley", "druids", "billesley",
                "hockley", "newtown", "smethwick", "sandwell", "west", "bromwich",
                "midlands", "meriden", "coventry", "common", "elmdon", "lyndon",
                "fordbridge", "smiths", "alum", "rock", "washwood", "garretts", "lea",
                "shard", "kitts", "tile", "cross", "gravelly", "glebe", "farm", "great",
                "little", "upper", "lower", "park", "lane"}
# words that are place names AND distinctive building names are kept
PLACE_WORDS -= {"woodgate", "summerfield", "attwood", "finch", "richmond", "northbrook",
                "greet", "hawkesley", "ashfurlong", "stockland", "bosworth", "badger",
                "harlequin", "lordswood", "ridgacre", "karis", "wand", "bellevue",
                "riverbrook", "brook", "millennium", "jiggins", "hollymoor", "oleaster",
                "juniper", "zinnia", "tamarind", "barberry", "reaside", "ardenleigh",
                "warren", "shenley", "maypole", "monkspath", "parkfield", "crabtree",
                "clodeshall", "percy", "tangmere", "romsley", "bloomsbury", "lansdowne",
                "holland", "preston", "fentham", "laurie", "pike", "chesterton",
                "hillmeads", "katie", "willard", "swan", "platt", "dovedale", "dove",
                "mindelsohn", "steelhouse", "lode", "rectory", "grantham"}

say("")
say("place-name words excluded from name matching: %d" % len(PLACE_WORDS))


def distinct_words(text):
    out = set()
    for w in norm_text(text).split():
        if len(w) < 3 or any(c.isdigit() for c in w):
            continue
        if w in STOP or w in PLACE_WORDS:
            continue
        out.add(w)
    return out


# --------------------------------------------------------------------------
# source rows
# --------------------------------------------------------------------------

RECODE = {"RR101": "RRK97", "RR105": "RRK98", "RR109": "RRK99", "RLU01": "RQ370",
          # Heart of England's code of its Castle Vale renal unit (Unit 8-H1, Maybrook Road,
          # B76 1AL); after the 2018 merger UHB lists the same unit as RRKDC, "Castle Vale
          # Dialysis Unit", Maybrook Road, B76 1BE, 100 m away. Both are in the 2023 list, so
          # they were two sites, and the whole north-east's dialysis was split between them.
          # CQC registers one Castle Vale Renal Unit (UHB, Unit 8h1 Maybrook Road, B76 1AL;
          # cqc.org.uk/location/RRKX6, 2025).
          "RR131": "RRKDC"}
ROWS = []


def add_row(src, raw, code, name, addr_parts, pc, lat=None, lon=None, loc_kind=None, **kw):
    addr = ", ".join(title(a.strip()) for a in addr_parts if a and a.strip())
    r = {"i": len(ROWS), "src": src, "row": raw["_row"], "code": (code or "").strip(),
         "name": (name or "").strip(), "addr": addr, "pc": norm_pc(pc),
         "lat": lat, "lon": lon, "loc_kind": loc_kind, "raw": raw,
         "creator": False, "stype": None, "sector": "nhs", "anchor": None,
         "org": None, "kind": None, "rule": None, "vintage": VINTAGE.get(src, 0)}
    r.update(kw)
    if r["lat"] is None and r["pc"] in POSTCODES:
        r["lat"], r["lon"] = POSTCODES[r["pc"]]
        r["loc_kind"] = "postcode"
    street_words = set()
    for st in street_names(r["addr"]):
        street_words.update(st.split())
    # distinctive words: the name's, plus address words that are not part of a street
    # name (a shared street with no house numbers is weak evidence of one building)
    name_words = distinct_words(r["name"])
    if re.search(r"\d", r["name"]):
        # an address used as a name ("Hobmoor Road 192 (Total Site)")
        for st in street_names(r["name"]):
            name_words -= set(st.split())
    r["name_words"] = name_words
    r["street_free"] = distinct_words(r["addr"]) - street_words
    r["words"] = name_words | r["street_free"]
    r["words_loose"] = distinct_words(r["name"] + " " + r["addr"])
    r["nname"] = re.sub(r"\b(the|dr|drs)\b", " ", norm_text(re.sub(r"\(.*?\)", " ", r["name"])))
    r["nname"] = re.sub(r"\s+", " ", r["nname"]).strip()
    r["akeys"] = address_keys(r["addr"] + " " + r["name"])
    r["streets"] = street_names(r["addr"])
    first = norm_text(next((a for a in addr_parts if a and a.strip()), ""))
    r["line1"] = first if len(first.split()) >= 2 else ""
    ROWS.append(r)
    return r


def fnum(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


# ---- ERIC 2016/17 -------------------------------------------------------
ERIC_TYPE = {"1. General acute hospital": "acute_hospital",
             "2. Specialist hospital (acute only)": "acute_hospital",
             "3. Mixed service hospital": "community_hospital",
             "4. Mental Health (including Specialist services)": "mental_health_unit",
             "7. Community hospital (with inpatient beds)": "community_hospital",
             "8. Other inpatient": "community_hospital"}
ERIC_CAMPUS_TYPES = {"1. General acute hospital", "2. Specialist hospital (acute only)",
                     "3. Mixed service hospital", "7. Community hospital (with inpatient beds)"}
ERIC_OUTSIDE = {}
eric_aggre = 0
for r in D["eric_2016_17"]:
    code = r["Site Code"].strip()
    if code == "AGGRE":
        eric_aggre += 1
        continue
    la = r["la_name_derived"].strip()
    lat = fnum(r["lat"])
    # outside BSol: geocoded outside the two boroughs, or stated outside in PROVENANCE
    if (lat is not None and la not in ("Birmingham", "Solihull")) or code == "RXK27":
        ERIC_OUTSIDE[code] = title(r["Site Name"])
        continue
    acode = RECODE.get(code, code)
    add_row("eric_2016_17", r, code, r["Site Name"], [], r["postcode_nhswebsite_2018"],
            lat, fnum(r["lon"]), "source" if lat is not None else None,
            creator=True, stype=ERIC_TYPE[r["Site Type"]], anchor=acode, kind="eric",
            org={"RR1": "RRK", "RLU": "RQ3"}.get(r["Organisation Code"], r["Organisation Code"]),
            campus=r["Site Type"] in ERIC_CAMPUS_TYPES, acode=acode)
say("ERIC 2016/17: %d rows = %d named sites + %d aggregate rows (trust totals, not buildings)"
    % (len(D["eric_2016_17"]), len(D["eric_2016_17"]) - eric_aggre, eric_aggre))
say("  dropped, outside BSol: %s" % ", ".join("%s %s" % kv for kv in sorted(ERIC_OUTSIDE.items())))
fact("eric_rows", len(D["eric_2016_17"]))
fact("eric_aggre", eric_aggre)
fact("eric_outside", len(ERIC_OUTSIDE))
fact("eric_outside_list", ", ".join("%s (%s)" % (v, k) for k, v in sorted(ERIC_OUTSIDE.items())))
fact("eric_kept", len([x for x in ROWS if x["src"] == "eric_2016_17"]))

# ---- NHS website hospitals 2018 ------------------------------------------
HOSP_TYPE = {"RYG96": "mental_health_unit", "RYWT3": "community_hospital",
             "RYW17": "community_hospital", "RYW23": "community_hospital",
             "RYW24": "community_hospital"}
n_ind = 0
for r in D["hospitals_2018"]:
    code = r["OrganisationCode"].strip()
    nhs = code.startswith("R")
    if not nhs:
        n_ind += 1
    if nhs:
        if code.startswith("RXT"):
            st = "mental_health_unit"
        else:
            st = HOSP_TYPE.get(code, "acute_hospital")
    else:
        st = "independent_hospital"
    add_row("hospitals_2018", r, code, r["OrganisationName"],
            [r["Address1"], r["Address2"], r["Address3"], r["City"]], r["Postcode"],
            fnum(r["Latitude"]), fnum(r["Longitude"]), "source",
            creator=True, stype=st, sector="nhs" if nhs else "independent", anchor=code,
            kind="hospital", org=r["ParentODSCode"].strip() or None,
            campus=nhs and st in ("acute_hospital", "community_hospital") and code != "RYWT3",
            acode=code, parent_name=r["ParentName"])
say("NHS website hospitals 2018: %d rows: %d NHS (R codes), %d independent sector "
    "(the file's Sector column says %d/%d but is unreliable)" % (
        len(D["hospitals_2018"]), len(D["hospitals_2018"]) - n_ind, n_ind,
        sum(1 for r in D["hospitals_2018"] if r["Sector"].startswith("NHS")),
        sum(1 for r in D["hospitals_2018"] if r["Sector"].startswith("Indep"))))
fact("hosp_rows", len(D["hospitals_2018"]))
fact("hosp_nhs", len(D["hospitals_2018"]) - n_ind)
fact("hosp_ind", n_ind)

# ---- ODS epraccur 2025 ---------------------------------------------------
SETTING_LABEL = {"0": "other", "1": "walk-in centre", "2": "out of hours", "3": "WIC + OOH",
                 "4": "GP practice", "8": "public health service", "9": "community health service",
                 "10": "hospital service", "12": "urgent and emergency care", "13": "hospice",
                 "14": "care home / hospice", "26": "PCN / extended access hub",
                 "27": "pharmacy"}
ep_counts = Counter()
LOOKUP = {}
for r in D["gp_lookup_2024"]:
    LOOKUP[r["Practice_Code"].replace(" ", "")] = r
EP_BRANCH_CODES = {c for c, r in LOOKUP.items() if r["Type"] == "Branch"}
for r in D["epraccur_2025"]:
    code = r["org_code"].strip()
    st_code = r["status_code"]
    setting = r["prescribing_setting"]
    name = r["name"]
    ep_counts[(st_code, setting)] += 1
    lat = fnum(r["lat"])
    addr = [r["address1"], r["address2"], r["address3"], r["address4"]]
    common = dict(kind="service", setting=setting, ep_status=st_code)
    if st_code != "A":
        if code in EP_BRANCH_CODES:
            # a closed practice code that the ICB's 2024 lookup lists as a branch
            add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                    "postcode" if lat is not None else None, creator=True, stype="gp_branch",
                    org=None, **dict(common, kind="branch_from_closed_code"))
        continue
    if setting == "4":
        add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                "postcode" if lat is not None else None, creator=True, stype="gp_practice",
                org=code, **dict(common, kind="practice"))
    elif setting in ("1", "3"):
        add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                "postcode" if lat is not None else None, creator=True, stype="walk_in_centre",
                **common)
    elif setting == "12":
        add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                "postcode" if lat is not None else None, creator=True,
                stype="urgent_care_centre", **common)
    elif setting == "26" or re.search(r"\bHUB\b", name):
        add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                "postcode" if lat is not None else None, creator="weak", stype="hub",
                **common)
    elif setting in ("13", "14"):
        add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                "postcode" if lat is not None else None, creator="weak", stype="other",
                sector="independent", **common)
    else:
        add_row("epraccur_2025", r, code, name, addr, r["postcode"], lat, fnum(r["lon"]),
                "postcode" if lat is not None else None, creator=False, stype=None,
                **common)
n_active = sum(v for (s, _), v in ep_counts.items() if s == "A")
n_pract = ep_counts[("A", "4")]
say("ODS epraccur 2025: %d rows, %d active; active by prescribing setting: %s" % (
    len(D["epraccur_2025"]), n_active,
    ", ".join("%s %s=%d" % (k, SETTING_LABEL.get(k, "?"), v) for (s, k), v in
              sorted(ep_counts.items(), key=lambda kv: int(kv[0][1])) if s == "A")))
fact("ep_rows", len(D["epraccur_2025"]))
fact("ep_active", n_active)
fact("ep_practices", n_pract)
fact("ep_by_setting", "; ".join("%s (%s): %d" % (k, SETTING_LABEL.get(k, "?"), v)
                                for (s, k), v in sorted(ep_counts.items(),
                                                        key=lambda kv: int(kv[0][1])) if s == "A"))
fact("ep_closed", sum(v for (s, _), v in ep_counts.items() if s != "A"))

# ---- ebranchs 2017 -------------------------------------------------------
eb_drop = Counter()
for r in D["ebranchs_2017"]:
    code = r["branch_code"].strip()
    if r["close_date"].strip():
        eb_drop["closed"] += 1
        continue
    parent_active = r["parent_status_epraccur_2025"] == "A"
    in_lookup = r["in_icb_lookup_mar2024"] == "Y"
    if not (parent_active or in_lookup):
        eb_drop["parent not active in 2025 and branch not in 2024 lookup"] += 1
        continue
    lat = fnum(r["lat"])
    add_row("ebranchs_2017", r, code, r["name"],
            [r["address1"], r["address2"], r["address3"], r["address4"]], r["postcode"],
            lat, fnum(r["lon"]), "postcode" if lat is not None else None,
            creator=True, stype="gp_branch", org=r["parent_practice_code"].strip(),
            kind="branch", in_lookup=in_lookup,
            vintage=2024 if in_lookup else 2017)
n_eb = len([x for x in ROWS if x["src"] == "ebranchs_2017"])
say("ODS ebranchs 2017: %d rows; kept %d; dropped %s" % (
    len(D["ebranchs_2017"]), n_eb, dict(sorted(eb_drop.items()))))
fact("eb_rows", len(D["ebranchs_2017"]))
fact("eb_kept", n_eb)
fact("eb_closed", eb_drop["closed"])
fact("eb_parent_gone", eb_drop["parent not active in 2025 and branch not in 2024 lookup"])

# ---- ICB GP lookup Mar 2024 -------------------------------------------
EB_CODES = {x["code"] for x in ROWS if x["src"] == "ebranchs_2017"}
EB_ALL = {r["branch_code"] for r in D["ebranchs_2017"]}
EP_ALL = {r["org_code"]: r for r in D["epraccur_2025"]}
CLINIC_CODES = {c["OrganisationCode"].strip() for k in ("clinics_2023", "clinics_c2016",
                                                         "clinics_2014") for c in D[k]}
lk = Counter()
for r in D["gp_lookup_2024"]:
    code = r["Practice_Code"].replace(" ", "")
    if r["Type"] == "Main":
        ok = EP_ALL.get(code, {}).get("status_code") == "A"
        lk["main_active" if ok else "main_not_active"] += 1
        if not ok:
            continue
        add_row("gp_lookup_2024", r, code, "", [], "", None, None, None, creator=False,
                kind="lookup_main", org=code, lookup_ok=ok)
    else:
        parent = code[:6] if re.match(r"^[A-Z]\d{5}\d{3}$", code) else None
        no_address = code not in EB_ALL and code not in EP_ALL and code not in CLINIC_CODES
        if no_address:
            lk["branch_no_address"] += 1
        lk["branch"] += 1
        add_row("gp_lookup_2024", r, code, "", [], "", None, None, None,
                creator=no_address, stype="gp_branch", kind="lookup_branch", org=parent,
                no_address=no_address, la_lookup=r["LA_Code"])
say("ICB GP lookup Mar 2024: %d rows: %d main (%d active in epraccur 2025), %d branch codes, "
    "%d of them with no address in any file" % (
        len(D["gp_lookup_2024"]), lk["main_active"] + lk["main_not_active"], lk["main_active"],
        lk["branch"], lk["branch_no_address"]))
fact("lk_rows", len(D["gp_lookup_2024"]))
fact("lk_main", lk["main_active"] + lk["main_not_active"])
fact("lk_main_inactive", lk["main_not_active"])
fact("lk_branch", lk["branch"])
fact("lk_branch_noaddr", lk["branch_no_address"])

# ---- clinics --------------------------------------------------------------
OFFICE_RE = re.compile(r"\b(hq|headquarters|loc|server|office|information service|"
                       r"education unit|waterlinks|monaco house|priestley wharf|priestly wharf|"
                       r"fort dunlop|venture house|sayer house|warwick house|century house|"
                       r"union road hq|kingsnorth house|blakelands house)\b", re.I)
OTHER_RE = re.compile(r"(children'?s home|flats|respite|kingswood drive|land only|stores|"
                      r"dialysis|renal|dental|ward end cas|tessall lane|handsworth wood road 133|"
                      r"bristol road south 1359|edgewood|ivy lodge|oliver house|lyndon house|"
                      r"gilliver|shirley house|you\+ shop|remote blood|cannon hill|prison|"
                      r"waverley house|ferndale)", re.I)
# Buildings that are not places of care or of office work for NHS staff: the NHS holds them
# and pays for them, but no patient is seen and no team works at desks there, so they have no
# clinical rooms and no desks and can never receive activity (docs/data.md, "Buildings that
# are not places of care"). A building is one when every trust, ERIC or hospital-list row that
# names it names such a use (a hospital with a "land only" row beside its wards is not), or
# when all those rows are an ambulance trust's (ODS organisation RYA: ambulance stations and
# response posts). ERIC's site types are all places of care (none of BSol's ERIC rows is one),
# and ODS prescribing settings name no such use (no epraccur row makes one). Residences
# (children's homes, respite and learning disability units: RESID_RE, below) keep their beds
# but have no clinical rooms or desks either.
NON_CARE_RULES = [
    ("server room", re.compile(r"\bserver\b", re.I)),
    ("store or warehouse", re.compile(r"\bstores?\b|\bwarehouse\b|\bdepot\b", re.I)),
    ("shop", re.compile(r"\bshop\b", re.I)),
    ("car park or land only", re.compile(r"\bcar park\b|\bland only\b", re.I)),
    ("park (open space)", re.compile(r"\bcannon hill park\b", re.I)),
    ("prison (its health rooms serve only its prisoners)", re.compile(r"\bprison\b", re.I)),
    ("ambulance station or response post", re.compile(r"\bcas-rp\b|\bambulance station\b|"
                                                      r"\bresponse post\b", re.I)),
]
AMBULANCE_TRUSTS = {"RYA"}


def non_care_reason(rows):
    """Why a building with these source rows is not a place of care or of office work (the
    rule's label), or None."""
    named = [x for x in rows if x["kind"] in ("trust_clinic", "eric", "hospital") and x["name"]]
    if not named:
        return None
    for label, rx in NON_CARE_RULES:
        if all(rx.search(x["name"]) for x in named):
            return label
    if all(x["code"][:3] in AMBULANCE_TRUSTS for x in named):
        return "ambulance station or response post"
    return None


HC_RE = re.compile(r"(health centre|health & community|health and community|primary care|"
                   r"medical centre|medical practice|surgery|clinic|health & wellbeing|"
                   r"wellbeing centre|family health|community health|care centre|hub)", re.I)
clin_counts = {}
for src in ("clinics_2023", "clinics_c2016", "clinics_2014"):
    nt = no = 0
    for r in D[src]:
        code = r["OrganisationCode"].strip()
        trust = code.startswith("R")
        name = r["OrganisationName"]
        lat = fnum(r["Latitude"])
        st = None
        if trust:
            nt += 1
            if OFFICE_RE.search(name):
                st = "office"
            elif OTHER_RE.search(name):
                st = "other"
            elif code.startswith("RXT") and not HC_RE.search(name):
                st = "mental_health_unit"
            else:
                st = "health_centre"
        else:
            no += 1
        add_row(src, r, code, name, [r["Address1"], r["Address2"], r["Address3"], r["City"]],
                r["Postcode"], lat, fnum(r["Longitude"]), "source" if lat is not None else None,
                creator=trust, stype=st, kind="trust_clinic" if trust else "other_clinic",
                org=code[:3], sector="nhs")
    clin_counts[src] = (len(D[src]), nt, no)
    say("%s: %d rows: %d NHS trust (R-coded) rows create or join sites, %d other providers' "
        "rows only attach" % (src, len(D[src]), nt, no))
    fact(src + "_rows", len(D[src]))
    fact(src + "_trust", nt)
    fact(src + "_other", no)

# ---- tenure evidence ----------------------------------------------------
TEN = []
for r in D["tenure_evidence"]:
    pcs = sorted({norm_pc(a + b) for a, b in PC_RE.findall(r["postcodes_seen"].upper())})
    t = r["tenure"]
    conf = r["confidence"]
    row = add_row("tenure_evidence", r, "", r["building_name"], [], pcs[0] if pcs else "",
                  None, None, None, creator=False, kind="evidence",
                  pattern=re.compile(r["match_regex_name_or_address"], re.I), pcs=pcs,
                  ev_tenure=t, ev_conf=conf)
    TEN.append(row)
say("tenure evidence: %d named buildings" % len(TEN))

say("")
say("source rows considered: %d" % len(ROWS))
fact("rows_total", len(ROWS))


# --------------------------------------------------------------------------
# de-duplication: union-find over source rows
# --------------------------------------------------------------------------

PARENT = list(range(len(ROWS)))
ANCH = [({r["anchor"]} if r["anchor"] else set()) for r in ROWS]
EDGES = []          # accepted unions (a, b, rule)
REFUSED = Counter()


def find(i):
    while PARENT[i] != i:
        PARENT[i] = PARENT[PARENT[i]]
        i = PARENT[i]
    return i


def union(a, b, rule):
    ra, rb = find(a), find(b)
    if ra == rb:
        EDGES.append((a, b, rule))
        return True
    if ANCH[ra] and ANCH[rb] and ANCH[ra] != ANCH[rb]:
        REFUSED[rule] += 1            # two different ERIC / hospital-list buildings
        return False
    if rb < ra:
        ra, rb = rb, ra
    PARENT[rb] = ra
    ANCH[ra] |= ANCH[rb]
    EDGES.append((a, b, rule))
    return True


def n_components(pred=None):
    roots = set()
    for r in ROWS:
        if pred is None or pred(r):
            roots.add(find(r["i"]))
    return len(roots)


def comp_has_creator():
    comps = defaultdict(list)
    for r in ROWS:
        comps[find(r["i"])].append(r)
    return sum(1 for rs in comps.values() if any(x["creator"] is True for x in rs))


STEP_COUNTS = []


def step(label):
    n = comp_has_creator()
    STEP_COUNTS.append((label, n))
    say("  after %-46s %4d candidate buildings (components with a site-creating row)" % (label, n))


say("")
say("De-duplication (union-find over %d source rows)" % len(ROWS))
step("no merging")

# rule 1: same site code (re-codes applied)
by_key = defaultdict(list)
for r in ROWS:
    if r["kind"] == "evidence" or not r["code"]:
        continue
    code = r["anchor"] or RECODE.get(r["code"], r["code"])
    if r["kind"] == "other_clinic":
        key = ("svc", code, r["pc"])
    else:
        key = ("site", code)
    by_key[key].append(r["i"])
code_split = []
for key in sorted(by_key):
    ids = by_key[key]
    # a code seen at two postcode sectors with no shared distinctive word is a
    # service that moved, not one building (e.g. RXT49 Matthews Centre 2014 ->
    # Homeless CMHT at SIFA Fireside 2023)
    for j in ids[1:]:
        b = ROWS[j]
        ok = False
        for i in ids:
            if i == j:
                continue
            a = ROWS[i]
            if (not a["pc"] or not b["pc"] or pc_sector(a["pc"]) == pc_sector(b["pc"])
                    or (a["words"] & b["words"])):
                ok = True
                union(i, j, "site_code")
                break
        if not ok:
            code_split.append((ROWS[ids[0]]["code"], b["src"], b["pc"]))
if code_split:
    say("  same code kept apart (different postcode sector and no shared word): %s" % (
        "; ".join("%s %s %s" % x for x in code_split)))
fact("code_split", len(code_split))
# a 2024 lookup branch code that is only known as another provider's clinic code (NQT61)
other_by_code = defaultdict(list)
for r in ROWS:
    if r["kind"] == "other_clinic":
        other_by_code[r["code"]].append(r["i"])
for r in ROWS:
    if r["kind"] == "lookup_branch" and r["code"] in other_by_code:
        union(r["i"], other_by_code[r["code"]][0], "site_code")
step("site code (incl. re-codes)")

# rule: ERIC rows without a postcode located by name (nhs_estate/PROVENANCE.md)
ERIC_NAME_LOC = {"RXT28": "RXTBB"}
for a, b in ERIC_NAME_LOC.items():
    ra = [r for r in ROWS if r["src"] == "eric_2016_17" and r["code"] == a]
    rb = [r for r in ROWS if r["code"] == b]
    for x in rb:
        union(ra[0]["i"], x["i"], "eric_name")
step("ERIC located by name (RXT28 = RXTBB)")


# rule 3: same postcode and a shared distinctive word, the same numbered street
# address or the same first address line; different numbers on one street = different
COMP_AKEYS = defaultdict(set)
for r in ROWS:
    COMP_AKEYS[find(r["i"])] |= r["akeys"]


def addr_relation(a, b):
    """'same' (overlapping numbers on a shared street), 'conflict' (same street,
    disjoint numbers) or None.  The numbers known for the building each row already
    belongs to (after rule 1) count, so an ERIC row without an address inherits the
    address of its hospital-list twin."""
    rel = None
    for (s1, lo1, hi1) in a["akeys"] | COMP_AKEYS[find(a["i"])]:
        for (s2, lo2, hi2) in b["akeys"] | COMP_AKEYS[find(b["i"])]:
            if s1 == s2:
                if lo1 <= hi2 and lo2 <= hi1:
                    return "same"
                rel = "conflict"
    return rel


by_pc = defaultdict(list)
for r in ROWS:
    if r["pc"] and r["kind"] not in ("evidence", "lookup_main", "lookup_branch"):
        by_pc[r["pc"]].append(r)
cand = []
for pc in sorted(by_pc):
    rs = by_pc[pc]
    for x in range(len(rs)):
        for y in range(x + 1, len(rs)):
            a, b = rs[x], rs[y]
            same_name = (len(a["nname"].split()) >= 2 and a["nname"] == b["nname"])
            rel = addr_relation(a, b)
            if rel == "conflict" and not same_name:
                continue
            if a["creator"] is True and b["creator"] is True:
                # two site-creating rows: a shared word must be in one row's name
                # (or outside street names in both); a street both merely lie on
                # is not enough
                shared = ((a["name_words"] & b["words_loose"]) |
                          (b["name_words"] & a["words_loose"]) |
                          (a["street_free"] & b["street_free"]))
            else:
                # a service row only attaches: a shared street name is enough
                shared = a["words_loose"] & b["words_loose"]
            if (rel == "same" or shared or same_name or
                    (a["line1"] and a["line1"] == b["line1"])):
                cand.append((a["i"], b["i"]))
# ambiguity: a row whose candidates lie in two different anchored buildings joins neither
partners = defaultdict(set)
for a, b in cand:
    for u, v in ((a, b), (b, a)):
        anc = ANCH[find(v)]
        if anc and not ANCH[find(u)]:
            partners[u].add(tuple(sorted(anc)))
ambiguous = {u for u, s in partners.items() if len(s) > 1}
n_amb_edges = 0
for a, b in cand:
    if (a in ambiguous and ANCH[find(b)]) or (b in ambiguous and ANCH[find(a)]):
        n_amb_edges += 1
        continue
    union(a, b, "postcode_name")
    if os.environ.get("FP_DEBUG_EDGES"):
        print("EDGE", ROWS[a]["code"], ROWS[a]["name"][:30], "<->", ROWS[b]["code"], ROWS[b]["name"][:30])
say("  rule 3: %d candidate pairs, %d rows ambiguous between two anchored buildings "
    "(%d pairs skipped)" % (len(cand), len(ambiguous), n_amb_edges))
fact("r3_pairs", len(cand))
fact("r3_ambiguous", len(ambiguous))
step("postcode + name/address")

# rule 4: tenure evidence patterns (and the site codes the evidence lists)
n_ev = Counter()
for e in TEN:
    raw = e["raw"]
    codes = set()
    for c in raw["csv_codes_seen"].split(";"):
        c = c.strip()
        if not c or c.startswith("("):
            continue
        codes.add(c.split()[0])
    sectors = {pc_sector(p) for p in e["pcs"]}
    hits = []
    for r in ROWS:
        if r["kind"] == "evidence":
            continue
        if r["code"] in codes and (not r["pc"] or pc_sector(r["pc"]) in sectors):
            hits.append((0, r["i"]))
    for r in ROWS:
        if r["kind"] in ("evidence", "lookup_main", "lookup_branch") or not r["pc"]:
            continue
        if r["code"] in codes:
            continue
        text = (r["name"] + " " + r["addr"]).lower()
        if not (e["pattern"].search(text) or e["pattern"].search(norm_text(text))):
            continue
        if r["pc"] in e["pcs"] or (pc_sector(r["pc"]) in sectors and not r["anchor"]):
            hits.append((1, r["i"]))
    for _, i in sorted(hits):
        if union(e["i"], i, "tenure_pattern"):
            n_ev[e["name"]] += 1
step("tenure evidence patterns")

# rule 2: campus - rows at the postcode of an NHS acute or community hospital
campus = {}
for r in ROWS:
    if r.get("campus") and r["pc"]:
        gia = num(r["raw"].get("Gross internal floor area (m²)")) or 0
        best = campus.get(r["pc"])
        if best is None or (gia, -r["i"]) > (best[0], -best[1]):
            campus[r["pc"]] = (gia, r["i"])
# prefer the ERIC row's GIA when the hospital-list row carries the same anchor
for r in ROWS:
    if r["pc"] in campus and not ANCH[find(r["i"])]:
        union(campus[r["pc"]][1], r["i"], "campus")
step("campus (hospital postcode)")

# rule 5: the address names an NHS hospital in the same postcode district
HOSP_NAMED = [(r"good hope", "RRK98"), (r"heartlands?\b", "RRK97"),
              (r"solihull (hospital|hosp|hsp)", "RRK99"),
              (r"queen elizabeth hosp|qe hosp|qe heritage", "RRK15"),
              (r"west heath hospital", "RYW24"), (r"moseley hall hospital", "RYW23"),
              (r"city hospital", "RXK02"), (r"royal orthopaedic", "RRJ05"),
              (r"children'?s hospital", "RQ301"), (r"women'?s hospital", "RQ370")]
anchor_row = {}
for r in ROWS:
    if r["anchor"] and r["anchor"] not in anchor_row and r["pc"]:
        anchor_row[r["anchor"]] = r
for r in ROWS:
    if ANCH[find(r["i"])] or not r["pc"]:
        continue
    text = (r["name"] + " " + r["addr"]).lower()
    for pat, code in HOSP_NAMED:
        h = anchor_row.get(code)
        if h and re.search(pat, text) and r["pc"].split()[0] == h["pc"].split()[0]:
            union(h["i"], r["i"], "hospital_named")
            break
step("hospital named in address")
say("  unions refused because they would merge two different ERIC/hospital-list "
    "buildings: %s" % dict(sorted(REFUSED.items())))
fact("refused", sum(REFUSED.values()))

COMPS = defaultdict(list)
for r in ROWS:
    COMPS[find(r["i"])].append(r)

if os.environ.get("FP_DEBUG_COMPS"):
    for root in sorted(COMPS, key=lambda k: (-len(COMPS[k]), k)):
        rs = COMPS[root]
        if not any(x["creator"] for x in rs):
            continue
        print("=== comp %d rows=%d anchors=%s" % (root, len(rs), sorted(ANCH[root])))
        for x in rs:
            print("   %-15s %-10s %-7s c=%-5s %-45s | %-45s | %s" % (
                x["src"], x["code"], x["stype"] or "-", x["creator"], x["name"][:45],
                x["addr"][:45], x["pc"]))



# --------------------------------------------------------------------------
# components -> sites
# --------------------------------------------------------------------------

SRC_PRIO = {"hospitals_2018": 0, "eric_2016_17": 1, "clinics_2023": 2, "epraccur_2025": 3,
            "ebranchs_2017": 4, "clinics_c2016": 5, "clinics_2014": 6, "gp_lookup_2024": 7,
            "tenure_evidence": 8}
TYPE_PRIO = ["acute_hospital", "community_hospital", "mental_health_unit",
             "independent_hospital"]
HC_BUILDING = re.compile(r"(health centre|health ctr|primary care centre|prim\.? care c|"
                         r"\bpcc\b|clinic\b|community|resource centre|health & wellbeing|"
                         r"health and wellbeing|wellbeing centre|care centre|health and care|"
                         r"health & community|health and community)", re.I)
GP_LIKE = re.compile(r"(surgery|medical practice|medical centre|\bpractice\b|family practice)",
                     re.I)
TRUST_OF = {"RR1": "RRK", "RLU": "RQ3"}
OOH_BASE_MIN_ROWS = 2


def trust(code):
    p = code[:3]
    return TRUST_OF.get(p, p)


def provider_of(r):
    """The organisation seen providing a service in a row (None when unknown)."""
    if r["kind"] == "practice":
        return r["code"]
    if r["kind"] in ("branch", "lookup_branch", "branch_from_closed_code"):
        return r["org"]
    if r["kind"] in ("eric", "hospital"):
        return TRUST_OF.get(r["org"], r["org"]) if r["org"] else None
    if r["kind"] == "trust_clinic":
        return trust(r["code"])
    if r["kind"] == "other_clinic":
        return r["code"][:3]
    if r["kind"] == "service":
        pp = r["raw"].get("provider_purchaser", "").strip()
        if pp and pp not in ("15E", "QHL"):
            return TRUST_OF.get(pp, pp)
        return None
    return None


unatt = Counter()
created_from_services = []
SITES = []
for root in sorted(COMPS, key=lambda k: min(x["i"] for x in COMPS[k])):
    rs = sorted(COMPS[root], key=lambda x: (SRC_PRIO[x["src"]], x["row"]))
    creators = [x for x in rs if x["creator"] is True]
    weak = [x for x in rs if x["creator"] == "weak"]
    svc_type = None
    if not creators and not weak:
        located = [x for x in rs if x["lat"] is not None]
        inside = any(WARD_IDX.find(x["lon"], x["lat"]) for x in located)
        names = " ".join(x["name"] + " " + x["addr"] for x in rs).upper()
        ooh = [x for x in rs if x.get("setting") == "2"]
        nhs_prov = [x for x in rs if x["kind"] == "service" and
                    (x["raw"].get("provider_purchaser") or "").startswith("R")]
        if not inside:
            unatt["outside BSol or no location"] += len(rs)
            continue
        if "HOSPICE" in names:
            svc_type = ("other", "independent", "hospice named in the row")
        elif "INPATIENT" in names:
            svc_type = ("independent_hospital", "independent", "independent inpatient unit")
        elif len(ooh) >= OOH_BASE_MIN_ROWS:
            svc_type = ("urgent_care_centre", "nhs", "out-of-hours base with %d rows" % len(ooh))
        elif nhs_prov:
            p = nhs_prov[0]["raw"]["provider_purchaser"]
            svc_type = ({"RXT": "mental_health_unit", "RYG": "mental_health_unit"}.get(
                p, "health_centre"), "nhs", "NHS trust (%s) service base" % p)
        else:
            kinds = Counter(x["kind"] for x in rs if x["kind"] not in ("evidence",))
            for k, v in kinds.items():
                unatt[k] += v
            continue
        created_from_services.append((rs[0]["code"], rs[0]["name"], svc_type[2]))
    SITES.append({"rows": rs, "creators": creators, "weak": weak, "svc_type": svc_type})

n_unatt = sum(unatt.values())
att = Counter()
for s in SITES:
    created = s["svc_type"] is not None
    for x in s["rows"]:
        if x["creator"] is False and x["kind"] in ("service", "other_clinic"):
            att[(x["kind"], "created" if created else "attached")] += 1
        if x["creator"] == "weak":
            att[(x["kind"] + "_weak", "created" if not s["creators"] else "attached")] += 1
for k in ("service", "other_clinic"):
    fact("att_%s_attached" % k, att[(k, "attached")])
    fact("att_%s_created" % k, att[(k, "created")])
fact("att_service_dropped", unatt["service"] + unatt["outside BSol or no location"])
fact("att_other_dropped", unatt["other_clinic"])
fact("weak_attached", att[("service_weak", "attached")])
fact("weak_created", att[("service_weak", "created")])
say("Service rows (settings 0/2/8/9/10/27) attached to a building: %d, made a site: %d; other "
    "providers' clinic rows attached: %d; hub and hospice rows attached: %d, made their own "
    "site: %d" % (att[("service", "attached")], att[("service", "created")],
                  att[("other_clinic", "attached")], att[("service_weak", "attached")],
                  att[("service_weak", "created")]))
say("")
say("Rows that only attach (service cost centres, other providers' clinics) and matched no "
    "building: %d rows dropped %s" % (n_unatt, dict(sorted(unatt.items()))))
say("Sites created from service rows that matched no building (clearly distinct buildings): "
    "%d" % len(created_from_services))
for c in created_from_services:
    say("  %s %s (%s)" % (c[0], title(c[1]), c[2]))
fact("unatt_dropped", n_unatt)
fact("unatt_dropped_detail", ", ".join("%s %d" % kv for kv in sorted(unatt.items())))
fact("created_from_services", len(created_from_services))



def best(rows, key):
    return sorted(rows, key=key)[0] if rows else None


def clean_building_name(s):
    s = re.sub(r"\s*\(.*?\)\s*$", "", s or "").strip()
    return title(s)


ABBREV_OUT = [(r"\bPrim\.?(?= Care)", "Primary"), (r"\bCt(r|re)\b\.?", "Centre"),
              (r"\bCtr\.", "Centre"), (r"\bMed\.?(?= (Centre|Practice|Ctr))", "Medical"),
              (r"\bPract\b\.?", "Practice"), (r"\bSurg\b\.?", "Surgery"),
              (r"\bHth\b\.?", "Health"), (r"\bRd\b", "Road"), (r"\bGrn\b", "Green"),
              (r"\bP\\C\b", "Primary Care"), (r"\bMc\b", "Medical Centre"),
              (r"\bHc\b", "Health Centre"), (r"\bRw\b", "Row"), (r"\bPk\b", "Park"),
              (r",(?=\S)", ", ")]


def expand_abbrev(s):
    for pat, rep in ABBREV_OUT:
        s = re.sub(pat, rep, s)
    return re.sub(r"\s+", " ", s).strip()


EV_BY_ROW = {}
for s in SITES:
    rs = s["rows"]
    ev = [x for x in rs if x["kind"] == "evidence"]
    s["evidence"] = ev
    anchors = [x for x in rs if x["anchor"]]
    practices = sorted({x["code"] for x in rs if x["kind"] == "practice"})
    branches = [x for x in rs if x["kind"] in ("branch", "lookup_branch", "branch_from_closed_code")]
    branch_parents = sorted({x["org"] for x in branches if x["org"]})
    s["practices"] = practices
    s["branch_codes"] = sorted({x["code"] for x in branches})
    s["branch_parents"] = branch_parents
    trust_rows = [x for x in rs if x["kind"] == "trust_clinic"]
    cre = s["creators"]
    # ---- sector
    nhs_creator = [x for x in cre + s["weak"] if x["sector"] == "nhs"]
    if s["svc_type"]:
        s["sector"] = s["svc_type"][1]
    else:
        s["sector"] = "nhs" if nhs_creator else "independent"
    # ---- site type
    gp_orgs = set(practices) | set(p for p in branch_parents if p not in practices)
    hc_trust = [x for x in trust_rows if x["stype"] == "health_centre" and
                HC_BUILDING.search(x["name"]) and not GP_LIKE.search(x["name"])]
    if s["svc_type"]:
        st = s["svc_type"][0]
    elif anchors:
        types = [x["stype"] for x in anchors if x["src"] == "eric_2016_17"] or \
                [x["stype"] for x in anchors]
        st = sorted(types, key=TYPE_PRIO.index)[0]
    elif ev or len(gp_orgs) >= 2 or hc_trust:
        st = "health_centre"
    elif practices:
        st = "gp_practice"
    elif any(x.get("setting") == "12" for x in cre):
        st = "urgent_care_centre"
    elif any(x.get("setting") in ("1", "3") for x in cre):
        st = "walk_in_centre"
    elif trust_rows:
        ts = Counter(x["stype"] for x in trust_rows)
        st = sorted(ts, key=lambda t: (-ts[t], t))[0]
    elif branches:
        st = "gp_branch"
    elif s["weak"]:
        st = s["weak"][0]["stype"]
    else:
        st = "other"
    # a building that is not a place of care or office work is `other`, whatever its rows
    # say (a server room is listed as an office)
    s["non_care"] = non_care_reason(rs) if s["sector"] == "nhs" else None
    if s["non_care"]:
        st = "other"
    s["site_type"] = st
    if st == "independent_hospital":
        s["sector"] = "independent"
    # ---- status: seen in a list dated 2018 or later
    vint = max(x["vintage"] for x in rs if x["kind"] != "evidence")
    s["status"] = "current" if vint >= 2018 else "possibly_closed"
    s["max_vintage"] = vint
    # ---- id
    def id_key(x):
        k = x["kind"]
        order = {"eric": 0, "hospital": 0, "trust_clinic": 1, "practice": 2, "branch": 3,
                 "service": 4, "branch_from_closed_code": 3, "lookup_branch": 5,
                 "other_clinic": 6}.get(k, 9)
        local = 0 if x["code"][:3] in ("RYW", "RR1", "RRK", "RXK", "RXT", "RQ3", "RRJ") else 1
        bldg = 0 if (x["kind"] == "trust_clinic" and HC_BUILDING.search(x["name"]) and
                     not GP_LIKE.search(x["name"])) else 1
        return (order, local, bldg, -x["vintage"], x["code"])
    idrow = best([x for x in rs if x["code"] and x["kind"] not in ("lookup_main",)], id_key)
    sid = idrow["anchor"] if idrow["anchor"] else RECODE.get(idrow["code"], idrow["code"])
    s["id"] = sid
    s["seed"] = idrow["i"]
    # ---- location
    def loc_key(x):
        return ({"hospital": 0, "eric": 1}.get(x["kind"], 2),
                0 if x["loc_kind"] == "source" else 1, -x["vintage"], SRC_PRIO[x["src"]], x["row"])
    lrow = best([x for x in rs if x["lat"] is not None], loc_key)
    s["loc_row"] = lrow
    s["lat"] = r6(lrow["lat"]) if lrow else None
    s["lon"] = r6(lrow["lon"]) if lrow else None
    # ---- address and postcode
    def addr_key(x):
        return ({"hospital": 0, "trust_clinic": 1, "practice": 2, "branch": 3,
                 "service": 4, "branch_from_closed_code": 4, "other_clinic": 5}.get(x["kind"], 9),
                -x["vintage"], SRC_PRIO[x["src"]], x["row"])
    arow = best([x for x in rs if x["addr"]], addr_key)
    s["address"] = arow["addr"] if arow else None
    prow = best([x for x in rs if x["pc"] and x["kind"] != "evidence"], addr_key)
    s["postcode"] = (arow["pc"] if arow and arow["pc"] else (prow["pc"] if prow else None)) or None
    # ---- name
    bldg_line = None
    for x in rs:
        a1 = (x["raw"].get("address1") or x["raw"].get("Address1") or "").strip()
        if (a1 and not re.search(r"\d", a1) and
                re.search(r"(house|centre|court|hospital|hospice|unit|clinic|surgery)$",
                          a1, re.I) and not a1.upper().startswith("AQP")):
            bldg_line = a1
            break
    if ev:
        nm = clean_building_name(ev[0]["name"])
    elif s["svc_type"] and bldg_line:
        nm = title(bldg_line)
    elif st in ("walk_in_centre", "urgent_care_centre") and not anchors:
        nm = clean_building_name(best([x for x in cre if x.get("setting") in ("1", "3", "12")]
                                      or cre, addr_key)["name"])
    elif anchors:
        h = [x for x in anchors if x["kind"] == "hospital"]
        nm = clean_building_name((h[0] if h else anchors[0])["name"])
    elif st == "gp_practice":
        prow = best([x for x in rs if x["kind"] == "practice"], lambda x: x["code"])
        nm = title(prow["name"])
        if bldg_line:
            nm = title(bldg_line)      # the building's own name (e.g. Orsborn House)
    elif hc_trust or (st == "health_centre" and trust_rows):
        c = Counter(clean_building_name(x["name"]) for x in (hc_trust or trust_rows))
        nm = sorted(c, key=lambda n: (-c[n], len(n), n))[0]
    elif st == "health_centre" and practices:
        # the building named in the practices' first address line
        cands = [x["raw"]["address1"] for x in rs if x["kind"] == "practice"
                 and HC_BUILDING.search(x["raw"]["address1"] or "")]
        nm = title(cands[0]) if cands else title(best(
            [x for x in rs if x["kind"] == "practice"], lambda x: x["code"])["name"])
    else:
        nrow = best([x for x in cre + s["weak"]] or rs, addr_key)
        nm = clean_building_name(nrow["name"]) if nrow["name"] else None
        if nrow["kind"] == "branch" and re.match(r"^DR\b", nrow["name"]):
            nm = title(bldg_line) if bldg_line else "Branch surgery, %s" % (
                title(nrow["raw"]["address1"]) or s["address"])
        if not nm:
            nm = "Branch surgery %s (no address published)" % sid
    s["name"] = expand_abbrev(nm)
    if s["address"]:
        s["address"] = expand_abbrev(s["address"])

# unique ids: a code kept apart at two buildings keeps its plain form on the newest
byid = defaultdict(list)
for s in SITES:
    byid[s["id"]].append(s)
for sid, ss in byid.items():
    if len(ss) > 1:
        ss.sort(key=lambda s: (-s["max_vintage"], s["rows"][0]["i"]))
        for s in ss[1:]:
            s["id"] = "%s-%d" % (sid, s["max_vintage"])
ids = Counter(s["id"] for s in SITES)
assert all(v == 1 for v in ids.values()), [k for k, v in ids.items() if v > 1]
SITES.sort(key=lambda s: s["id"])
say("")
say("Sites: %d (%d current, %d possibly closed)" % (
    len(SITES), sum(1 for s in SITES if s["status"] == "current"),
    sum(1 for s in SITES if s["status"] != "current")))
if os.environ.get("FP_DEBUG_SITES"):
    for s in SITES:
        print("SITE %-10s %-20s %-15s %-11s %s | %s | %s | %s" % (
            s["id"], s["site_type"], s["status"], s["sector"], s["name"], s["address"],
            s["postcode"], len(s["rows"])))


# --------------------------------------------------------------------------
# geography of sites
# --------------------------------------------------------------------------

PCN_NAME = {}
for r in D["gp_lookup_2024"]:
    PCN_NAME[r["PCN_Code"]] = r["PCN"]
n_outside = 0
for s in SITES:
    s["la_code"] = s["ward_code"] = s["locality"] = s["pcn"] = None
    if s["lat"] is not None:
        w = WARD_IDX.find(s["lon"], s["lat"])
        if w:
            s["ward_code"], s["la_code"] = w
        else:
            n_outside += 1
        s["locality"] = LOC_IDX.find(s["lon"], s["lat"])
    # practices and branches: the ICB's own PCN and locality
    lk_rows = [LOOKUP[c] for c in s["practices"] + s["branch_codes"] if c in LOOKUP]
    if lk_rows:
        s["locality"] = lk_rows[0]["Locality"] or s["locality"]
        s["pcn"] = lk_rows[0]["PCN_Code"] or None
        if s["la_code"] is None and s["lat"] is None:
            s["la_code"] = lk_rows[0]["LA_Code"] or None
    s["outside_bsol"] = s["lat"] is not None and s["la_code"] is None
say("Sites located outside the Birmingham and Solihull boundary (kept: BSol practices' "
    "branches and practices just over the border): %d" % n_outside)
fact("sites_outside", n_outside)
fact("sites_outside_list", ", ".join("%s %s" % (s["id"], s["name"]) for s in SITES
                                      if s["outside_bsol"]))

# --------------------------------------------------------------------------
# zones
# --------------------------------------------------------------------------

WARD_OF = {r["lsoa21_code"]: r["ward22_code"] for r in D["lsoa21_ward22"]}
IMD = {r["lsoa11_code"]: r for r in D["imd2019"]}
LSOA11_CENT = [(float(r["centroid_lat"]), float(r["centroid_lon"]), r["lsoa11_code"])
               for r in D["imd2019"]]
BANDS = ["0_15", "16_24", "25_34", "35_49", "50_64", "65_plus"]
ZONES = []
n_fallback = 0
fallback_list = []
for r in sorted(D["census2021_lsoa21"], key=lambda r: r["lsoa21_code"]):
    lat, lon = float(r["centroid_lat"]), float(r["centroid_lon"])
    pop = {b: int(r["age_" + b]) for b in BANDS}
    assert sum(pop.values()) == int(r["total_usual_residents"])
    l11 = LSOA11_IDX.find(lon, lat)
    if l11 is None:
        n_fallback += 1
        l11 = min(LSOA11_CENT, key=lambda c: (haversine_km(lat, lon, c[0], c[1]), c[2]))[2]
        fallback_list.append(r["lsoa21_code"])
    imd = IMD[l11]
    ZONES.append({"code": r["lsoa21_code"], "name": r["lsoa21_name"], "la_code": r["la_code"],
                  "lat": lat, "lon": lon, "ward_code": WARD_OF.get(r["lsoa21_code"]),
                  "population": pop, "imd_decile": int(imd["imd_decile"]),
                  "imd_rank": int(imd["imd_rank"]), "lsoa11": l11,
                  "total": sum(pop.values())})
POP = sum(z["total"] for z in ZONES)
say("")
say("Zones: %d LSOA 2021; population %d (Birmingham %d, Solihull %d); IMD 2019 via the "
    "LSOA 2011 polygon holding each centroid, %d by nearest LSOA 2011 centroid (%s)" % (
        len(ZONES), POP, sum(z["total"] for z in ZONES if z["la_code"] == "E08000025"),
        sum(z["total"] for z in ZONES if z["la_code"] == "E08000029"), n_fallback,
        ", ".join(fallback_list) or "none"))
fact("zones", len(ZONES))
fact("pop", POP)
fact("imd_fallback", n_fallback)
fact("imd_fallback_list", ", ".join(fallback_list) or "none")
fact("zones_imd_d1d2", sum(1 for z in ZONES if z["imd_decile"] <= 2))
fact("pop_imd_d1d2", sum(z["total"] for z in ZONES if z["imd_decile"] <= 2))

# --------------------------------------------------------------------------
# practice list sizes (distance decay)
# --------------------------------------------------------------------------

LIST_LAMBDA_KM = 1.5
LIST_K = 8
PRACTICE_SITE = {}
PRACTICE_BRANCH_SITES = defaultdict(list)
PRACTICE_NAME = {}
for r in D["epraccur_2025"]:
    if r["status_code"] == "A" and r["prescribing_setting"] == "4":
        PRACTICE_NAME[r["org_code"]] = title(r["name"])
for s in SITES:
    for p in s["practices"]:
        PRACTICE_SITE[p] = s
for s in SITES:
    if s["status"] != "current":
        continue
    for x in s["rows"]:
        if x["kind"] in ("branch", "lookup_branch", "branch_from_closed_code") and x["org"]:
            p = x["org"]
            if p in PRACTICE_SITE and PRACTICE_SITE[p] is not s and \
                    s not in PRACTICE_BRANCH_SITES[p]:
                PRACTICE_BRANCH_SITES[p].append(s)
assert len(PRACTICE_SITE) == n_pract, (len(PRACTICE_SITE), n_pract)
ACCESS = {}
for p in sorted(PRACTICE_SITE):
    pts = [(PRACTICE_SITE[p]["lat"], PRACTICE_SITE[p]["lon"])]
    pts += [(b["lat"], b["lon"]) for b in PRACTICE_BRANCH_SITES[p] if b["lat"] is not None]
    pts = [x for x in pts if x[0] is not None]
    assert pts, "practice %s has no location" % p
    ACCESS[p] = pts


def decay_shares(zone, candidates, lam, k):
    """candidates: {key: [(lat, lon), ...]} -> (keys, weights) for the k nearest."""
    d = []
    for key in sorted(candidates):
        dist = min(haversine_km(zone["lat"], zone["lon"], la, lo) for la, lo in candidates[key])
        d.append((dist, key))
    d.sort()
    d = d[:k]
    keys = [key for _, key in d]
    w = [math.exp(-dist / lam) for dist, _ in d]
    return keys, w


LIST = Counter()
for z in ZONES:
    keys, w = decay_shares(z, ACCESS, LIST_LAMBDA_KM, LIST_K)
    alloc = largest_remainder(z["total"], w, keys)
    for k, v in alloc.items():
        LIST[k] += v
assert sum(LIST.values()) == POP
ls = sorted(LIST[p] for p in PRACTICE_SITE)
say("List sizes (estimated): %d practices, sum %d, min %d, median %d, max %d" % (
    len(ls), sum(ls), ls[0], ls[len(ls) // 2], ls[-1]))
fact("list_min", ls[0])
fact("list_median", ls[len(ls) // 2])
fact("list_max", ls[-1])
fact("list_mean", round(sum(ls) / len(ls)))
fact("list_lambda", LIST_LAMBDA_KM)
fact("list_k", LIST_K)


# --------------------------------------------------------------------------
# provenance, methods, assumptions
# --------------------------------------------------------------------------

def PM(source, year, note=None):
    p = {"kind": "measured", "source": source, "year": year}
    if note:
        p["note"] = note
    return p


def PE(method, source=None, note=None):
    assert method in METHODS, method
    p = {"kind": "estimated", "method": method}
    if source:
        p["source"] = source
    if note:
        p["note"] = note
    return p


def PA(note):
    return {"kind": "assumed", "by": BY, "date": BUILD_DATE, "note": note}


METHODS = OrderedDict()


def method(mid, text):
    METHODS[mid] = text


method("m2_per_room_from_hbn", "The gross area per clinical room is the HBN 11-01 generic 16 m2 "
       "room plus the 28-30% circulation allowance of DH primary care guidance, rounded up to "
       "25 m2 to include plant and engineering space.")
method("rate_derived_from_ratio", "A per-head rate derived from a published total and a "
       "published ratio (named in the value's note), as set out in planning_rates.md.")
method("midpoint_of_published_range", "The midpoint of the range that planning_rates.md "
       "reports for this figure.")
method("booked_slot_length", "Rooms are sized on the booked appointment slot (10-15 minutes), "
       "not on measured consultation time (about 9 minutes), as planning_rates.md note N1 "
       "advises; 15 minutes is the upper end of the booked range.")
method("imaging_minutes_weighted", "Minutes per imaging test weighted by the 2013/14 modality "
       "mix (X-ray 23.1m, ultrasound 10.0m, CT 5.2m, MRI 2.7m tests): CT 17.5, MRI 30, "
       "ultrasound 20 (GM ICB FOI) and plain X-ray 10 (assumed), about 15 minutes.")
method("postcode_centroid", "The site is placed at the ONSPD centroid of its postcode "
       "(postcodes/bsol_postcodes.csv); the source row gives no coordinates of its own.")
method("list_size_distance_decay", "Each LSOA 2021 zone's Census 2021 population is shared "
       "among the 8 nearest active GP practices (distance from the zone centroid to the nearest "
       "of the practice's main and branch sites), with weights exp(-d / 1.5 km); each zone's "
       "shares are rounded to whole people by the largest-remainder rule so that they sum to "
       "the zone's population exactly. A practice's list is the sum of its shares. No published "
       "list size was used (none is in the shared data).")
method("tenure_evidence_estimate", "Tenure taken from tenure/bsol_tenure_evidence.csv where "
       "the evidence names the building but does not state its tenure plainly: the evidence "
       "itself hedges (ambiguous, inferred, joint ownership, unconfirmed) or its confidence is "
       "low or low-medium. The value is therefore an estimate; the note quotes the evidence and "
       "its confidence.")
method("opening_year_from_evidence", "Opening year of a building from the tenure evidence "
       "where the evidence gives a circa, planned ('due') or inferred date rather than a stated "
       "opening (Hodge Hill: financial close May 2010, opened c.2011, so 2011): an estimate.")
method("tenure_rule_trust_hospital", "NHS trust hospitals and inpatient units (ERIC sites and "
       "NHS hospital-list sites) are taken as held freehold by the trust.")
method("tenure_rule_unit_in_other_trust_hospital", "A trust's ward or unit inside another "
       "trust's hospital (same postcode as the larger hospital) is taken as leased from that "
       "trust.")
method("tenure_rule_ex_pct_health_centre", "A health centre or clinic where a community NHS "
       "trust (Birmingham Community Healthcare RYW, or the former Heart of England/Solihull "
       "community services RR1/RRK) runs services is taken as a former PCT building now held by "
       "NHS Property Services.")
method("tenure_rule_gp_premises", "GP practice, branch and hub premises, and health centres with "
       "only GP practices, are taken as leased (the GP premises norm; many are in fact owned by "
       "the partners).")
method("tenure_rule_office", "NHS offices, stores and server rooms are taken as leased.")
method("tenure_rule_local_authority", "Children's centres, Sure Start and community centres are "
       "taken as held by the local authority.")
method("tenure_rule_unknown", "No rule applies (independent sector, hospices, trust "
       "residential units): tenure unknown.")
method("gia_lift_average", "Floor area of a LIFT building with no published floor area: the "
       "national average LIFT building, 872,000 m2 over 314 facilities = 2,780 m2 (AMION 2014).")
method("gia_from_demand", "Floor area of a site with no published floor area (planning_rates.md "
       "note N6): for each room type, rooms = estimated demand in room-hours / (hours open a "
       "week x 50 weeks x observed utilisation), rounded up (observed utilisation 42.1% for GP "
       "premises, 36.7% for other community buildings); GIA = rooms x 25 m2 / clinical share "
       "of the building (GP 0.55, others 0.5), with a type minimum; plus 10 m2 per desk for "
       "desk services. GP practices are therefore scaled by their estimated list size.")
method("gia_type_default", "Floor area of a site with no published floor area and no "
       "estimated clinical demand (offices, stores, residential and other units): a default by "
       "site type (see assumptions gia_default.*).")
method("rooms_from_gia", "Clinical rooms = GIA x clinical share / 25 m2 (LIFT and other sites "
       "with a known or default floor area), split between room types in proportion to the "
       "site's estimated demand (at least one room of each type with demand).")
method("rooms_from_eric_clinical_space", "Clinical rooms of an ERIC site = ERIC clinical space "
       "(m2) x the share of clinical space in consulting, treatment, group and imaging rooms "
       "(acute 0.1, community hospital 0.15, mental health 0.1; the rest is wards, theatres "
       "and support) / 25 m2, split between room types in proportion to demand, and never fewer "
       "than the site's demand needs at the observed community utilisation (36.7%).")
method("rooms_from_demand", "Rooms of a site sized from its demand (gia_from_demand): rooms of "
       "each type = demand / (hours x 50 x observed utilisation), rounded up.")
method("beds_from_eric_food", "Occupied bed-days = ERIC inpatient food service cost / cost of "
       "feeding one inpatient a day (an inpatient meal day = one occupied bed-day); beds = "
       "occupied bed-days / (365 x occupancy), rounded up, with occupancy 0.92 (acute, community) "
       "or 0.945 (mental health). Where food data is missing the ERIC count of single bedrooms is used "
       "if it is 10 or more, else the NHSBN mean of 28 beds for a community unit.")
method("hours_by_site_type", "Hours open a week by site type (assumptions hours_open.*).")
method("desks_from_area", "Desks of an office = GIA x 0.6 (workspace share) / 10 m2 per desk.")
method("desks_from_demand", "Desks of a team base = desk-days / (250 x 0.7 desk occupancy), "
       "rounded up.")
method("eric_cost_mapping", "Running cost components from ERIC 2016/17 site columns: rent = "
       "estates and facilities finance costs (capital charges, PFI and lease finance); hard FM = "
       "estates and property maintenance + grounds and gardens + other hard FM; soft FM = other "
       "soft FM + cleaning + inpatient food + laundry and linen + portering + waste (landfill, "
       "incineration, recycling, other recovery); utilities = energy + water + sewage; other = "
       "EBME (medical equipment) maintenance; service charge and rates 0 (not reported at site "
       "level, so these sites' running costs leave them out). A group counts as reported only if "
       "every column in it is; each reported value is 2016/17 cash and is indexed to base-year "
       "prices (method indexed_to_base_year_prices).")
method("eric_cost_missing_component", "An ERIC site whose FM, utility or soft FM columns say "
       "'Not Applicable', or report only GBP 0 beside columns that say 'Not Applicable' (Perry "
       "Tree's soft FM: 'Other soft FM' 0, cleaning, food, laundry, portering and waste Not "
       "Applicable), has not reported that cost: 'Not Applicable' is not a measured GBP 0. "
       "The component is estimated as GIA x cost_per_m2 for its site type x the component's "
       "share for its tenure (cost_split.*), at base-year prices; missing EBME maintenance "
       "('other') is left at 0.")
method("eric_cost_partly_reported", "An ERIC cost group some of whose columns say 'Not "
       "Applicable' while others report a positive amount: only the reported columns are "
       "counted (indexed to base-year prices), so the value may understate the cost.")
method("indexed_to_base_year_prices", "A money figure a source states in another year's cash "
       "(ERIC 2016/17), multiplied by the ratio of HM Treasury GDP deflators at market prices "
       "(the base year's financial year over the source's; March 2026 release). The note gives "
       "the cash value, its year and the factor.")
method("gdp_deflator_forecast", "A year that the HM Treasury GDP deflator release gives only as "
       "a forecast (the OBR's) rather than outturn: its index is the release's last outturn "
       "year times the release's forecast growth, and it will be revised when outturn is "
       "published.")
method("cost_per_m2_by_type_tenure", "Running cost = GIA x cost_per_m2 for the site's tenure "
       "(LIFT, NHSPS) or else its site type, split into components by the tenure's cost_split.* "
       "shares. Values lie inside the GBP 30-230/m2 Carter range for community and mental health "
       "estate, except LIFT (dearer, an assumption).")
method("condition_from_backlog", "Condition from ERIC backlog (all four risk bands) per m2 GIA: "
       "A under GBP 50, B 50-199, C 200-474, D 475 or more (475 is the England average in "
       "2023/24, planning_rates.md).")
method("condition_lift_new_build", "LIFT buildings (opened 2005-2012) are taken as condition A "
       "(new build, lifecycle maintained under the LIFT lease).")
method("eric_void", "Void floor area of an ERIC site = GIA x ERIC 'floor area - empty (%)'.")
method("void_from_spare_rooms", "Void rooms of a LIFT or NHS Property Services building whose "
       "floor area is known independently of its demand (stated by a source, or the LIFT "
       "average): its clinical rooms from floor area (GIA x clinical share / 25 m2) less the "
       "rooms its estimated demand needs at the target utilisation (85%), room type by room "
       "type. The rooms left in use are those the demand needs; each void room carries 25 m2 "
       "at the building's own running cost per m2. Never scaled towards a published total.")
method("void_from_utilisation_evidence", "Where the tenure evidence states a building's "
       "utilisation (Hodge Hill and Washwood Heath: 'around 30% utilisation'), the evidence "
       "wins over the rule: the rooms in use are those that utilisation fills at the target "
       "(clinical rooms x stated utilisation / 85%, rounded up, and never fewer than the "
       "estimated demand needs at 85%); the other clinical rooms are void.")
method("comparison_figure_from_2016_plan", "A figure the 2016 Birmingham and Solihull STP "
       "estates plan states, as quoted in the Footprint data brief (the plan itself is not in "
       "the shared data). It is the plan's own estimate, kept only to compare with the model's "
       "figure; nothing in the dataset is scaled to it.")
method("pfi_contract_end", "PFI contract end = the start of the operating phase + its stated "
       "length (Queen Elizabeth: 35 years from 2010, so c.2045); no source states the end year "
       "itself.")
method("lift_lease_end", "LIFT lease end = opening year + 25 (LIFT leases run 25 years from "
       "opening, not from financial close).")
method("activity_gp_list", "GP and practice-nurse appointments of a practice = estimated list "
       "size x per-head rate (5.8 appointments x face-to-face share 0.66, split 76.8% / 23.2% "
       "between GP-led and nurse-led); shared between the practice's main site (weight 1) and "
       "each branch (weight 0.5).")
method("activity_catchment_decay", "A service's demand in each zone (population x per-head "
       "rate, age-restricted where noted) is shared among the K nearest sites offering it with "
       "weights exp(-d / lambda): community clinics, physiotherapy, phlebotomy and nursing bases "
       "K=4, lambda=2 km; mental health clinics K=3, lambda=3 km (people aged 0-24 to children "
       "and young people's services, 25 and over to adult services); outpatients, imaging and "
       "day cases over all acute sites, lambda=5 km (under-16s to Birmingham Children's "
       "Hospital); urgent care K=2, lambda=3 km. A site offers a service if its service mix "
       "(the services its source rows name, docs/data.md) includes it.")
method("ae_split_nearest_type1", "The 2016 plan's 403,225 A&E attendances are split between the "
       "type 1 sites: under-16s' share (by population) to Birmingham Children's Hospital, "
       "everyone else's to the nearest adult type 1 site from their zone centroid; integer "
       "volumes by the largest-remainder rule.")
method("bed_days_eric_food", "Inpatient bed-days = the occupied bed-days of method "
       "beds_from_eric_food.")
method("office_desk_days", "Office desk-days = desks x 250 x 0.6 (assumed desk occupancy).")
method("no_rooms_not_a_place_of_care", "A building that is not a place of care or of office "
       "work for NHS staff (a server room, a store, a shop, an ambulance station or response "
       "post, land, a park, a prison), or a residence (children's home, respite or learning "
       "disability unit: its beds are counted), has no clinical rooms and no desks, whatever "
       "its floor area: no patient is seen and no team works at desks there, so it can never "
       "receive activity. The rule reads its source rows (docs/data.md, 'Buildings that are not "
       "places of care'); the note names the rule that matched.")
method("stations_per_satellite_unit", "Stations of a satellite dialysis unit = the stations an "
       "operator states for its network of satellite units / the number of units.")
method("rooms_bounded_by_building_kind", "Rooms of a site sized from its demand "
       "(rooms_from_demand), bounded by the most a building of its kind plausibly has (a "
       "satellite dialysis unit: stations_per_satellite_dialysis_unit). Where the bound binds "
       "the estimate is of low confidence: the site keeps the bounded rooms, its floor area "
       "follows from them, and the demand above what they hold shows as over capacity rather "
       "than as rooms no such building has (which other sites' activity could be sent into).")
method("no_capacity_independent", "Independent sector site: its floor area, rooms and costs are "
       "not NHS estate and are not modelled (rooms 0).")


ASSUMPTIONS = OrderedDict()
AV = {}


def assume(key, value, unit, description, prov):
    if key in OVERRIDE:
        value = OVERRIDE.pop(key)
        prov = PA("set with --assume for this build")
    ASSUMPTIONS[key] = {"key": key, "value": value, "unit": unit, "description": description,
                        "provenance": prov}
    AV[key] = value
    return value


RATES_SRC = "planning_rates"
GAP = "planning_rates.md marks this a gap: no published figure was found, so the value is a " \
      "planning assumption"

# ---- model conventions (MODEL.md) -----------------------------------------
assume("weeks_per_year", 50, "weeks", "Weeks a year that rooms are available (capacity = rooms x "
       "hours open per week x weeks).", PA("Footprint model convention (MODEL.md); also the "
                                           "basis of planning_rates.md note N6."))
assume("desk_days_per_year", 250, "days", "Working days a year that a desk is available.",
       PA("Footprint model convention (MODEL.md)."))
assume("m2_per_room", 25, "m2 GIA per clinical room",
       "Gross internal area per clinical room including its share of circulation (a 16 m2 HBN "
       "11-01 generic room plus 28-30% circulation, rounded up).",
       PE("m2_per_room_from_hbn", RATES_SRC,
          "16 m2 net (HBN 11-01/00-03) x 1.28-1.30 circulation (DH guidance) = 20.5-20.8 m2, "
          "rounded up to 25 to include plant and engineering space (5-8%, itself an "
          "assumption)"))
assume("target_room_utilisation", 0.85, "share of room-hours",
       "Planning target for clinical room utilisation. Not a national standard (HBN 11 advice "
       "is at least 60%); observed rates are 35-55%.",
       PA("Footprint model convention; planning_rates.md note N7 says 85% is a local policy "
          "choice, not a published standard."))
assume("target_bed_occupancy", 0.92, "share of bed-days",
       "Planning ceiling for general and acute bed occupancy.",
       PM(RATES_SRC, 2020, "NHS Operational Planning and Contracting Guidance 2020/21: at most "
          "92% (85% is the safety threshold)"))
assume("base_year", BASE_YEAR, "year", "Price base and first year of the model.",
       PA("Footprint default dataset convention."))
assume("horizon_years", 10, "years", "Appraisal horizon from the base year.",
       PA("Footprint model default (MODEL.md)."))
assume("discount_rate", 0.035, "real, per year",
       "Green Book social time preference rate for years 1 to 30.",
       PM(RATES_SRC, 2022, "HM Treasury Green Book (2022 Annex A6; 2026 ch. 6): 3.5% years 0-30"))
assume("optimism_bias", 0.24, "share of capital cost",
       "Upper-bound optimism bias on capital cost for standard buildings.",
       PM(RATES_SRC, 2003, "HM Treasury Supplementary Green Book Guidance: Optimism Bias, "
          "standard buildings CAPEX upper bound 24%"))
assume("circuity", 1.3, "ratio", "Road distance / straight-line distance.",
       PA("Footprint model convention (MODEL.md); no BSol-specific figure in the shared data."))
assume("car_kmh", 24, "km/h", "Average urban car speed for access times.",
       PA("Footprint model convention (MODEL.md)."))
assume("walk_kmh", 4.8, "km/h", "Walking speed for access times.",
       PA("Footprint model convention (MODEL.md)."))
assume("nhsps_notice_years", 1, "years", "Notice to leave an NHS Property Services building.",
       PA("Footprint model default (MODEL.md); NHSPS charging policy does not state one."))
assume("local_authority_notice_years", 1, "years", "Notice to leave a local authority building.",
       PA("Footprint model default (MODEL.md)."))
assume("dual_running_years", 0, "years", "Years a vacated freehold keeps costing before sale.",
       PA("Footprint model default (MODEL.md)."))
assume("lift_lease_years", 25, "years", "Length of a LIFT lease from the building's opening.",
       PA("Stated in the Footprint data brief (DATA.md): LIFT leases run 25 years from opening; "
          "consistent with CHP's statement that LIFT leases start expiring from 2029 "
          "(tenure/PROVENANCE.md)."))

# ---- prices: the GDP deflators every cost is indexed with -------------------
for fy, v in DEFLATOR.items():
    if fy in DEFLATOR_FORECAST:
        pr = PE("gdp_deflator_forecast", DEFLATOR_SRC, "a forecast, not outturn: the 2024-25 "
                "outturn x (1 + the OBR's forecast growth in the release, %.2f%%)" % (
                    100 * (v / DEFLATOR["2024-25"] - 1)))
    else:
        pr = PM(DEFLATOR_SRC, 2026, "outturn (ONS series L8GG, Quarterly National Accounts of "
                "31 March 2026)")
    pr["note"] += ("; read from a transcription of the release's workbook "
                   "(ncl-icb-analytics/dbt-ncl-analytics, seeds/uk_cost_indices.csv)")
    assume("gdp_deflator." + fy.replace("-", "_"), v, "index, 2024-25 = 100",
           "HM Treasury GDP deflator at market prices, financial year %s (%s release%s); costs "
           "stated in another year's cash are multiplied by the %s index over that year's." % (
               fy, DEFLATOR_VINTAGE, ": a forecast" if fy in DEFLATOR_FORECAST else "",
               PRICE_FY), pr)

# ---- activity rates ------------------------------------------------------
assume("rate.gp_practice_appointments_per_head", 5.8, "appointments / person / year",
       "All GP-practice appointments (all staff) per registered patient, applied to the "
       "estimated (resident-based) list; a floor (planning_rates.md N1).",
       PM(RATES_SRC, 2024, "IfG from NHS Digital Appointments in General Practice: 367.4m "
          "appointments in 2024, 5.8 per registered patient"))
assume("rate.nurse_share", 0.232, "share of appointments",
       "Share of GP-practice appointments led by a nurse.",
       PM(RATES_SRC, 2024, "NHS England AiGP Oct 2024 via Independent Nurse: 23.2%"))
assume("rate.face_to_face_share", 0.66, "share of appointments",
       "Share of GP-practice appointments held face to face (only these need a room).",
       PM(RATES_SRC, 2024, "IfG; DHSC/NHSE: 65-66% in 2024"))
assume("rate.community_contacts_per_head", 1.6, "contacts / person / year",
       "Community health care contacts per resident (a floor: coverage is incomplete).",
       PE("rate_derived_from_ratio", RATES_SRC, "NHS Digital Community Services Statistics "
          "Feb 2023: 7.64m contacts a month x 12 / about 57m residents of England = 1.6; the "
          "source states the monthly total, not the rate"))
assume("rate.community_clinic_share", 0.3, "share of contacts",
       "Share of community contacts held in a clinic room (the rest are home visits, "
       "telephone or in other settings).", PA(GAP))
assume("rate.community_nursing_desk_days_per_head", 0.035, "desk-days / person / year",
       "Desk-days used at bases by community nursing and therapy teams.",
       PA(GAP + "; about 190 desks at 250 days for 1.36m people"))
assume("rate.physio_msk_per_head", 0.25, "attendances / person / year",
       "Community MSK physiotherapy attendances.", PA(GAP))
assume("rate.phlebotomy_per_head", 0.5, "attendances / person / year",
       "Blood tests taken at community and hospital phlebotomy clinics (practice-nurse bloods "
       "are inside practice_nurse).", PA(GAP))
assume("rate.mh_contacts_per_head", 0.5, "contacts / person / year",
       "Attended secondary mental health care contacts.",
       PE("rate_derived_from_ratio", RATES_SRC, "NHS England MHSDS Oct 2025: 2.48m attended "
          "contacts a month x 12 / about 57.7m residents = 0.52, rounded to 0.5; the source "
          "states the monthly total, not the rate"))
assume("rate.mh_clinic_share", 0.4, "share of contacts",
       "Share of mental health contacts held in a clinic room.", PA(GAP))
assume("rate.outpatient_first_per_head", 0.52, "attendances / person / year",
       "Outpatient first attendances.",
       PE("rate_derived_from_ratio", RATES_SRC, "1.68 outpatient attendances a head (HES 2022/23) "
          "x 31% first (HOA 2008/09 ratio)"))
assume("rate.outpatient_followup_per_head", 1.16, "attendances / person / year",
       "Outpatient follow-up attendances.",
       PE("rate_derived_from_ratio", RATES_SRC, "1.68 a head less first attendances; 2.2-2.3 "
          "follow-ups per first (HES 2011)"))
assume("rate.imaging_per_head", 0.8, "tests / person / year",
       "Diagnostic imaging tests, all modalities (dated; current volume is higher).",
       PE("rate_derived_from_ratio", RATES_SRC, "NHS England Annual Imaging and "
          "Radiodiagnostics Statistics 2013-14: 42.9m tests / about 54m residents = 0.8; the "
          "source states the total, not the rate"))
assume("rate.urgent_care_per_head", 0.14, "attendances / person / year",
       "Type 3-4 (UTC, MIU, walk-in) attendances.",
       PE("midpoint_of_published_range", RATES_SRC, "0.13-0.15 a head (NHS Digital HES A&E "
          "2021-22; Health Foundation)"))
assume("rate.day_cases_per_head", 0.12, "day cases / person / year",
       "Day-case admissions: about 80% of about 0.15 elective admissions a head.",
       PE("rate_derived_from_ratio", RATES_SRC, "0.15 elective a head x 80% day case (NHSE QAR)"))
assume("ae_attendances_total", AE_TOTAL, "attendances / year",
       "A&E attendances across the type 1 sites: the 2016 BSol estates plan's baseline, "
       "counting %d/%02d (the year before the plan), used unchanged as the base-year volume "
       "and split between the type 1 sites (method ae_split_nearest_type1)." % (
           AE_PLAN_YEAR, (AE_PLAN_YEAR + 1) % 100),
       PM("bsol_estates_plan_2016", 2016, "the 2016 plan's A&E baseline, quoted in the Footprint "
          "data brief (DATA.md); the year it counts is not stated in the quote"))
assume("plan_2016.ae_baseline_year", AE_PLAN_YEAR, "financial year (first calendar year)",
       "The year the 2016 plan's A&E baseline (403,225) counts: %d/%02d." % (
           AE_PLAN_YEAR, (AE_PLAN_YEAR + 1) % 100),
       PA("the quoted figure does not name its year; a plan written in 2016 takes the last "
          "complete year, 2015/16, as its baseline"))
assume("bed_occupancy.acute_observed", 0.92, "share", "Occupancy used to turn ERIC-derived "
       "occupied bed-days into acute beds (the planning ceiling; observed BSol occupancy is not in "
       "the shared data).", PM(RATES_SRC, 2020, "NHS planning guidance 2020/21: 92% ceiling"))
assume("bed_occupancy.mental_health_observed", 0.945, "share", "Observed adult acute mental "
       "health occupancy, excluding leave.", PE("midpoint_of_published_range", RATES_SRC,
                                               "NHS Benchmarking Network via Centre for Mental "
                                               "Health: 94-95%"))
assume("bed_occupancy.community_observed", 0.92, "share", "Occupancy used for community and "
       "intermediate-care beds.", PA(GAP + " (no community occupancy figure was retrieved)"))
assume("beds.community_unit_default", 28, "beds", "Beds of a community inpatient unit whose ERIC "
       "row has neither food data nor 10 or more single bedrooms.",
       PM(RATES_SRC, 2016, "NHS Benchmarking Network Community Hospitals 2016: mean 28 beds"))

# ---- utilisation used to size rooms where no floor area is published ------
assume("observed_utilisation.gp", 0.421, "share of core hours",
       "Observed room utilisation used to size GP premises with no published floor area.",
       PM(RATES_SRC, 2018, "Reform, A design diagnosis: one GP practice 42.1%"))
assume("observed_utilisation.community", 0.367, "share of core hours",
       "Observed room utilisation used to size community buildings with no published floor area.",
       PM(RATES_SRC, 2025, "NHS Property Services NHS Open Space: Sudbury CHC 36.7%"))
assume("observed_utilisation.acute_outpatients", 0.536, "share of core hours",
       "Observed outpatient room utilisation (used only as a check of acute sites).",
       PM(RATES_SRC, 2025, "NHS Property Services NHS Open Space: QEH outpatients 53.6%"))

# ---- services ----------------------------------------------------------------
G_NOTE = ("growth rate: " + GAP + "; 1% a year stands for population growth plus rising "
          "demand per head (no BSol projection is in the shared data)")
SERVICES = []


def service(sid, name, setting, room, unit, minutes, mprov, growth=0.01, gprov=None):
    if minutes is None:
        # bed and desk services are counted in bed-days / desk-days: minutes are not used
        minutes = 0
        mprov = PA("not used: a %s service is counted in %s, not room-hours (0 by "
                   "convention)" % (room, unit))
    SERVICES.append({"id": sid, "name": name, "setting": setting, "room_type": room,
                     "unit": unit, "minutes_per_unit": minutes, "growth_rate": growth,
                     "provenance": OrderedDict([("minutes_per_unit", mprov),
                                                ("growth_rate", gprov or PA(G_NOTE))])})


service("gp_appointments", "GP appointments (face to face, not nurse-led)", "primary_care",
        "consult", "appointments", 15,
        PE("booked_slot_length", RATES_SRC, "booked slot 10-15 min; RCGP/BMA call for 15; "
           "planning_rates.md N1 says size rooms on booked slot length"))
service("practice_nurse", "Practice nurse appointments (face to face)", "primary_care",
        "treatment", "appointments", 15,
        PM(RATES_SRC, 2013, "PSSRU Unit Costs 2013: 15-minute booked nurse appointment"))
service("community_clinics", "Community health clinics", "community", "consult", "contacts", 20,
        PA(GAP + " (no community clinic slot length was retrieved)"))
service("community_nursing_base", "Community nursing and therapy team bases", "community",
        "desk", "desk-days", None, None)
service("physio_msk", "Physiotherapy (MSK)", "community", "treatment", "attendances", 30,
        PM(RATES_SRC, 2020, "ACE CIC / CSP case study: suggested default 30 min follow-up "
           "(45 new)"))
service("phlebotomy", "Phlebotomy", "community", "treatment", "attendances", 7.5,
        PE("midpoint_of_published_range", RATES_SRC, "default slot 5-10 min (Lab Medicine 2016; "
           "AIIMS 2023; non-UK)"))
service("mental_health_clinics", "Mental health clinics and therapies", "mental_health",
        "consult", "contacts", 50, PA(GAP + " (a 50-minute therapy hour; no UK figure was "
                                         "retrieved)"))
service("outpatient_first", "Outpatient first attendances", "acute", "consult", "attendances",
        20, PM(RATES_SRC, 2015, "BODS: 15-20 min slot (+5 admin); the upper value is used"))
service("outpatient_followup", "Outpatient follow-up attendances", "acute", "consult",
        "attendances", 10, PM(RATES_SRC, 2015, "BODS: 10 min follow-up"))
service("diagnostics_imaging", "Diagnostic imaging", "acute", "imaging", "tests", 15,
        PE("imaging_minutes_weighted", RATES_SRC, "CT 15-20, MRI 20-40, ultrasound 20 min "
           "(GM ICB FOI); plain X-ray (54% of tests) assumed 10 min"))
service("urgent_care", "Urgent care (UTC, walk-in, minor injuries)", "urgent_care", "treatment",
        "attendances", 75, PA("planning_rates.md: 60-90 min is an assumption, no national "
                              "median was found; the midpoint is used"))
service("ae_attendances", "A&E attendances (type 1)", "acute", "treatment", "attendances", 180,
        PM(RATES_SRC, 2024, "RCEM/NHSE: suggested type 1 default about 180 min in department"))
service("day_cases", "Day cases", "acute", "treatment", "day cases", 120,
        PA(GAP + " (procedure-room time per day case including turnaround)"))
service("inpatient_bed_days", "Inpatient bed days (acute)", "acute", "bed", "bed-days", None,
        None)
service("community_bed_days", "Community and intermediate care bed days", "community", "bed",
        "bed-days", None, None)
service("mental_health_bed_days", "Mental health inpatient bed days", "mental_health", "bed",
        "bed-days", None, None)
service("office_desks", "Office and administration", "office", "desk", "desk-days", None, None,
        growth=0.0, gprov=PA("offices are not assumed to grow; a planner sets growth per "
                             "scenario"))
SERVICE = {s["id"]: s for s in SERVICES}


# --------------------------------------------------------------------------
# tenure
# --------------------------------------------------------------------------

EV_TENURE = {"LIFT": "lift", "NHSPS": "nhsps", "PFI": "pfi"}
COMMUNITY_TRUSTS = {"RYW", "RR1", "RRK"}
LA_RE = re.compile(r"(children'?s centre|children ctr|sure start|(?<!health and )"
                   r"(?<!health & )community centre)", re.I)
EX_PCT_NAME = re.compile(r"(health centre|clinic|primary care centre|medical centre|"
                         r"health & wellbeing|health and wellbeing|child & family centre)", re.I)
LIFT_DECISION = {}
ten_counts = Counter()


def parse_year(text):
    m = re.search(r"(19|20)\d\d", text or "")
    return int(m.group(0)) if m else None


# Evidence that names a tenure but hedges it is an estimate whatever its confidence:
# "LIFT or NHSPS (ambiguous)", "LIFT-delivered (joint NHS/BCC ownership)", "(inferred ...)".
HEDGED_TENURE = re.compile(r"\?|\bor\b|ambiguous|inferred|unconfirmed|joint|-delivered", re.I)


def opening_year(text):
    """(year, stated) from the evidence's opened_or_completed text: a plain month and year is
    stated; "financial close 31 May 2010 (opened c.2011)" opened c.2011, not 2010; "due",
    "c." and "not found (c.2009)" are estimates."""
    text = text or ""
    m = re.search(r"opened c\.?\s*((?:19|20)\d\d)", text)
    if m:
        return int(m.group(1)), False
    y = parse_year(text)
    if y is None:
        return None, False
    stated = not re.search(r"not found|\bdue\b|\bc\.|financial close|extension", text, re.I)
    return y, stated


for s in SITES:
    s["opened_year"] = s["lease_end_year"] = None
    s["prov"] = OrderedDict()
    ev = s["evidence"]
    s["ev_row"] = ev[0] if ev else None
    t = None
    if ev:
        e = ev[0]["raw"]
        txt, conf = e["tenure"], e["confidence"]
        if txt.startswith("LIFT"):
            t = "lift"          # 10 high, Sparkbrook (LIFT-delivered) and Attwood Green
        elif txt.startswith("NHSPS"):
            t = "nhsps"
        elif txt.startswith("PFI?"):
            # decision documented in docs/data.md: the two BNHP community units are taken as
            # PFI (estimate); Tamarind's PFI plan is unconfirmed -> trust freehold rule
            t = "pfi" if re.search(r"juniper|zinnia", e["building_name"], re.I) else None
        elif txt.startswith("PFI"):
            t = "pfi"
        note = "%s (confidence %s): %s" % (e["tenure"], conf, e["primary_source_url"])
        if t and conf in ("high", "medium") and not HEDGED_TENURE.search(txt):
            s["tenure"] = t
            s["prov"]["tenure"] = PM("tenure_evidence", 2025, note)
            ten_counts["evidence (measured)"] += 1
        elif t:
            s["tenure"] = t
            s["prov"]["tenure"] = PE("tenure_evidence_estimate", "tenure_evidence", note)
            ten_counts["evidence, hedged or low confidence (estimated)"] += 1
        s["ev_note"] = note
        if t == "lift":
            oy, stated = opening_year(e["opened_or_completed"])
            if oy:
                s["opened_year"] = oy
                s["prov"]["opened_year"] = (PM("tenure_evidence", 2025, "opened " +
                                               e["opened_or_completed"])
                                            if stated
                                            else PE("opening_year_from_evidence",
                                                    "tenure_evidence",
                                                    "evidence says: " + e["opened_or_completed"]))
                s["lease_end_year"] = oy + AV["lift_lease_years"]
                s["prov"]["lease_end_year"] = PE("lift_lease_end", None, "opened %d + %d years"
                                                 % (oy, AV["lift_lease_years"]))
        if t == "pfi" and "opened 2010" in e["opened_or_completed"]:
            s["opened_year"] = 2010
            s["prov"]["opened_year"] = PM("tenure_evidence", 2025, e["opened_or_completed"])
            s["lease_end_year"] = 2045
            s["prov"]["lease_end_year"] = PE("pfi_contract_end", "tenure_evidence",
                                             "35-year operating phase from 2010; the end year "
                                             "is not stated in any source (c.2045)")
        if t:
            continue
    st = s["site_type"]
    trusts_here = {trust(x["code"]) if x["kind"] == "trust_clinic" else None for x in s["rows"]}
    raw_prefixes = {x["code"][:3] for x in s["rows"] if x["kind"] == "trust_clinic"}
    if s["sector"] == "independent":
        t, m = "unknown", "tenure_rule_unknown"
    elif any(x["kind"] == "eric" for x in s["rows"]) or (
            st in ("acute_hospital", "community_hospital", "mental_health_unit") and
            any(x["kind"] == "hospital" for x in s["rows"])):
        host = None
        for o in SITES:
            if o is not s and o["postcode"] == s["postcode"] and o["site_type"] == \
                    "acute_hospital" and o["sector"] == "nhs":
                host = o
        mine = [x for x in s["rows"] if x["kind"] == "eric"]
        if host and mine and trust(mine[0]["org"]) != trust(host["id"]):
            t, m = "leasehold", "tenure_rule_unit_in_other_trust_hospital"
            s["landlord_override"] = host["id"][:3]
        else:
            t, m = "freehold", "tenure_rule_trust_hospital"
    elif st in ("office",) or (st == "other" and re.search(r"stores|server", s["name"], re.I)):
        t, m = "leasehold", "tenure_rule_office"
    elif LA_RE.search(s["name"] + " " + (s["address"] or "")):
        t, m = "local_authority", "tenure_rule_local_authority"
    elif st in ("health_centre", "walk_in_centre", "urgent_care_centre") and any(
            x["kind"] == "trust_clinic" and x["code"][:3] in COMMUNITY_TRUSTS and
            (EX_PCT_NAME.search(x["name"]) or s["practices"]) for x in s["rows"]):
        t, m = "nhsps", "tenure_rule_ex_pct_health_centre"
    elif st in ("gp_practice", "gp_branch", "hub") or (
            st in ("health_centre", "walk_in_centre", "urgent_care_centre") and
            (s["practices"] or s["branch_codes"] or
             any(x.get("setting") in ("1", "3", "12") for x in s["rows"]))):
        t, m = "leasehold", "tenure_rule_gp_premises"
    elif st == "community_hospital":
        t, m = "freehold", "tenure_rule_trust_hospital"
    else:
        t, m = "unknown", "tenure_rule_unknown"
    s["tenure"] = t
    note = None
    if s.get("ev_note"):
        note = "tenure evidence names this building but gives no usable tenure: " + s["ev_note"]
    s["prov"]["tenure"] = PE(m, None, note)
    ten_counts["rule " + m] += 1

say("")
say("Tenure: %s" % dict(sorted(Counter(s["tenure"] for s in SITES).items())))
for k, v in sorted(ten_counts.items()):
    say("  %-55s %d" % (k, v))
fact("tenure_counts", ", ".join("%s %d" % kv for kv in sorted(Counter(s["tenure"] for s in SITES
                                                                       ).items())))
for k, v in Counter(s["tenure"] for s in SITES).items():
    fact("tenure_" + k, v)
fact("tenure_how", "; ".join("%s: %d" % kv for kv in sorted(ten_counts.items())))
LIFT_SITES = [s for s in SITES if s["tenure"] == "lift"]
NHSPS_SITES = [s for s in SITES if s["tenure"] == "nhsps"]
say("  LIFT sites: %s" % "; ".join("%s %s" % (s["id"], s["name"]) for s in LIFT_SITES))
say("  NHSPS by evidence: %s" % "; ".join("%s %s" % (s["id"], s["name"]) for s in NHSPS_SITES
                                         if s["prov"]["tenure"].get("source") == "tenure_evidence"))
fact("lift_sites", len(LIFT_SITES))
fact("lift_list", "; ".join("%s (%s)" % (s["name"], s["id"]) for s in LIFT_SITES))
fact("nhsps_sites", len(NHSPS_SITES))
fact("pfi_list", "; ".join("%s (%s)" % (s["name"], s["id"]) for s in SITES if s["tenure"] == "pfi"))


# --------------------------------------------------------------------------
# activity
# --------------------------------------------------------------------------

ERIC_ROW = {}
for s in SITES:
    er = [x for x in s["rows"] if x["kind"] == "eric"]
    if er:
        ERIC_ROW[s["id"]] = er[0]["raw"]
COL = {k: k for k in D["eric_2016_17"][0].keys()}


def ecol(raw, prefix):
    for k in raw:
        if k.startswith(prefix):
            return num(raw[k])
    raise KeyError(prefix)



assume("rate.renal_dialysis_sessions_per_head", 0.08, "sessions / person / year",
       "Haemodialysis sessions in satellite renal units.",
       PA(GAP + " (about 500 patients per million on in-centre haemodialysis x 156 sessions)"))
assume("minutes.renal_dialysis", 240, "minutes", "Chair time per dialysis session.", PA(GAP))
# The size of a satellite dialysis unit, from its operator's own account of its network.
DIALYSIS_SRC = "uhb_satellite_dialysis_2011"
assume("stations_per_satellite_dialysis_unit", 24, "stations", "Dialysis stations (treatment "
       "rooms) of a satellite dialysis unit whose size is not published: the most that a unit "
       "sized from its estimated demand is given (rooms_bounded_by_building_kind).",
       PE("stations_per_satellite_unit", DIALYSIS_SRC, "University Hospitals Birmingham: "
          "'more than 220 dialysis stations across its nine satellite units' (2011), 24.4 a "
          "unit, rounded down; single units of the region: 12 (Kidderminster), 16 (Worcester, "
          "Llandrindod Wells, room for 20 and 24)"))
assume("rate.community_dental_per_head", 0.05, "attendances / person / year",
       "Community and hospital dental service attendances (not high-street dentistry).", PA(GAP))
assume("beds.residential_unit_default", 6, "beds", "Beds of a trust residential, respite or "
       "learning-disability house with no published bed count.", PA(GAP))
assume("bed_occupancy.residential_observed", 0.85, "share", "Occupancy of residential and "
       "respite units.", PA(GAP))
service("renal_dialysis", "Renal dialysis", "acute", "treatment", "sessions",
        AV["minutes.renal_dialysis"], PA(GAP + " (4-hour haemodialysis session)"))
service("community_dental", "Community and hospital dental clinics", "community", "treatment",
        "attendances", 30, PA(GAP))
service("residential_bed_days", "Residential, respite and learning disability unit bed days",
        "community", "bed", "bed-days", None, None)
SERVICE = {s["id"]: s for s in SERVICES}

# ---- beds as the plans count them: length of stay and growth by age -----------
# The model counts beds the commissioning way (docs/model.md): beds required = bed-days /
# (365 x target occupancy), with spells = bed-days / length of stay. The bed-days here come
# from ERIC (food route, below), not from spells, so spells are estimates.
assume("length_of_stay.inpatient_bed_days", 8.3, "days",
       "Average length of stay of acute (general and acute) inpatient spells, used to turn the "
       "ERIC-derived bed-days into spells.",
       PM(RATES_SRC, 2022, "Health Foundation (HES): general and acute overnight admissions "
          "8.3 days in 2022 (7.3 in 2019); England, not BSol, and overnight stays only"))
assume("length_of_stay.community_bed_days", 25, "days",
       "Average length of stay in community and intermediate care beds.",
       PA("planning_rates.md: not confirmed (NHSBN/NAIC publish it to members only); its "
          "placeholder of about 25 days (3-4 weeks) is a planning assumption"))
assume("length_of_stay.mental_health_bed_days", 33, "days",
       "Average length of stay in adult acute mental health beds.",
       PM(RATES_SRC, 2019, "NHS Benchmarking Network adult acute mean, via Centre for Mental "
          "Health (2016-2019); England"))

# ONS 2022-based subnational population projections (migration category variant, published
# 24 June 2025), persons by single year of age, summed by this build's author over Birmingham
# (E08000025) and Solihull (E08000029), mid-2025 and mid-2035 (the base year and the end of
# the 10-year horizon). Read from the stored copy of the ONS file "2022 SNPP Population
# persons.csv" in the public repository MastodonC/witan.population
# (resources/2022snpppopulationsyoa/2022snpppopulationsyoamigcat23/, commit 78070098); the
# extract is not in ../shared/data. Groups: under 65, 65 to 84, 85 and over (the Census zone
# files stop at 65+; the projection goes to 90+ by single year).
SNPP_SRC = "ons_snpp_2022"
SNPP = {  # group: (mid-2025, mid-2035), Birmingham + Solihull (projections are fractional)
    "age_0_64": (1203794.1, 1193288.5),
    "age_65_84": (174457.7, 193863.6),
    "age_85_plus": (28800.9, 35629.3),
}
SNPP_YEARS = (2025, 2035)
# the file's "All ages" rows, Birmingham + Solihull: 1,407,052.645 and 1,422,781.309
assert abs(sum(v[0] for v in SNPP.values()) - 1407052.645) < 0.2
assert abs(sum(v[1] for v in SNPP.values()) - 1422781.309) < 0.2
SNPP_LABEL = {"age_0_64": "under 65", "age_65_84": "65 to 84", "age_85_plus": "85 and over"}
method("rate_from_population_projection", "A group's yearly population growth: the compound "
       "rate that takes its projected head count in mid-2025 to that in mid-2035 (ONS 2022-based "
       "subnational population projections, Birmingham plus Solihull), (P2035 / P2025)^(1/10) - "
       "1. The projection's own year-to-year path is uneven (the 85+ dip in 2026 and jump in "
       "2032 follow the birth cohorts of 1941 and 1947); the model uses the constant rate.")
method("share_from_published_shares", "A share of bed-days by age group taken as the difference "
       "of two published shares (65 and over less 85 and over; all ages less 65 and over).")
method("bed_day_growth_by_age", "The growth of a bed service's bed-days into the first year of "
       "the horizon from its age groups: sum of share x (1 + the group's population growth), "
       "less 1. The model recomputes it for every year (docs/model.md, Growth by age); this "
       "figure is shown for reference.")
for g, (p0, p1) in SNPP.items():
    for yr, pv in zip(SNPP_YEARS, (p0, p1)):
        assume("population_projection.%s.%d" % (g, yr), pv, "people",
               "Projected residents of Birmingham and Solihull aged %s in mid-%d." % (
                   SNPP_LABEL[g], yr),
               PM(SNPP_SRC, 2025, "ONS 2022-based SNPP (migration category variant), persons "
                  "by single year of age summed to the group, Birmingham E08000025 + Solihull "
                  "E08000029"))
    rate = (p1 / p0) ** (1.0 / (SNPP_YEARS[1] - SNPP_YEARS[0])) - 1
    assume("population_growth.%s" % g, round(rate, 6), "per year",
           "Yearly growth of the BSol population aged %s, %d to %d." % (
               SNPP_LABEL[g], SNPP_YEARS[0], SNPP_YEARS[1]),
           PE("rate_from_population_projection", SNPP_SRC, "%s to %s people (mid-%d to "
              "mid-%d)" % ("{:,}".format(p0), "{:,}".format(p1), SNPP_YEARS[0],
                           SNPP_YEARS[1])))

# Shares of bed-days by age group. Hospital: HSCIC, Focus on the Health and Care of Older
# People (2014), for 2012-13 in England: people aged 65 and over 54% of hospital bed-days,
# 85 and over 18% (as reported by The Guardian Datablog, 26 June 2014, and COVER magazine; the
# report itself was not in the stored corpus). Applied to BSol's acute bed-days: BSol is younger
# than England (its people aged 65+ are 14% of its residents in mid-2025 by the projection
# above; England's were 17% in 2012 by the same report), so the share of its bed-days used by
# older people is probably lower, and this growth a little high.
OLDER_SRC = "hscic_older_people_2014"
OLDER_NOTE = ("HSCIC, Focus on the Health and Care of Older People (2014): in 2012-13 people "
              "aged 65+ used 54% of hospital bed-days and people aged 85+ 18% (England), as "
              "reported by The Guardian Datablog (26 June 2014)")
assume("bed_day_share.inpatient_bed_days.age_85_plus", 0.18, "share of bed-days",
       "Share of acute bed-days used by people aged 85 and over.", PM(OLDER_SRC, 2014,
                                                                         OLDER_NOTE))
assume("bed_day_share.inpatient_bed_days.age_65_84", 0.36, "share of bed-days",
       "Share of acute bed-days used by people aged 65 to 84.",
       PE("share_from_published_shares", OLDER_SRC, OLDER_NOTE + ": 54% - 18% = 36%"))
assume("bed_day_share.inpatient_bed_days.age_0_64", 0.46, "share of bed-days",
       "Share of acute bed-days used by people under 65.",
       PE("share_from_published_shares", OLDER_SRC, OLDER_NOTE + ": 100% - 54% = 46%"))
# Community and intermediate care beds serve older people; no published age split was found,
# so all their bed-days are taken as used by people aged 65 and over, split as hospital bed-days
# are (36 : 18).
COMMUNITY_AGE_NOTE = ("no published age split of community or intermediate care bed-days was "
                      "found (NAIC describes its users as predominantly older people): all are "
                      "taken as aged 65+, split 2:1 between 65-84 and 85+ as hospital bed-days "
                      "are (HSCIC 2014: 36% and 18%)")
assume("bed_day_share.community_bed_days.age_0_64", 0.0, "share of bed-days",
       "Share of community and intermediate care bed-days used by people under 65.",
       PA(COMMUNITY_AGE_NOTE))
assume("bed_day_share.community_bed_days.age_65_84", round(2 / 3, 6), "share of bed-days",
       "Share of community and intermediate care bed-days used by people aged 65 to 84.",
       PA(COMMUNITY_AGE_NOTE))
assume("bed_day_share.community_bed_days.age_85_plus", round(1 - round(2 / 3, 6), 6),
       "share of bed-days",
       "Share of community and intermediate care bed-days used by people aged 85 and over.",
       PA(COMMUNITY_AGE_NOTE))
BED_AGE_SERVICES = ("inpatient_bed_days", "community_bed_days")
for sid in BED_AGE_SERVICES:
    shares = {g: AV["bed_day_share.%s.%s" % (sid, g)] for g in SNPP}
    assert abs(sum(shares.values()) - 1) < 1e-9, sid
    g1 = sum(w * (1 + AV["population_growth." + g]) for g, w in shares.items()) - 1
    SERVICE[sid]["growth_rate"] = round(g1, 6)
    SERVICE[sid]["provenance"]["growth_rate"] = PE(
        "bed_day_growth_by_age", SNPP_SRC, "shares " + ", ".join(
            "%s %.4g" % (SNPP_LABEL[g], w) for g, w in shares.items()) + "; groups' growth " +
        ", ".join("%s %.3f%%" % (SNPP_LABEL[g], 100 * AV["population_growth." + g])
                  for g in SNPP))
    fact("growth_%s" % sid, "%.3f%%" % (100 * g1))

ACT = {}            # (site id, service) -> [volume, provenance]
CUR = [s for s in SITES if s["status"] == "current" and s["sector"] == "nhs"]
BY_ID = {s["id"]: s for s in SITES}


def add_act(s, svc, vol, prov):
    k = (s["id"], svc)
    if k in ACT:
        ACT[k][0] += vol
    else:
        ACT[k] = [vol, prov]


def rows_prefixes(s, vint=2018):
    return {x["code"][:3] for x in s["rows"] if x["kind"] in ("trust_clinic", "eric", "hospital")
            and (x["vintage"] >= vint or x["kind"] == "eric")}


RESID_RE = re.compile(r"(children'?s home|flats|respite|kingswood drive|tessall lane|"
                      r"handsworth wood road 133|bristol road south 1359|edgewood|ivy lodge|"
                      r"oliver house|lyndon house|gilliver|shirley house|waverley house|"
                      r"barbara hart|sayer house|quinton lane care)", re.I)
DIAL_RE = re.compile(r"(dialysis|renal)", re.I)
DENT_RE = re.compile(r"dental", re.I)
ERIC_TYPE_OF = {}
for s in SITES:
    for x in s["rows"]:
        if x["kind"] == "eric":
            ERIC_TYPE_OF[s["id"]] = x["raw"]["Site Type"]

# Buildings that are not places of care or office work (non_care_reason) offer no service.
CARE = [s for s in CUR if not s["non_care"]]
COMMUNITY = [s for s in CARE if (s["site_type"] == "health_centre" and
                                (any(x["kind"] == "trust_clinic" for x in s["rows"]) or
                                 s["tenure"] in ("lift", "nhsps") or s["svc_type"]))
             or (s["site_type"] == "other" and rows_prefixes(s) & COMMUNITY_TRUSTS and
                 not RESID_RE.search(s["name"]) and not DIAL_RE.search(s["name"]) and
                 not DENT_RE.search(s["name"]))
             or (s["site_type"] == "community_hospital" and
                 ERIC_TYPE_OF.get(s["id"], "3.") .startswith("3.") and not DENT_RE.search(s["name"]))]
ACUTE = [s for s in CARE if s["site_type"] == "acute_hospital"]
MH_UNITS = [s for s in CARE if s["site_type"] == "mental_health_unit" and
            not RESID_RE.search(s["name"])]

# ---- service mix: what the sources say each community or mental health building does ----
# Each NHS service row at a building (trust clinic lists, hospital list, ERIC, ODS service
# rows) is read for the service it names; a row that names only the building takes its
# trust's usual services. The building's mix is the union over its rows.
NAMED_SERVICE = [
    ("cyp_mental_health", re.compile(r"forward thinking|camhs|adolescent|young people", re.I)),
    ("adult_mental_health", re.compile(r"cmht|mental health|psychiatr|psycholog|clinical psych|"
                                       r"healthy minds", re.I)),
    ("phlebotomy", re.compile(r"\bblood\b|phlebotomy", re.I)),
    ("physiotherapy", re.compile(r"physiotherapy|\bphysio\b", re.I)),
    ("rehabilitation", re.compile(r"rehabilitation", re.I)),
    ("audiology", re.compile(r"hearing|audiology", re.I)),
    ("substance_misuse", re.compile(r"^inclusion\b|inclusion cdt|\bcgl\b|drug|alcohol", re.I)),
    ("child_family", re.compile(r"child (&|and) family|children'?s centre|children and families|"
                                r"sure start", re.I)),
    ("learning_disability", re.compile(r"learning disabilit", re.I)),
    ("respiratory", re.compile(r"chest clinic", re.I)),
    ("specialist_clinic", re.compile(r"dermatology|diabetes|podiatry", re.I)),
]
# A row that names only its building: the services its trust runs in such buildings.
TRUST_SERVICE = {"RQ3": "children", "RXT": "adult_mental_health",
                 "RYG": "adult_mental_health", "RRJ": "msk_outreach"}
MIX = OrderedDict([
    ("general", ["community_clinics", "physio_msk", "phlebotomy", "nursing"]),
    ("children", ["community_clinics"]),
    ("child_family", ["community_clinics", "nursing"]),
    ("cyp_mental_health", ["mental_health_clinics_cyp"]),
    ("adult_mental_health", ["mental_health_clinics"]),
    ("phlebotomy", ["phlebotomy"]),
    ("physiotherapy", ["physio_msk"]),
    ("rehabilitation", ["physio_msk", "community_clinics"]),
    ("msk_outreach", ["physio_msk", "community_clinics"]),
    ("audiology", ["community_clinics"]),
    ("substance_misuse", ["community_clinics"]),
    ("learning_disability", ["community_clinics"]),
    ("respiratory", ["community_clinics"]),
    ("specialist_clinic", ["community_clinics"]),
])
MIX_SAYS = {
    "general": "health centre or clinic named only by its building: community clinics, MSK "
               "physiotherapy and phlebotomy (and a nursing team base if a community trust "
               "works there)",
    "children": "a children's trust (RQ3) clinic named only by its building: children's "
                "community clinics",
    "child_family": "child and family or children's centre: children's community clinics and "
                    "health visiting (nursing base)",
    "cyp_mental_health": "child and adolescent / young people's mental health (Forward "
                         "Thinking Birmingham, the children's trust's clinical psychology, "
                         "Parkview): mental health contacts of people aged 0-24",
    "adult_mental_health": "adult mental health (BSMHFT and other mental health trusts' "
                           "sites, psychiatry and psychology services): mental health "
                           "contacts of people aged 25 and over",
    "phlebotomy": "blood clinic: phlebotomy only",
    "physiotherapy": "physiotherapy centre: MSK physiotherapy only",
    "rehabilitation": "rehabilitation centre or unit: physiotherapy and community clinics",
    "msk_outreach": "Royal Orthopaedic Hospital outreach clinic: MSK physiotherapy and "
                    "community clinics",
    "audiology": "hearing assessment / audiology: community clinics",
    "substance_misuse": "drug and alcohol service (Inclusion, CGL): community clinics",
    "learning_disability": "learning disability service: community clinics",
    "respiratory": "chest (TB and respiratory) clinic: community clinics",
    "specialist_clinic": "dermatology, diabetes or podiatry service: community clinics",
}
# Mixes read from a trust or a bare building name rather than from a named service.
GUESS_TAGS = {"general", "children", "msk_outreach"}


def service_tags(s):
    """{tag: named?}: the services a building's NHS rows name, or their trusts imply."""
    rows = [x for x in s["rows"] if x["kind"] in ("trust_clinic", "hospital", "eric", "service")]
    rows = [x for x in rows if x["vintage"] >= 2018] or rows
    tags = {}
    for x in rows:
        named = [t for t, rx in NAMED_SERVICE if rx.search(x["name"] or "")]
        code3 = (x["code"] or "")[:3] if x["kind"] != "service" else None
        if "adult_mental_health" in named and code3 == "RQ3":
            # the children's trust's psychology and mental health services are for children
            named = ["cyp_mental_health" if t == "adult_mental_health" else t for t in named]
        for t in named:
            tags[t] = True
        if not named and x["kind"] != "service":
            tags.setdefault(TRUST_SERVICE.get(trust(x["code"]), "general"), False)
    if not tags:
        tags["general"] = False
    if s["site_type"] == "mental_health_unit":
        # a mental health unit's clinic rooms hold mental health contacts only
        cyp = "cyp_mental_health" in tags or "children" in tags
        tags = {("cyp_mental_health" if cyp else "adult_mental_health"):
                any(tags.values())}
    return tags


SITE_TAGS = {}
SITE_MIX = {}
for s in COMMUNITY + [m for m in MH_UNITS if m not in COMMUNITY]:
    SITE_TAGS[s["id"]] = service_tags(s)
    mix = set()
    for t in SITE_TAGS[s["id"]]:
        mix.update(MIX[t])
    if "nursing" in mix and not rows_prefixes(s) & COMMUNITY_TRUSTS:
        mix.discard("nursing")
    SITE_MIX[s["id"]] = mix


def offering(svc):
    return [BY_ID[i] for i in SITE_MIX if svc in SITE_MIX[i]]


COMM_CLIN = offering("community_clinics")
PHYSIO = offering("physio_msk")
PHLEB = offering("phlebotomy")
NURSING = offering("nursing")
MH_CLIN = offering("mental_health_clinics")
MH_CYP = offering("mental_health_clinics_cyp")
MIX_GUESS = [BY_ID[i] for i in SITE_MIX
             if all(t in GUESS_TAGS for t in SITE_TAGS[i])]
SVC_LABEL = {"mental_health_clinics_cyp": "mental_health_clinics (ages 0-24)",
             "mental_health_clinics": "mental_health_clinics (ages 25+)",
             "nursing": "community_nursing_base (where a community trust works)"}
fact("mix_table", "\n".join("| `%s` | %s | %s | %d |" % (
    t, MIX_SAYS[t], ", ".join(SVC_LABEL.get(v, v) for v in MIX[t]),
    sum(1 for i in SITE_TAGS if t in SITE_TAGS[i])) for t in MIX))
fact("mix_named_list", "; ".join("%s %s (%s)" % (i, BY_ID[i]["name"], ", ".join(
    sorted(t for t, named in SITE_TAGS[i].items() if named)))
    for i in sorted(SITE_TAGS) if any(SITE_TAGS[i].values())))
fact("mix_guess_list", ", ".join("%s %s" % (s["id"], s["name"]) for s in
                                 sorted(MIX_GUESS, key=lambda s: s["id"])))
fact("n_mix_sites", len(SITE_MIX))
fact("n_mix_guess", len(MIX_GUESS))
URG_RE = re.compile(r"(urgent (care|treatment)|walk[- ]in|\bUTC\b|\bUCC\b|\bWIC\b|GP ED)", re.I)
URGENT = [s for s in CARE if s["site_type"] in ("urgent_care_centre", "walk_in_centre") or
          any((x.get("setting") in ("1", "3", "12")) or
              (x["vintage"] >= 2023 and URG_RE.search(x["name"])) for x in s["rows"])]
OFFICES = [s for s in CARE if s["site_type"] == "office"]
RESID = [s for s in CUR if s["site_type"] in ("other",) and RESID_RE.search(s["name"])]
DIALYSIS = [s for s in CARE if DIAL_RE.search(s["name"])]
DENTAL = [s for s in CARE if DENT_RE.search(s["name"] + " " + " ".join(
    x["name"] for x in s["rows"] if x["vintage"] >= 2023))]
TYPE1 = ["RRK15", "RRK97", "RRK98", "RRK99", "RQ301"]
assume("ae_type1_sites", len(TYPE1), "sites", "Type 1 A&E sites in the baseline: Queen "
       "Elizabeth (RRK15), Heartlands (RRK97), Good Hope (RRK98), Solihull (RRK99) and "
       "Birmingham Children's (RQ301). City Hospital (RXK02) is left out: its emergency "
       "department moved to Midland Metropolitan University Hospital, Smethwick (outside BSol), "
       "in October 2024.",
       PA("The shared data does not say which sites run a type 1 A&E; this list, and the City "
          "Hospital move, are from general knowledge and should be checked."))
for sid in TYPE1:
    assert sid in BY_ID, sid
say("")
say("Service sites: community %d (community clinics %d, physiotherapy %d, phlebotomy %d), "
    "community nursing bases %d, mental health clinics %d adult and %d children and young "
    "people's, acute %d, urgent care %d, offices %d, residential units %d, dialysis %d, dental "
    "%d; service mixes that are guesses: %d" % (
        len(COMMUNITY), len(COMM_CLIN), len(PHYSIO), len(PHLEB), len(NURSING), len(MH_CLIN),
        len(MH_CYP), len(ACUTE), len(URGENT), len(OFFICES), len(RESID), len(DIALYSIS),
        len(DENTAL), len(MIX_GUESS)))
for k, v in (("community", COMMUNITY), ("nursing", NURSING), ("mh_clin", MH_CLIN),
             ("mh_cyp", MH_CYP), ("comm_clin", COMM_CLIN), ("physio", PHYSIO),
             ("phleb", PHLEB), ("mix_guess", MIX_GUESS),
             ("acute", ACUTE), ("urgent", URGENT), ("offices", OFFICES), ("resid", RESID),
             ("dialysis", DIALYSIS), ("dental", DENTAL)):
    fact("set_" + k, len(v))
    fact("set_" + k + "_list", ", ".join("%s (%s)" % (s["name"], s["id"]) for s in v))

# ---- GP appointments and practice nurse ---------------------------------------
r_all = AV["rate.gp_practice_appointments_per_head"] * AV["rate.face_to_face_share"]
r_gp = r_all * (1 - AV["rate.nurse_share"])
r_nurse = r_all * AV["rate.nurse_share"]
for p in sorted(PRACTICE_SITE):
    main = PRACTICE_SITE[p]
    parts = [(main, 1.0)] + [(b, 0.5) for b in PRACTICE_BRANCH_SITES[p]]
    tot = sum(w for _, w in parts)
    for site, w in parts:
        pr = PE("activity_gp_list", None, "practice %s, list %d, weight %.1f of %.1f" % (
            p, LIST[p], w, tot))
        add_act(site, "gp_appointments", LIST[p] * r_gp * w / tot, pr)
        add_act(site, "practice_nurse", LIST[p] * r_nurse * w / tot, pr)


# ---- catchment services --------------------------------------------------
def known_area(s):
    """Floor area of a community building published in the tenure evidence, or the LIFT
    average. (ERIC sites are left out: their area is mostly wards.)"""
    ev = s["ev_row"]
    if ev and num(ev["raw"]["floor_area_m2"]) and "extension" not in ev["raw"][
            "opened_or_completed"]:
        return num(ev["raw"]["floor_area_m2"])
    if s["tenure"] == "lift":
        return 2780.0
    return None


assume("catchment_reference_m2", 700, "m2", "Floor area of a typical community building: a site "
       "whose floor area is published (tenure evidence, LIFT average) attracts community "
       "and mental health activity in proportion to its area / 700 m2 (at least 1).", PA(GAP))


def attract(s):
    a = known_area(s)
    return max(1.0, a / AV["catchment_reference_m2"]) if a else 1.0


def catchment(svc, sites, rate, lam, k, ages=None, note="", gravity=False):
    if not sites:
        return
    cands = {s["id"]: [(s["lat"], s["lon"])] for s in sites if s["lat"] is not None}
    for z in ZONES:
        pop = z["total"] if ages is None else sum(z["population"][b] for b in ages)
        if pop <= 0:
            continue
        keys, w = decay_shares(z, cands, lam, k)
        if gravity:
            w = [wi * attract(BY_ID[key]) for key, wi in zip(keys, w)]
        sw = sum(w)
        for key, wi in zip(keys, w):
            add_act(BY_ID[key], svc, pop * rate * wi / sw,
                    PE("activity_catchment_decay", None, note))


ADULT = BANDS[1:]
r_comm = AV["rate.community_contacts_per_head"] * AV["rate.community_clinic_share"]
GN = ", weighted by floor area where published"
catchment("community_clinics", COMM_CLIN, r_comm, 2.0, 4, None, "K=4, lambda=2 km" + GN, True)
catchment("physio_msk", PHYSIO, AV["rate.physio_msk_per_head"], 2.0, 4, None,
          "K=4, lambda=2 km" + GN, True)
catchment("phlebotomy", PHLEB + ACUTE,
          AV["rate.phlebotomy_per_head"], 2.0, 4, None, "K=4, lambda=2 km" + GN, True)
catchment("community_nursing_base", NURSING, AV["rate.community_nursing_desk_days_per_head"],
          2.0, 4, None, "K=4, lambda=2 km" + GN, True)
CYP_BANDS = ["0_15", "16_24"]
catchment("mental_health_clinics", MH_CLIN, AV["rate.mh_contacts_per_head"] *
          AV["rate.mh_clinic_share"], 3.0, 3, [b for b in BANDS if b not in CYP_BANDS],
          "adult services, people aged 25 and over, K=3, lambda=3 km" + GN, True)
catchment("mental_health_clinics", MH_CYP, AV["rate.mh_contacts_per_head"] *
          AV["rate.mh_clinic_share"], 3.0, 3, CYP_BANDS,
          "children and young people's services, people aged 0-24, K=3, lambda=3 km" + GN,
          True)
catchment("urgent_care", URGENT, AV["rate.urgent_care_per_head"], 3.0, 2, None, "K=2, lambda=3 km")
catchment("renal_dialysis", DIALYSIS, AV["rate.renal_dialysis_sessions_per_head"], 5.0, 3, None,
          "K=3, lambda=5 km")
catchment("community_dental", DENTAL, AV["rate.community_dental_per_head"], 5.0, 3, None,
          "K=3, lambda=5 km")
BCH = BY_ID["RQ301"]
ADULT_ACUTE = [s for s in ACUTE if s["id"] != "RQ301"]
for svc, rate in (("outpatient_first", AV["rate.outpatient_first_per_head"]),
                  ("outpatient_followup", AV["rate.outpatient_followup_per_head"]),
                  ("diagnostics_imaging", AV["rate.imaging_per_head"]),
                  ("day_cases", AV["rate.day_cases_per_head"])):
    catchment(svc, ADULT_ACUTE, rate, 5.0, len(ADULT_ACUTE), ADULT,
              "all adult acute sites, lambda=5 km, people aged 16 and over")
    kids = sum(z["population"]["0_15"] for z in ZONES)
    add_act(BCH, svc, kids * rate, PE("activity_catchment_decay", None,
                                      "under-16s to Birmingham Children's Hospital"))

# ---- A&E -------------------------------------------------------------------
adult_t1 = [BY_ID[x] for x in TYPE1 if x != "RQ301"]
ae_pop = Counter()
for z in ZONES:
    ae_pop["RQ301"] += z["population"]["0_15"]
    near = min(adult_t1, key=lambda s: (haversine_km(z["lat"], z["lon"], s["lat"], s["lon"]),
                                        s["id"]))
    ae_pop[near["id"]] += z["total"] - z["population"]["0_15"]
ae = largest_remainder(AE_TOTAL, [ae_pop[x] for x in TYPE1], TYPE1)
for sid in TYPE1:
    add_act(BY_ID[sid], "ae_attendances", float(ae[sid]),
            PE("ae_split_nearest_type1", "bsol_estates_plan_2016",
               "catchment population %d of %d" % (ae_pop[sid], POP)))
say("A&E split: %s (total %d)" % (", ".join("%s %d" % (x, ae[x]) for x in TYPE1),
                                   sum(ae.values())))
fact("ae_split", ", ".join("%s %s" % (BY_ID[x]["name"], "{:,}".format(ae[x])) for x in TYPE1))

# ---- beds and bed-days (ERIC) ----------------------------------------------
BED_REPORT = []
for s in SITES:
    s["beds"] = 0
    raw = ERIC_ROW.get(s["id"])
    st = s["site_type"]
    if raw is not None:
        etype = raw["Site Type"]
        inpatient = not etype.startswith("8.") or True
        food = ecol(raw, "Inpatient food service cost")
        meal = ecol(raw, "Cost of feeding one inpatient per day")
        singles = (ecol(raw, "Single bedrooms for patients with en-suite") or 0) + \
                  (ecol(raw, "Single bedrooms for patients without en-suite") or 0)
        empty = ecol(raw, "Floor area - empty") or 0
        occ = AV["bed_occupancy.mental_health_observed"] if st == "mental_health_unit" else (
            AV["bed_occupancy.acute_observed"] if st == "acute_hospital"
            else AV["bed_occupancy.community_observed"])
        svc = {"mental_health_unit": "mental_health_bed_days",
               "acute_hospital": "inpatient_bed_days"}.get(st, "community_bed_days")
        if empty >= 100:
            route, bd = "site 100% empty in ERIC 2016/17", 0.0
        elif food and meal:
            bd = food / meal
            route = "food %s / %s a meal day" % ("{:,.0f}".format(food), meal)
        elif singles >= 10:
            bd = singles * 365 * occ
            route = "no food data; %d single bedrooms" % singles
        elif st in ("community_hospital",):
            bd = AV["beds.community_unit_default"] * 365 * occ
            route = "no food data; NHSBN mean 28 beds"
        else:
            bd, route = 0.0, "no inpatient data"
        # Round up: the occupancy that derived the beds is a ceiling, and rounding down would
        # put a site over it by arithmetic alone.
        beds = int(math.ceil(bd / (365 * occ) - 1e-9)) if bd else 0
        s["beds"] = beds
        if beds:
            s["prov"]["beds"] = PE("beds_from_eric_food", "eric_2016_17", route)
        if beds and s["status"] == "current":
            add_act(s, svc, beds * 365 * occ if not (food and meal) else bd,
                    PE("bed_days_eric_food", "eric_2016_17", route))
        BED_REPORT.append((s["id"], s["name"], beds, singles, route))
    elif s in RESID:
        beds = AV["beds.residential_unit_default"]
        s["beds"] = beds
        s["prov"]["beds"] = PA(GAP + ": default beds of a residential unit")
        add_act(s, "residential_bed_days", beds * 365 * AV["bed_occupancy.residential_observed"],
                PA(GAP + ": default beds x 365 x 0.85"))
say("")
say("Beds from ERIC (site, beds, single bedrooms, route):")
for b in BED_REPORT:
    say("  %-6s %-45s %5d beds  %4d single rooms  %s" % (b[0], b[1][:45], b[2], b[3], b[4]))
fact("beds_total_eric", sum(b[2] for b in BED_REPORT))
fact("bed_table", "\n".join("| %s | %s | %d | %d | %s |" % (b[0], b[1], b[2], b[3], b[4])
                            for b in BED_REPORT))

# Beds as the plans count them, in the base year (docs/model.md): the acute beds above are
# sized from their own bed-days at the 92% ceiling, rounded up, so the beds required at that
# occupancy fall a fraction of a bed short of them at each site: the base-year gap is zero by
# construction, and any gap later is growth.
ACUTE_BED_SITES = [s for s in SITES if s["site_type"] == "acute_hospital" and s.get("beds")
                   and s["status"] == "current"]
ACUTE_BEDS = sum(s["beds"] for s in ACUTE_BED_SITES)
ACUTE_BED_DAYS = sum(ACT[(s["id"], "inpatient_bed_days")][0] for s in ACUTE_BED_SITES
                     if (s["id"], "inpatient_bed_days") in ACT)
ACUTE_REQUIRED = ACUTE_BED_DAYS / (365 * AV["target_bed_occupancy"])
fact("acute_beds", "{:,}".format(ACUTE_BEDS))
fact("acute_bed_days", "{:,.0f}".format(ACUTE_BED_DAYS))
fact("acute_beds_required", "{:,.1f}".format(ACUTE_REQUIRED))
fact("acute_spells", "{:,.0f}".format(ACUTE_BED_DAYS / AV["length_of_stay.inpatient_bed_days"]))
fact("bed_age_table", "\n".join(
    "| %s | %s | %s | %.3f%% | %s | %s |" % (
        SNPP_LABEL[g], "{:,.1f}".format(SNPP[g][0]), "{:,.1f}".format(SNPP[g][1]),
        100 * AV["population_growth." + g],
        "%.0f%%" % (100 * AV["bed_day_share.inpatient_bed_days." + g]),
        "%.1f%%" % (100 * AV["bed_day_share.community_bed_days." + g])) for g in SNPP))

# --------------------------------------------------------------------------
# hours, floor area, rooms, desks
# --------------------------------------------------------------------------

HOURS = {"gp_practice": 52.5, "gp_branch": 52.5, "health_centre": 52.5, "hub": 60,
         "walk_in_centre": 84, "urgent_care_centre": 84, "acute_hospital": 84,
         "community_hospital": 52.5, "mental_health_unit": 52.5, "office": 50, "other": 40,
         "independent_hospital": 52.5}
HOURS_NOTE = {"gp_practice": "GMS core hours 08:00-18:30 Monday to Friday",
              "gp_branch": "as a GP practice",
              "health_centre": "core weekday hours as GP premises",
              "hub": "extended access hubs: evenings and Saturday added to core hours",
              "walk_in_centre": "08:00-20:00 seven days (the usual UTC standard)",
              "urgent_care_centre": "08:00-20:00 seven days (the usual UTC standard)",
              "acute_hospital": "outpatient, imaging and day-case rooms 08:00-20:00 seven days; "
                                "A&E runs 24/7 but its cubicles are counted at the same hours",
              "community_hospital": "clinic rooms on core weekday hours (beds are counted apart)",
              "mental_health_unit": "clinic rooms on core weekday hours (beds are counted apart)",
              "office": "office hours", "other": "part-time use",
              "independent_hospital": "not modelled"}
for t, h in HOURS.items():
    assume("hours_open." + t, h, "hours / week", "Hours open a week for site type %s: %s." % (
        t, HOURS_NOTE[t]), PA("No source in the shared data gives opening hours; GP core "
                              "hours are the GMS contract's, the rest are planning "
                              "assumptions."))
CLIN_SHARE = {"gp_practice": 0.55, "gp_branch": 0.55, "health_centre": 0.5, "hub": 0.55,
              "walk_in_centre": 0.5, "urgent_care_centre": 0.5, "mental_health_unit": 0.5,
              "community_hospital": 0.5, "office": 0.0, "other": 0.3, "acute_hospital": 0.3,
              "independent_hospital": 0.0}
for t, v in CLIN_SHARE.items():
    assume("clinical_share." + t, v, "share of GIA", "Share of a %s's gross floor area that is "
           "clinical rooms with their circulation (used to turn rooms into GIA and back)." % t,
           PA("planning_rates.md note N6: the clinical share of the net area is to be set "
              "locally; " + GAP))
GIA_MIN = {"gp_practice": 120, "gp_branch": 80, "health_centre": 300, "hub": 100,
           "walk_in_centre": 300, "urgent_care_centre": 400, "mental_health_unit": 300,
           "community_hospital": 500, "other": 100}
GIA_DEFAULT = {"office": 1000, "other": 300, "mental_health_unit": 500,
               "community_hospital": 2000, "health_centre": 400, "gp_branch": 100,
               "gp_practice": 150, "hub": 150, "walk_in_centre": 300,
               "urgent_care_centre": 400}
for t, v in GIA_DEFAULT.items():
    assume("gia_default." + t, v, "m2", "Floor area of a %s with no published floor area and no "
           "estimated clinical demand." % t, PA(GAP + " (planning_rates.md: GIA by type not "
                                                "found)"))
for t, v in GIA_MIN.items():
    assume("gia_min." + t, v, "m2", "Smallest floor area given to a %s sized from its demand."
           % t, PA(GAP))
ROOM_SHARE_ERIC = {"acute_hospital": 0.1, "community_hospital": 0.15, "mental_health_unit": 0.1}
for t, v in ROOM_SHARE_ERIC.items():
    assume("eric_room_share." + t, v, "share of ERIC clinical space", "Share of an ERIC %s's "
           "clinical space that is consulting, treatment, group and imaging rooms (the rest "
           "being wards, theatres and support)." % t, PA(GAP))
assume("m2_per_desk", 10, "m2", "Office floor area per desk (workspace share 0.6 of GIA).",
       PM(RATES_SRC, 2009, "DH primary and social care guidance: interview room or single "
          "office 9-10 m2"))
assume("desk_occupancy", 0.7, "share", "Desk occupancy used to size team bases and to turn "
       "office desks into desk-days (0.6 for offices).", PA(GAP))

ROOM_TYPES = ["consult", "treatment", "group", "imaging"]
WEEKS = AV["weeks_per_year"]
M2R = AV["m2_per_room"]


def demand_hours(s):
    d = Counter()
    for svc in SERVICES:
        k = (s["id"], svc["id"])
        if k in ACT and svc["room_type"] in ROOM_TYPES:
            d[svc["room_type"]] += ACT[k][0] * svc["minutes_per_unit"] / 60.0
    return d


def desk_demand(s):
    return sum(ACT[(s["id"], v)][0] for v in ("community_nursing_base", "office_desks")
               if (s["id"], v) in ACT)


def split_rooms(total, dem, st):
    """Split an integer number of rooms between room types in proportion to demand."""
    if total <= 0:
        return {rt: 0 for rt in ROOM_TYPES}
    types = [rt for rt in ROOM_TYPES if dem.get(rt, 0) > 0]
    if not types:
        types, w = ["consult", "treatment"], [0.6, 0.4]
    else:
        w = [dem[rt] for rt in types]
    n = len(types)
    if total < n:
        return {rt: (1 if rt in types[:total] else 0) for rt in ROOM_TYPES}
    base = {rt: 1 for rt in types}
    extra = largest_remainder(total - n, w, types)
    return {rt: base.get(rt, 0) + extra.get(rt, 0) for rt in ROOM_TYPES}


# The most rooms of a type a building of a kind plausibly has, for rooms sized from demand:
# kind -> (room type, rooms, method, source, what the source says). Only kinds with a source.
ROOM_BOUND = {
    "satellite_dialysis_unit": (
        "treatment", AV["stations_per_satellite_dialysis_unit"], "rooms_bounded_by_building_kind",
        DIALYSIS_SRC, "a satellite dialysis unit has about %d stations (UHB: more than 220 "
        "across its nine satellite units, 2011)" % AV["stations_per_satellite_dialysis_unit"]),
}
ROOM_WORD = {"consult": "consulting rooms", "treatment": "treatment rooms (stations)",
             "group": "group rooms", "imaging": "imaging rooms"}
ROOM_CAPPED = []       # (site, room type, rooms from demand, rooms kept)


def building_kind(s):
    """A kind of building narrower than its site type, where a bound on its rooms is known."""
    if s["site_type"] == "other" and s in DIALYSIS:
        return "satellite_dialysis_unit"
    return None


def not_a_place_of_care(s):
    """Why the site has no clinical rooms and no desks (docs/data.md), or None."""
    if s["non_care"]:
        return "not a place of care or office work: " + s["non_care"]
    if s in RESID:
        return ("a residence (residential, respite or children's unit): its beds are counted, "
                "it has no clinic rooms or desks")
    return None


gia_how = Counter()
for s in SITES:
    st = s["site_type"]
    s["hours"] = HOURS[st]
    s["prov"]["hours_open_per_week"] = PE("hours_by_site_type")
    s["desks"] = 0
    s["rooms"] = {rt: 0 for rt in ROOM_TYPES}
    s["gia"] = None
    raw = ERIC_ROW.get(s["id"])
    dem = demand_hours(s)
    cap_room = s["hours"] * WEEKS
    if s["sector"] == "independent":
        for rt in ROOM_TYPES:
            s["prov"]["rooms." + rt] = PE("no_capacity_independent")
        s["prov"]["hours_open_per_week"] = PE("no_capacity_independent")
        s["prov"]["desks"] = PE("no_capacity_independent")
        s["prov"]["beds"] = s["prov"].get("beds") or PE("no_capacity_independent")
        gia_how["independent (not modelled)"] += 1
        continue
    ev = s["ev_row"]
    ev_area = num(ev["raw"]["floor_area_m2"]) if ev else None
    if ev and "extension" in (ev["raw"]["opened_or_completed"] or ""):
        ev_area = None            # Greet: the 787 m2 is an extension, not the building
    no_rooms = not_a_place_of_care(s)
    if no_rooms:
        # held and costed, but no room where patients are seen and no desk: its floor area is
        # what it is, its rooms and desks are none (so it can never receive activity)
        if raw is not None:
            s["gia"] = ecol(raw, "Gross internal floor area")
            s["prov"]["gia_m2"] = PM("eric_2016_17", 2017)
            gia_how["ERIC (measured)"] += 1
        elif ev_area:
            s["gia"] = ev_area
            s["prov"]["gia_m2"] = PM("tenure_evidence", 2025, "floor area stated by the source "
                                     "(%s)" % ev["raw"]["primary_source_url"])
            gia_how["tenure evidence floor area (measured)"] += 1
        else:
            s["gia"] = float(GIA_DEFAULT.get(st, 300))
            s["prov"]["gia_m2"] = PE("gia_type_default")
            gia_how["site-type default"] += 1
        for rt in ROOM_TYPES:
            s["prov"]["rooms." + rt] = PE("no_rooms_not_a_place_of_care", None, no_rooms)
    elif raw is not None:
        s["gia"] = ecol(raw, "Gross internal floor area")
        s["prov"]["gia_m2"] = PM("eric_2016_17", 2017)
        clin = ecol(raw, "Clinical space") or s["gia"] * 0.5
        # an inpatient unit with no clinic demand: its clinical space is wards
        total = int(round(clin * ROOM_SHARE_ERIC[st] / M2R)) if sum(dem.values()) > 0 else 0
        s["rooms"] = split_rooms(total, dem, st)
        # never fewer rooms than the demand needs at the observed community utilisation
        for rt in ROOM_TYPES:
            if dem.get(rt, 0) > 0:
                s["rooms"][rt] = max(s["rooms"][rt], int(math.ceil(
                    dem[rt] / (cap_room * AV["observed_utilisation.community"]))))
        for rt in ROOM_TYPES:
            s["prov"]["rooms." + rt] = PE("rooms_from_eric_clinical_space", "eric_2016_17")
        gia_how["ERIC (measured)"] += 1
    elif ev_area or s["tenure"] == "lift":
        if ev_area:
            s["gia"] = ev_area
            s["prov"]["gia_m2"] = PM("tenure_evidence", 2025, "floor area stated by the source "
                                     "(%s)" % ev["raw"]["primary_source_url"])
            gia_how["tenure evidence floor area (measured)"] += 1
        else:
            s["gia"] = 2780.0
            s["prov"]["gia_m2"] = PE("gia_lift_average", RATES_SRC)
            gia_how["LIFT average 2,780 m2 (AMION)"] += 1
        total = int(math.floor(s["gia"] * CLIN_SHARE[st] / M2R))
        s["rooms"] = split_rooms(total, dem, st)
        for rt in ROOM_TYPES:
            s["prov"]["rooms." + rt] = PE("rooms_from_gia")
    elif sum(dem.values()) > 0 or desk_demand(s) > 0:
        u = AV["observed_utilisation.gp"] if st in ("gp_practice", "gp_branch") else \
            AV["observed_utilisation.community"]
        rooms = {rt: (int(math.ceil(dem[rt] / (cap_room * u))) if dem.get(rt, 0) > 0 else 0)
                 for rt in ROOM_TYPES}
        s["rooms"] = rooms
        for rt in ROOM_TYPES:
            s["prov"]["rooms." + rt] = PE("rooms_from_demand")
        # Rooms sized from demand are bounded by what a building of the kind plausibly has:
        # the demand put at a satellite dialysis unit is all of its catchment's, and the rooms
        # it would need are not a building anyone has built.
        bound = ROOM_BOUND.get(building_kind(s))
        if bound is not None:
            rt, most, m_id, src, what = bound
            if rooms[rt] > most:
                s["prov"]["rooms." + rt] = PE(
                    m_id, src, "low confidence: its estimated demand (%s a year) would need %d "
                    "%s at %.1f%% of %g hours a week; %s, so it has %d and the demand above "
                    "what they hold shows as over capacity, not as a bigger building" % (
                        "{:,.0f}".format(sum(ACT[(s["id"], v["id"])][0] for v in SERVICES
                                             if (s["id"], v["id"]) in ACT and
                                             v["room_type"] == rt)),
                        rooms[rt], ROOM_WORD[rt], 100 * u, s["hours"], what, most))
                ROOM_CAPPED.append((s, rt, rooms[rt], most))
                rooms[rt] = most
        gia = sum(rooms.values()) * M2R / CLIN_SHARE[st]
        s["gia"] = float(max(GIA_MIN.get(st, 100), round(gia)))
        s["prov"]["gia_m2"] = PE("gia_from_demand")
        gia_how["derived from estimated demand (N6)"] += 1
    else:
        s["gia"] = float(GIA_DEFAULT.get(st, 300))
        s["prov"]["gia_m2"] = PE("gia_type_default")
        total = int(math.floor(s["gia"] * CLIN_SHARE.get(st, 0.3) / M2R))
        s["rooms"] = split_rooms(total, dem, st) if st != "office" else s["rooms"]
        for rt in ROOM_TYPES:
            s["prov"]["rooms." + rt] = PE("rooms_from_gia")
        gia_how["site-type default"] += 1
    # desks
    dd = desk_demand(s)
    if no_rooms:
        s["prov"]["desks"] = PE("no_rooms_not_a_place_of_care", None, no_rooms)
    elif st == "office":
        s["desks"] = int(math.floor(s["gia"] * 0.6 / AV["m2_per_desk"]))
        s["prov"]["desks"] = PE("desks_from_area")
    elif dd > 0:
        s["desks"] = int(math.ceil(dd / (AV["desk_days_per_year"] * AV["desk_occupancy"])))
        s["prov"]["desks"] = PE("desks_from_demand")
        if s["prov"]["gia_m2"].get("method") == "gia_from_demand":
            s["gia"] += s["desks"] * AV["m2_per_desk"]
    else:
        s["prov"]["desks"] = PE("desks_from_demand", None, "no desk demand")
    if st == "office" and s["status"] == "current":
        add_act(s, "office_desks", s["desks"] * AV["desk_days_per_year"] * 0.6,
                PE("office_desk_days"))
    if "beds" not in s["prov"]:
        s["prov"]["beds"] = PE("beds_from_eric_food", None, "no inpatient beds")
say("")
say("Floor area: %s" % dict(sorted(gia_how.items())))
fact("gia_how", "; ".join("%s %d" % kv for kv in sorted(gia_how.items())))
NO_ROOMS = [s for s in SITES if s["sector"] == "nhs" and not_a_place_of_care(s)]
say("Not places of care or office work (no clinical rooms, no desks): %d" % len(NO_ROOMS))
for s in NO_ROOMS:
    say("  %-8s %-45s %s" % (s["id"], s["name"][:45], not_a_place_of_care(s)))
fact("n_no_rooms", len(NO_ROOMS))
fact("stations_bound", AV["stations_per_satellite_dialysis_unit"])
fact("dialysis_total", "{:,.0f}".format(sum(v[0] for (sid, svc), v in ACT.items()
                                           if svc == "renal_dialysis")))
fact("no_rooms_table", "\n".join(
    "| %s | %s | %s | %s | %s |" % (
        s["id"], s["name"], s["status"].replace("_", " "),
        s["non_care"] or "residence (beds only)",
        "; ".join(sorted({x["name"] for x in s["rows"]
                          if x["kind"] in ("trust_clinic", "eric", "hospital") and x["name"]})))
    for s in sorted(NO_ROOMS, key=lambda s: (s["non_care"] is None, s["id"]))))
say("Rooms sized from demand and bounded by the kind of building: %d" % len(ROOM_CAPPED))
for s, rt, had, kept in ROOM_CAPPED:
    say("  %-8s %-40s %s: %d from demand, %d kept" % (s["id"], s["name"][:40], rt, had, kept))
fact("room_capped_table", "\n".join(
    "| %s | %s | %s | %s | %d | %d | %s |" % (
        s["id"], s["name"], rt, "{:,.0f}".format(demand_hours(s)[rt]), had, kept,
        "{:,.0f}".format(s["gia"])) for s, rt, had, kept in ROOM_CAPPED))
# the largest building of each type whose floor area comes from its demand: what a reader can
# check against the buildings they know
LARGEST = {}
for s in SITES:
    if s["prov"].get("gia_m2", {}).get("method") == "gia_from_demand":
        t = s["site_type"]
        if t not in LARGEST or s["gia"] > LARGEST[t]["gia"]:
            LARGEST[t] = s
fact("largest_from_demand_table", "\n".join(
    "| %s | %s %s | %s | %d |" % (t, LARGEST[t]["id"], LARGEST[t]["name"],
                                  "{:,.0f}".format(LARGEST[t]["gia"]),
                                  sum(LARGEST[t]["rooms"].values()))
    for t in sorted(LARGEST)))

# --------------------------------------------------------------------------
# running costs
# --------------------------------------------------------------------------

COMPONENTS = ["rent", "service_charge", "rates", "utilities", "hard_fm", "soft_fm", "other"]
CARTER = ("Lord Carter (2018), community and mental health estate: GBP 30 to over 230 per m2 a "
          "year, in the review's own prices (its data are about 2016/17: GBP %.0f to %.0f at "
          "%s prices); the value inside the range is an assumption, declared at %s prices" % (
              30 * index_factor("2016-17"), 230 * index_factor("2016-17"), PRICE_BASE,
              PRICE_BASE))
COST_M2 = OrderedDict([("gp_practice", 150), ("gp_branch", 140), ("health_centre", 180),
                       ("hub", 160), ("walk_in_centre", 200), ("urgent_care_centre", 200),
                       ("community_hospital", 220), ("mental_health_unit", 190),
                       ("acute_hospital", 230), ("office", 150), ("other", 120),
                       ("tenure.nhsps", 220), ("tenure.lift", 330)])
for k, v in COST_M2.items():
    if k == "tenure.lift":
        pr = PA("LIFT buildings are dearer than other community estate (PwC for CHP 2024: "
                "rent above typical commercial but including maintenance and lifecycle); "
                "planning_rates.md marks LIFT GBP/m2 a gap, so this value, above the Carter "
                "range, is an assumption")
        desc = "Running cost per m2 GIA of a LIFT building (all components)."
    elif k == "tenure.nhsps":
        pr = PA(CARTER + "; NHSPS charges market rent plus FM and service charges (charging "
                "policy), no GBP/m2 was found (gap)")
        desc = "Running cost per m2 GIA of an NHS Property Services building."
    else:
        pr = PA(CARTER)
        desc = "Running cost per m2 GIA of a %s without ERIC costs." % k
    COST_M2[k] = assume("cost_per_m2." + k, v, "GBP / m2 / year (%s prices)" % PRICE_BASE,
                        desc, pr)
SPLIT = {
    "leasehold": [0.45, 0.05, 0.15, 0.10, 0.10, 0.15, 0.0],
    "nhsps": [0.40, 0.25, 0.12, 0.08, 0.05, 0.10, 0.0],
    "lift": [0.70, 0.10, 0.08, 0.05, 0.0, 0.07, 0.0],
    "freehold": [0.0, 0.0, 0.10, 0.15, 0.25, 0.25, 0.25],
    "pfi": [0.60, 0.0, 0.08, 0.10, 0.0, 0.22, 0.0],
    "local_authority": [0.40, 0.20, 0.12, 0.10, 0.08, 0.10, 0.0],
    "unknown": [0.40, 0.10, 0.12, 0.10, 0.13, 0.15, 0.0],
}
for t in sorted(SPLIT):
    assert abs(sum(SPLIT[t]) - 1.0) < 1e-9
    for c, v in zip(COMPONENTS, SPLIT[t]):
        assume("cost_split.%s.%s" % (t, c), v, "share of running cost",
               "Share of a %s site's estimated running cost that is %s%s." % (
                   t, c.replace("_", " "), " (capital charges)" if (t == "freehold" and
                                                                     c == "other") else ""),
               PA(GAP + " (no breakdown of community estate costs was retrieved)"))


def est_costs(s, only=None):
    st = s["site_type"]
    rate = COST_M2.get("tenure." + s["tenure"], COST_M2.get(st, 150))
    shares = SPLIT[s["tenure"]]
    out = {}
    for c, sh in zip(COMPONENTS, shares):
        if only is None or c in only:
            out[c] = s["gia"] * rate * sh
    return out


F_ERIC = index_factor("2016-17")
ERIC_CASH = [0.0]       # 2016/17 cash of every ERIC cost kept (for the docs)


def index_note(cash, fy="2016-17"):
    return "%s cash GBP %s x %.6f (GDP deflator %s %s / %s %s, %s) = GBP %s at %s prices" % (
        fy.replace("-", "/"), "{:,.2f}".format(cash), index_factor(fy), PRICE_FY,
        DEFLATOR[PRICE_FY], fy, DEFLATOR[fy], PRICE_INDEX, "{:,.2f}".format(
            cash * index_factor(fy)), PRICE_BASE)


cost_how = Counter()
for s in SITES:
    if s["sector"] == "independent":
        s["costs"] = None
        continue
    if s["status"] != "current":
        s["costs"] = {c: 0.0 for c in COMPONENTS}
        for c in COMPONENTS:
            s["prov"]["costs." + c] = PA("possibly closed (seen only in lists from 2017 or "
                                         "earlier): not costed; a planner who still holds it "
                                         "should enter its costs")
        cost_how["possibly closed, not costed"] += 1
        continue
    raw = ERIC_ROW.get(s["id"])
    if raw is not None:
        partly = set()

        def csum(*prefixes):
            """2016/17 cash of a group of ERIC columns, or None if the group is not reported:
            every column 'Not Applicable', or only GBP 0 beside 'Not Applicable' columns."""
            vals = [ecol(raw, p) for p in prefixes]
            got = [v for v in vals if v is not None]
            if not got or (len(got) < len(vals) and sum(got) == 0):
                return None
            if len(got) < len(vals):
                partly.add(prefixes)
            return sum(got)
        meas = {
            "rent": csum("Estates and facilities finance costs"),
            "hard_fm": csum("Estates and property maintenance", "Grounds and gardens maintenance",
                            "Other Hard FM"),
            "soft_fm": csum("Other Soft FM", "Cleaning service cost", "Inpatient food service cost",
                            "Laundry and linen service cost", "Portering service cost",
                            "Landfill disposal cost", "Incineration disposal cost",
                            "Waste reycling cost", "Other recovery cost"),
            "utilities": csum("Energy costs", "Water cost", "Sewage cost"),
            "other": csum("Electro Bio Medical Equipment maintenance"),
            "service_charge": 0.0, "rates": 0.0}
        part_of = {c: any(p[0].startswith(g) for p in partly) for c, g in (
            ("rent", "Estates and facilities"), ("hard_fm", "Estates and property"),
            ("soft_fm", "Other Soft"), ("utilities", "Energy"), ("other", "Electro"))}
        missing = [c for c, v in meas.items() if v is None]
        est = est_costs(s, only=missing) if missing else {}
        if "other" in est:
            est["other"] = 0.0     # EBME maintenance not reported: not estimated
        s["costs"] = {}
        for c in COMPONENTS:
            if meas[c] is None:
                s["costs"][c] = est[c]
                s["prov"]["costs." + c] = PE("eric_cost_missing_component", "eric_2016_17",
                                             "not reported in ERIC 2016/17 ('Not Applicable')")
            elif c in ("service_charge", "rates"):
                s["costs"][c] = meas[c]
                s["prov"]["costs." + c] = PE("eric_cost_mapping", "eric_2016_17",
                                             "not reported at site level")
            else:
                s["costs"][c] = meas[c] * F_ERIC
                ERIC_CASH[0] += meas[c]
                s["prov"]["costs." + c] = PE(
                    "eric_cost_partly_reported" if part_of.get(c) else
                    "indexed_to_base_year_prices", "eric_2016_17", index_note(meas[c]))
        cost_how["ERIC 2016/17 indexed" + (" (some components estimated)" if missing else "")] += 1
    else:
        s["costs"] = est_costs(s)
        for c in COMPONENTS:
            s["prov"]["costs." + c] = PE("cost_per_m2_by_type_tenure")
        cost_how["GIA x cost per m2"] += 1


def running(s):
    return sum(s["costs"].values()) if s.get("costs") else 0.0


TOTAL_RC = sum(running(s) for s in SITES)
say("")
say("Running costs: %s; total GBP %s a year" % (dict(sorted(cost_how.items())),
                                                 "{:,.0f}".format(TOTAL_RC)))
fact("cost_how", "; ".join("%s %d" % kv for kv in sorted(cost_how.items())))
fact("eric_cash_total", "{:,.0f}".format(ERIC_CASH[0]))
fact("eric_indexed_total", "{:,.0f}".format(ERIC_CASH[0] * F_ERIC))
fact("f_eric", "%.6f" % F_ERIC)
fact("price_base", PRICE_BASE)
fact("price_index", PRICE_INDEX)
fact("deflator_table", "\n".join("| %s | %s | %s |" % (
    fy, "%.4f" % v, "forecast (OBR, Spring Statement 3 March 2026)" if fy in DEFLATOR_FORECAST
    else "outturn") for fy, v in DEFLATOR.items()))
fact("running_total", "{:,.0f}".format(TOTAL_RC))
by_t = Counter()
for s in SITES:
    by_t[s["site_type"]] += running(s)
fact("running_by_type", "\n".join("| %s | %s |" % (t, "{:,.0f}".format(v))
                                  for t, v in sorted(by_t.items())))

# --------------------------------------------------------------------------
# condition, backlog, voids
# --------------------------------------------------------------------------

assume("condition_threshold.B", 50, "GBP backlog / m2 (%s prices)" % PRICE_BASE, "Backlog per "
       "m2 at and above which an ERIC site is condition B (below: A).", PA(GAP))
assume("condition_threshold.C", 200, "GBP backlog / m2 (%s prices)" % PRICE_BASE, "Backlog per "
       "m2 at and above which an ERIC site is condition C.", PA(GAP))
assume("condition_threshold.D", round(475 * index_factor("2023-24"), 2), "GBP backlog / m2 (%s "
       "prices)" % PRICE_BASE, "Backlog per m2 at and above which an ERIC site is condition D: "
       "the England trust-estate average.",
       PE("rate_derived_from_ratio", RATES_SRC, "ERIC 2023/24: GBP 13.8bn backlog / about 29m "
          "m2 = about GBP 475/m2 in 2023/24 cash, x %.6f (GDP deflator %s / 2023-24) at %s "
          "prices" % (index_factor("2023-24"), PRICE_FY, PRICE_BASE)))
for s in SITES:
    s["condition"] = None
    s["backlog"] = None
    raw = ERIC_ROW.get(s["id"])
    if raw is not None:
        bands = {b: ecol(raw, "Cost to eradicate %s risk backlog" % b)
                 for b in ("high", "significant", "moderate", "low")}
        if all(v is not None for v in bands.values()):
            s["backlog"] = {b: v * F_ERIC for b, v in bands.items()}
            for b in bands:
                s["prov"]["backlog." + b] = PE("indexed_to_base_year_prices", "eric_2016_17",
                                               index_note(bands[b]))
            bands = s["backlog"]
            per = sum(bands.values()) / s["gia"]
            s["condition"] = ("A" if per < AV["condition_threshold.B"] else
                              "B" if per < AV["condition_threshold.C"] else
                              "C" if per < AV["condition_threshold.D"] else "D")
            s["prov"]["condition"] = PE("condition_from_backlog", "eric_2016_17",
                                        "GBP %.0f backlog per m2" % per)
    if s["condition"] is None and s["sector"] == "nhs":
        if s["tenure"] == "lift":
            s["condition"] = "A"
            s["prov"]["condition"] = PE("condition_lift_new_build")
        else:
            s["condition"] = "B"
            s["prov"]["condition"] = PA("no condition survey in the shared data: default B "
                                        "(sound, operationally safe); replace with the site's "
                                        "six-facet survey")
say("")
say("Condition: %s" % dict(sorted(Counter(str(s["condition"]) for s in SITES).items())))
fact("threshold_d", "{:,.0f}".format(AV["condition_threshold.D"]))
fact("condition_counts", ", ".join("%s %d" % kv for kv in sorted(
    Counter(str(s["condition"]) for s in SITES).items())))
fact("backlog_total", "{:,.0f}".format(sum(sum(s["backlog"].values()) for s in SITES
                                           if s["backlog"])))

# ---- voids -------------------------------------------------------------------
for s in SITES:
    s["void_rooms"] = 0
    s["other_void_m2"] = 0.0
    if s["sector"] == "independent":
        s["prov"]["void_rooms"] = PE("no_capacity_independent")
        s["prov"]["other_void_m2"] = PE("no_capacity_independent")
        continue
    raw = ERIC_ROW.get(s["id"])
    if raw is not None:
        e = ecol(raw, "Floor area - empty") or 0.0
        s["other_void_m2"] = s["gia"] * e / 100.0
        s["prov"]["other_void_m2"] = PE("eric_void", "eric_2016_17", "GIA x floor area empty "
                                        "%.2f%% (ERIC states the share, not the area)" % e)
        s["prov"]["void_rooms"] = PE("eric_void", None, "ERIC reports empty floor area, not "
                                     "rooms")
    else:
        s["prov"]["void_rooms"] = PA("no void evidence for this site: 0")
        s["prov"]["other_void_m2"] = PA("no void evidence for this site: 0")


def fit_rooms(s):
    """Rooms of each type the site needs to hold its demand at the target utilisation."""
    dem = demand_hours(s)
    cap = s["hours"] * WEEKS * AV["target_room_utilisation"]
    return {rt: int(math.ceil(dem.get(rt, 0) / cap)) if dem.get(rt, 0) > 0 else 0
            for rt in ROOM_TYPES}


EV_UTIL_RE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*utilisation", re.I)


def stated_utilisation(s):
    """The utilisation the tenure evidence states for the building (0.30 for 'around 30%
    utilisation'), or None."""
    ev = s["ev_row"]
    m = EV_UTIL_RE.search(ev["raw"]["void_or_use_evidence"] or "") if ev else None
    return float(m.group(1)) / 100.0 if m else None


def floor_area_known(s):
    """A floor area that does not come from the site's own demand: stated by a source (ERIC,
    tenure evidence) or the national LIFT average."""
    p = s["prov"]["gia_m2"]
    return p["kind"] == "measured" or p.get("method") == "gia_lift_average"


def void_cost(s):
    if not s.get("costs") or not s["gia"]:
        return 0.0
    return (s["void_rooms"] * M2R + s["other_void_m2"]) * running(s) / s["gia"]


# LIFT and NHS Property Services voids: each building's own figures, never a published total.
void_how = Counter()
VOID_DETAIL = []
for s in SITES:
    if not (s["status"] == "current" and s["sector"] == "nhs" and
            s["tenure"] in ("lift", "nhsps") and ERIC_ROW.get(s["id"]) is None):
        continue
    ev_txt = s["ev_row"]["raw"]["void_or_use_evidence"] if s["ev_row"] else ""
    if not floor_area_known(s):
        note = ("its floor area is estimated from its own demand, so its figures cannot show "
                "spare rooms: no void is shown (a planner should enter the building's void "
                "from NHS Property Services' or the LIFT company's schedule)")
        if ev_txt:
            note += "; evidence: " + ev_txt
        s["prov"]["void_rooms"] = PA(note)
        s["prov"]["other_void_m2"] = PA(note)
        void_how["floor area estimated from demand: no void shown"] += 1
        continue
    need = fit_rooms(s)
    orig = dict(s["rooms"])
    total = sum(orig.values())
    keep = {rt: min(orig[rt], need[rt]) for rt in ROOM_TYPES}
    u = stated_utilisation(s)
    if u is not None:
        in_use = int(math.ceil(total * u / AV["target_room_utilisation"] - 1e-9))
        in_use = min(total, max(in_use, sum(keep.values())))
        spare = [s["rooms"][rt] - keep[rt] for rt in ROOM_TYPES]
        add = largest_remainder(in_use - sum(keep.values()), spare, ROOM_TYPES)
        keep = {rt: keep[rt] + add[rt] for rt in ROOM_TYPES}
        mid, src = "void_from_utilisation_evidence", "tenure_evidence"
        note = ("evidence: %s; %d clinical rooms x %.0f%% / %.0f%% target = %d in use "
                "(the estimated demand needs %d)" % (
                    ev_txt, total, 100 * u, 100 * AV["target_room_utilisation"],
                    sum(keep.values()), sum(need.values())))
        void_how["tenure evidence states its utilisation"] += 1
    else:
        mid, src = "void_from_spare_rooms", None
        note = ("%d clinical rooms from floor area, %d needed by the estimated demand at %.0f%%"
                % (total, sum(keep.values()), 100 * AV["target_room_utilisation"]))
        if ev_txt:
            note += "; evidence (no figure): " + ev_txt
        void_how["rooms from floor area less rooms its demand needs"] += 1
    s["void_rooms"] = total - sum(keep.values())
    s["other_void_m2"] = 0.0
    s["rooms"] = keep
    s["prov"]["void_rooms"] = PE(mid, src, note)
    s["prov"]["other_void_m2"] = PE(mid, src, "no empty floor area outside clinical rooms is "
                                    "known: 0")
    for rt in ROOM_TYPES:
        s["prov"]["rooms." + rt] = PE(s["prov"]["rooms." + rt]["method"], None,
                                      "rooms in use, after void rooms")
    VOID_DETAIL.append((s, total, s["void_rooms"], u))
    # the method, checked: the rule leaves exactly the rooms the demand needs (or all the
    # building has); evidence never leaves fewer; no void is negative
    for rt in ROOM_TYPES:
        assert keep[rt] <= orig[rt], (s["id"], rt)
        assert keep[rt] >= min(orig[rt], need[rt]), (s["id"], rt)
        if u is None:
            assert keep[rt] == min(orig[rt], need[rt]), (s["id"], rt)
    assert 0 <= s["void_rooms"] == total - sum(keep.values()), s["id"]

# The plan's own figures: a comparison, never a target.
PLAN_VOID = {"lift": 5.0e6, "nhsps": 1.0e6}
assume("plan_2016.void_lift", PLAN_VOID["lift"], "GBP / year (2016 cash)",
       "The 2016 BSol estates plan's statement of void costs in LIFT buildings (circa GBP 5m a "
       "year). Shown beside the model's own estimate as a comparison; nothing is scaled to it.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "circa GBP 5m a year; "
          "about GBP %.1fm at %s prices if it is 2016/17 cash" % (
              PLAN_VOID["lift"] * index_factor("2016-17") / 1e6, PRICE_BASE)))
assume("plan_2016.void_nhsps", PLAN_VOID["nhsps"], "GBP / year (2016 cash)",
       "The 2016 BSol estates plan's statement of void costs in NHS Property Services "
       "buildings (circa GBP 1m a year). A comparison; nothing is scaled to it.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "circa GBP 1m a year; "
          "about GBP %.1fm at %s prices if it is 2016/17 cash" % (
              PLAN_VOID["nhsps"] * index_factor("2016-17") / 1e6, PRICE_BASE)))
# Other figures of the 2016 plan, kept to set beside the model's (docs/validation.md,
# footprint-cli validation); none is an input to anything.
assume("plan_2016.property_interests", 1000, "property interests (at least)",
       "The 2016 BSol estates plan's count of property interests (1,000+). A comparison.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "1,000+ property "
          "interests, as quoted in the Footprint data brief (DATA.md)"))
assume("plan_2016.bed_gap", 430, "beds",
       "The 2016 BSol estates plan's do-nothing bed gap: about 430 beds within five years "
       "('almost a new hospital'). A comparison; no growth or bed figure is scaled to it.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "about 430 beds within "
          "five years, as quoted in the project's issue 7 (item 11); not in the data brief, and "
          "the plan does not say (in the quote) which beds or at what occupancy"))
assume("plan_2016.bed_gap_years", 5, "years",
       "The years over which the 2016 plan's do-nothing bed gap opens.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "within five years, "
          "as quoted in the project's issue 7 (item 11)"))
assume("plan_2016.quick_wins_potential", 26.0e6, "GBP (2016 cash)",
       "The 2016 BSol estates plan's quick wins, potential (gross) value: GBP 26m. A "
       "comparison for the example options' appraisal.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "GBP 26m potential, as "
          "quoted in the Footprint model brief (MODEL.md, Appraisal); whether a yearly saving "
          "or a total over some years is not stated in the quote"))
assume("plan_2016.quick_wins_risk_adjusted", 13.0e6, "GBP (2016 cash)",
       "The 2016 BSol estates plan's quick wins, risk-adjusted: GBP 13m. A comparison.",
       PE("comparison_figure_from_2016_plan", "bsol_estates_plan_2016", "GBP 13m risk-adjusted, "
          "as quoted in the Footprint model brief (MODEL.md, Appraisal)"))
V_LIFT = sum(void_cost(s) for s in LIFT_SITES)
V_NHSPS = sum(void_cost(s) for s in NHSPS_SITES)
V_ALL = sum(void_cost(s) for s in SITES)
RC_NHSPS = sum(running(s) for s in NHSPS_SITES)
say("Voids: LIFT GBP %s a year over %d LIFT sites (the 2016 plan said circa GBP 5m); NHSPS "
    "GBP %s over %d NHSPS sites (the plan said circa GBP 1m); all sites GBP %s" % (
        "{:,.0f}".format(V_LIFT), len(LIFT_SITES), "{:,.0f}".format(V_NHSPS),
        len(NHSPS_SITES), "{:,.0f}".format(V_ALL)))
say("  how: %s" % dict(sorted(void_how.items())))
for s, total, vr, u in VOID_DETAIL:
    say("  %-10s %-45s %3d rooms, %3d void, GBP %9s%s" % (
        s["id"], s["name"][:45], total, vr, "{:,.0f}".format(void_cost(s)),
        "  (evidence: %.0f%% utilisation)" % (100 * u) if u is not None else ""))
fact("void_lift", "{:,.0f}".format(V_LIFT))
fact("void_nhsps", "{:,.0f}".format(V_NHSPS))
fact("void_all", "{:,.0f}".format(V_ALL))
fact("void_lift_m", "%.1f" % (V_LIFT / 1e6))
fact("void_nhsps_m", "%.1f" % (V_NHSPS / 1e6))
fact("plan_void_lift_base", "%.1f" % (PLAN_VOID["lift"] * index_factor("2016-17") / 1e6))
fact("plan_void_nhsps_base", "%.1f" % (PLAN_VOID["nhsps"] * index_factor("2016-17") / 1e6))
fact("void_how", "; ".join("%s: %d" % kv for kv in sorted(void_how.items())))
fact("void_table", "\n".join(
    "| %s | %s | %s | %d | %d | %s | %s |" % (
        s["id"], s["name"], "{:,.0f}".format(s["gia"]), total, vr,
        "{:,.0f}".format(void_cost(s)),
        "evidence: %.0f%% utilisation" % (100 * u) if u is not None else "rule")
    for s, total, vr, u in VOID_DETAIL))
fact("nhsps_running", "{:,.0f}".format(RC_NHSPS))
# NHS Property Services' national vacant share (tenure/PROVENANCE.md: 6.9% of its space in
# March 2019), as a comparison only: what it would imply here, not applied to any building.
fact("nhsps_national_void", "{:,.0f}".format(0.069 * RC_NHSPS))
fact("nhsps_from_demand", void_how["floor area estimated from demand: no void shown"])

# --------------------------------------------------------------------------
# baseline utilisation (a check: the C model computes the same)
# --------------------------------------------------------------------------


def site_util(s):
    dem = demand_hours(s)
    cap = sum(s["rooms"][rt] for rt in ROOM_TYPES) * s["hours"] * WEEKS
    d = sum(dem.values())
    return (d / cap) if cap > 0 else (None if d == 0 else float("inf"))


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))]


say("")
say("Baseline room utilisation by site type (current NHS sites with rooms; min / p25 / median / "
    "p75 / max):")
UTIL_TABLE = []
for t in sorted({s["site_type"] for s in CUR}):
    us = [site_util(s) for s in CUR if s["site_type"] == t]
    us = [u for u in us if u is not None]
    if not us:
        continue
    inf = sum(1 for u in us if u == float("inf"))
    fin = [u for u in us if u != float("inf")]
    zero = sum(1 for u in fin if u == 0)
    if fin:
        row = (t, len(us), pct(fin, 0), pct(fin, .25), pct(fin, .5), pct(fin, .75), pct(fin, 1),
               zero, inf)
        UTIL_TABLE.append(row)
        say("  %-20s n=%3d  %5.0f%% %5.0f%% %5.0f%% %5.0f%% %5.0f%%  (%d with no demand, %d "
            "demand without rooms)" % (row[0], row[1], 100 * row[2], 100 * row[3], 100 * row[4],
                                       100 * row[5], 100 * row[6], zero, inf))
fact("util_table", "\n".join("| %s | %d | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %d |" % (
    r[0], r[1], 100 * r[2], 100 * r[3], 100 * r[4], 100 * r[5], 100 * r[6], r[7])
    for r in UTIL_TABLE))
# LIFT / NHSPS: demand must fit the non-void rooms at the target
for s in LIFT_SITES + NHSPS_SITES:
    if s["status"] != "current":
        continue
    need = fit_rooms(s)
    for rt in ROOM_TYPES:
        assert s["rooms"][rt] >= need[rt], (s["id"], rt, s["rooms"], need)
lift_u = [(s["id"], site_util(s)) for s in LIFT_SITES]
say("  LIFT sites' utilisation of rooms in use: %s" % ", ".join(
    "%s %.0f%%" % (i, 100 * u) for i, u in lift_u))
fact("lift_util", ", ".join("%s %.0f%%" % (BY_ID[i]["name"], 100 * u) for i, u in lift_u))


# --------------------------------------------------------------------------
# organisations and property interests
# --------------------------------------------------------------------------

method("occupiers_from_source_rows", "An occupier interest is added for each distinct GP "
       "practice, NHS trust or other provider seen at the building in a source row dated 2018 "
       "or later (all rows for a possibly closed site); its tenure follows the building's head "
       "interest (a licence or sub-lease under NHS Property Services, the LIFT company or the "
       "PFI company, else a lease from the holder). Dates and terms are not published.")
ORGS = {}


def org(oid, name, kind, parent=None):
    if oid not in ORGS:
        ORGS[oid] = {"id": oid, "name": name, "kind": kind, "parent": parent}
    return oid


org("QHL", "NHS Birmingham and Solihull Integrated Care Board", "icb")
org("NHSPS", "NHS Property Services", "nhsps")
org("BASLIFT", "Birmingham and Solihull LIFT company (BaS LIFT; private partner Prime plc)",
    "lift_company")
org("CONSORT", "Consort Healthcare (Birmingham) Ltd (PFI company, Birmingham New Hospitals "
    "Project)", "other")
org("E08000025", "Birmingham City Council", "local_authority")
org("E08000029", "Solihull Metropolitan Borough Council", "local_authority")
TRUST_NAMES = {}
for r in D["eric_2016_17"]:
    TRUST_NAMES[r["Organisation Code"]] = title(r["Organisation Name"])
for r in D["hospitals_2018"]:
    if r["ParentODSCode"]:
        TRUST_NAMES.setdefault(r["ParentODSCode"], r["ParentName"])
TRUST_NAMES.update({"RBK": "Walsall Healthcare NHS Trust",
                    "RFR": "The Rotherham NHS Foundation Trust",
                    "RRE": "Midlands Partnership University NHS Foundation Trust"})
for code in sorted(TRUST_NAMES):
    if code.startswith("R"):
        parent = {"RR1": "RRK", "RLU": "RQ3"}.get(code)
        nm = TRUST_NAMES[code]
        if parent:
            nm += " (merged into %s)" % parent
        org(code, nm, "nhs_trust", parent)
    else:
        org(code, TRUST_NAMES[code], "independent")
for r in D["gp_lookup_2024"]:
    if r["PCN_Code"]:
        org(r["PCN_Code"], r["PCN"] + " PCN", "pcn", "QHL")
for p in sorted(PRACTICE_SITE):
    lk = LOOKUP.get(p)
    org(p, PRACTICE_NAME[p], "gp_practice", lk["PCN_Code"] if lk and lk["PCN_Code"] else "QHL")
# other providers: named from the words their service listings share
prov_code_names = defaultdict(dict)
for x in ROWS:
    if x["kind"] == "other_clinic":
        prov_code_names[x["code"][:3]].setdefault(x["code"], x["name"])
for x in ROWS:
    if x["kind"] == "service":
        pp = (x["raw"].get("provider_purchaser") or "").strip()
        if pp and pp not in ("15E", "QHL") and not pp.startswith("R") and \
                pp not in prov_code_names:
            prov_code_names["svc:" + pp].setdefault(x["code"], title(x["name"]))
for k in [k for k in prov_code_names if k.startswith("svc:")]:
    prov_code_names[k[4:]] = prov_code_names.pop(k)
GENERIC_FIRST = {"the", "dr", "st", "birmingham", "solihull", "community", "health",
                 "healthcare", "medical", "nhs", "audiology"}


def provider_name(code):
    names = list(prov_code_names.get(code, {}).values())
    if len(names) == 1:
        nm = re.split(r"\s+-\s+|\s+\(", names[0])[0].strip()
        return re.sub(r"\s+", " ", nm) + " (name taken from its service listing)"
    brands = Counter()
    for n in names:
        for b in re.findall(r"\(([A-Za-z]+)\)", n):
            brands[b] += 1
    if brands:
        b, c = sorted(brands.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if c * 2 >= len(names) and len(b) > 3:
            return b + " (name taken from its service listings)"
    words = [re.split(r"\s+-\s+|\s+\(|,", n)[0].split() for n in names]
    for k in range(6, 0, -1):
        c = Counter(tuple(w[:k]) for w in words if len(w) >= k)
        if not c:
            continue
        pre, cnt = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        pre = list(pre)
        while pre and pre[-1].lower() in ("at", "the", "and", "&", "-", "of"):
            pre.pop()
        if pre and cnt * 2 >= len(names) and cnt >= 2 and pre[0].lower() not in GENERIC_FIRST:
            return " ".join(pre) + " (name taken from its service listings)"
    return "Provider %s (organisation name not in the shared data)" % code


def ensure_org(code):
    if code is None:
        return None
    if code in ORGS:
        return code
    if code.startswith("R"):
        return org(code, "NHS trust %s" % code, "nhs_trust")
    if re.match(r"^[A-Z]\d{5}$", code):
        row = EP_ALL.get(code, {})
        status = row.get("status_code")
        if status is not None and status != "A":
            # Only the 177 active practices count as gp_practice organisations; a dormant
            # or closed parent of a branch is kept, named for what ODS says it is.
            word = {"C": "closed", "D": "dormant"}.get(status, "inactive")
            return org(code, "%s (%s GP practice in ODS 2025)" % (title(row.get("name", code)), word),
                       "other", "QHL")
        return org(code, title(row.get("name", code)), "gp_practice", "QHL")
    return org(code, provider_name(code), "independent")


def occupiers(s):
    seen = OrderedDict()
    rows = s["rows"] if s["status"] != "current" else [x for x in s["rows"]
                                                        if x["vintage"] >= 2018 or x["kind"] == "eric"]
    for x in sorted(rows, key=lambda x: (SRC_PRIO[x["src"]], x["row"])):
        p = provider_of(x)
        if p:
            seen.setdefault(p, []).append(x)
    return seen


n_interests = 0
for s in SITES:
    occ = occupiers(s)
    # main occupier / operator
    if s["practices"]:
        main = max(s["practices"], key=lambda p: (LIST[p], p))
    elif any(x["kind"] in ("eric", "hospital") for x in s["rows"]):
        x = [x for x in s["rows"] if x["kind"] in ("eric", "hospital")][0]
        main = TRUST_OF.get(x["org"], x["org"])
    elif s["branch_parents"]:
        main = s["branch_parents"][0]
    else:
        c = Counter()
        for p, xs in occ.items():
            c[p] += len(xs) + (5 if p in ("RYW", "RRK", "RXT", "RQ3", "RXK", "RRJ") else 0)
        main = sorted(c, key=lambda p: (-c[p], p))[0] if c else None
    s["organisation"] = ensure_org(main)
    for p in occ:
        ensure_org(p)
    t = s["tenure"]
    if t == "lift":
        landlord = "BaS LIFT"
        if s["ev_row"] and "BCC" in s["ev_row"]["raw"]["lift_co_or_owner"]:
            landlord = "BaS LIFT / Birmingham City Council (joint ownership)"
    elif t == "nhsps":
        landlord = "NHS Property Services"
    elif t == "pfi":
        landlord = "Consort Healthcare (Birmingham) Ltd"
    elif t == "local_authority":
        landlord = ORGS[s["la_code"]]["name"] if s["la_code"] in ORGS else "Local authority"
    elif t == "leasehold" and s.get("landlord_override"):
        landlord = ORGS[s["landlord_override"]]["name"]
    else:
        landlord = None
    main_name = ORGS[s["organisation"]]["name"] if s["organisation"] else None
    head = {"tenure": t, "landlord": landlord, "occupier": main_name,
            "start_year": s["opened_year"], "break_year": None, "end_year": s["lease_end_year"],
            "note": "head interest (building holding)" + (
                "; " + s["ev_note"] if s.get("ev_note") else ""),
            "provenance": s["prov"]["tenure"]}
    interests = [head]
    sub_tenure = t if t in ("lift", "nhsps", "pfi", "local_authority") else (
        "leasehold" if t in ("freehold", "leasehold") else "unknown")
    sub_landlord = landlord if t in ("lift", "nhsps", "pfi", "local_authority") else (
        main_name if t in ("freehold", "leasehold") else None)
    for p, xs in occ.items():
        if p == s["organisation"]:
            continue
        srcs = sorted({"%s %s" % (x["src"], x["code"]) for x in xs})
        interests.append({"tenure": sub_tenure, "landlord": sub_landlord,
                          "occupier": ORGS[p]["name"], "start_year": None, "break_year": None,
                          "end_year": s["lease_end_year"] if t in ("lift", "pfi") else None,
                          "note": "occupier seen in " + "; ".join(srcs[:6]) +
                                  (" and %d more" % (len(srcs) - 6) if len(srcs) > 6 else ""),
                          "provenance": PE("occupiers_from_source_rows")})
    s["interests"] = interests
    n_interests += len(interests)
say("")
say("Property interests: %d (%d head interests + %d occupier interests)" % (
    n_interests, len(SITES), n_interests - len(SITES)))
fact("interests", n_interests)
fact("interests_occ", n_interests - len(SITES))
fact("interests_current", sum(len(s["interests"]) for s in SITES if s["status"] == "current"))


# --------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------

OGL = "OGL v3.0"
SOURCES = [
    {"id": "eric_2016_17", "title": "Estates Returns Information Collection (ERIC) 2016/17, "
     "site data", "publisher": "NHS Digital (now NHS England)", "year": 2017, "licence": OGL,
     "attribution": "Contains public sector information from NHS Digital (Estates Returns "
     "Information Collection) licensed under the Open Government Licence v3.0",
     "file": FILES["eric_2016_17"]},
    {"id": "hospitals_2018", "title": "NHS website hospital dataset (Sep 2018)",
     "publisher": "NHS Digital / NHS.UK", "year": 2018, "licence": OGL,
     "attribution": "Contains public sector information licensed under the Open Government "
     "Licence v3.0 (NHS.UK)", "file": FILES["hospitals_2018"]},
    {"id": "epraccur_2025", "title": "ODS epraccur: GP practices and prescribing cost centres "
     "(c. Sep 2025)", "publisher": "NHS England Organisation Data Service", "year": 2025,
     "licence": OGL, "attribution": "Contains public sector information licensed under the Open "
     "Government Licence v3.0 (NHS England ODS)", "file": FILES["epraccur_2025"]},
    {"id": "ebranchs_2017", "title": "ODS ebranchs: GP branch surgeries (c. May 2017)",
     "publisher": "NHS Digital Organisation Data Service", "year": 2017, "licence": OGL,
     "attribution": "Contains public sector information licensed under the Open Government "
     "Licence v3.0 (NHS Digital ODS)", "file": FILES["ebranchs_2017"]},
    {"id": "gp_lookup_2024", "title": "BSol GP practice, branch, PCN and locality lookup "
     "(March 2024)", "publisher": "NHS Birmingham and Solihull ICB", "year": 2024,
     "licence": OGL, "attribution": "Crown copyright (NHS Birmingham and Solihull Integrated "
     "Care Board), Open Government Licence v3.0", "file": FILES["gp_lookup_2024"]},
    {"id": "clinics_2023", "title": "NHS website clinics dataset (to June 2023)",
     "publisher": "NHS England (NHS website datasets)", "year": 2023, "licence": OGL,
     "attribution": "Contains public sector information licensed under the Open Government "
     "Licence v3.0 (NHS.UK)", "file": FILES["clinics_2023"]},
    {"id": "clinics_c2016", "title": "NHS Choices clinics dataset (undated, c. 2015-2017)",
     "publisher": "NHS Choices", "year": 2016, "licence": OGL,
     "attribution": "Contains public sector information licensed under the Open Government "
     "Licence v3.0 (NHS Choices)", "file": FILES["clinics_c2016"]},
    {"id": "clinics_2014", "title": "NHS Choices clinics dataset (Feb 2014)",
     "publisher": "NHS Choices", "year": 2014, "licence": "OGL (v2 at the time)",
     "attribution": "Contains public sector information licensed under the Open Government "
     "Licence (NHS Choices)", "file": FILES["clinics_2014"]},
    {"id": "tenure_evidence", "title": "Tenure evidence for named BSol buildings (LIFT, NHS "
     "Property Services, PFI), with sources", "publisher": "Footprint project desk research "
     "(BaS LIFT and Prime plc project pages, Hansard, EIB, local news)", "year": 2025,
     "licence": "facts with sources", "attribution": "Facts from the public web pages cited in "
     "each row", "file": FILES["tenure_evidence"]},
    {"id": "census2021_lsoa21", "title": "Census 2021 usual residents by LSOA 2021 and age",
     "publisher": "Office for National Statistics", "year": 2021, "licence": OGL,
     "attribution": "Source: Office for National Statistics licensed under the Open Government "
     "Licence v3.0", "file": FILES["census2021_lsoa21"]},
    {"id": "lsoa21_ward22", "title": "LSOA (2021) to Ward (2022) to LAD (2022) best-fit lookup",
     "publisher": "Office for National Statistics (Open Geography Portal)", "year": 2022,
     "licence": OGL, "attribution": "Source: Office for National Statistics licensed under the "
     "Open Government Licence v3.0", "file": FILES["lsoa21_ward22"]},
    {"id": "imd2019", "title": "English Indices of Deprivation 2019 (LSOA 2011)",
     "publisher": "Ministry of Housing, Communities and Local Government", "year": 2019,
     "licence": OGL, "attribution": "Contains public sector information licensed under the Open "
     "Government Licence v3.0 (MHCLG English Indices of Deprivation 2019)",
     "file": FILES["imd2019"]},
    {"id": "ons_boundaries", "title": "ONS boundaries clipped to BSol (wards 2022, LSOA 2011/2021, "
     "ICB localities, local authorities)", "publisher": "Office for National Statistics via "
     "BSol ICB (BSol.mapR)", "year": 2022, "licence": OGL,
     "attribution": "Source: Office for National Statistics licensed under the Open Government "
     "Licence v3.0. Contains OS data (c) Crown copyright and database right",
     "file": "boundaries/"},
    {"id": "postcodes", "title": "ONS Postcode Directory derived postcode centroids (B, DY, WS, "
     "WV areas)", "publisher": "Office for National Statistics (via doogal / BSol ICB)",
     "year": 2023, "licence": OGL, "attribution": "Contains OS data (c) Crown copyright and "
     "database right; Contains Royal Mail data (c) Royal Mail copyright and database right; "
     "Source: Office for National Statistics licensed under the OGL v3.0",
     "file": FILES["postcodes"]},
    {"id": "planning_rates", "title": "Default planning rates (desk research compendium citing "
     "NHS England, NHS Digital, HM Treasury, PSSRU, NHSBN, Carter and others)",
     "publisher": "Footprint project, compiled from the publications it cites", "year": 2026,
     "licence": "facts with sources", "attribution": "Figures from the publications named in "
     "rates/planning_rates.md", "file": "rates/planning_rates.md"},
    {"id": "bsol_estates_plan_2016", "title": "Birmingham and Solihull STP estates plan (2016): "
     "circa 650 buildings, 1,000+ property interests, A&E baseline 403,225, voids about GBP 5m "
     "(LIFT) and GBP 1m (NHS Property Services) (as quoted in the Footprint data brief); quick "
     "wins of GBP 26m potential, GBP 13m risk-adjusted (as quoted in the Footprint model brief); "
     "a do-nothing gap of about 430 beds within five years (as quoted only in the project's "
     "issue 7)", "publisher": "Birmingham and Solihull STP (figures as quoted in the Footprint "
     "briefs)", "year": 2016, "licence": "figures quoted",
     "attribution": "Birmingham and Solihull STP estates plan, 2016", "file": None},
    {"id": SNPP_SRC, "title": "Subnational population projections for England: 2022-based "
     "(migration category variant), persons by single year of age, local authorities "
     "(Birmingham E08000025 and Solihull E08000029 summed to age groups for mid-2025 and "
     "mid-2035); read from a stored copy of the ONS file (MastodonC/witan.population, "
     "resources/2022snpppopulationsyoa/2022snpppopulationsyoamigcat23/2022 SNPP Population "
     "persons.csv)", "publisher": "Office for National Statistics", "year": 2025,
     "licence": OGL, "attribution": "Source: Office for National Statistics licensed under the "
     "Open Government Licence v3.0",
     "file": "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/"
             "populationprojections/datasets/localauthoritiesinenglandz1"},
    {"id": OLDER_SRC, "title": "Focus on the Health and Care of Older People (2014): shares of "
     "hospital bed-days used by people aged 65+ (54%) and 85+ (18%) in 2012-13, England (as "
     "reported by The Guardian Datablog, 26 June 2014)", "publisher": "Health and Social Care "
     "Information Centre", "year": 2014, "licence": OGL, "attribution": "Contains public sector "
     "information licensed under the Open Government Licence v3.0 (Health and Social Care "
     "Information Centre)",
     "file": "https://www.theguardian.com/news/datablog/2014/jun/26/"
             "impact-elder-generation-englands-healthcare-system-seven-charts"},
    {"id": DIALYSIS_SRC, "title": "Satellite unit cuts journey time for dialysis patients: "
     "University Hospitals Birmingham 'currently provides more than 220 dialysis stations "
     "across its nine satellite units' (c. 2011, on its tenth unit, at Llandrindod Wells)",
     "publisher": "Healthcare in Europe, reporting University Hospitals Birmingham NHS "
     "Foundation Trust", "year": 2011, "licence": "facts quoted",
     "attribution": "University Hospitals Birmingham NHS Foundation Trust, as reported by "
     "Healthcare in Europe",
     "file": "https://healthcare-in-europe.com/en/news/"
             "satellite-unit-cuts-journey-time-for-dialysis-patients.html"},
    {"id": DEFLATOR_SRC, "title": "GDP deflators at market prices, and money GDP March 2026 "
     "(Quarterly National Accounts): financial-year GDP deflator, 2024-25 = 100 (outturn to "
     "2024-25 from ONS series L8GG, Quarterly National Accounts 31 March 2026; 2025-26 on a "
     "forecast from the OBR, Spring Statement 3 March 2026)", "publisher": "HM Treasury",
     "year": 2026, "licence": OGL,
     "attribution": "Contains public sector information licensed under the Open Government "
     "Licence v3.0 (HM Treasury, GDP deflators at market prices, and money GDP)",
     "file": "https://www.gov.uk/government/collections/"
             "gdp-deflators-at-market-prices-and-money-gdp"},
]
SRC_IDS = {s["id"] for s in SOURCES}

# --------------------------------------------------------------------------
# assemble bsol.json
# --------------------------------------------------------------------------

method("site_type_rules", "Site type from the source rows: ERIC site type (or the NHS hospital "
       "list) for hospitals and units; a building named in the tenure evidence, with two or "
       "more GP practices, or named as a health centre, clinic or primary care centre by an NHS "
       "trust is a health_centre; else one practice = gp_practice; ODS prescribing setting 12 = "
       "urgent_care_centre, 1 or 3 = walk_in_centre, 26 or a name with HUB = hub; branch codes = "
       "gp_branch; trust offices, stores and residential units by name = office / other; "
       "independent hospitals = independent_hospital; hospices = other. A building that is not "
       "a place of care or office work (no_rooms_not_a_place_of_care: a server room, store, "
       "shop, ambulance post, land, park or prison) is other whatever its rows say.")
method("imd_via_lsoa11_polygon", "IMD 2019 decile and rank of the LSOA 2011 whose polygon "
       "(boundaries/lsoa11.geojson) contains the LSOA 2021 centroid, found by ray casting; the "
       "nearest LSOA 2011 centroid if no polygon contains it.")
method("ward_and_locality_by_point", "Ward, local authority and ICB locality of a site by point "
       "in polygon against the ward and locality boundaries (the ICB lookup's locality and PCN "
       "for practices and branches).")


def num_out(v, nd=2):
    return None if v is None else round(float(v) + 0.0, nd)


def loc_prov(s):
    r = s["loc_row"]
    if r is None:
        return None
    if r["loc_kind"] == "postcode":
        return PE("postcode_centroid", "postcodes", "postcode %s" % r["pc"])
    if r["src"] == "eric_2016_17":
        return PM("hospitals_2018", 2018, "ERIC row located by its NHS website hospital entry")
    return PM(r["src"], VINTAGE[r["src"]], "coordinates published in the source")


def source_entry(x, seed):
    rule = "seed" if x["i"] == seed else x.get("rule_final") or "site_code"
    return {"source": x["src"], "row": x["row"], "code": x["code"] or None,
            "name": title(x["name"]) if x["name"] else None, "postcode": x["pc"] or None,
            "rule": rule}


# the rule that joined each row: breadth-first from the seed row over the accepted unions
ADJ = defaultdict(list)
RULE_PRIO = {"site_code": 0, "eric_name": 1, "postcode_name": 2, "tenure_pattern": 3,
             "campus": 4, "hospital_named": 5}
for a, b, rule in EDGES:
    ADJ[a].append((RULE_PRIO[rule], b, rule))
    ADJ[b].append((RULE_PRIO[rule], a, rule))
rule_counts = Counter()
for s in SITES:
    ids = {x["i"] for x in s["rows"]}
    seed = s["seed"]
    seen = {seed}
    frontier = [seed]
    while frontier:
        nxt = []
        for u in frontier:
            for pr, v, rule in sorted(ADJ[u]):
                if v in ids and v not in seen:
                    seen.add(v)
                    ROWS[v]["rule_final"] = rule
                    nxt.append(v)
        frontier = sorted(nxt)
    assert seen == ids, s["id"]
    for x in s["rows"]:
        rule_counts["seed" if x["i"] == seed else x["rule_final"]] += 1

say("")
say("Source rows kept on sites, by the rule that joined them: %s" % dict(sorted(
    rule_counts.items())))
fact("rule_counts", ", ".join("%s %d" % kv for kv in sorted(rule_counts.items())))
fact("rows_on_sites", sum(rule_counts.values()))

OUT_SITES = []
OUT_ACT = []
for s in SITES:
    pv = s["prov"]
    pv["site_type"] = PE("site_type_rules", None, "not a place of care or office work: %s"
                         % s["non_care"] if s["non_care"] else None)
    lp = loc_prov(s)
    if lp:
        pv["lat"] = lp
        pv["lon"] = lp
    list_size = sum(LIST[p] for p in s["practices"]) if s["practices"] else None
    if list_size is not None:
        pv["list_size"] = PE("list_size_distance_decay", "census2021_lsoa21",
                             "practices here: %s" % ", ".join("%s %d" % (p, LIST[p])
                                                              for p in s["practices"]))
    if s["condition"] is None:
        pv.pop("condition", None)
    o = OrderedDict()
    o["id"] = s["id"]
    o["name"] = s["name"]
    o["site_type"] = s["site_type"]
    o["tenure"] = s["tenure"]
    o["sector"] = s["sector"]
    o["status"] = s["status"]
    o["lat"] = s["lat"]
    o["lon"] = s["lon"]
    o["postcode"] = s["postcode"]
    o["address"] = s["address"]
    o["la_code"] = s["la_code"]
    o["ward_code"] = s["ward_code"]
    o["locality"] = s["locality"]
    o["pcn"] = s["pcn"]
    o["organisation"] = s["organisation"]
    o["gia_m2"] = num_out(s["gia"])
    o["rooms"] = OrderedDict((rt, s["rooms"][rt]) for rt in ROOM_TYPES)
    o["beds"] = s["beds"]
    o["desks"] = s["desks"]
    o["void_rooms"] = s["void_rooms"]
    o["other_void_m2"] = num_out(max(0.0, s["other_void_m2"]))
    o["hours_open_per_week"] = s["hours"]
    if s["sector"] != "independent":
        o["costs"] = OrderedDict((c, num_out(s["costs"][c])) for c in COMPONENTS)
    o["condition"] = s["condition"]
    o["backlog"] = (OrderedDict((b, num_out(s["backlog"][b])) for b in
                                ("high", "significant", "moderate", "low"))
                    if s["backlog"] else None)
    o["list_size"] = list_size
    o["opened_year"] = s["opened_year"]
    o["lease_end_year"] = s["lease_end_year"]
    o["provenance"] = OrderedDict(sorted(pv.items()))
    o["sources"] = [source_entry(x, s["seed"]) for x in
                    sorted(s["rows"], key=lambda x: (0 if x["i"] == s["seed"] else 1,
                                                     SRC_PRIO[x["src"]], x["row"]))]
    o["interests"] = s["interests"]
    OUT_SITES.append(o)
    for svc in SERVICES:
        k = (s["id"], svc["id"])
        if k in ACT and ACT[k][0] > 0:
            OUT_ACT.append(OrderedDict([("site", s["id"]), ("service", svc["id"]),
                                        ("volume", num_out(ACT[k][0])),
                                        ("provenance", ACT[k][1])]))

OUT_ZONES = []
for z in ZONES:
    o = OrderedDict()
    for k in ("code", "name", "la_code", "lat", "lon", "ward_code"):
        o[k] = z[k]
    o["population"] = OrderedDict((b, z["population"][b]) for b in BANDS)
    o["imd_decile"] = z["imd_decile"]
    o["imd_rank"] = z["imd_rank"]
    o["lsoa11"] = z["lsoa11"]
    OUT_ZONES.append(o)

n_cur = sum(1 for s in SITES if s["status"] == "current")
n_placed = sum(1 for s in SITES if s["lat"] is not None)
n_cur_placed = sum(1 for s in SITES if s["lat"] is not None and s["status"] == "current")
GAP_NOTE = ("The 2016 BSol estates plan counted circa 650 buildings and 1,000+ property "
            "interests; the open public record locates %d buildings (%d current and %d seen "
            "only in lists from 2017 or earlier; %d have no published address and are kept "
            "unplaced) and %d property interests. The rest - mostly non-clinical and leased premises (offices, stores, "
            "training and residential units), GP-owned surgery buildings and rooms let inside "
            "other buildings - are missing because no register of NHS Property Services, LIFT, "
            "trust or GP premises is published; a planner completes the estate by importing "
            "their own register." % (len(SITES), n_cur, len(SITES) - n_cur,
                                     len(SITES) - n_placed, n_interests))
used_methods = set()


def walk(v):
    if isinstance(v, dict):
        if v.get("kind") == "estimated":
            used_methods.add(v["method"])
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)


DATASET = OrderedDict()
DATASET["format"] = "footprint-dataset"
DATASET["format_version"] = 1
DATASET["name"] = "Birmingham and Solihull"
DATASET["base_year"] = BASE_YEAR
DATASET["price_base"] = PRICE_BASE
DATASET["price_index"] = PRICE_INDEX
DATASET["plan_buildings"] = 650
DATASET["gap_note"] = GAP_NOTE
DATASET["sources"] = SOURCES
DATASET["methods"] = []
DATASET["assumptions"] = [ASSUMPTIONS[k] for k in ASSUMPTIONS]
DATASET["organisations"] = [ORGS[k] for k in sorted(ORGS)]
DATASET["services"] = SERVICES
DATASET["sites"] = OUT_SITES
DATASET["activity"] = OUT_ACT
DATASET["zones"] = OUT_ZONES
DATASET["zone_provenance"] = OrderedDict([
    ("population", PM("census2021_lsoa21", 2021)),
    ("centroid", PM("ons_boundaries", 2021, "LSOA 2021 centroid as shipped (not stated whether "
                                            "population-weighted)")),
    ("imd_decile", PE("imd_via_lsoa11_polygon", "imd2019")),
    ("imd_rank", PE("imd_via_lsoa11_polygon", "imd2019"))])
walk(DATASET)
used_methods |= {"ward_and_locality_by_point"}
DATASET["methods"] = [{"id": k, "description": METHODS[k]} for k in METHODS if k in used_methods]

# --------------------------------------------------------------------------
# self-checks (fail loudly)
# --------------------------------------------------------------------------


def check_prov(p, where):
    assert isinstance(p, dict), where
    k = p.get("kind")
    if k == "measured":
        assert p.get("source") in SRC_IDS and isinstance(p.get("year"), int), (where, p)
    elif k == "estimated":
        assert p.get("method") in {m["id"] for m in DATASET["methods"]}, (where, p)
        assert p.get("source") is None or p["source"] in SRC_IDS, (where, p)
    elif k == "assumed":
        assert p.get("by") and p.get("date") and p.get("note"), (where, p)
    else:
        raise AssertionError((where, p))


REQUIRED_SERVICES = ["gp_appointments", "practice_nurse", "community_clinics",
                     "community_nursing_base", "physio_msk", "phlebotomy",
                     "mental_health_clinics", "outpatient_first", "outpatient_followup",
                     "diagnostics_imaging", "urgent_care", "ae_attendances", "day_cases",
                     "inpatient_bed_days", "office_desks"]
REQUIRED_ASSUMPTIONS = ["weeks_per_year", "desk_days_per_year", "m2_per_room",
                        "target_room_utilisation", "target_bed_occupancy", "base_year",
                        "horizon_years", "discount_rate", "optimism_bias", "circuity", "car_kmh",
                        "walk_kmh", "nhsps_notice_years", "local_authority_notice_years",
                        "dual_running_years"]
VOCAB = {
    "site_type": {"acute_hospital", "community_hospital", "mental_health_unit", "health_centre",
                  "gp_practice", "gp_branch", "urgent_care_centre", "walk_in_centre", "hub",
                  "office", "independent_hospital", "other"},
    "tenure": {"freehold", "leasehold", "lift", "nhsps", "pfi", "local_authority", "unknown"},
    "sector": {"nhs", "independent"}, "status": {"current", "possibly_closed"},
    "org_kind": {"nhs_trust", "gp_practice", "pcn", "icb", "independent", "lift_company",
                 "nhsps", "local_authority", "other"},
    "setting": {"primary_care", "community", "mental_health", "acute", "urgent_care", "office"},
    "room_type": {"consult", "treatment", "group", "imaging", "bed", "desk"},
    "rule": {"seed", "site_code", "eric_name", "postcode_name", "tenure_pattern", "campus",
             "hospital_named"},
}
ds = DATASET
assert not OVERRIDE, "--assume names keys that are not assumptions: %s" % sorted(OVERRIDE)
assert len(ds["zones"]) == 793
assert sum(sum(z["population"].values()) for z in ds["zones"]) == POP_TOTAL
for la, v in POP_BY_LA.items():
    assert sum(sum(z["population"].values()) for z in ds["zones"] if z["la_code"] == la) == v
assert len(PRACTICE_SITE) == 177
assert sum(1 for o in ds["organisations"] if o["kind"] == "gp_practice" and
           o["id"] in PRACTICE_SITE) == 177
assert sum(1 for o in ds["organisations"] if o["kind"] == "gp_practice") == 177
assert sum(LIST.values()) == POP_TOTAL
assert sum(s["list_size"] or 0 for s in ds["sites"]) == POP_TOTAL
assert sum(a["volume"] for a in ds["activity"] if a["service"] == "ae_attendances") == AE_TOTAL
n_current = sum(1 for s in ds["sites"] if s["status"] == "current")
assert 350 <= n_current <= 500, n_current
assert 350 <= len(ds["sites"]) <= 500, len(ds["sites"])
# Voids are each building's own: no total is pinned (the method is checked where the voids
# are made, above).
svc_ids = {s["id"] for s in ds["services"]}
for r in REQUIRED_SERVICES:
    assert r in svc_ids, r
akeys = {a["key"] for a in ds["assumptions"]}
for r in REQUIRED_ASSUMPTIONS:
    assert r in akeys, r
assert any(k.startswith("cost_per_m2.") for k in akeys)
for a in ds["assumptions"]:
    check_prov(a["provenance"], a["key"])
for sv in ds["services"]:
    assert sv["setting"] in VOCAB["setting"] and sv["room_type"] in VOCAB["room_type"]
    for k, p in sv["provenance"].items():
        check_prov(p, sv["id"] + "." + k)
    assert (sv["minutes_per_unit"] == 0) == (sv["room_type"] in ("bed", "desk"))
org_ids = {o["id"] for o in ds["organisations"]}
for o in ds["organisations"]:
    assert o["kind"] in VOCAB["org_kind"], o
    assert o["parent"] is None or o["parent"] in org_ids, o
site_ids = {s["id"] for s in ds["sites"]}
assert len(site_ids) == len(ds["sites"])
NUMERIC_FIELDS = ["gia_m2", "beds", "desks", "void_rooms", "other_void_m2",
                  "hours_open_per_week", "list_size", "opened_year", "lease_end_year", "lat"]
n_num_checked = 0
for s in ds["sites"]:
    where = s["id"]
    assert s["site_type"] in VOCAB["site_type"] and s["tenure"] in VOCAB["tenure"], where
    assert s["sector"] in VOCAB["sector"] and s["status"] in VOCAB["status"], where
    assert s["sources"] and s["interests"], where
    assert (s["lat"] is None) == (s["lon"] is None)
    if s["lat"] is not None:
        assert 52.2 < s["lat"] < 52.75 and -2.2 < s["lon"] < -1.5, where
    assert s["organisation"] is None or s["organisation"] in org_ids, where
    pv = s["provenance"]
    for k in ("site_type", "tenure"):
        check_prov(pv[k], where + "." + k)
    for f in NUMERIC_FIELDS:
        if s.get(f) is not None:
            assert f in pv, (where, f)
            check_prov(pv[f], where + "." + f)
            n_num_checked += 1
    for grp in ("rooms", "costs", "backlog"):
        if s.get(grp):
            for k, v in s[grp].items():
                if v is not None:
                    assert grp + "." + k in pv, (where, grp, k)
                    check_prov(pv[grp + "." + k], where + "." + grp + "." + k)
                    n_num_checked += 1
    if s["sector"] == "independent":
        assert "costs" not in s, where
    else:
        assert "costs" in s and s["gia_m2"], where
    if s["condition"] is not None:
        assert s["condition"] in "ABCD" and "condition" in pv
    for src in s["sources"]:
        assert src["source"] in SRC_IDS and src["row"] >= 1, where
        assert src["rule"] in VOCAB["rule"], (where, src)
    assert sum(1 for src in s["sources"] if src["rule"] == "seed") == 1, where
    for it in s["interests"]:
        assert it["tenure"] in VOCAB["tenure"], where
        check_prov(it["provenance"], where + ".interest")
    for k, p in pv.items():
        check_prov(p, where + "." + k)
for a in ds["activity"]:
    assert a["site"] in site_ids and a["service"] in svc_ids and a["volume"] > 0
    check_prov(a["provenance"], a["site"] + "/" + a["service"])
for k, p in ds["zone_provenance"].items():
    check_prov(p, "zone." + k)
n_rows_on_sites = sum(len(s["sources"]) for s in ds["sites"])
say("")
say("Self-check passed: 793 zones, population %d, 177 practices, list sizes sum %d, A&E %d, "
    "%d sites (%d current), every site with source rows and interests, %d numbers checked for "
    "provenance." % (POP_TOTAL, sum(LIST.values()), AE_TOTAL, len(ds["sites"]), n_current,
                     n_num_checked))
fact("n_sites", len(ds["sites"]))
fact("n_current", n_current)
fact("n_possibly_closed", len(ds["sites"]) - n_current)
fact("n_placed", n_placed)
fact("n_unplaced", len(ds["sites"]) - n_placed)
fact("n_cur_placed", n_cur_placed)
fact("n_activity", len(ds["activity"]))
fact("n_orgs", len(ds["organisations"]))
fact("n_methods", len(ds["methods"]))
fact("n_assumptions", len(ds["assumptions"]))
fact("n_services", len(ds["services"]))
fact("gap_note", GAP_NOTE)

# --------------------------------------------------------------------------
# summary tables for the report and docs
# --------------------------------------------------------------------------


def table(counter, head):
    lines = ["| %s | sites |" % head, "|---|---:|"]
    for k, v in sorted(counter.items()):
        lines.append("| %s | %d |" % (k, v))
    lines.append("| **total** | **%d** |" % sum(counter.values()))
    return "\n".join(lines)


by_type = Counter((s["site_type"]) for s in ds["sites"])
by_type_cur = Counter(s["site_type"] for s in ds["sites"] if s["status"] == "current")
by_type_pc = Counter(s["site_type"] for s in ds["sites"] if s["status"] != "current")
by_type_unpl = Counter(s["site_type"] for s in ds["sites"] if s["lat"] is None)
lines = ["| site type | current | possibly closed | unplaced (no location) | total |",
         "|---|---:|---:|---:|---:|"]
for t in sorted(by_type):
    lines.append("| %s | %d | %d | %d | %d |" % (t, by_type_cur[t], by_type_pc[t],
                                                 by_type_unpl[t], by_type[t]))
lines.append("| **total** | **%d** | **%d** | **%d** | **%d** |" % (
    sum(by_type_cur.values()), sum(by_type_pc.values()), sum(by_type_unpl.values()),
    len(ds["sites"])))
fact("type_table", "\n".join(lines))
by_ten = Counter(s["tenure"] for s in ds["sites"])
by_ten_cur = Counter(s["tenure"] for s in ds["sites"] if s["status"] == "current")
lines = ["| tenure | current | all |", "|---|---:|---:|"]
for t in sorted(by_ten):
    lines.append("| %s | %d | %d |" % (t, by_ten_cur[t], by_ten[t]))
fact("tenure_table", "\n".join(lines))
fact("sector_counts", ", ".join("%s %d" % kv for kv in sorted(
    Counter(s["sector"] for s in ds["sites"]).items())))
act_tot = Counter()
for a in ds["activity"]:
    act_tot[a["service"]] += a["volume"]
lines = ["| service | unit | sites | volume a year |", "|---|---|---:|---:|"]
for sv in ds["services"]:
    n = sum(1 for a in ds["activity"] if a["service"] == sv["id"])
    lines.append("| %s | %s | %d | %s |" % (sv["id"], sv["unit"], n,
                                            "{:,.0f}".format(act_tot[sv["id"]])))
fact("activity_table", "\n".join(lines))
fact("step_table", "\n".join("| %s | %d |" % x for x in STEP_COUNTS))
say("")
say("Summary")
say("  sites %d: current %d, possibly closed %d; placed %d, unplaced %d" % (
    len(ds["sites"]), n_current, len(ds["sites"]) - n_current, n_placed,
    len(ds["sites"]) - n_placed))
say("  by type: %s" % dict(sorted(by_type.items())))
say("  by tenure: %s" % dict(sorted(by_ten.items())))
say("  by sector: %s" % dict(sorted(Counter(s["sector"] for s in ds["sites"]).items())))
say("  property interests: %d" % n_interests)
say("  activity rows: %d; totals: %s" % (len(ds["activity"]), ", ".join(
    "%s %s" % (k, "{:,.0f}".format(v)) for k, v in act_tot.items())))
say("  running cost GBP %s a year; void GBP %s (LIFT %s, NHSPS %s)" % (
    "{:,.0f}".format(TOTAL_RC), "{:,.0f}".format(V_ALL), "{:,.0f}".format(V_LIFT),
    "{:,.0f}".format(V_NHSPS)))
say("  organisations %d, services %d, methods %d, assumptions %d" % (
    len(ds["organisations"]), len(ds["services"]), len(ds["methods"]), len(ds["assumptions"])))

# --------------------------------------------------------------------------
# write bsol.json
# --------------------------------------------------------------------------

os.makedirs(os.path.join(OUT, "boundaries"), exist_ok=True)
out_json = os.path.join(OUT, "bsol.json")
text = json.dumps(DATASET, ensure_ascii=False, indent=1)
with open(out_json, "w", encoding="utf-8", newline="\n") as fh:
    fh.write(text + "\n")
json.loads(open(out_json, encoding="utf-8").read())      # parses back

# --------------------------------------------------------------------------
# simplified boundaries (Douglas-Peucker in metres)
# --------------------------------------------------------------------------


def dp(points, tol):
    """Douglas-Peucker on [(x, y)] in metres; returns kept indices."""
    n = len(points)
    if n < 3:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by_ = points[b]
        dx, dy = bx - ax, by_ - ay
        L = math.hypot(dx, dy)
        best_d, best_i = -1.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            if L == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by_ * ax) / L
            if d > best_d:
                best_d, best_i = d, i
        if best_i is not None and best_d > tol:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [i for i in range(n) if keep[i]]


def simplify_ring(ring, tol, lat0):
    kx = 111320.0 * math.cos(math.radians(lat0))
    ky = 110540.0
    ring = [tuple(p[:2]) for p in ring]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    pts = [(x * kx, y * ky) for x, y in ring[:-1]]
    # split the closed ring at its first point and the point farthest from it
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 +
              (pts[i][1] - pts[0][1]) ** 2)
    t = tol
    while True:
        a = dp(pts[:far + 1], t)
        b = [far + i for i in dp(pts[far:] + [pts[0]], t)]
        idx = sorted(set(a + [i for i in b if i < len(pts)]))
        out = []
        for i in idx:
            q = (round(ring[i][0], 5), round(ring[i][1], 5))
            if not out or out[-1] != q:
                out.append(q)
        if len(out) >= 3 or t < 0.01:
            break
        t /= 2
    if len(out) < 3:
        out = [(round(x, 5), round(y, 5)) for x, y in ring[:-1]]
    out.append(out[0])
    return [[x, y] for x, y in out]


BOUNDARY_OUT = [
    ("local_authorities", 15, ["la_name", "la_code"]),
    ("localities", 15, ["locality_name", "la_name"]),
    ("wards", 15, ["ward_name", "ward_code", "la_code"]),
    ("lsoa21", 10, ["lsoa21_code", "lsoa21_name", "la_code"]),
]
say("")
say("Simplified boundaries (Douglas-Peucker, 5 dp):")
for name, tol, keep in BOUNDARY_OUT:
    src_fc = GEO[name] if name in GEO else json.load(open(P("boundaries", name + ".geojson")))
    feats = []
    n_in = n_out = 0
    for f in src_fc["features"]:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        newp = []
        for poly in polys:
            lat0 = sum(p[1] for p in poly[0]) / len(poly[0])
            rings = []
            for ring in poly:
                n_in += len(ring)
                sr = simplify_ring(ring, tol, lat0)
                assert len(sr) >= 4 and sr[0] == sr[-1]
                n_out += len(sr)
                rings.append(sr)
            newp.append(rings)
        geom = ({"type": "Polygon", "coordinates": newp[0]} if g["type"] == "Polygon" else
                {"type": "MultiPolygon", "coordinates": newp})
        props = OrderedDict((k, f["properties"].get(k)) for k in keep)
        feats.append(OrderedDict([("type", "Feature"), ("properties", props),
                                  ("geometry", geom)]))
    feats.sort(key=lambda f: str(list(f["properties"].values())))
    fc = OrderedDict([("type", "FeatureCollection"), ("features", feats)])
    path = os.path.join(OUT, "boundaries", name + ".geojson")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n")
    say("  %-18s %4d features, %6d -> %6d vertices at %d m, %7d bytes" % (
        name, len(feats), n_in, n_out, tol, os.path.getsize(path)))
    fact("bnd_" + name, "%d features, %d -> %d vertices (%d m), %s KB" % (
        len(feats), n_in, n_out, tol, "{:,.0f}".format(os.path.getsize(path) / 1024)))

say("")
say("bsol.json: %s bytes, sha256 %s" % ("{:,}".format(os.path.getsize(out_json)), sha(out_json)))
fact("json_bytes", "{:,}".format(os.path.getsize(out_json)))

# --------------------------------------------------------------------------
# build report and docs/data.md
# --------------------------------------------------------------------------

fact("methods_list", "\n".join("- **%s**: %s" % (m["id"], m["description"])
                                for m in DATASET["methods"]))


def prov_txt(p):
    if p["kind"] == "measured":
        return "measured (%s %s%s)" % (p["source"], p["year"],
                                       ": " + p["note"] if p.get("note") else "")
    if p["kind"] == "estimated":
        return "estimated (%s%s)" % (p["method"], ": " + p["note"] if p.get("note") else "")
    return "**assumed**: " + p["note"]


def fmt_v(v):
    if isinstance(v, float) and v.is_integer() and abs(v) >= 1000:
        return "{:,.0f}".format(v)
    return str(v)


fact("assumptions_table", "\n".join(
    "| `%s` | %s | %s | %s |" % (a["key"], fmt_v(a["value"]), a["unit"],
                                prov_txt(a["provenance"]).replace("|", "/"))
    for a in DATASET["assumptions"] if not a["key"].startswith("cost_split.")))
fact("cost_split_table", "\n".join(
    "| %s | %s |" % (t, " | ".join("%.2f" % v for v in SPLIT[t])) for t in sorted(SPLIT)))
fact("services_table", "\n".join(
    "| `%s` | %s | %s | %s | %s | %s | %s |" % (
        s["id"], s["setting"], s["room_type"], s["unit"],
        "-" if s["room_type"] in ("bed", "desk") else fmt_v(s["minutes_per_unit"]),
        prov_txt(s["provenance"]["minutes_per_unit"]).replace("|", "/")
        if s["room_type"] not in ("bed", "desk") else "not used (0)", s["growth_rate"])
    for s in DATASET["services"]))
fact("created_from_services_list", "; ".join(
    "%s (%s; %s)" % (s["name"], s["id"], s["svc_type"][2]) for s in SITES if s["svc_type"]))
fact("practice_host_sites", sum(1 for s in SITES if s["practices"]))
fact("practice_host_by_type", ", ".join("%s %d" % kv for kv in sorted(Counter(
    s["site_type"] for s in SITES if s["practices"]).items())))
fact("lsoa_unplaced_sites", ", ".join("%s" % s["id"] for s in SITES if s["lat"] is None))
fact("possibly_closed_list", ", ".join("%s %s" % (s["id"], s["name"]) for s in SITES
                                       if s["status"] != "current"))
fact("ind_list", ", ".join("%s (%s)" % (s["name"], s["id"]) for s in SITES
                           if s["sector"] == "independent"))
fact("seconds", "%.1f" % (time.time() - T0))
say("")
say("Done in %.1f s. Outputs in %s" % (time.time() - T0, OUT))
with open(os.path.join(OUT, "build-report.txt"), "w", encoding="utf-8", newline="\n") as fh:
    # the timing line varies from run to run; keep the report byte-stable
    fh.write("\n".join(l for l in REPORT if not l.startswith("Done in ")) + "\n")

if args.docs:
    tpl_path = os.path.join(HERE, "data.md.in")
    with open(tpl_path, encoding="utf-8") as fh:
        tpl = fh.read()
    if os.environ.get("FP_DEBUG_FACTS"):
        for k, v in FACTS.items():
            print("FACT", k, "=", str(v)[:150].replace("\n", " / "))
    missing = sorted(set(re.findall(r"\{\{(\w+)\}\}", tpl)) - set(FACTS))
    assert not missing, "data.md.in uses unknown facts: %s" % missing
    def fmt_fact(v):
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10000:
            return "{:,}".format(v)
        return str(v)
    docs = re.sub(r"\{\{(\w+)\}\}", lambda m: fmt_fact(FACTS[m.group(1)]), tpl)
    docs = docs.replace("{{seconds}}", "")
    os.makedirs(os.path.dirname(os.path.abspath(args.docs)), exist_ok=True)
    with open(args.docs, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(docs)
