"""The library: finding guide files (scan, find), their metadata and its cache,
the translations beside a guide, and the search behind the library screen."""
