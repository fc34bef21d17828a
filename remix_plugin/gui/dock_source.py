"""What the dock shows, as the headless code reads it (one rule for the panel's readers).

``dock_source(dock)`` is the source the dock's background work opens: the saved GeoPackage's
path or, on the central database, the libpq DSN of the dock's connection, without password (the
service, the QGIS authentication or ~/.pgpass give it); None when the dock shows neither. Pubblica
sul web…, Prepara per QGIS Server… and the incubator tabs all read it from here.
"""

from pathlib import Path


def dock_source(dock):
    """The saved GeoPackage's path, or the libpq DSN (no password) of the dock's central database
    connection; None for neither (no file yet, or a layer that is not PostgreSQL)."""
    path = getattr(dock, "gpkg_path", None)
    if path and Path(path).is_file():
        return path
    progetti = (getattr(dock, "layers", None) or {}).get("progetti") if path else None
    if progetti is None or progetti.providerType() != "postgres":
        return None
    from ..qgis_project.stores import postgres_store_from_qgis_uri

    return postgres_store_from_qgis_uri(progetti.source()).libpq_dsn() or None
