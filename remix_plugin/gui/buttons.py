"""The dock's two-column grids of flat buttons, one per action."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QGridLayout, QSizePolicy, QToolButton


def button_grid(actions, parent):
    grid = QGridLayout()
    grid.setSpacing(2)
    for position, action in enumerate(actions):
        button = QToolButton(parent)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAutoRaise(True)
        grid.addWidget(button, position // 2, position % 2)
    return grid
