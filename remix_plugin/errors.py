"""The plugin's errors for users: a stable ``code`` for scripts and tests, and the message in
Italian and in English (the user's language is chosen where the message is shown). Build the
pair with the one translation mechanism: ``RemixError("code", *tr("…", language=BOTH))``."""

from .i18n import pick


class RemixError(Exception):
    def __init__(self, code, message_it, message_en, findings=()):
        super().__init__(message_en)
        self.code = code
        self.message_it = message_it
        self.message_en = message_en
        self.findings = list(findings)  # validation findings behind the error, if any

    def message(self, language="it"):
        return pick(language, self.message_it, self.message_en)
