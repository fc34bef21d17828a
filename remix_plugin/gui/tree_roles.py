"""Item data roles of the dock's project tree, and which table each kind of item shows.

Kept apart from project_tree.py so the dock can use them without loading the tree at start-up."""

from qgis.PyQt.QtCore import Qt

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "programma" | "progetto" | "lavoro" | ... | "group"
UUID_ROLE = Qt.ItemDataRole.UserRole + 2
FID_ROLE = Qt.ItemDataRole.UserRole + 3
LAZY_ROLE = Qt.ItemDataRole.UserRole + 4  # a project whose children are not created yet

KIND_TABLE = {"programma": "programmi", "progetto": "progetti", "lavoro": "lavori",
              "azione": "azioni", "criticita": "criticita", "attore": "progetto_attori",
              "fase": "fasi", "misura": "misure"}
# Kinds listed under a project's groups (children of a "group" row).
CHILD_KINDS = ("lavoro", "azione", "criticita", "attore", "fase", "misura")
