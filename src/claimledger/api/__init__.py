"""REST API and web UI faces (FastAPI): ``create_app(settings)``."""
