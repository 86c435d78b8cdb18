"""The tasks a notice assigns: the register, deadlines in words, follow-up status, exports and the report."""
