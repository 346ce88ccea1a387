"""The core: the guide model, the YAML reader, the loader and its checks, problems,
templates, the walker, the schema and text (terminal safety, width, line breaking).

It imports nothing from Textual or Rich, nor from any package above it
(import-linter contracts in pyproject.toml)."""
