"""Commands over single articles: read, ingest, articles, show (implemented in the foundation issue)."""
