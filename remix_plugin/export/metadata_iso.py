"""ISO 19139 metadata record with the elements RNDT (the Italian profile) requires.

Built as text with every value escaped by ``xmltext`` (no XML library is imported: plugins.qgis.org's
bandit scan flags ``xml.sax``/``xml.etree``); nothing here parses XML.
Stored in ``gpkg_metadata`` (scope dataset) and referenced from ``gpkg_metadata_reference``
(scope geopackage).
"""

from ..layers.model import COMUNI_ATTRIBUTION
from ..xmltext import escape, quoteattr

ISO_19139_URI = "http://www.isotc211.org/2005/gmd"

_NAMESPACES = (
    'xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def _cs(text):
    return "<gco:CharacterString>" + escape(str(text)) + "</gco:CharacterString>"


def _code(element, list_name, value):
    url = "http://www.isotc211.org/2005/resources/codeList.xml#" + list_name
    return (
        f"<gmd:{element}><gmd:{list_name} codeList={quoteattr(url)} codeListValue={quoteattr(value)}>"
        + escape(value)
        + f"</gmd:{list_name}></gmd:{element}>"
    )


def _party(role, organisation, email):
    return (
        "<gmd:CI_ResponsibleParty><gmd:organisationName>"
        + _cs(organisation)
        + "</gmd:organisationName><gmd:contactInfo><gmd:CI_Contact><gmd:address><gmd:CI_Address>"
        "<gmd:electronicMailAddress>"
        + _cs(email or "n.d.")
        + "</gmd:electronicMailAddress></gmd:CI_Address></gmd:address></gmd:CI_Contact>"
        "</gmd:contactInfo>" + _code("role", "CI_RoleCode", role) + "</gmd:CI_ResponsibleParty>"
    )


def _date(date, kind):
    return (
        "<gmd:date><gmd:CI_Date><gmd:date><gco:Date>"
        + escape(date)
        + "</gco:Date></gmd:date>"
        + _code("dateType", "CI_DateTypeCode", kind)
        + "</gmd:CI_Date></gmd:date>"
    )


def build_record(info):
    """ISO 19139 XML text. ``info`` keys: file_identifier, ipa_code, title, abstract, producer_name,
    email, date (YYYY-MM-DD), keywords (list), bbox (west, east, south, north in degrees),
    crs ("EPSG:32632"), lineage, spec_id, content_hash."""
    west, east, south, north = info["bbox"]
    keywords = "".join("<gmd:keyword>" + _cs(k) + "</gmd:keyword>" for k in info["keywords"])
    identifier = f"{info['ipa_code']}:{info['file_identifier']}"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<gmd:MD_Metadata {_NAMESPACES}>",
        "<gmd:fileIdentifier>" + _cs(identifier) + "</gmd:fileIdentifier>",
        '<gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" '
        'codeListValue="ita">ita</gmd:LanguageCode></gmd:language>',
        '<gmd:characterSet><gmd:MD_CharacterSetCode codeList="http://www.isotc211.org/2005/resources/'
        'codeList.xml#MD_CharacterSetCode" codeListValue="utf8">utf8</gmd:MD_CharacterSetCode>'
        "</gmd:characterSet>",
        _code("hierarchyLevel", "MD_ScopeCode", "dataset"),
        "<gmd:contact>"
        + _party("pointOfContact", info["producer_name"], info.get("email"))
        + "</gmd:contact>",
        "<gmd:dateStamp><gco:Date>" + escape(info["date"]) + "</gco:Date></gmd:dateStamp>",
        "<gmd:metadataStandardName>" + _cs("DM - Regole tecniche RNDT") + "</gmd:metadataStandardName>",
        "<gmd:metadataStandardVersion>" + _cs("10 novembre 2011") + "</gmd:metadataStandardVersion>",
        "<gmd:referenceSystemInfo><gmd:MD_ReferenceSystem><gmd:referenceSystemIdentifier><gmd:RS_Identifier>"
        "<gmd:code>"
        + _cs(info["crs"].split(":")[-1])
        + "</gmd:code><gmd:codeSpace>"
        + _cs("EPSG")
        + "</gmd:codeSpace></gmd:RS_Identifier></gmd:referenceSystemIdentifier></gmd:MD_ReferenceSystem>"
        "</gmd:referenceSystemInfo>",
        "<gmd:identificationInfo><gmd:MD_DataIdentification><gmd:citation><gmd:CI_Citation>",
        "<gmd:title>" + _cs(info["title"]) + "</gmd:title>",
        _date(info["date"], "creation"),
        "<gmd:identifier><gmd:RS_Identifier><gmd:code>"
        + _cs(identifier)
        + "</gmd:code></gmd:RS_Identifier></gmd:identifier>",
        "<gmd:citedResponsibleParty>"
        + _party("owner", info["producer_name"], info.get("email"))
        + "</gmd:citedResponsibleParty>",
        "</gmd:CI_Citation></gmd:citation>",
        "<gmd:abstract>" + _cs(info["abstract"]) + "</gmd:abstract>",
        "<gmd:pointOfContact>"
        + _party("pointOfContact", info["producer_name"], info.get("email"))
        + "</gmd:pointOfContact>",
        "<gmd:descriptiveKeywords><gmd:MD_Keywords>"
        + keywords
        + "</gmd:MD_Keywords></gmd:descriptiveKeywords>",
        "<gmd:resourceConstraints><gmd:MD_LegalConstraints>"
        + _code("accessConstraints", "MD_RestrictionCode", "otherRestrictions")
        + "<gmd:otherConstraints>"
        + _cs("Nessuna limitazione all'accesso pubblico")
        + "</gmd:otherConstraints>"
        "</gmd:MD_LegalConstraints></gmd:resourceConstraints>",
        "<gmd:resourceConstraints><gmd:MD_Constraints><gmd:useLimitation>"
        + _cs(info.get("use_limitation", "CC-BY 4.0; comuni " + COMUNI_ATTRIBUTION))
        + "</gmd:useLimitation></gmd:MD_Constraints></gmd:resourceConstraints>",
        _code("spatialRepresentationType", "MD_SpatialRepresentationTypeCode", "vector"),
        "<gmd:spatialResolution><gmd:MD_Resolution><gmd:equivalentScale><gmd:MD_RepresentativeFraction>"
        "<gmd:denominator><gco:Integer>"
        + escape(str(info.get("scale", 2000)))
        + "</gco:Integer></gmd:denominator></gmd:MD_RepresentativeFraction></gmd:equivalentScale>"
        "</gmd:MD_Resolution></gmd:spatialResolution>",
        '<gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" '
        'codeListValue="ita">ita</gmd:LanguageCode></gmd:language>',
        "<gmd:topicCategory><gmd:MD_TopicCategoryCode>planningCadastre</gmd:MD_TopicCategoryCode>"
        "</gmd:topicCategory>",
        "<gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>"
        f"<gmd:westBoundLongitude><gco:Decimal>{west:.6f}</gco:Decimal></gmd:westBoundLongitude>"
        f"<gmd:eastBoundLongitude><gco:Decimal>{east:.6f}</gco:Decimal></gmd:eastBoundLongitude>"
        f"<gmd:southBoundLatitude><gco:Decimal>{south:.6f}</gco:Decimal></gmd:southBoundLatitude>"
        f"<gmd:northBoundLatitude><gco:Decimal>{north:.6f}</gco:Decimal></gmd:northBoundLatitude>"
        "</gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>",
        "</gmd:MD_DataIdentification></gmd:identificationInfo>",
        "<gmd:distributionInfo><gmd:MD_Distribution><gmd:distributionFormat><gmd:MD_Format>"
        "<gmd:name>"
        + _cs("GeoPackage")
        + "</gmd:name><gmd:version>"
        + _cs("1.2")
        + "</gmd:version></gmd:MD_Format></gmd:distributionFormat>"
        "<gmd:distributor><gmd:MD_Distributor><gmd:distributorContact>"
        + _party("distributor", info["producer_name"], info.get("email"))
        + "</gmd:distributorContact></gmd:MD_Distributor></gmd:distributor></gmd:MD_Distribution>"
        "</gmd:distributionInfo>",
        "<gmd:dataQualityInfo><gmd:DQ_DataQuality><gmd:scope><gmd:DQ_Scope>"
        + _code("level", "MD_ScopeCode", "dataset")
        + "</gmd:DQ_Scope></gmd:scope>"
        "<gmd:report><gmd:DQ_DomainConsistency><gmd:result><gmd:DQ_ConformanceResult><gmd:specification>"
        "<gmd:CI_Citation><gmd:title>"
        + _cs(info["spec_id"])
        + "</gmd:title>"
        + _date(info["date"], "publication")
        + "</gmd:CI_Citation></gmd:specification><gmd:explanation>"
        + _cs("Controllato con python3 -m remix_plugin check-bundle; hash " + info["content_hash"])
        + "</gmd:explanation><gmd:pass><gco:Boolean>true</gco:Boolean></gmd:pass>"
        "</gmd:DQ_ConformanceResult></gmd:result></gmd:DQ_DomainConsistency></gmd:report>"
        "<gmd:lineage><gmd:LI_Lineage><gmd:statement>"
        + _cs(info["lineage"])
        + "</gmd:statement></gmd:LI_Lineage></gmd:lineage></gmd:DQ_DataQuality></gmd:dataQualityInfo>",
        "</gmd:MD_Metadata>",
    ]
    return "".join(parts)


METADATA_DDL = (
    "CREATE TABLE gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, "
    "md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, "
    "mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, "
    "column_name TEXT, row_id_value INTEGER, "
    "timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), "
    "md_file_id INTEGER NOT NULL, md_parent_id INTEGER, "
    "CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), "
    "CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))",
)


def write_metadata(connection, xml_text, timestamp):
    """Store the record (sqlite3 connection on the bundle; no GDAL triggers on these tables)."""
    for statement in METADATA_DDL:
        connection.execute(statement)
    for table in ("gpkg_metadata", "gpkg_metadata_reference"):
        connection.execute(
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
            "VALUES (?, NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec120/#extension_metadata', "
            "'read-write')",
            (table,),
        )
    connection.execute(
        "INSERT INTO gpkg_metadata (id, md_scope, md_standard_uri, mime_type, metadata) "
        "VALUES (1, 'dataset', ?, 'text/xml', ?)",
        (ISO_19139_URI, xml_text),
    )
    connection.execute(
        "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, "
        "row_id_value, timestamp, md_file_id, md_parent_id) "
        "VALUES ('geopackage', NULL, NULL, NULL, ?, 1, NULL)",
        (timestamp,),
    )
