"""The validation engine: it runs the rules of ``catalogue.py`` (each implemented once, in
``rules/``) in order over one source, QGIS-free; it holds no rule itself.

``validate_geopackage(path, profile)`` is the single entry point used by the command line
(``python3 -m remix_plugin validate``), the Processing algorithm ``remix:validate`` and the
dock's QgsTask; ``validate_source`` takes any source (``source.py``: an editing GeoPackage, a
bundle). It streams every table in batches of BATCH rows (memory does not grow with the number
of features: cross-record checks run as SQL in the store, in a temporary on-disk scratch database,
or per project), and never raises on bad content: every odd value becomes a finding. Only a store that
cannot be read at all raises ``RemixFileError`` (from ``layers.inspect``).
"""

import datetime
import itertools

from osgeo import gdal

from ..layers.model import load_model
from .collector import collector_paused
from .context import Record, RuleContext, ValidationCancelled  # noqa: F401 (callers catch it from here)
from .exceptions_store import apply_exceptions
from .findings import Finding, Report  # noqa: F401 (re-exported: engine.Finding, engine.Report)
from .rules import funding, geometry, monitoring, records, references, structure
from .rules.scheme_values import ValueChecks
from .source import FileSource

# the tables whose rows are checked one by one, in this order (parents before children)
PASS_ORDER = load_model().data_table_names
# rows read and geometry-checked together (a few MB of decoded geometries at most)
BATCH = 1000


class _Run:
    """One validation: structure first, then each table's rows, then the checks across records."""

    def __init__(self, source, profile, progress=None, is_cancelled=None, today=None):
        self.source = source
        self.context = RuleContext(profile, today or datetime.date.today(), None, progress, is_cancelled)
        self.values = ValueChecks(self.context)
        self.duplicate_candidates = {}

    def run(self):
        context = self.context
        started = datetime.datetime.now(datetime.timezone.utc)
        reader = context.reader = self.source.open()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            with collector_paused():
                self._run(reader)
            context.findings, suppressed = apply_exceptions(context.findings, reader)
        except reader.read_errors as exc:
            from ..layers.errors import RemixFileError

            raise RemixFileError("corrupt", f"Lettura interrotta: {exc}.", f"Reading failed: {exc}.") from exc
        finally:
            gdal.PopErrorHandler()
            reader.close()
        report = Report(
            self.source.path,
            context.profile.name,
            context.profile.as_dict(),
            context.findings,
            suppressed,
            started.replace(microsecond=0).isoformat(),
        )
        report.seconds = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds()
        return report

    def _run(self, reader):
        context = self.context
        self._check_structure(reader.info)
        counts = {name: reader.count(name) for name in PASS_ORDER if name in context.columns}
        # progress: rows of each table + cross checks (about a tenth of the rows)
        context.steps_total = sum(counts.values()) * 1.1 + 10
        context.comuni = geometry.load_comuni(context)
        for name in PASS_ORDER:
            if name in context.columns:
                self._check_table(context.model.table(name))
        references.check_uuid_duplicates(context)
        context.tick()
        references.check_links(context)
        references.check_action_projects(context)
        context.tick()
        records.check_projects(context)
        records.check_phases(context)
        monitoring.check_measurements(context)
        geometry.check_duplicate_geometries(context, self.duplicate_candidates)
        context.tick(sum(counts.values()) * 0.1)

    def _check_structure(self, info):
        context = self.context
        existing = set(info.tables)
        structure.check_versions(context, info)
        context.geometry_columns, srs = context.reader.geometry_registry()
        for table in context.model.tables:
            if not structure.check_table(context, table, existing) or not table.geometry:
                continue
            registered = structure.registered_geometry(context, table)
            if registered is not None:
                geometry.check_table_crs(context, table, registered, srs, info)
        structure.check_support_tables(context, existing, self.source.optional_tables)
        structure.check_codelist(context, existing)

    def field_checks(self, table):
        """(names of the model fields the table has, [(value index, field, check)])."""
        columns = self.context.columns[table.name]
        plan = [f for f in table.fields if f.name in columns]
        checks = []
        for index, model_field in enumerate(plan, start=1):
            if model_field.name == "uuid":
                checks.append((index, model_field, references.uuid_check(self.context)))
            else:
                checks.append((index, model_field, self.values.check_for(model_field)))
        return [f.name for f in plan], checks

    def _check_table(self, table):
        context = self.context
        names, checks = self.field_checks(table)
        geometry_column = srs_id = None
        if table.geometry and table.name in context.geometry_columns:
            geometry_column, _, srs_id = context.geometry_columns[table.name]
        select_columns = ["fid"] + names + ([geometry_column] if geometry_column else [])
        title_index = next((1 + names.index(c) for c in ("titolo", "nome") if c in names), None)
        uuid_index = 1 + names.index("uuid") if "uuid" in names else None
        parent_index = 1 + names.index("progetto_uuid") if "progetto_uuid" in names else None
        hooks = records.row_hooks(context, table, names) + funding.row_hooks(context, table, names)
        hooks += monitoring.row_hooks(context, table, names)
        shapes = None
        if geometry_column:
            shapes = geometry.FeaturePass(
                context, table, names, geometry_column, srs_id, self.duplicate_candidates
            )
        order_by = geometry.row_order(table, names, geometry_column)
        count = 0
        rows = iter(context.reader.rows(table.name, select_columns, order_by=order_by))
        try:
            # in batches: the geometry pass decodes and point-tests a batch at once (prepare), the
            # rules then run row by row in the table's order, so findings come in the same order
            while True:
                batch = list(itertools.islice(rows, BATCH))
                if not batch:
                    break
                ahead = shapes.prepare(batch) if shapes is not None else ()
                for position, values in enumerate(batch):
                    count += 1
                    if count % 2000 == 0:
                        context.tick(2000)
                    row = Record(
                        table.name,
                        values[0],
                        values[uuid_index] if uuid_index is not None else None,
                        values[title_index] if title_index is not None else None,
                        values[parent_index] if parent_index else None,
                    )
                    shape = shapes.check(row, values, ahead[position]) if shapes is not None else None
                    for index, model_field, check in checks:
                        check(row, model_field, values[index])
                    for hook in hooks:
                        hook(row, values)
                    if shapes is not None:
                        shapes.collect(row, values, shape)
            if shapes is not None:
                shapes.finish()
            context.tick(count % 2000)
        finally:
            if shapes is not None:
                shapes.close()


