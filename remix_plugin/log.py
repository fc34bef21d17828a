"""stdlib logging for the core; the plugin attaches it to QGIS's message log in initGui."""

import logging

LOGGER_NAME = "remix_plugin"
MESSAGE_LOG_TAG = "RE.MIX"


def get_logger(name=None):
    return logging.getLogger(LOGGER_NAME if not name else f"{LOGGER_NAME}.{name}")


class QgisMessageLogHandler(logging.Handler):
    """Forwards log records to the "RE.MIX" tab of QGIS's Log Messages panel."""

    def emit(self, record):
        from qgis.core import QgsMessageLog

        from .compat import message_level

        if record.levelno >= logging.ERROR:
            level = message_level("Critical")
        elif record.levelno >= logging.WARNING:
            level = message_level("Warning")
        else:
            level = message_level("Info")
        try:
            text = self.format(record)
        except Exception:  # formatting must never break the caller
            text = str(record.msg)
        QgsMessageLog.logMessage(text, MESSAGE_LOG_TAG, level)


def attach_to_qgis_log(level=logging.INFO):
    """Attach once; returns the handler so ``unload`` can detach it."""
    logger = get_logger()
    handler = QgisMessageLogHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler


def detach_from_qgis_log(handler):
    if handler is not None:
        get_logger().removeHandler(handler)
