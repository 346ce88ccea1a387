"""Keep the translations of the interface in step with English, and compile them: `make po`.

guide_tui/i18n/locale/en/LC_MESSAGES/guide_tui.po is the source: each msgid
is a message's key, each msgstr its English text (with msgid_plural and
msgstr[0], msgstr[1] for a plural message).  For every other language's
guide_tui.po this

- adds each new key, untranslated (the program shows it in English until
  it is translated), and drops the keys English no longer has;
- gives every entry English's notes for translators and the English text
  as `#.` comments, so Poedit and Weblate show what to translate;
- marks a translation `fuzzy` when its English text has changed: a fuzzy
  translation is not compiled (English is shown instead) until a
  translator checks it and removes the flag;

then compiles each .po to the guide_tui.mo beside it, which the program reads
with the standard library's gettext module.

    python tools/po.py                     # update the translations, compile every .mo
    python tools/po.py --check             # change nothing; exit 1 if `make po` would change something
    python tools/po.py --new fr "nplurals=2; plural=(n > 1);"   # start a translation (docs/translating.md)

Needs polib (the `dev` extra).  The program itself never imports this.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "guide_tui" / "i18n" / "locale"
DOMAIN = "guide_tui"
SOURCE = "en"
WRAP = 79  # as msgmerge and Poedit wrap, so their saves and ours differ little
_ENGLISH = re.compile(r"^English( \(plural\))?:", re.M)


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(locale: str) -> Path:
    return po_path(locale).with_suffix(".mo")


def locales() -> list[str]:
    """Every language with a catalog, as folder names (en, zh_CN)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(locale: str) -> polib.POFile:
    return polib.pofile(str(po_path(locale)), wrapwidth=WRAP)


def nplurals(po: polib.POFile) -> int:
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    if not found:
        raise SystemExit(f"{po.fpath}: the header has no Plural-Forms such as `nplurals=1; plural=0;`")
    return int(found.group(1))


def english_note(entry: polib.POEntry) -> str:
    """The English text, as a `#.` comment for translators."""
    if entry.msgid_plural:
        one, other = entry.msgstr_plural[0], entry.msgstr_plural[1]
        return f"English: {one}\nEnglish (plural): {other}"
    return f"English: {entry.msgstr}"


def notes_of(source: polib.POEntry) -> str:
    return "\n".join(part for part in (source.comment, english_note(source)) if part)


def english_part(comment: str) -> str:
    found = _ENGLISH.search(comment)
    return flat(comment[found.start() :]) if found else ""


def flat(comment: str) -> str:
    """A comment without its white space: polib, Poedit and msgmerge wrap comments each their own way
    (and textwrap may break a line after a hyphen)."""
    return "".join(comment.split())


def synced(english: polib.POFile, old: polib.POFile) -> polib.POFile:
    """`old` (a translation) with English's keys, notes and order; changed English marks fuzzy."""
    forms = nplurals(old)
    new = polib.POFile(wrapwidth=WRAP)
    new.header = old.header
    new.metadata = old.metadata
    new.metadata_is_fuzzy = old.metadata_is_fuzzy
    had = {e.msgid: e for e in old if not e.obsolete}
    for source in english:
        if source.obsolete:
            continue
        entry = polib.POEntry(msgid=source.msgid, comment=notes_of(source))
        was = had.get(source.msgid)
        if was is not None:
            entry.tcomment = was.tcomment
            entry.flags = [f for f in was.flags if f != "fuzzy"]
        texts = (
            []
            if was is None
            else [was.msgstr_plural[i] for i in sorted(was.msgstr_plural)]
            if was.msgid_plural
            else [was.msgstr]
        )
        if source.msgid_plural:
            entry.msgid_plural = source.msgid
            entry.msgstr_plural = {i: (texts[min(i, len(texts) - 1)] if texts else "") for i in range(forms)}
        else:
            entry.msgstr = texts[-1] if texts else ""
        changed = was is not None and (
            "fuzzy" in was.flags
            or english_part(was.comment) != flat(english_note(source))
            or bool(was.msgid_plural) != bool(source.msgid_plural)
        )
        if changed and any(texts):
            entry.flags.append("fuzzy")
        new.append(entry)
    return new


def content(po: polib.POFile) -> list[tuple[object, ...]]:
    """What a catalog says, without its layout (line wrapping, quoting)."""
    return [(po.header, sorted(po.metadata.items()))] + [
        (
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            sorted(e.msgstr_plural.items()),
            flat(e.comment),
            e.tcomment,
            e.flags,
            e.obsolete,
        )
        for e in po
    ]


def stale() -> list[str]:
    """What `make po` would change: translations behind English, .mo files behind their .po."""
    english = read(SOURCE)
    problems = []
    for locale in locales():
        po = english if locale == SOURCE else read(locale)
        if locale != SOURCE and content(synced(english, po)) != content(po):
            problems.append(f"{po_path(locale).relative_to(ROOT)} is not in step with English")
        mo = mo_path(locale)
        if not mo.exists() or mo.read_bytes() != po.to_binary():
            problems.append(f"{mo.relative_to(ROOT)} was not compiled from the .po beside it")
    return problems


def update() -> None:
    english = read(SOURCE)
    for locale in locales():
        po = english
        if locale != SOURCE:
            po = synced(english, read(locale))
            po.save(str(po_path(locale)))
        mo_path(locale).write_bytes(po.to_binary())
        untranslated = len(po.untranslated_entries()) + len(po.fuzzy_entries())
        print(
            f"{locale}: {len(po.translated_entries())} messages"
            + (f", {untranslated} to translate" if untranslated else "")
        )


def new_language(locale: str, plural_forms: str) -> None:
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?", locale):
        raise SystemExit(f"{locale!r}: give a POSIX locale name such as fr, pt_BR or zh_TW")
    if po_path(locale).exists():
        raise SystemExit(f"{po_path(locale)} exists already")
    po = polib.POFile(wrapwidth=WRAP)
    po.header = f"guide-tui's interface words in {locale}.\nEach msgid is a message's key; the #. notes give the English text. How to translate: docs/translating.md."
    po.metadata = {
        "Project-Id-Version": "guide-tui",
        "PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "guide-tui developers",
        "Language-Team": locale,
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
    }
    nplurals(po)
    po_path(locale).parent.mkdir(parents=True)
    po.save(str(po_path(locale)))
    update()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/po.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if `make po` would")
    parser.add_argument("--new", nargs=2, metavar=("LOCALE", "PLURAL_FORMS"), help="start a translation")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for problem in problems:
            print(f"{problem}: run `make po`", file=sys.stderr)
        return 1 if problems else 0
    if args.new:
        new_language(*args.new)
    else:
        update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
