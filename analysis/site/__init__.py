"""What the pages show: one report's queries, prose, views, charts, style, downloads, search, pages."""
