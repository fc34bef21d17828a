"""Networks of projects (*programmi a rete*): proposals by proximity and theme, decisions on them.
Core, no QGIS (OGR for geometry). See docs/networks-priority.md."""
