"""Many reports: the cached tables, one report's table as the pages show it, the manifest, a report's place,
picking targets and results, scorecards, revisions, comparisons, the sector chapters, accuracy."""
