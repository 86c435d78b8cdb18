"""ttbgen: Decree 30 meeting-conclusion notices from YAML specs, and a Decree 30 checker for any .docx."""

__version__ = "0.1.0"
