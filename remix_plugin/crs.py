"""Reference systems of RE.MIX GeoPackages (no imports: read at plugin start-up by Processing).

WGS 84 / UTM 32N is Regione Lombardia's geoportal CRS and the default; RDN2008 / UTM 32N is the
national reference. PROJ's transformation between the two is null (coordinates unchanged).
"""

DEFAULT_CRS = "EPSG:32632"
SUPPORTED_CRS = ("EPSG:32632", "EPSG:7791")
