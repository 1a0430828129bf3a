"""Many reports: the cached tables, the corpus panel (manifest, scorecards, revisions), accuracy."""
