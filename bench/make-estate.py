#!/usr/bin/env python3
"""make-estate.py: a large synthetic estate for the benchmarks, made from the BSol default.

    bench/make-estate.py --preset england OUT.json      ~11,000 sites, ~33,000 zones
    bench/make-estate.py --preset 10x OUT.json          10 x BSol (4,140 sites, 7,930 zones)
    bench/make-estate.py --tiles N [--zones-per-zone F] [--seed S] [--input FILE] OUT.json

The estate is N copies ("tiles") of data/default/bsol.json laid side by side on a grid over
England, each copy jittered: every site and zone moves by up to a few hundred metres, and
every baseline activity volume and zone population is scaled by a factor drawn from 0.9 to
1.1. With --zones-per-zone F above 1, a zone is split into two (each half the population,
the centroids a few hundred metres apart) with probability F - 1, so that zones outnumber
sites as in England (about 3 small areas a building, against 1.9 in BSol).

Ids get a tile prefix ("T07-RQ301", organisations and zone codes too), so every copy is a
distinct estate; sources, methods, services and assumptions are the default's, unchanged.
The output is in the dataset format (docs/data.md) and is read by fp_dataset_parse like the
default. It is SYNTHETIC: its name says so, and it must never be mistaken for data. The
same arguments always give the same file (random.Random with the given seed; keys in the
input's order).
"""

import argparse
import json
import math
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_INPUT = HERE.parent / "data" / "default" / "bsol.json"

PRESETS = {
    # England: about 11,000 NHS buildings and 33,000 LSOAs (issue 13). 27 tiles of 414
    # sites give 11,178 sites; 27 x 793 zones x 1.54 give about 33,000 zones.
    "england": {"tiles": 27, "zones_per_zone": 1.54},
    "10x": {"tiles": 10, "zones_per_zone": 1.0},
}

# The grid of tiles spreads the copies over England's extent (about 50.3 to 55.3 degrees
# north, 4.5 degrees west to 1.3 east): BSol spans about 0.25 degrees of latitude and 0.41
# of longitude, so a tile every 1.0 degree north and 1.1 degrees east leaves open country
# between dense copies, as England's towns do; a service offered at few sites is then as
# sparse across the whole as in England. Columns first, then rows, from the south-west.
TILE_DLAT = 1.0
TILE_DLON = 1.1
TILE_COLUMNS = 6
ORIGIN_LAT = 50.60   # the first tile's centre
ORIGIN_LON = -4.00

SITE_JITTER_DEG = 0.002   # about 200 m
ZONE_JITTER_DEG = 0.002
SPLIT_OFFSET_DEG = 0.003  # the two halves of a split zone


def tile_offset(tile, centre_lat, centre_lon):
    row, col = divmod(tile, TILE_COLUMNS)
    return (ORIGIN_LAT + row * TILE_DLAT - centre_lat,
            ORIGIN_LON + col * TILE_DLON - centre_lon)


def prefixed(tile, value):
    return None if value is None else "T%02d-%s" % (tile, value)


def jitter(rng, value, degrees):
    return None if value is None else round(value + rng.uniform(-degrees, degrees), 6)


def scaled(rng, value):
    return value * rng.uniform(0.9, 1.1)


