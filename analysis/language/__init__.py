"""The language data compiled: lexicon, numerals, the concept catalogue."""
