"""The importer: a draft guide from an article (text, Markdown, a saved web page or
schema.org HowTo markup), with what it guessed and what a person must check."""
