"""The scale figures: libraries of 1 to 50,000 guides, guides of 20 to 4,000 steps, serve tabs.

Each function returns bench rows (figures.Row); bench/run.py prints them.  The
libraries are bench/generate.py's `write_library` (10-step guides whose titles
differ, half Chinese, half English).  Two sides of a comparison take turns and
each figure is a median, as in figures.py.

  7  the library's filter: CPU per key typed, headless        <= 16 ms (10,000) / 33 ms (50,000)
  8  the library, cold metadata cache: time until every guide is listed, per guide  <= 0.3 ms
  9  `list`, cold cache, per guide <= 0.3 ms; warm `list` <= 2x reading the cache and stating every file
 10  `validate DIR` against PyYAML's CSafeLoader parsing the same files on one core  <= 1.5x
 11  `validate DIR` peak memory (PSS of all its processes)       <= 60 MiB
 12  first paint of a 20 to 4,000-step guide against the bare app   <= 1.15x
 13  serve: first screen of 10 tabs opened together against 1 tab   <= 3x; memory per tab
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from figures import ROOT, Row, Settings, _xdg, guide_tui, median, ratio_row, side_by_side, timed
from generate import library_title, write_library, write_long_guide
from ptyrun import PaintRun, bench_environ, first_paint
from serve_tabs import serve_figures

MARKERS = {"walker": ["第 1 步的标题"], "bare": ["登录小米账户"]}  # each side's first step title


def sizes(s: Settings) -> tuple[int, ...]:
    return (1, 20) if s.tiny else (1, 1000, 10000, 50000)


def libraries(tmp: Path, s: Settings) -> dict[int, Path]:
    found = {}
    for n in sizes(s):
        folder = tmp / f"library-{n}"
        if not folder.exists():
            write_library(folder, n)
        found[n] = folder
    return found


def _letter(n: int) -> str:
    return "abcdefgh"[n]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# -- 7: the filter ----------------------------------------------------------------------


def filter_rows(python: str, s: Settings, tmp: Path) -> list[Row]:
    rows = []
    for k, (n, folder) in enumerate(libraries(tmp, s).items()):
        cache = tmp / f"cache-filter-{n}"
        env = bench_environ({"XDG_CACHE_HOME": str(cache)})
        argv = [python, str(ROOT / "bench" / "library_filter.py"), str(folder), "--json"]
        keys: list[float] = []
        bare: list[float] = []
        for _ in range(1 if s.tiny else 2):  # the first run also fills the metadata cache
            done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
            if done.returncode:
                raise RuntimeError(done.stderr[-400:])
            found = json.loads(done.stdout.splitlines()[-1])
            keys, bare = found["keys"], found["bare"]
        limit = 0.033 if n >= 50000 else 0.016
        value = median(keys)
        rows.append(
            Row(
                f"7{_letter(k)}",
                f"library filter, CPU per key, {n:,} guides",
                _ms(value),
                _ms(median(bare)),
                f"{value / median(bare):.2f}x",
                f"<= {limit * 1000:.0f} ms",
                value <= limit,
                samples={"per key": keys, "bare Input per key": bare},
            )
        )
    return rows


# -- 8: the library's listing with a cold cache --------------------------------------------


def library_listing_rows(python: str, s: Settings, tmp: Path) -> list[Row]:
    folders = libraries(tmp, s)
    first = library_title(0)[1]

    def listed(n: int) -> Callable[[], float]:
        def run() -> float:
            with tempfile.TemporaryDirectory() as home:  # a fresh user: the metadata cache is cold
                env = bench_environ({**_xdg(Path(home)), "LANG": "zh_CN.UTF-8"})
                found = first_paint(
                    [*guide_tui(python), "--guides", str(folders[n])],
                    ["小米分期如何更改优先支付方式"],
                    env=env,
                    cwd=str(ROOT),
                    then=first,
                    timeout=300,
                )
            return found.then_seconds

        return run

    rows = []
    runs = 1 if s.tiny else 3
    for k, n in enumerate(n for n in folders if n > 1):
        times = side_by_side({"one": listed(1), "many": listed(n)}, runs, warmup=False)
        per_guide = (median(times["many"]) - median(times["one"])) / (n - 1)
        rows.append(
            Row(
                f"8{_letter(k)}",
                f"library: all {n:,} guides listed, cold cache, per guide",
                f"{per_guide * 1000:.3f} ms",
                f"{median(times['one']):.2f} s (1)",
                "-",
                "<= 0.300 ms",
                per_guide <= 0.0003,
                samples={f"{n} guides": times["many"], "1 guide": times["one"]},
            )
        )
    return rows


# -- 9: `list` ------------------------------------------------------------------------------

FLOOR = """
import json, os, sys
files = json.load(open(sys.argv[1], encoding="utf-8"))["files"]
for path in files:
    os.stat(path)
