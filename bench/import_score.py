"""How well `guide-tui import` reads real articles: the corpus in tests/data/articles/.

    python bench/import_score.py            # every article: a table and the totals
    python bench/import_score.py --smoke    # three articles (text, Markdown, HowTo), for CI
    python bench/import_score.py NAME ...   # the articles whose file name contains NAME

Each article (a .txt copied from the page, a .md, a saved .html or a .jsonld)
has a sidecar NAME.expected.yaml with its source address, the step titles a
person would expect, in order, facts that must survive and page furniture that
must not.  For each article the score says:

  steps      the step titles match the expected ones exactly, in order (a title
             the importer shortened with "…" matches the text it starts)
  facts      expected facts found in the guide / expected
  furniture  furniture left out / listed
  valid      the guide loads with 0 errors
  walkable   `guide-tui --plain` fed "n" lines reaches "Finished" and exits 0
  invented   numbers and quoted labels in the guide that are not in the article

The exit status is 1 when a target is missed: 90% of the articles with exactly
the expected steps, every one valid and walkable, nothing invented.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "articles"
SMOKE = ("en-maxxsouth-reset-modem.txt", "zh-haowen888-eleme-xianchihoufu.txt", "en-schemaorg-flat-tire.jsonld")
sys.path.insert(0, str(ROOT))

_LABEL = re.compile(r"“([^”\n]{1,40})”|「([^」\n]{1,40})」|【([^】\n]{1,40})】|\"([^\"\n]{1,40})\"")


@dataclass
class Score:
    name: str
    steps_ok: bool
    got: list[str]
    expected: list[str]
    facts: tuple[int, int]
    furniture: tuple[int, int]
    valid: bool
    walkable: bool
    invented: list[str]
    seconds: float
    error: str = ""


def articles(only: list[str] | None = None) -> list[Path]:
    """The corpus articles (not their sidecars), sorted."""
    paths = sorted(p for p in CORPUS.iterdir() if p.is_file() and not p.name.endswith(".expected.yaml"))
    if only:
        paths = [p for p in paths if any(o in p.name for o in only)]
    return paths


def expected_of(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.yaml")
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def title_matches(got: str, want: str) -> bool:
    """Exactly the expected title, or the importer's shortening of it ("…" at the end)."""
    norm = lambda s: " ".join(s.replace("**", "").split())  # noqa: E731
    got, want = norm(got), norm(want)
    return got == want or (got.endswith("…") and len(got) > 10 and want.startswith(got[:-1].rstrip()))


def guide_text(data: dict[str, Any]) -> str:
    """Every string the guide shows: titles, bodies, notes, warnings, contacts, the finish."""
    out: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if key in ("id", "format", "language", "next", "url"):
            return
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    walk(data)
    return "\n".join(out)


def _squash(text: str) -> str:
    return re.sub(r"[\s*_`\\-]+", "", text)


def invented(output: str, source: str) -> list[str]:
    """Numbers and quoted menu labels in the output that the article does not have."""
    src = _squash(source)
    found: list[str] = []
    for number in set(re.findall(r"\d+", output)):
        if number not in src:
            found.append(number)
    for m in _LABEL.finditer(output):
        label = next(g for g in m.groups() if g).strip(" .,;:!?。，；：！？")
        if label and _squash(label) not in src:
            found.append(label)
    return sorted(set(found))


def walk(guide_file: Path, steps: int) -> bool:
    """`guide-tui --plain FILE` fed "n" lines reaches the end (from a fresh state folder)."""
    state = guide_file.parent / "state"
    proc = subprocess.run(
        [sys.executable, "-m", "guide_tui", "--plain", str(guide_file)],
        input="n\n" * (steps + 3),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "GUIDE_TUI_NO_EVENTS": "1", "GUIDE_TUI_STATE_DIR": str(state)},
    )
    last = (f"Step {steps} of {steps}", f"第 {steps} 步，共 {steps} 步")  # the interface speaks the guide's language
    end = ("Finished", "完成")
    out = proc.stdout
    return proc.returncode == 0 and any(x in out for x in last) and any(x in out for x in end)


