"""Shared helpers for the faces (CLI, web): rendering, progress. No business logic."""