"""


def list_rows(python: str, s: Settings, tmp: Path) -> list[Row]:
    folders = libraries(tmp, s)

    def listing(n: int, cold: bool) -> Callable[[], float]:
        cache = tmp / f"cache-list-{n}"

        def run() -> float:
            if cold:
                for found in cache.glob("guide-tui/library.json"):
                    found.unlink()
            env = {**_xdg(tmp / f"user-list-{n}"), "XDG_CACHE_HOME": str(cache)}
            return timed([*guide_tui(python), "list", "--guides", str(folders[n])], env=env)

        return run

    rows = []
    runs = 1 if s.tiny else 3
    big = [n for n in folders if n > 1]
    for k, n in enumerate(big):
        times = side_by_side({"one": listing(1, True), "many": listing(n, True)}, runs, warmup=not s.tiny)
        per_guide = (median(times["many"]) - median(times["one"])) / (n - 1)
        rows.append(
            Row(
                f"9{_letter(k)}",
                f"list, cold cache, {n:,} guides, per guide",
                f"{per_guide * 1000:.3f} ms",
                f"{median(times['one']):.3f} s (1)",
                "-",
                "<= 0.300 ms",
                per_guide <= 0.0003,
                samples={f"{n} guides": times["many"], "1 guide": times["one"]},
            )
        )
    n = big[-1]
    listing(n, True)()  # fills the cache
    cache_file = tmp / f"cache-list-{n}" / "guide-tui" / "library.json"
    floor = [python, "-c", FLOOR, str(cache_file)]
    times = side_by_side(
        {"list": listing(n, False), "floor": lambda: timed(floor)}, 3 if s.tiny else 7, warmup=not s.tiny
    )
    rows.append(
        ratio_row(
            f"9{_letter(len(big))}",
            f"list, warm cache, {n:,} guides vs reading the cache + stat",
            times["list"],
            times["floor"],
            2.0,
            names=("list", "read cache + stat each file"),
        )
    )
    return rows


# -- 10 and 11: validate DIR ----------------------------------------------------------------

CSAFE = """
import os, sys, yaml
for root, dirs, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(root, name), "rb") as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


def tree_pss_peak(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak MiB): a command's wall time and the peak of the summed PSS of it and
    its child processes (sampled every 20 ms)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from serve_tabs import descendants, pss_mib

    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, pss_mib(proc.pid) + sum(pss_mib(c) for c in descendants(proc.pid)))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv[:3])} exited {proc.returncode}")
    return seconds, peak


def validate_rows(python: str, s: Settings, tmp: Path) -> list[Row]:
    folders = {n: f for n, f in libraries(tmp, s).items() if n > 1}
    rows: list[Row] = []
    memory: list[Row] = []
    env = bench_environ()
    for k, (n, folder) in enumerate(folders.items()):
        runs = 1 if s.tiny else (3 if n >= 50000 else 5)
        peaks: list[float] = []

        def validate(jobs: str | None, into: list[float] | None = None, folder: Path = folder) -> Callable[[], float]:
            """One run's wall time; with `into`, its peak memory too.  Only that run is
            sampled: reading a process's PSS every 20 ms slows it (by 4-5 % at 1,000
            guides), and CSafeLoader's run is timed without it."""
            argv = [*guide_tui(python), "validate", *(["--jobs", jobs] if jobs else []), str(folder)]

            def run() -> float:
                if into is None:
                    return timed(argv, env=env)
                seconds, peak = tree_pss_peak(argv, env)
                into.append(peak)
                return seconds

            return run

        times = side_by_side(
            {
                "both": validate(None, peaks),
                "one": validate("1"),
                "csafe": lambda folder=folder: timed([python, "-c", CSAFE, str(folder)]),
            },
            runs,
            warmup=not s.tiny,
        )
        rows.append(
            ratio_row(
                f"10{_letter(2 * k)}",
                f"validate {n:,} guides (both cores) vs CSafeLoader",
                times["both"],
                times["csafe"],
                1.5,
                names=("validate", "CSafeLoader parse"),
            )
        )
        rows.append(
            ratio_row(
                f"10{_letter(2 * k + 1)}",
                f"validate {n:,} guides (--jobs 1) vs CSafeLoader",
                times["one"],
                times["csafe"],
                1.5,
                names=("validate --jobs 1", "CSafeLoader parse"),
            )
        )
        peak = median(peaks[-runs:])
        memory.append(
            Row(
                f"11{_letter(k)}",
                f"validate {n:,} guides, peak PSS of all its processes",
                f"{peak:.1f} MiB",
                "-",
                "-",
                "<= 60 MiB",
                peak <= 60,
                samples={"peak PSS MiB": peaks},
            )
        )
    return rows + memory


