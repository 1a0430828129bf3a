"""Building the site: the pipeline (plan, chapters, book, publish, lock), notebooks, PDF, add-report."""
