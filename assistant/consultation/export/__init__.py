"""Export a consultation record as Markdown, DOCX or PDF (to be implemented)."""
