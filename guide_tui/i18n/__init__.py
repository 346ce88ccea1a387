"""Interface words in zh-CN and en, from gettext catalogs in guide_tui/i18n/locale/.

    t("progress", "zh-CN", k=4, n=7)   ->  "第 4 步，共 7 步"
    tn("cli.count.errors", 2, "en")    ->  "2 errors"

Each language's words are a gettext catalog, locale/<ll_CC>/LC_MESSAGES/
guide_tui.po, whose msgids are the keys used here; English is the source the
others follow (docs/translating.md).  The program reads the compiled .mo
beside each .po with the standard library's gettext, one language at a time
and only when it is first asked for: English is read for another language
only when a message is missing there.

A plural message (msgid_plural in the catalog) is chosen by its parameter
`n`, with the language's own plural rule: `tn(key, n, lang)`, or a `Message`
made with `n=`.

The interface language is chosen in one place, choose_language(): --lang,
else the guide's language when the interface has it, else the locale
(LC_ALL, LC_MESSAGES, LANG), else English.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable, Iterator, Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import overload

DOMAIN = "guide_tui"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


def _mo_path(lang: str) -> str:
    """The compiled catalog of a language: zh-CN -> locale/zh_CN/LC_MESSAGES/guide_tui.mo."""
    return os.path.join(LOCALE_DIR, lang.replace("-", "_"), "LC_MESSAGES", f"{DOMAIN}.mo")


def _languages() -> tuple[str, ...]:
    """The languages that have a compiled catalog, English first (BCP 47 tags)."""
    try:
        names = os.listdir(LOCALE_DIR)
    except OSError:
        names = []
    found = sorted(name.replace("_", "-") for name in names if os.path.isfile(_mo_path(name)))
    return tuple(sorted(found, key=lambda lang: lang != "en"))


LANGUAGES = _languages()


class Catalog:
    """One language's messages, read from its .mo file."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        with open(_mo_path(lang), "rb") as file:
            self._translations = gettext.GNUTranslations(file)

    if TYPE_CHECKING:

        @overload
        def get(self, key: str) -> str | None: ...
        @overload
        def get(self, key: str, default: str) -> str: ...

    def get(self, key: str, default: str | None = None) -> str | None:
        """The message `key` (a plural message's first form), or `default` if this language lacks it."""
        text = self._translations.gettext(key)
        return default if text == key else text  # gettext gives back the msgid it does not have

    def plural(self, key: str, n: int) -> str | None:
        """The form of a plural message for the count `n`, or None if this language lacks it
        or it is not a plural message."""
        text = self._translations.ngettext(key, key, n)
        return None if text == key else text

    def __getitem__(self, key: str) -> str:
        text = self.get(key)
        if text is None:
            raise KeyError(key)
        return text

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


class Catalogs(Mapping[str, Catalog]):
    """Language -> Catalog, each read the first time it is asked for."""

    def __init__(self) -> None:
        self._read: dict[str, Catalog] = {}

    @property
    def loaded(self) -> tuple[str, ...]:
        """The languages read so far."""
        return tuple(self._read)

    def __getitem__(self, lang: str) -> Catalog:
        catalog = self._read.get(lang)
        if catalog is None:
            if lang not in LANGUAGES:
                raise KeyError(lang)
            catalog = self._read[lang] = Catalog(lang)
        return catalog

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


CATALOGS = Catalogs()


def _words(key: str, lang: str, params: Mapping[str, object]) -> str:
    """The text of `key` in `lang`, else in English; a plural message in the form for params["n"]."""
    n = params.get("n")
    for code in (lang, "en") if lang != "en" else ("en",):
        catalog = CATALOGS.get(code)
        if catalog is None:
            continue
        text = catalog.plural(key, n) if isinstance(n, int) else None
        if text is None:
            text = catalog.get(key)
        if text is not None:
            return text
    raise KeyError(key)


def t(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang` (English if missing), with {params} filled in.

    A message read without parameters is not formatted, so braces in it print as written."""
    text = _words(key, lang, params)
    return text.format(**params) if params else text


def tn(key: str, n: int, lang: str, **params: object) -> str:
    """A plural message in the form `lang` uses for the count `n`, which also fills {n}."""
    return t(key, lang, n=n, **params)


class Message:
    """A message not yet put into words: a catalog key and its parameters.

    A parameter may itself be a Message (such as "found a list" inside "`steps`
    must be …"); each is put into the same language.  A plural message counts
    its parameter `n`.  Loader problems and the importer's report keep Messages
    so that they can be shown in any language after they were found.  str()
    gives the English words."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str = "en") -> str:
        """The words in `lang` (English where the catalog lacks the key).

        Unlike t(), the text is always formatted, even without parameters, so
        that a catalog entry read through a Message writes `{{` for `{`."""
        return _words(self.key, lang, self.params).format(
            **{name: value.text(lang) if isinstance(value, Message) else value for name, value in self.params.items()}
        )

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]  # params may hold anything


class Listed(Message):
    """Words or messages that print as one list, joined as the language of the message
    they are in joins a list: "en, zh-CN" in English, "en、zh-CN" in Chinese."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[object]) -> None:
        super().__init__("translation.list_separator")
        self.items = tuple(items)

    def text(self, lang: str = "en") -> str:
        separator = _words("translation.list_separator", lang, {})
        return separator.join(item.text(lang) if isinstance(item, Message) else str(item) for item in self.items)

    def __repr__(self) -> str:
        return f"Listed({self.items!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Listed) and self.items == other.items


# -- the interface language ------------------------------------------------------


def match_language(tag: str | None) -> str | None:
    """The interface language for a BCP 47 or POSIX locale tag, if we have one:
    the same tag, else one of the same base language (zh-TW -> zh-CN)."""
    if not tag:
        return None
    tag = tag.split(".")[0].split("@")[0].replace("_", "-").lower()
    if tag in ("c", "posix", ""):
        return None
    for lang in LANGUAGES:
        if tag == lang.lower():
            return lang
    for lang in LANGUAGES:
        if tag.split("-")[0] == lang.split("-")[0].lower():
            return lang
    return None


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale asks for (LC_ALL, LC_MESSAGES, LANG), if any, as a tag
    such as zh-CN, whether or not the interface has it (guides may).

    C, POSIX and an unset locale ask for none."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            tag = value.split(".")[0].split("@")[0]
            return None if tag in ("C", "POSIX") else tag.replace("_", "-")
    return None


def choose_language(
    requested: str | None = None, guide_language: str | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The interface language, chosen here for every screen and command:
    --lang (`requested`), else the guide's language when the interface has it,
    else the locale (LC_ALL, LC_MESSAGES, LANG), else English.

    A command with no guide (or whose messages may come before any guide is
    read) passes no guide language: --lang, else the locale, else English."""
    env = os.environ if environ is None else environ
    for candidate in (requested, guide_language, env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG")):
        found = match_language(candidate)
        if found:
            return found
    return "en"
