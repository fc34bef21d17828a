"""Metropolitan priority: a transparent, weighted score per project from a versioned profile.
Core, no QGIS. See docs/networks-priority.md."""
