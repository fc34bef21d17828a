"""Errors about RE.MIX files, with a message in Italian and in English for the user."""


class RemixFileError(Exception):
    """A file cannot be used as a RE.MIX GeoPackage. ``code`` is stable, for tests and scripts."""

    def __init__(self, code, message_it, message_en):
        super().__init__(message_en)
        self.code = code
        self.message_it = message_it
        self.message_en = message_en

    def message(self, language="it"):
        return self.message_it if language == "it" else self.message_en
