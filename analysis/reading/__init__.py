"""Reading a report: decoding, undoing the PDF layout, sections and sentences, the Document."""
