"""Monitoring with indicators (KPI): statuses, the KPI report, its CSV files (no QGIS)."""
