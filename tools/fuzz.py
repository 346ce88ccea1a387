"""Fuzz one target for a while: `make fuzz` (every target in turn) or

    python tools/fuzz.py loader --seconds 600

Targets: loader, markdown (the renderers), exports, importer: the Hypothesis
tests of tests/fuzz/test_fuzz.py.  With atheris installed (the `fuzz` extra),
libFuzzer's coverage guidance drives them through Hypothesis's
`fuzz_one_input`: the inputs stay structured (YAML guides, Markdown with
headings), and the fuzzer keeps those that reach new code.  Without it,
Hypothesis alone runs batches of new examples until the time is up.

Every call is timed.  An input that raises, or takes longer than --slow seconds,
is written to tests/data/fuzz/TARGET/ (test_fuzz.py runs each one again);
the figures (executions, the slowest input and its time) are written to
build/fuzz/TARGET.json and printed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGETS = ("loader", "markdown", "exports", "importer")


class Stats:
    """Executions, the slowest input and what was kept, written as JSON as it goes."""

    def __init__(self, target: str, seconds: float, slow: float, engine: str) -> None:
        self.target, self.slow, self.engine = target, slow, engine
        self.started = time.monotonic()
        self.deadline = self.started + seconds
        self.executions = 0
        self.slowest = 0.0
        self.slowest_input = b""
        self.kept: list[str] = []
        self.slowest_plain: float | None = None
        self.out = ROOT / "build" / "fuzz" / f"{target}.json"
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.last_write = 0.0

    def call(self, run, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        from tests.fuzz import targets

        targets.last_input.clear()
        start = time.perf_counter()
        try:
            run(*args, **kwargs)
        except Exception:
            self.keep("crash")
            self.write()
            raise
        finally:
            seconds = time.perf_counter() - start
            self.executions += 1
            if seconds > self.slowest:
                self.slowest = seconds
                self.slowest_input = bytes(targets.last_input.get("data", b""))
            if seconds > self.slow:
                self.keep("slow")
            if time.monotonic() - self.last_write > 10:
                self.write()

    def keep(self, why: str) -> None:
        """Keep the current input as a fixture; a slow one only if it is slow without the
        fuzzer's instrumentation too (coverage tracing makes every call several times slower)."""
        from tests.fuzz import targets

        data = bytes(targets.last_input.get("data", b""))
        name = f"{why}-{hashlib.sha256(data).hexdigest()[:12]}"
        if why == "slow":
            seconds = replay_seconds(self.target, name, data)
            if seconds is not None and seconds <= self.slow:
                return
        folder = ROOT / "tests" / "data" / "fuzz" / self.target
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        self.kept.append(str((folder / name).relative_to(ROOT)))
        print(f"fuzz {self.target}: kept {why} input as {self.kept[-1]}", file=sys.stderr, flush=True)

    def finish(self) -> None:
        """The figures, with the slowest input timed again without instrumentation."""
        if self.slowest_input and self.engine == "atheris":
            self.slowest_plain = replay_seconds(self.target, "slowest", self.slowest_input)
        self.write()
        print(self.out.read_text(encoding="utf-8"), flush=True)

    def write(self) -> None:
        self.last_write = time.monotonic()
        figures = {
            "target": self.target,
            "engine": self.engine,
            "seconds": round(time.monotonic() - self.started),
            "executions": self.executions,
            "slowest_seconds": round(self.slowest, 3),
            "slowest_seconds_uninstrumented": None if self.slowest_plain is None else round(self.slowest_plain, 3),
            "slowest_input_bytes": len(self.slowest_input),
            "slowest_input_start": self.slowest_input[:80].decode("utf-8", "replace"),
            "kept": self.kept,
        }
        self.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        slowest = ROOT / "build" / "fuzz" / f"{self.target}.slowest"
        slowest.write_bytes(self.slowest_input)


def replay_seconds(target: str, name: str, data: bytes) -> float | None:
    """How long one input takes through its target in a fresh process, uninstrumented
    (None if it fails there: then it is kept as it is)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / target / name
        path.parent.mkdir()
        path.write_bytes(data)
        code = (
            "import sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
            "from tests.fuzz.test_fuzz import replay; replay(Path(sys.argv[2])); start = time.perf_counter();"
            "replay(Path(sys.argv[2]));"  # timed the second time: the first imports what the target needs
            "print(time.perf_counter() - start)"
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", code, str(ROOT), str(path)], capture_output=True, text=True, timeout=300
            )
        except subprocess.TimeoutExpired:
            return 300.0
    if done.returncode != 0:
        return None
    return float(done.stdout.strip().splitlines()[-1])


def _test(target: str):  # type: ignore[no-untyped-def]
    from tests.fuzz import test_fuzz

    return getattr(test_fuzz, f"test_fuzz_{target}")


def with_atheris(target: str, stats: Stats, seconds: float) -> None:
    import atheris

    # Coverage of guide-tui's own code and of the parsers it reads text with.
    with atheris.instrument_imports(include=["guide_tui", "markdown_it", "yaml", "uniseg"]):
        test = _test(target)
    fuzz_one_input = test.hypothesis.fuzz_one_input
    stats.started, stats.deadline = time.monotonic(), time.monotonic() + seconds

    def one(data: bytes) -> None:
        if time.monotonic() > stats.deadline:
            stats.finish()
            os._exit(0)  # libFuzzer's own loop never returns
        stats.call(fuzz_one_input, data)

    args = [sys.argv[0], "-timeout=60", "-rss_limit_mb=6000", "-max_len=16384", "-len_control=0"]
    args.append(f"-artifact_prefix={ROOT / 'build' / 'fuzz'}/{target}-")
    atheris.Setup(args, one)
    atheris.Fuzz()


def with_hypothesis(target: str, stats: Stats) -> None:
    os.environ["GUIDE_TUI_FUZZ_EXAMPLES"] = "500"  # a batch; each call of the test is a new random batch
    test = _test(target)
    inner = test.hypothesis.inner_test
    test.hypothesis.inner_test = lambda *args, **kwargs: stats.call(inner, *args, **kwargs)  # Hypothesis's hook
    while time.monotonic() < stats.deadline:
        test()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=TARGETS)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--slow", type=float, default=5.0, help="keep an input that takes longer than this")
    parser.add_argument("--engine", choices=("atheris", "hypothesis", "auto"), default="auto")
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    stats = Stats(args.target, args.seconds, args.slow, engine)
    print(f"fuzz {args.target}: {engine}, {args.seconds:.0f} s", file=sys.stderr, flush=True)
    try:
        if engine == "atheris":
            with_atheris(args.target, stats, args.seconds)
        else:
            with_hypothesis(args.target, stats)
    finally:
        stats.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
