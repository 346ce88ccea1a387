"""The plain mode: the walk as short lines of text, for screen readers and pipes.

`guide-tui --plain GUIDE` walks the same Walker as the full screen, but prints
each step as plain lines and reads one command a line from standard input, so
it works with a screen reader, over a pipe, with TERM=dumb or in a log file.
It never writes an escape sequence, a colour, a box-drawing line or a spinner.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
import time
import unicodedata
from typing import TYPE_CHECKING, TextIO

from guide_tui.cli.plain_text import CONFIRM_WORDS, PLAIN_NOTICES, is_command, number_typed, plain_lines
from guide_tui.core import review
from guide_tui.core.conditional import Blocks, Text
from guide_tui.core.fields import END
from guide_tui.core.model import Guide, Step
from guide_tui.core.text import safe_text
from guide_tui.core.walker import Walker
from guide_tui.i18n import t
from guide_tui.tui.keys import can_act, plain_keys

if TYPE_CHECKING:  # store.py is optional here: the plain mode runs without saving
    from guide_tui.progress.store import Session

# -- the walk ------------------------------------------------------------------


class PlainWalk:
    """One plain-mode session: prints the walker's state, turns lines into walker calls."""

    def __init__(self, guide: Guide, lang: str, stdin: TextIO, stdout: TextIO, session: Session | None = None) -> None:
        self.guide = guide
        self.lang = lang
        self.stdin = stdin
        self.stdout = stdout
        self.session = session
        self.walker: Walker = session.walker if session is not None else Walker(guide)
        self.notices_shown = 0

    # -- output ----------------------------------------------------------------

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def say(self, line: str = "") -> None:
        self.stdout.write(safe_text(line) + "\n")
        self.stdout.flush()

    def say_block(self, markdown: str | None, prefix_key: str | None = None) -> None:
        """Guide Markdown as plain lines, the first one after a word such as "Warning:"."""
        lines = plain_lines(self.walker.markdown(markdown))  # answers escaped: a typed "[x](…)" stays text
        for i, line in enumerate(lines):
            self.say(self.tr(prefix_key, text=line) if prefix_key and i == 0 else line)

    def say_items(self, items: Blocks | tuple[Text, ...] | None, prefix_key: str | None = None) -> None:
        """The blocks (of a body or warning) or notes shown now (their `when` holds),
        each as say_block says it."""
        texts = items.blocks if isinstance(items, Blocks) else items or ()
        for n in self.walker.shown(texts):
            self.say_block(texts[n], prefix_key)

    def intro(self) -> None:
        self.say(self.guide.title)
        self.say_block(self.guide.summary)
        if self.guide.estimated_minutes:
            self.say(self.tr("plain.minutes", n=self.guide.estimated_minutes))
        self.say(self.tr("plain.intro"))
        if self.guide.support:  # who to call, as early as the full screen shows it (beside every step)
            self.show_support()
        self.show_notices()

    def show_notices(self) -> None:
        """The session's notices not yet shown (a save that failed mid-walk adds one)."""
        notices = list(getattr(self.session, "notices", None) or [])
        for notice in notices[self.notices_shown :]:
            # "press R to start over": the plain mode has no keys, and its "r" shows the step again
            key = PLAIN_NOTICES.get(notice.code, f"notice.{notice.code}")
            try:
                self.say(self.tr(key, **dict(notice.params or {})))
            except (KeyError, IndexError, ValueError):
                self.say(str(notice.code))
        self.notices_shown = len(notices)

    def show_step(self) -> None:
        w, step = self.walker, self.walker.step
        k, n = w.progress()
        self.say()
        self.say(self.tr("progress", k=k, n=n))
        self.say(w.text(step.title))
        self.say_items(step.warning, "plain.warning")
        self.say_items(step.body)
        if step.ask and step.ask.typed:
            self.say(self.tr("plain.question", text=w.text(step.ask.prompt)))
            self.say_typed(step)
        elif step.ask:
            self.say(self.tr("plain.question", text=w.text(step.ask.prompt)))
            chosen = w.choice(step)
            for i, option in enumerate(step.ask.options):
                mark = " " + self.tr("plain.chosen") if i == chosen else ""
                self.say(f"{i + 1}. {option.label}{mark}")
            if chosen is not None:
                self.say_block(step.ask.options[chosen].note, "plain.option_note")
        rows = w.shown(step.checklist)
        if rows:
            self.say(self.tr("plain.checklist"))
            for row in range(len(rows)):
                self.say(self.item_line(step, row))
        self.say_items(step.notes, "plain.note")
        if step.confirm:
            self.say_block(step.confirm, "plain.confirm")
            self.say_confirmed(step)
        if step.show_support:
            self.show_support()
        self.say(self.tr("plain.commands", list=self.command_list()))

    def say_typed(self, step: Step) -> None:
        """How to answer a typed question, and the answer kept."""
        ask = step.ask
        assert ask is not None
        kept = self.walker.typed_answer(step)
        if kept is not None:
            self.say(self.tr("plain.typed_kept", answer=kept))
        else:
            how = self.tr(f"input.how.{ask.input}", n=ask.limit)
            self.say(self.tr("plain.type_how", how=how, hint=ask.hint or "").rstrip())

    def say_confirmed(self, step: Step) -> None:
        when = self.walker.confirmed.get(step.id)
        if when is not None:
            self.say(self.tr("confirm.done", time=time.strftime("%H:%M:%S", time.localtime(when))))
        else:
            self.say(self.tr("plain.confirm_how", word=self.tr("plain.confirm_word")))

    def item_line(self, step: Step, row: int) -> str:
        """A checklist item by its number among the items shown."""
        i = self.walker.shown(step.checklist)[row]
        key = "plain.item_done" if i in self.walker.ticked(step) else "plain.item_open"
        return self.tr(key, k=row + 1, item=self.walker.text(step.checklist[i].text))

    def command_list(self) -> str:
        """The commands that do something on this step, for the prompt line, in the
        key table's order (guide_tui/tui/keys.py, shared with the full screen)."""
        w, step = self.walker, self.walker.step
        parts = []
        for key in plain_keys():
            if not key.plain_label or not can_act(key, w):
                continue
            label = key.plain_label
            if key.id == "guide.next" and w.next_id() == END:  # its own finish: "end here", not "finish"
                label = "plain.cmd.end_here" if step.finish else "plain.cmd.finish"
            elif key.id == "checklist.tick" and len(w.shown(step.checklist)) == 1:
                label = "plain.cmd.tick_single"
            count = len(step.ask.options) if step.ask and key.needs == "ask" else len(w.shown(step.checklist))
            parts.append(self.tr(label, n=count, word=self.tr("plain.confirm_word")))
        return self.tr("plain.sep").join(parts)

    def show_support(self) -> None:
        if not self.guide.support:
            self.say(self.tr("plain.no_support"))
            return
        self.say(self.tr("plain.support_title"))
        sep = self.tr("plain.sep_details")
        for k, contact in enumerate(self.guide.support, 1):
            details = []
            if contact.phone:
                details.append(self.tr("plain.phone", phone=contact.phone))
            if contact.url:
                details.append(self.tr("plain.link", url=contact.url))
            if contact.channel:
                details.append(contact.channel)
            if contact.disclaimer:  # right after the number or address it qualifies, on the same line
                caveat = self.tr("plain.disclaimer", text=" ".join(contact.disclaimer.split()))
                details.insert(1 if contact.phone or contact.url else len(details), caveat)
            if contact.hours:
                details.append(self.tr("plain.hours", hours=contact.hours))
            # a detail's own full stop goes where the separator follows it ("…为准。；服务时间")
            details = [d.rstrip("。．.") if n < len(details) - 1 else d for n, d in enumerate(details)]
            self.say(self.tr("plain.contact", k=k, name=contact.name, details=sep.join(details)))
        if self.guide.reviewed:
            ago = review.age(self.guide.reviewed, review.today())
            date = self.guide.reviewed.isoformat()
            self.say(
                self.tr("plain.checked", ago=ago.text(self.lang), date=date)
                if ago
                else self.tr("plain.reviewed", date=date)
            )

    def show_finish(self) -> None:
        w = self.walker
        finish = w.ending()  # the last step's own finish, else the guide's
        self.say()
        self.say(w.text(finish.title) if finish and finish.title else self.tr("plain.finished"))
        if finish:
            self.say_block(finish.body)
        unticked = w.unticked()
        if unticked:  # said at the end, so that "done" is never read over a check left open
            self.say(self.tr("plain.unticked"))
            for step_id, n in unticked:
                self.say(f"- {w.text(self.guide.step(step_id).checklist[n].text)}")
        answered = w.answered
        asks = [self.guide.step(s).ask for s in w.path]
        lines = [(w.text(a.prompt), answered[a.key]) for a in asks if a and a.key in answered]
        if lines:
            self.say(self.tr("plain.your_answers"))
            for prompt, label in lines:
                self.say(self.tr("plain.answer_line", prompt=prompt, label=label))
        self.say(self.tr("plain.path_title"))
        self.show_path(mark_current=False)

    def show_path(self, mark_current: bool) -> None:
        path = self.walker.path
        for i, step_id in enumerate(path, 1):
            here = mark_current and i == len(path)
            mark = " " + self.tr("plain.current") if here else ""
            if step_id in self.walker.skipped and not here:
                mark = self.tr("walk.aside", note=self.tr("walk.skipped"))
            self.say(f"{i}. {self.walker.text(self.guide.step(step_id).title)}{mark}")

    def show_help(self) -> None:
        self.say(self.tr("plain.help.title"))
        for key in plain_keys():
            self.say(self.tr(key.plain_help))

    # -- input ---------------------------------------------------------------------

    def changed(self) -> None:
        if self.session is not None:
            self.session.changed()
            self.show_notices()

    def run(self) -> int:
        """The whole walk; 0 when it ends, on `q` and at the end of input."""
        self.intro()
        if self.walker.finished:
            self.show_finish()
            return 0
        self.show_step()
        while True:
            line = self.stdin.readline()
            if not line:
                return self.leave()
            # NFKC turns full-width letters, digits and "?" from a CJK input method into ASCII.
            command = unicodedata.normalize("NFKC", line).strip().lower()
            if command == "q":
                return self.leave()
            if self.typing(line.rstrip("\r\n"), command):
                continue
            if self.do(command) and self.walker.finished:
                self.show_finish()
                return 0

    def leave(self) -> int:
        """Quit (q or end of input): save first, so the last line tells the truth."""
        if self.session is not None:
            self.session.flush()
            self.show_notices()
        saving = self.session is not None and bool(getattr(self.session, "saving", False))
        self.say(self.tr("plain.saved" if saving else "plain.not_saved"))
        return 0

    def typing(self, line: str, command: str) -> bool:
        """A typed answer: `= TEXT` at a question that takes one, or, while it has none
        yet, any line that is not a command; True if the line was taken as an answer."""
        step = self.walker.step
        if self.walker.finished or not (step.ask and step.ask.typed):
            return False
        text = line.strip()
        if text[:1] in ("=", "＝"):
            text = text[1:]
        elif (
            self.walker.typed_answer() is not None
            or is_command(command)
            or command == self.tr("plain.confirm_word").lower()
        ):
            return False
        problem = self.walker.answer_typed(text)
        if problem is not None:
            self.say(problem.text(self.lang))
            return True
        self.changed()
        self.say(self.tr("plain.typed_kept", answer=self.walker.typed_answer() or ""))
        return True

    def do(self, command: str) -> bool:
        """Carry out one command; True if the walker moved."""
        w, step = self.walker, self.walker.step
        target = re.fullmatch(r"([xj])\s*(\S*)", command)
        number = number_typed(command)
        if command in ("", "n"):
            if not w.advance():
                if w.next_id() is not None and w.needs_confirm:
                    self.say(self.tr("plain.confirm_first", word=self.tr("plain.confirm_word")))
                elif step.ask and step.ask.typed:
                    self.say(self.tr("plain.type_first"))
                else:
                    self.say(self.tr("plain.blocked", n=len(step.ask.options) if step.ask else 0))
                return False
            self.changed()
            if not w.finished:
                self.show_step()
            return True
        if command == "b":
            if not w.back():
                self.say(self.tr("plain.first_step"))
                return False
            self.changed()
            self.show_step()
            return True
        if command in CONFIRM_WORDS or command == self.tr("plain.confirm_word").lower():
            if w.needs_confirm and w.confirm():
                self.changed()
                self.say_confirmed(step)
            else:
                self.say(self.tr("plain.no_confirm"))
            return False
        if command == "d":
            title = w.text(step.title)
            if not w.skip():
                self.say(self.tr("skip.answer_first"))
                return False
            self.changed()
            self.say(self.tr("skip.done", title=title))
            if not w.finished:
                self.show_step()
            return True
        if number is not None:
            self.answer(step, number)
        elif target and target[1] == "x":
            self.tick(step, number_typed(target[2]))
        elif target and target[1] == "j":
            return self.jump(number_typed(target[2]))
        elif command == "s":
            self.show_support()
        elif command == "o":
            self.say(self.tr("plain.outline_title"))
            self.show_path(mark_current=True)
        elif command == "r":
            self.show_step()
        elif command in ("?", "h", "help"):
            self.show_help()
        else:
            self.say(self.tr("plain.unknown", list=self.command_list()))
        return False

    def answer(self, step: Step, number: int) -> None:
        if step.ask is None or step.ask.typed:
            self.say(self.tr("plain.no_question"))
        elif not self.walker.answer(number - 1):
            self.say(self.tr("plain.bad_option", k=number, n=len(step.ask.options)))
        else:
            self.changed()
            self.say(self.tr("plain.answered", k=number, label=step.ask.options[number - 1].label))
            self.say_block(step.ask.options[number - 1].note, "plain.option_note")

    def tick(self, step: Step, number: int | None) -> None:
        rows = self.walker.shown(step.checklist)
        if not rows:
            self.say(self.tr("plain.no_checklist"))
        elif number is None or not 1 <= number <= len(rows) or not self.walker.toggle(rows[number - 1]):
            self.say(self.tr("plain.bad_item", n=len(rows)))
        else:
            self.changed()
            self.say(self.item_line(step, number - 1))

    def jump(self, number: int | None) -> bool:
        visited = len(self.walker.path)
        if visited < 2:
            self.say(self.tr("plain.first_step"))
            return False
        if number is None or not self.walker.jump(number - 1):
            self.say(self.tr("plain.bad_jump", n=visited - 1))
            return False
        self.changed()
        self.show_step()
        return True


def run_plain(guide: Guide, *, lang: str, stdin: TextIO, stdout: TextIO, session: Session | None = None) -> int:
    """Walk `guide` line by line on stdin/stdout; returns the exit code (0).

    With a session, its walker is used and saved after each change, its notices
    are printed first and it is closed on the way out, whatever happens.
    """
    try:
        return PlainWalk(guide, lang, stdin, stdout, session).run()
    finally:
        if session is not None:
            session.close()
