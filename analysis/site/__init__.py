"""What the pages show: one report's queries and pairs, prose, views (the report's and the corpus chapters'), links, charts, style, downloads, search, themes, pages."""
