"""Stage 2, Notice → NoticeContext: the derived wording, numbering and rule widths (what the document says)."""
