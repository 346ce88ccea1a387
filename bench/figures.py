"""The six figures of the benchmark, each measured side by side with its baseline.

Each function returns `Row`s; bench/run.py prints them.  The two sides of a
comparison take turns (A, B, A, B ...) after one untimed warm-up run of each,
so both see the same load on a shared machine, and each figure is a median.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generate import write_guides, write_long_guide
from imports import command_imports, foreign
from ptyrun import PaintRun, bench_environ, first_paint
from step_change import step_change_times

ROOT = Path(__file__).resolve().parent.parent
XIAOMI = "guides/xiaomi-installment-priority-payment.zh-CN.yaml"
FIRST_STEP = "登录小米账户"
# What the library shows for the bundled Xiaomi guide, in either interface language.
LIBRARY_MARKERS = ("小米分期如何更改优先支付方式", "How to change the priority payment method")
FIRST_GENERATED = "示例指南 0000"  # the title of the first generated guide (see generate.py)


@dataclass
class Row:
    """One line of the results table."""

    key: str  # "1", "2b", "5a" ...: a stable label the smoke test looks for
    figure: str
    value: str = "-"
    baseline: str = "-"
    ratio: str = "-"
    target: str = "-"
    ok: bool | None = None  # None: not measured (see note)
    note: str = ""
    error: str = ""  # the figure could not be measured because something broke
    samples: dict[str, list[float]] = field(default_factory=dict)  # for the details below the table

    @property
    def result(self) -> str:
        if self.error:
            return "ERROR"
        if self.ok is None:
            return self.note or "not measured"
        return "PASS" if self.ok else "FAIL"


@dataclass(frozen=True)
class Settings:
    """How hard to measure: full (`make bench`) or smoke (a quick run that keeps the code working)."""

    paint_runs: int = 11
    command_runs: int = 15
    many_runs: int = 7
    guides: int = 1000
    long_steps: int = 2000
    short_steps: int = 20
    step_apps: int = 3
    presses: int = 15
    warmup: bool = True
    tiny: bool = False  # the smoke run's sizes

    @classmethod
    def smoke(cls) -> Settings:
        return cls(
            paint_runs=1,
            command_runs=1,
            many_runs=1,
            guides=20,
            long_steps=50,
            short_steps=20,
            step_apps=1,
            presses=3,
            warmup=False,
            tiny=True,
        )


def guide_tui(python: str) -> list[str]:
    """The installed `guide-tui` script beside this Python, else `python -m guide_tui`."""
    script = Path(python).parent / "guide-tui"
    return [str(script)] if script.exists() else [python, "-m", "guide_tui"]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def side_by_side(sides: dict[str, Callable[[], float]], runs: int, warmup: bool) -> dict[str, list[float]]:
    """Run each side `runs` times, taking turns, after one untimed run of each."""
    if warmup:
        for run in sides.values():
            run()
    found: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, run in sides.items():
            found[name].append(run())
    return found


def ratio_row(
    key: str,
    figure: str,
    a: list[float],
    b: list[float],
    limit: float,
    unit: str = "s",
    scale: float = 1.0,
    digits: int = 3,
    names: tuple[str, str] = ("guide-tui", "baseline"),
) -> Row:
    """A row comparing the medians of `a` and `b` against `ratio <= limit`."""
    ma, mb = median(a), median(b)
    ratio = ma / mb if mb else float("inf")
    return Row(
        key,
        figure,
        f"{ma * scale:.{digits}f} {unit}",
        f"{mb * scale:.{digits}f} {unit}",
        f"{ratio:.2f}x",
        f"<= {limit:.2f}x",
        ratio <= limit,
        samples={names[0]: a, names[1]: b},
    )


def timed(
    argv: list[str],
    cpu: list[float] | None = None,
    cwd: Path = ROOT,
    expect: int = 0,
    env: dict[str, str] | None = None,
) -> float:
    """Wall seconds for a command without a terminal (its CPU seconds go to `cpu`);
    its exit status must be `expect`; `env` adds to the bench's environment."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, env=bench_environ(env))
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:  # one child at a time, so the difference is this command's
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if done.returncode != expect:
        tail = (done.stdout + done.stderr).decode("utf-8", "replace")[-400:]
        raise RuntimeError(f"{' '.join(argv[:3])} ... exited {done.returncode}: {tail}")
    return elapsed


