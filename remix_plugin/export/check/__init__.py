"""The independent bundle check, one module per aspect of the specification (no QGIS).

``export/checker.py`` runs them in order: ``opening`` (the file, zip included), ``manifest``
(versions, counts, hash), ``tables`` (tables and columns), ``code_objects`` (no views, only
GDAL's triggers), ``geometry`` (CRS, types, 2D blobs), ``values`` (audit dates, code list, enum
constraints), ``identity`` (UUIDs and link tables), ``extensions`` (related tables, metadata),
``engine_rules`` (the validation engine on the bundle) and ``reader`` (a generic reader).
Findings go through ``report.Collector`` into the one findings model (validation/findings.py),
each with a catalogue code: BND-0xx (catalogue.BUNDLE_RULES) or the engine rule's own.
"""
