"""Stage 3, NoticeContext + template → .docx bytes: sandboxed Jinja, manifests, the template search path,
deterministic zip, static template checks."""