def _xdg(root: Path) -> dict[str, str]:
    """Empty user folders, so no saved progress or user guide changes what is drawn."""
    return {f"XDG_{name}_HOME": str(root / name.lower()) for name in ("DATA", "STATE", "CONFIG", "CACHE")}


# -- 1 and 6: first paint and peak memory, walker against a bare Textual app --------


def paint_and_memory(python: str, s: Settings) -> list[Row]:
    runs: dict[str, list[PaintRun]] = {"walker": [], "bare": []}
    argv = {"walker": [*guide_tui(python), XIAOMI], "bare": [python, str(ROOT / "bench" / "bare_app.py")]}

    def paint(name: str) -> Callable[[], float]:
        def run() -> float:
            with tempfile.TemporaryDirectory() as tmp:  # a fresh user each run: nothing to resume
                found = first_paint(argv[name], [FIRST_STEP], env=bench_environ(_xdg(Path(tmp))), cwd=str(ROOT))
            runs[name].append(found)
            return found.seconds

        return run

    times = side_by_side({"walker": paint("walker"), "bare": paint("bare")}, s.paint_runs, s.warmup)
    if s.warmup:  # the warm-up runs count for memory only if nothing else does
        for name in runs:
            runs[name] = runs[name][1:]
    rss = {name: [r.peak_rss_kib / 1024 for r in found] for name, found in runs.items()}
    paint_row = ratio_row("1", "first paint 80x24, walker vs bare Textual app", times["walker"], times["bare"], 1.10)
    paint_row.samples.update(cpu_samples(runs))
    return [
        paint_row,
        ratio_row("6", "peak RSS, walker vs bare Textual app", rss["walker"], rss["bare"], 1.20, unit="MiB", digits=1),
    ]


def cpu_samples(runs: dict[str, list[PaintRun]]) -> dict[str, list[float]]:
    """CPU seconds each side had used at first paint: a cross-check that a busy machine moves less."""
    return {
        f"{name} CPU": [r.cpu_seconds for r in found]
        for name, found in runs.items()
        if found and all(r.cpu_seconds for r in found)
    }


# -- 2: validate one guide against `python -c "import yaml"` -------------------------


def validate_one(python: str, s: Settings) -> list[Row]:
    cpu: dict[str, list[float]] = {"validate CPU": [], "yaml CPU": []}
    sides = {
        "validate": lambda: timed([*guide_tui(python), "validate", XIAOMI], cpu["validate CPU"]),
        "yaml": lambda: timed([python, "-c", "import yaml"], cpu["yaml CPU"]),
    }
    times = side_by_side(sides, s.command_runs, s.warmup)
    row = ratio_row("2", "validate 1 guide vs python -c 'import yaml'", times["validate"], times["yaml"], 2.5)
    row.samples.update({name: values[-s.command_runs :] for name, values in cpu.items()})
    imported = command_imports(python, ["validate", XIAOMI])
    textual = foreign(imported)
    imports = Row(
        "2b",
        "Textual/Rich modules imported by validate",
        f"{len(textual)}",
        "-",
        "-",
        "0",
        not textual and bool(imported),
        note="" if imported else "no -X importtime output",
    )
    if textual:
        imports.value = f"{len(textual)} ({', '.join(textual[:3])} ...)"
    return [row, imports]


# -- 3: validate 1,000 generated guides of 10 steps -----------------------------------


def validate_many(python: str, s: Settings, tmp: Path) -> list[Row]:
    folder = tmp / "many"
    write_guides(folder, s.guides, steps=10)
    cpu: list[float] = []
    times = side_by_side(
        {"validate": lambda: timed([*guide_tui(python), "validate", str(folder)], cpu)}, s.many_runs, s.warmup
    )["validate"]
    value = median(times)
    return [
        Row(
            "3",
            f"validate {s.guides:,} guides of 10 steps",
            f"{value:.3f} s",
            "-",
            "-",
            "<= 1.50 s",
            value <= 1.5,
            samples={"validate": times, "validate CPU": cpu[-s.many_runs :]},
        )
    ]


# -- 4: library with 1,000 guides against the library with 1 --------------------------