def score(path: Path, walk_it: bool = True) -> Score:
    from guide_tui.core.loader import load_bytes
    from guide_tui.importer.article import ArticleError, import_article

    expected = expected_of(path)
    want = [str(t) for t in expected.get("steps") or []]
    raw = path.read_bytes()
    start = time.perf_counter()
    try:
        result = import_article(raw, path.name)
    except ArticleError as exc:
        return Score(path.name, False, [], want, (0, 0), (0, 0), False, False, [], 0.0, str(exc))
    seconds = time.perf_counter() - start
    loaded = load_bytes(result.yaml.encode("utf-8"), path.name)
    valid = not loaded.errors and loaded.guide is not None
    got = [str(s.get("title", "")) for s in result.data.get("steps", [])]
    steps_ok = len(got) == len(want) and all(title_matches(g, w) for g, w in zip(got, want, strict=True))
    text = guide_text(result.data)
    flat = _squash(text)
    facts = [str(f) for f in expected.get("facts") or []]
    kept = sum(1 for f in facts if _squash(f) in flat)
    furniture = [str(f) for f in expected.get("furniture") or []]
    dropped = sum(1 for f in furniture if _squash(f) not in flat)
    source = raw.decode("utf-8", "replace") + "\n" + path.name
    walkable = False
    if valid and walk_it:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "guide.yaml"
            out.write_text(result.yaml, encoding="utf-8")
            walkable = walk(out, len(got))
    return Score(
        path.name,
        steps_ok,
        got,
        want,
        (kept, len(facts)),
        (dropped, len(furniture)),
        valid,
        walkable,
        invented(text, source),
        seconds,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="articles whose file name contains one of these")
    parser.add_argument("--smoke", action="store_true", help="three articles only (for CI)")
    parser.add_argument("--no-walk", action="store_true", help="skip the walk in --plain (faster)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the titles of articles that miss")
    args = parser.parse_args(argv)
    paths = [CORPUS / n for n in SMOKE] if args.smoke else articles(args.only)
    rows = [score(p, walk_it=not args.no_walk) for p in paths]
    print(f"{'article':44} {'steps':>6} {'facts':>6} {'furn.':>6} {'valid':>5} {'walk':>5} {'invented':>8} {'ms':>5}")
    for r in rows:
        print(
            f"{r.name[:44]:44} {('yes' if r.steps_ok else 'NO'):>6} {f'{r.facts[0]}/{r.facts[1]}':>6} "
            f"{f'{r.furniture[0]}/{r.furniture[1]}':>6} {('yes' if r.valid else 'NO'):>5} "
            f"{('yes' if r.walkable else ('-' if args.no_walk else 'NO')):>5} {len(r.invented):>8} {r.seconds * 1000:>5.0f}"
        )
        if r.error:
            print(f"    refused: {r.error}")
        if r.invented:
            print(f"    invented: {', '.join(r.invented)}")
        if args.verbose and not r.steps_ok:
            for g in r.got:
                print(f"    got       {g}")
            for w in r.expected:
                print(f"    expected  {w}")
    n = len(rows) or 1
    exact = sum(r.steps_ok for r in rows)
    facts = sum(r.facts[0] for r in rows), sum(r.facts[1] for r in rows)
    furn = sum(r.furniture[0] for r in rows), sum(r.furniture[1] for r in rows)
    valid = sum(r.valid for r in rows)
    walked = sum(r.walkable for r in rows)
    inv = sum(len(r.invented) for r in rows)
    zh = sum(1 for r in rows if r.name.startswith("zh-"))
    print()
    print(f"articles: {len(rows)} ({zh} Chinese, {len(rows) - zh} other)")
    print(f"steps exactly as expected, in order: {exact}/{len(rows)} ({100 * exact / n:.0f}%)")
    print(f"facts kept: {facts[0]}/{facts[1]}; furniture left out: {furn[0]}/{furn[1]}")
    print(
        f"valid: {valid}/{len(rows)}; walkable: {'-' if args.no_walk else f'{walked}/{len(rows)}'}; invented facts: {inv}"
    )
    missed = exact * 10 < 9 * len(rows) or valid < len(rows) or inv > 0
    missed = missed or (not args.no_walk and walked < len(rows))
    print("targets: " + ("MISSED" if missed else "met") + " (90% exact steps, 100% valid and walkable, 0 invented)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
