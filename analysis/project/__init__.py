"""Where the project's files are, report.yml, the base error, atomic files, hashes, processes."""
