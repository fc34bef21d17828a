"""Every layer opens in a generic reader (fiona) with the number of features SQLite holds."""

import sqlite3

from .. import manifest as manifest_module
from ..spec import load_spec
from .opening import read_only_uri


def check_generic_reader(gpkg, out):
    import fiona

    spec = load_spec()
    connection = sqlite3.connect(read_only_uri(gpkg), uri=True)
    try:
        counts = manifest_module.feature_counts(connection, spec)
    finally:
        connection.close()
    layers = set(fiona.listlayers(str(gpkg)))
    for name in spec.table_names + [lt.name for lt in spec.link_tables]:
        if name not in layers:
            out.add("BND-039", name)
            continue
        with fiona.open(str(gpkg), layer=name) as collection:
            if len(collection) != counts[name]:
                out.add("BND-040", name, shown=len(collection))
