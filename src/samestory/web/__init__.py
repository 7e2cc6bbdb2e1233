"""The web pages: server-rendered templates (autoescaped) over the same service as the JSON API."""