def split_population(population):
    """Two halves of an age-band population, the odd person to the first."""
    first = {band: (n + 1) // 2 for band, n in population.items()}
    second = {band: n // 2 for band, n in population.items()}
    return first, second


def make(base, tiles, zones_per_zone, seed):
    rng = random.Random(seed)
    placed = [s for s in base["sites"] if s["lat"] is not None]
    centre_lat = sum(s["lat"] for s in placed) / len(placed)
    centre_lon = sum(s["lon"] for s in placed) / len(placed)
    org_ids = {o["id"] for o in base["organisations"]}

    out = {k: v for k, v in base.items()
           if k not in ("sites", "activity", "zones", "organisations")}
    out["name"] = ("Synthetic benchmark estate: %d jittered copies of %s (not data)"
                   % (tiles, base["name"]))
    out["plan_buildings"] = base["plan_buildings"] * tiles
    out["gap_note"] = ("SYNTHETIC, for benchmarks only: made by bench/make-estate.py "
                       "(tiles %d, zones per zone %.2f, seed %d) from the default dataset. "
                       "No figure in it describes a real building."
                       % (tiles, zones_per_zone, seed))
    out["organisations"] = []
    out["sites"] = []
    out["activity"] = []
    out["zones"] = []

    for tile in range(tiles):
        dlat, dlon = tile_offset(tile, centre_lat, centre_lon)

        for org in base["organisations"]:
            o = dict(org)
            o["id"] = prefixed(tile, org["id"])
            if org.get("parent") in org_ids:
                o["parent"] = prefixed(tile, org["parent"])
            out["organisations"].append(o)

        for site in base["sites"]:
            s = dict(site)
            s["id"] = prefixed(tile, site["id"])
            s["name"] = "%s (copy %d)" % (site["name"], tile)
            if site["lat"] is not None:
                s["lat"] = jitter(rng, site["lat"] + dlat, SITE_JITTER_DEG)
                s["lon"] = jitter(rng, site["lon"] + dlon, SITE_JITTER_DEG)
            if site.get("organisation") in org_ids:
                s["organisation"] = prefixed(tile, site["organisation"])
            out["sites"].append(s)

        for act in base["activity"]:
            a = dict(act)
            a["site"] = prefixed(tile, act["site"])
            a["volume"] = round(scaled(rng, act["volume"]), 2)
            out["activity"].append(a)

        for zone in base["zones"]:
            population = {band: int(round(scaled(rng, n)))
                          for band, n in zone["population"].items()}
            lat = zone["lat"] + dlat
            lon = zone["lon"] + dlon
            if rng.random() < zones_per_zone - 1.0:
                angle = rng.uniform(0, 2 * math.pi)
                halves = split_population(population)
                for k, sign in enumerate((1, -1)):
                    z = dict(zone)
                    z["code"] = prefixed(tile, zone["code"]) + "ab"[k]
                    z["name"] = "%s %s (copy %d)" % (zone["name"], "ab"[k], tile)
                    z["lat"] = jitter(rng, lat + sign * SPLIT_OFFSET_DEG * math.sin(angle),
                                      ZONE_JITTER_DEG)
                    z["lon"] = jitter(rng, lon + sign * SPLIT_OFFSET_DEG * math.cos(angle),
                                      ZONE_JITTER_DEG)
                    z["population"] = halves[k]
                    out["zones"].append(z)
            else:
                z = dict(zone)
                z["code"] = prefixed(tile, zone["code"])
                z["name"] = "%s (copy %d)" % (zone["name"], tile)
                z["lat"] = jitter(rng, lat, ZONE_JITTER_DEG)
                z["lon"] = jitter(rng, lon, ZONE_JITTER_DEG)
                z["population"] = population
                out["zones"].append(z)

    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="the dataset to write (JSON)")
    parser.add_argument("--preset", choices=sorted(PRESETS))
    parser.add_argument("--tiles", type=int, help="copies of the input estate")
    parser.add_argument("--zones-per-zone", type=float, default=1.0,
                        help="zones made from each zone of a copy, 1 to 2 (default 1)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    args = parser.parse_args()

    tiles, zones_per_zone = args.tiles, args.zones_per_zone
    if args.preset:
        tiles = PRESETS[args.preset]["tiles"]
        zones_per_zone = PRESETS[args.preset]["zones_per_zone"]
    if tiles is None or tiles < 1 or tiles > 99:
        parser.error("give --preset, or --tiles from 1 to 99")
    if not 1.0 <= zones_per_zone <= 2.0:
        parser.error("--zones-per-zone must be from 1 to 2")

    with open(args.input, encoding="utf-8") as f:
        base = json.load(f)
    if base.get("format") != "footprint-dataset":
        sys.exit("%s is not a Footprint dataset" % args.input)

    estate = make(base, tiles, zones_per_zone, args.seed)
    tmp = Path(str(args.output) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(estate, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    tmp.replace(args.output)
    print("%s: %d sites, %d zones, %d activity rows"
          % (args.output, len(estate["sites"]), len(estate["zones"]), len(estate["activity"])))


if __name__ == "__main__":
    main()
