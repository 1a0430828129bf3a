"""The package's base error: a report, a configuration or an input that cannot be used.

Lowest layer (no imports from the package), so that every layer can raise or catch it.
"""


class ReportError(Exception):
    """A report that cannot be read. The message is one line, fit for stderr."""
