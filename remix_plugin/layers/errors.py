"""Errors about RE.MIX files, with a message in Italian and in English for the user."""

from ..errors import RemixError


class RemixFileError(RemixError):
    """A file cannot be used as a RE.MIX GeoPackage. ``code`` is stable, for tests and scripts."""
