"""Interface messages, one module per language; every key exists in each."""