def validate_geopackage(path, profile="strict", progress=None, is_cancelled=None, today=None):
    """Validate a RE.MIX GeoPackage; return a Report.

    ``progress(percent)`` is called now and then; ``is_cancelled()`` returning True stops the run
    with ValidationCancelled. Raises layers.errors.RemixFileError when the file cannot be read
    and profiles.ProfileError for an unknown profile.
    """
    return _Run(FileSource(path), profile, progress, is_cancelled, today).run()


def validate_source(source, profile="strict", progress=None, is_cancelled=None, today=None):
    """Validate what ``source`` (source.py: ``path``, ``optional_tables``, ``open()`` → reader)
    holds; as ``validate_geopackage``."""
    return _Run(source, profile, progress, is_cancelled, today).run()


def check_record(table_name, record, profile="strict", today=None):
    """The record-level rules (codes, requirements, types, cross-field rules) on one record given
    as a dict, without a file: the same implementation the file validation uses. Returns findings."""
    run = _Run(None, profile, today=today)
    context = run.context
    table = context.model.table(table_name)
    context.columns[table_name] = {f.name: "" for f in table.fields}
    names, checks = run.field_checks(table)
    values = (record.get("fid"),) + tuple(record.get(name) for name in names)
    title = record.get("titolo", record.get("nome"))
    row = Record(table_name, record.get("fid"), record.get("uuid"), title)
    for index, model_field, check in checks:
        check(row, model_field, values[index])
    hooks = records.row_hooks(context, table, names) + funding.row_hooks(context, table, names)
    for hook in hooks + monitoring.row_hooks(context, table, names):
        hook(row, values)
    return context.findings
