"""Stage 4, .docx → PDF and page images through LibreOffice (the only stage that starts soffice)."""
