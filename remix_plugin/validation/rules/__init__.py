"""The catalogue's rules, one module per group (validation/catalogue.py): each rule code is
emitted by exactly one of these modules, which says so in its ``CODES``
(tests/unit/test_rule_homes.py checks it). A rule function takes the run's
``context.RuleContext``; ``engine.py`` only decides the order they run in.

- ``structure``: tables, fields, declared types, versions, code list (STR-*)
- ``scheme_values``: one field's value against the scheme and its kind (SCH-001..005, SCH-008..010,
  SCH-019)
- ``requirements``: an empty field, as ``catalogue.requirement_rule`` answers (SCH-006, SCH-007, REF-005)
- ``records``: fields of one record together, and records of one project (SCH-011..018)
- ``references``: identifiers and links between records (REF-*)
- ``geometry``: perimeters, reference systems, comuni, overlaps (GEO-*), with ``geometry_checks``
  (the GEOS/shapely helpers, no rule of their own)
"""