def library_available(python: str) -> bool:
    """True once `guide-tui --help` offers --guides (the library screen has landed)."""
    done = subprocess.run(
        [*guide_tui(python), "--help"], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    return done.returncode == 0 and "--guides" in done.stdout


def library(python: str, s: Settings, tmp: Path) -> list[Row]:
    key, figure = "4", f"library first paint, {s.guides:,} guides vs 1"
    if not library_available(python):
        return [Row(key, figure, note="not measured: library screen not available")]
    folders = {"many": tmp / "library-many", "one": tmp / "library-one"}
    write_guides(folders["many"], s.guides, steps=10)
    write_guides(folders["one"], 1, steps=10)

    runs: dict[str, list[PaintRun]] = {"many": [], "one": []}

    def paint(name: str) -> Callable[[], float]:
        # One user per side for the whole figure, so a metadata cache (if any) is warm after the warm-up.
        env = bench_environ({**_xdg(tmp / f"user-{name}"), "LANG": "zh_CN.UTF-8"})
        argv = [*guide_tui(python), "--guides", str(folders[name])]

        def run() -> float:
            runs[name].append(first_paint(argv, LIBRARY_MARKERS, env=env, cwd=str(ROOT), then=FIRST_GENERATED))
            return runs[name][-1].seconds

        return run

    times = side_by_side({"many": paint("many"), "one": paint("one")}, s.paint_runs, s.warmup)
    if s.warmup:
        runs = {name: found[1:] for name, found in runs.items()}
    row = ratio_row(key, figure, times["many"], times["one"], 1.5, names=("many", "one"))
    row.samples.update(cpu_samples(runs))
    # The folders given with --guides may be read after the first paint: when their guides are listed too.
    row.samples.update({f"{name} listed": [r.then_seconds for r in found] for name, found in runs.items()})
    return [row]


# -- 5: a step change on a long guide, headless ---------------------------------------


def step_change(s: Settings, tmp: Path) -> list[Row]:
    long = write_long_guide(tmp / "long", s.long_steps)
    short = write_long_guide(tmp / "long", s.short_steps)
    found = step_change_times([long, short], s.step_apps, s.presses, warmup=2 if s.warmup else 0)
    a, b = found[long].cpu, found[short].cpu
    value = median(a)
    names = (f"{s.long_steps} steps", f"{s.short_steps} steps")
    return [
        Row(
            "5a",
            f"step change, {s.long_steps:,} steps (CPU per press)",
            f"{value * 1000:.1f} ms",
            "-",
            "-",
            "<= 16.0 ms",
            value <= 0.016,
            samples={f"{names[0]} CPU": a, f"{names[0]} to last frame": found[long].frame},
        ),
        ratio_row(
            "5b",
            f"step change, {s.long_steps:,} vs {s.short_steps} steps",
            a,
            b,
            1.2,
            unit="ms",
            scale=1000,
            digits=1,
            names=(f"{names[0]} CPU", f"{names[1]} CPU"),
        ),
    ]


FIGURES = ("1", "2", "3", "4", "5", "7", "8", "9", "10", "12", "13")  # 6 comes with 1, 11 with 10


def measure(
    which: Sequence[str],
    python: str = sys.executable,
    smoke: bool = False,
    report: Callable[[Row], None] = lambda row: None,
) -> list[Row]:
    """Measure the figures named in `which`; a figure that breaks becomes an `error` row."""
    import scale  # the scale figures (7-13) build on this module

    s = Settings.smoke() if smoke else Settings()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="guide-tui-bench-") as name:
        tmp = Path(name)
        jobs: dict[str, Callable[[], list[Row]]] = {
            "1": lambda: paint_and_memory(python, s),
            "2": lambda: validate_one(python, s),
            "3": lambda: validate_many(python, s, tmp),
            "4": lambda: library(python, s, tmp),
            "5": lambda: step_change(s, tmp),
            "7": lambda: scale.filter_rows(python, s, tmp),
            "8": lambda: scale.library_listing_rows(python, s, tmp),
            "9": lambda: scale.list_rows(python, s, tmp),
            "10": lambda: scale.validate_rows(python, s, tmp),
            "12": lambda: scale.long_paint_rows(python, s, tmp),
            "13": lambda: scale.serve_rows(python, s),
        }
        for key in which:
            try:
                found = jobs[key]()
            except Exception as error:
                found = [Row(key, f"figure {key}", ok=False, error=f"{type(error).__name__}: {error}")]
            for row in found:
                report(row)
            rows += found
    return rows
