"""The hand-off report: what the user did, for a support agent to read.

`render_report(guide, walker, "markdown" | "json", lang)` says which guide
(title, id, language, reviewed date), each step done and when (the seconds are
the difference of the two times shown, so they always agree; a step visited
again says how often and how long in all), every answer, the checklist items
ticked and not ticked, where the user is now (and, once finished, the ending
they were given), and the support contacts with each disclaimer right beside
the number.

Guide text is data: in Markdown every character that could start markup
(links, HTML, emphasis, a list or heading) is escaped and line breaks are
folded, and in both formats control and invisible characters are shown as
escapes, so a report can neither link nor reformat nor drive a terminal.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shlex
from typing import Any

from guide_tui.core.markdown import md_escape
from guide_tui.core.model import Guide
from guide_tui.core.text import json_safe
from guide_tui.core.walker import Walker
from guide_tui.i18n import t

REPORT_FORMAT = 2  # 2: a step skipped or confirmed, typed and private answers (label null), the replay command
FORMATS = ("markdown", "json")


def render_report(
    guide: Guide,
    walker: Walker,
    fmt: str = "markdown",
    lang: str = "en",
    *,
    now: float | None = None,
    opened_as: str | None = None,
) -> str:
    """The report as Markdown or JSON text (ValueError for another format). `opened_as`:
    how the replay command names the guide (library/find.py reopen_name), else its id."""
    data = report_data(guide, walker, now=now, opened_as=opened_as)
    if fmt == "json":
        return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "markdown":
        return _markdown(data, lang)
    raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")


def report_data(
    guide: Guide, walker: Walker, *, now: float | None = None, opened_as: str | None = None
) -> dict[str, Any]:
    """The report as plain data (times as ISO 8601 with the local offset)."""
    w = walker
    k, n = w.progress()
    steps = []
    for i, step_id in enumerate(w.path):
        stays = [v for v in w.visits if v.step == step_id]
        last = stays[-1] if stays else None
        step = guide.step(step_id)
        confirmed = w.confirmed.get(step_id)
        left = i < len(w.path) - 1 or w.finished
        steps.append(
            {
                "id": step_id,
                "title": w.text(step.title, public=True),
                "done": left and step_id not in w.skipped,
                "skipped": left and step_id in w.skipped,  # the user said it was already done
                "confirm": w.text(step.confirm, public=True) if step.confirm else None,
                "confirmed": _iso(confirmed) if confirmed is not None else None,
                "entered": _iso(last.entered) if last else None,
                "left": _iso(last.left) if last and last.left is not None else None,
                # From the whole seconds shown, so 23:07:17 -> 23:07:19 always reads 2 s.
                "seconds": _seconds(last.entered, last.left) if last and last.left is not None else 0,
                "visits": len(stays),
                "seconds_in_all": sum(_seconds(v.entered, v.left) for v in stays if v.left is not None),
            }
        )
    answers, checklists = [], []
    answered = w.answered
    for step_id in w.path:
        step = guide.step(step_id)
        ask = step.ask
        if ask and ask.key in answered:
            answers.append(
                {
                    "step": step_id,
                    "key": ask.key,
                    "prompt": w.text(ask.prompt, public=True),
                    "label": None if ask.private else answered[ask.key],  # a private answer is never in a report
                    "typed": ask.input,
                    "private": ask.private,
                }
            )
        shown = w.shown(step.checklist)
        if shown:
            ticked = w.ticked(step)
            checklists.append(
                {
                    "step": step_id,
                    "title": w.text(step.title, public=True),
                    "items": [
                        {"text": w.text(step.checklist[j].text, public=True), "ticked": j in ticked} for j in shown
                    ],
                }
            )
    return {
        "report_format": REPORT_FORMAT,
        "generated": _iso(now if now is not None else _dt.datetime.now().timestamp()),
        "guide": {
            "id": guide.id,
            "title": guide.title,
            "language": guide.language,
            "reviewed": guide.reviewed.isoformat() if guide.reviewed else None,
        },
        "now": {
            "step": w.path[-1],
            "title": w.text(w.step.title, public=True),
            "k": k,
            "n": n,
            "finished": w.finished,
            "other_outcome": w.other_outcome,  # ended at a step's own ending, not the guide's
            "ending": _ending(w) if w.finished else None,
        },
        "steps": steps,
        "answers": answers,
        "replay": shlex.join(["guide-tui", *w.replay_args(opened_as)]),
        "checklists": checklists,
        "support": [
            {
                "name": c.name,
                "phone": c.phone,
                "url": c.url,
                "channel": c.channel,
                "hours": c.hours,
                "disclaimer": c.disclaimer,
            }
            for c in guide.support
        ],
    }


def _markdown(data: dict[str, Any], lang: str) -> str:
    g, now = data["guide"], data["now"]
    none, colon = t("report.none", lang), t("colon", lang)
    out = [
        f"# {t('report.heading', lang)}{colon}{md_escape(g['title'])}",
        "",
        f"- {t('report.guide', lang)}{colon}{md_escape(g['id'])}",
        f"- {t('report.language', lang)}{colon}{md_escape(g['language'])}",
        f"- {t('report.reviewed', lang)}{colon}{md_escape(g['reviewed']) if g['reviewed'] else none}",
        f"- {t('report.generated', lang)}{colon}{_shown(data['generated'])}",
        "- "
        + t("report.now", lang)
        + colon
        + (
            t("report.ended" if now["other_outcome"] else "report.finished", lang)
            + (f" — {md_escape(now['ending']['title'])}" if now["ending"] and now["ending"]["title"] else "")
            if now["finished"]
            else f"{t('progress', lang, k=now['k'], n=now['n'])} — {md_escape(now['title'])}"
        ),
        "",
        f"## {t('report.steps', lang)}",
        "",
    ]
    done = [s for s in data["steps"] if s["done"] or s["skipped"]]
    for i, s in enumerate(done, 1):
        out.append(f"{i}. {md_escape(s['title'])} — {step_when(s, lang, data['generated'][:10])}")
        out += [f"   - {md_escape(line)}" for line in step_marks(s, lang, data["generated"][:10])]
    out += [none] if not done else []
    out += ["", f"## {t('report.answers', lang)}", ""]
    out += [f"- {md_escape(a['prompt'])} — {_md_answer(a, lang)}" for a in data["answers"]] or [none]
    out += ["", f"## {t('report.checklists', lang)}", ""]
    for c in data["checklists"]:
        out.append(f"- {md_escape(c['title'])}")
        out += [f"  - [{'x' if i['ticked'] else ' '}] {md_escape(i['text'])}" for i in c["items"]]
    out += [none] if not data["checklists"] else []
    out += ["", f"## {t('report.support', lang)}", ""]
    for c in data["support"]:
        ways = " · ".join(md_escape(c[k]) for k in ("phone", "url", "channel", "hours") if c[k])
        line = f"- **{md_escape(c['name'])}**" + (f"{colon}{ways}" if ways else "")
        if c["disclaimer"]:
            line += f" — ⚠ {md_escape(c['disclaimer'])}"
        out.append(line)
    out += [none] if not data["support"] else []
    out += ["", f"## {t('report.replay', lang)}", "", t("report.replay_explain", lang), ""]
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", data["replay"])), default=0))
    out += [f"{fence}console", json_safe(data["replay"]), fence]
    return "\n".join(out) + "\n"


def _md_answer(answer: dict[str, Any], lang: str) -> str:
    if answer["private"]:
        return f"*{md_escape(t('report.private', lang))}*"
    return f"**{md_escape(answer['label'])}**"


def answer_text(answer: dict[str, Any], lang: str) -> str:
    """An answer as the report shows it: the label or text, or a word for a private one."""
    return t("report.private", lang) if answer["private"] else str(answer["label"])


def step_marks(step: dict[str, Any], lang: str, day: str | None = None) -> list[str]:
    """What the report says under a step besides its times: skipped, confirmed."""
    marks = []
    if step["skipped"]:
        marks.append(t("report.skipped", lang))
    if step["confirm"] is not None:
        if step["confirmed"]:
            shown = _shown(step["confirmed"])
            marks.append(t("report.confirmed", lang, time=shown[11:] if day and shown.startswith(day) else shown))
        else:
            marks.append(t("report.not_confirmed", lang))
    return marks


def step_when(step: dict[str, Any], lang: str, day: str | None = None) -> str:
    """ "entered …, left … (2 s)", and how often and how long in all when it was visited
    again; times on `day` (the day the report was made, YYYY-MM-DD) without the date."""

    def shown(iso: str | None) -> str:
        text = _shown(iso)
        return text[11:] if day and text.startswith(day + " ") else text

    when = t(
        "report.when",
        lang,
        entered=shown(step["entered"]),
        left=shown(step["left"]),
        time=_span(step["seconds"], lang),
    )
    if step["visits"] > 1:
        when += t("report.visits", lang, n=step["visits"], time=_span(step["seconds_in_all"], lang))
    return when


def _span(seconds: int, lang: str) -> str:
    if seconds < 60:
        return t("report.seconds", lang, s=seconds)
    return t("report.minutes", lang, m=seconds // 60, s=seconds % 60)


def _ending(w: Walker) -> dict[str, str | None]:
    """The finish text the walk ended with (a step's own or the guide's)."""
    finish = w.ending()
    return {
        "title": w.text(finish.title) if finish and finish.title else None,
        "body": w.text(finish.body) if finish and finish.body else None,
    }


def _seconds(entered: float, left: float) -> int:
    """A stay's length in whole seconds, as the two times are shown (to the second)."""
    return int(left) - int(entered)


def _iso(ts: float) -> str:
    return _dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def _shown(iso: str | None) -> str:
    """An ISO time as `YYYY-MM-DD HH:MM:SS` (local, as recorded), or a dash."""
    return iso[:19].replace("T", " ") if iso else "—"
