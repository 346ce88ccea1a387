"""Interface words in zh-CN and en: one dict per language in guide_tui/locales/.

    t("progress", "zh-CN", k=4, n=7)  ->  "第 4 步，共 7 步"

Choosing the language: --lang, else the guide's language when the interface
has it, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import os

from guide_tui.i18n.locales import en, zh_CN

CATALOGS: dict[str, dict[str, str]] = {"en": en.MESSAGES, "zh-CN": zh_CN.MESSAGES}
LANGUAGES = tuple(CATALOGS)


def match_language(tag: str | None) -> str | None:
    """The interface language for a BCP 47 or POSIX locale tag, if we have one."""
    if not tag:
        return None
    tag = tag.split(".")[0].split("@")[0].replace("_", "-").lower()
    if tag in ("c", "posix", ""):
        return None
    for lang in LANGUAGES:
        if tag == lang.lower() or tag.split("-")[0] == lang.split("-")[0].lower():
            return lang
    return None


def locale_language(environ: dict[str, str] | None = None) -> str | None:
    """The language the locale asks for (LC_ALL, LC_MESSAGES, LANG), if any.

    C, POSIX and an unset locale ask for none."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            tag = value.split(".")[0].split("@")[0]
            return None if tag in ("C", "POSIX") else tag.replace("_", "-")
    return None


def choose_language(
    requested: str | None = None, guide_language: str | None = None, environ: dict[str, str] | None = None
) -> str:
    """--lang, else the guide's language, else the locale, else English."""
    env = os.environ if environ is None else environ
    for candidate in (requested, guide_language, env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG")):
        found = match_language(candidate)
        if found:
            return found
    return "en"


def t(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang` (English if missing), with {params} filled in."""
    catalog = CATALOGS.get(lang, CATALOGS["en"])
    text = catalog.get(key) or CATALOGS["en"][key]
    return text.format(**params) if params else text


class Message:
    """A message not yet put into words: a catalog key and its parameters.

    A parameter may itself be a Message (such as "found a list" inside "`steps`
    must be …"); each is put into the same language.  Loader problems and the
    importer's report keep Messages so that they can be shown in any language
    after they were found.  str() gives the English words."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str = "en") -> str:
        """The words in `lang` (English where the catalog lacks the key).

        Unlike t(), the text is always formatted, even without parameters, so
        that a catalog entry read through a Message writes `{{` for `{`."""
        catalog = CATALOGS.get(lang, CATALOGS["en"])
        text = catalog.get(self.key) or CATALOGS["en"][self.key]
        return text.format(
            **{name: value.text(lang) if isinstance(value, Message) else value for name, value in self.params.items()}
        )

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]  # params may hold anything


def cli_language(requested: str | None = None) -> str:
    """The language of a command's messages: --lang (if the command has one),
    else the locale, else English (never the guide's language: a message may
    come before any guide is read)."""
    return choose_language(requested, None)
