"""Processing algorithm remix:create_geopackage — an empty RE.MIX GeoPackage with its project.

Light module: the GeoPackage code (GDAL, the model, the project builder) is imported only when
the algorithm runs. Usable headless: ``qgis_process.bin run remix:create_geopackage -- OUTPUT=...``.
"""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFileDestination,
)

from ...crs import SUPPORTED_CRS  # no imports behind it: this module loads at QGIS start-up
from ...i18n import tr, ui_language
from .base import RemixAlgorithm


class CreateGeoPackageAlgorithm(RemixAlgorithm):
    GROUP_ID = "geopackage"
    OUTPUT = "OUTPUT"
    CRS = "CRS"
    SCHEMA_VERSION = "SCHEMA_VERSION"

    def name(self):
        return "create_geopackage"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Create RE.MIX GeoPackage")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Creates an empty RE.MIX GeoPackage: every table of the data model, the code lists of "
            "the RE.MIX classification scheme, the 133 comuni of the Città metropolitana di Milano, "
            "default styles and a ready QGIS project stored inside the file. The reference system "
            "is WGS 84 / UTM 32N (EPSG:32632, used by Regione Lombardia's geoportal) or RDN2008 / "
            "UTM 32N (EPSG:7791, the national reference)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("RE.MIX GeoPackage"), tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, tr("Reference system (EPSG:32632 or EPSG:7791)"), defaultValue="EPSG:32632"))
        self.addOutput(QgsProcessingOutputString(self.SCHEMA_VERSION, tr("Schema version")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        if _authid(crs) not in SUPPORTED_CRS:
            return False, _crs_message(crs)
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...layers.errors import RemixFileError
        from ...layers.geopackage import create_geopackage
        from ...layers.model import SCHEMA_VERSION

        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        authid = _authid(crs)
        if authid not in SUPPORTED_CRS:
            raise QgsProcessingException(_crs_message(crs))
        feedback.pushInfo(tr("Creating {path} in {crs}…").format(path=output, crs=authid))
        try:
            path = create_geopackage(output, crs=authid, overwrite=True, with_project=True)
        except RemixFileError as exc:
            raise QgsProcessingException(exc.message(ui_language())) from exc
        feedback.setProgress(100)
        return {self.OUTPUT: str(path), self.SCHEMA_VERSION: str(SCHEMA_VERSION)}


def _authid(crs):
    if crs is None or not crs.isValid():
        return ""
    return crs.authid().upper()


def _crs_message(crs):
    name = _authid(crs) or (crs.description() if isinstance(crs, QgsCoordinateReferenceSystem) else "")
    return tr("Reference system {crs} is not supported: use EPSG:32632 (WGS 84 / UTM 32N) or "
              "EPSG:7791 (RDN2008 / UTM 32N).").format(crs=name or "?")
