"""The package's errors: one base class (AnalysisError), one subclass per kind of thing that cannot be used.

    AnalysisError            anything the package refuses; its message is one line, fit for stderr
    ├── ReportError          a report (or the corpus entry asked for) that cannot be read
    ├── ConfigError          book/report.yml (project.config)
    ├── UsageError           a command-line mistake: a bad option or output path (project.files)
    ├── DataError            the package's own language data: lexicon.yaml, concepts.yaml (language.*)
    └── BuildError           a build that cannot run or finish (build.target; build.pdf, build.kernels)

The classes of the other modules (ConfigError, LexiconError, AddError, ...) derive from these and keep their
names. ``exit_code``: the command line's exit status for the kind (2: the input or its options; 1: the
package, its data or the build).

Lowest layer (no imports from the package), so that every layer can raise or catch them.
"""


class AnalysisError(Exception):
    """Anything the package refuses. The message is one line, fit for stderr."""

    exit_code = 1


class ReportError(AnalysisError):
    """A report that cannot be read. The message is one line, fit for stderr."""

    exit_code = 2


class ConfigurationError(AnalysisError):
    """The project's configuration (book/report.yml) cannot be used."""

    exit_code = 2


class UsageError(AnalysisError):
    """A command-line mistake (a bad option or output path): reported as one line."""

    exit_code = 2


class DataError(AnalysisError):
    """The package's own data (the lexicon, the concept catalogue) does not have the shape the code needs."""


class BuildError(AnalysisError):
    """A build failure, reported as one line (details, if any, printed before it)."""
