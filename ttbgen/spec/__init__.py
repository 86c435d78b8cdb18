"""Stage 1, YAML → Notice: nodes with line:col, the schema as data, the model, loading, office profiles, lint
(semantic warnings) and starter specs."""
