"""Web UI: HTML views over the same Service calls as the REST API (autoescaped Jinja)."""
