"""Import: an existing notice (.docx, text PDF, plain text) becomes a spec that rebuilds it."""