# -- 12: first paint of long guides --------------------------------------------------------


def long_paint_rows(python: str, s: Settings, tmp: Path) -> list[Row]:
    steps = (20, 50) if s.tiny else (20, 2000, 4000)
    rows = []
    for k, n in enumerate(steps):
        path = write_long_guide(tmp / "paint", n)
        argv = {"walker": [*guide_tui(python), str(path)], "bare": [python, str(ROOT / "bench" / "bare_app.py")]}
        runs: dict[str, list[PaintRun]] = {"walker": [], "bare": []}

        def paint(
            name: str, argv: dict[str, list[str]] = argv, runs: dict[str, list[PaintRun]] = runs
        ) -> Callable[[], float]:
            def run() -> float:
                with tempfile.TemporaryDirectory() as home:
                    env = bench_environ(_xdg(Path(home)))
                    found = first_paint(argv[name], MARKERS[name], env=env, cwd=str(ROOT))
                runs[name].append(found)
                return found.seconds

            return run

        times = side_by_side({"walker": paint("walker"), "bare": paint("bare")}, s.paint_runs, s.warmup)
        row = ratio_row(
            f"12{_letter(k)}", f"first paint, {n:,}-step guide vs bare app", times["walker"], times["bare"], 1.15
        )
        row.samples.update({f"{name} CPU": [r.cpu_seconds for r in found] for name, found in runs.items()})
        rows.append(row)
    return rows


# -- 13: serve -----------------------------------------------------------------------------


def serve_rows(python: str, s: Settings) -> list[Row]:
    counts = [1, 2] if s.tiny else [1, 10, 30]
    rounds = 1 if s.tiny else 7
    lone = 1 if s.tiny else 5  # a lone tab, the baseline, takes a twentieth of a second: 5 a round
    found: dict[int, list[float]] = {n: [] for n in counts}
    worst: dict[int, list[float]] = {n: [] for n in counts}
    pss: list[float] = []
    for _ in range(rounds):  # each round: 1 tab (5 times), then 10 together, then 30 together, on one server
        for run in serve_figures(guide_tui(python), [1] * lone + counts[1:]):
            found[run.count].append(median(run.seconds))
            worst[run.count].append(max(run.seconds))
            pss += run.pss_mib
    one = median(found[1])
    rows = [
        Row(
            "13a",
            "serve: first screen, 1 tab",
            f"{one:.3f} s",
            "-",
            "-",
            "<= 1.0 s",
            one <= 1.0,
            samples={"1 tab": found[1]},
        )
    ]
    for k, n in enumerate(counts[1:]):
        value = median(found[n])
        limit = 3.0 if n <= 10 else 9.0
        rows.append(
            Row(
                f"13{_letter(k + 1)}",
                f"serve: first screen, {n} tabs together vs 1 (median tab)",
                f"{value:.3f} s",
                f"{one:.3f} s",
                f"{value / one:.2f}x",
                f"<= {limit:.1f}x",
                value / one <= limit,
                samples={f"{n} tabs, median tab": found[n], f"{n} tabs, last tab": worst[n]},
            )
        )
    per_tab = statistics.median(pss) if pss else 0.0
    rows.append(
        Row(
            f"13{_letter(len(counts))}",
            "serve: memory per tab (PSS), tabs per GiB",
            f"{per_tab:.1f} MiB",
            "-",
            f"{1024 / per_tab:.0f}/GiB" if per_tab else "-",
            "<= 30 MiB",
            bool(per_tab) and per_tab <= 30,
            samples={"PSS per tab MiB": pss},
        )
    )
    return rows
