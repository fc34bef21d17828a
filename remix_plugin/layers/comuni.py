"""The shipped comuni of the Città metropolitana di Milano (ISTAT boundaries, CC-BY 4.0, see
data/ATTRIBUTION.md) and their zone omogenee, read as plain data (no GDAL): the GeoPackage
creator, the bundle checker and the central database all start from these two files."""

import csv
from pathlib import Path

from ..taxonomy import load_scheme

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COMUNI_GEOJSON = DATA_DIR / "comuni_cmm_istat.geojson"
ZONE_CSV = DATA_DIR / "zone_omogenee_cmm.csv"


def read_zone_omogenee():
    """ISTAT code -> zone code of the scheme's ``zona_omogenea`` dimension."""
    scheme = load_scheme()
    by_label = {t.label("it"): t.code for t in scheme.dimension("zona_omogenea").terms}
    zones = {}
    with open(ZONE_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            zones[row["com_istat_code"].strip()] = by_label[row["zona_omogenea"].strip()]
    return zones
