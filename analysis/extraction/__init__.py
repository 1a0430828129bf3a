"""From a Document to the table: mentions, values, naming, sectors, timing, subjects, schema."""
