"""One line saying which QGIS, GDAL, Python (and Qt, shapely, geopandas) a test run uses.

scripts/run_tests.sh prints it before the tiers, so the output of `make test` shows for each run
(the host's QGIS and the newest LTR in scripts/qgis_chroot.sh) what was tested.
"""

import os
import platform
import sys
from importlib import metadata


def _version(distribution):
    """The installed version, read from package metadata (importing geopandas costs a second);
    shapely's Debian package in sid says "0+unknown": then its major version and GEOS's."""
    try:
        version = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"
    if "unknown" in version and distribution == "shapely":
        import shapely

        major = "2" if hasattr(shapely, "from_wkb") else "1"
        version = f"{major}.x (GEOS {shapely.geos_version_string})"
    return version


def _distro():
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", "?")
    except OSError:
        return "?"


def banner():
    where = os.environ.get("REMIX_QGIS_RUNTIME", "host")
    try:
        from qgis.core import Qgis
        from qgis.PyQt.QtCore import QT_VERSION_STR

        qgis = f"QGIS {Qgis.QGIS_VERSION}, Qt {QT_VERSION_STR}"
    except ImportError:
        qgis = "QGIS missing"
    try:
        from osgeo import gdal

        gdal_version = gdal.__version__
    except ImportError:
        gdal_version = "missing"
    return (f"runtime [{where}, {_distro()}]: {qgis}, GDAL {gdal_version}, "
            f"Python {platform.python_version()}, shapely {_version('shapely')}, "
            f"geopandas {_version('geopandas')} ({sys.executable})")


if __name__ == "__main__":
    print(banner())
