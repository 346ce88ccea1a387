"""Progress that survives: saving, resuming, damage, changed guides, locking, the event log."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import guide_tui.progress.store as store_mod
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.model import Guide
from guide_tui.core.walker import Walker
from guide_tui.progress.events import EventLog, summarize
from guide_tui.progress.state import STATE_FORMAT, dump
from guide_tui.progress.store import ProgressStore, read_state
from tests.progress import helpers_kill_writer as kw

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
NAME = "xiaomi-installment-priority-payment.zh-CN.json"


@pytest.fixture()
def guide() -> Guide:
    return load_guide(XIAOMI)


@pytest.fixture()
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture()
def store(state: Path) -> ProgressStore:
    return ProgressStore(state, clock=kw.fake_clock())


def walk_to_confirm(w: Walker) -> None:
    """Branch 1 up to the confirm step: option 0, then 支付宝, the method step's item ticked."""
    for _ in range(3):
        assert w.advance()
    assert w.answer(0) and w.advance()
    assert w.answer([o.label for o in w.step.ask.options].index("支付宝"))
    assert w.toggle(0) and w.advance()
    assert w.step.id == "confirm"
    assert w.toggle(1)


def saved(state: Path) -> dict:
    return json.loads((state / NAME).read_text("utf-8"))


def leftovers(state: Path) -> list[str]:
    return [n for n in os.listdir(state) if n.endswith(".tmp")]


def codes(session) -> list[str]:
    return [n.code for n in session.notices]


def assert_walkable(guide: Guide, w: Walker) -> None:
    """The path starts at the first step and each step leads to the next one."""
    assert w.path[0] == guide.steps[0].id
    for a, b in zip(w.path, w.path[1:], strict=False):
        assert guide.next_of(guide.step(a), w.answered) == b
    assert w.visits[-1].step == w.path[-1] and w.visits[-1].left is None
    w.progress()


# -- saving and resuming ---------------------------------------------------------------


def test_saves_everything_and_resumes_with_a_notice(store: ProgressStore, state: Path, guide: Guide) -> None:
    s = store.open(guide)
    assert s.saving and s.notices == []
    walk_to_confirm(s.walker)
    s.changed()
    s.close()
    data = saved(state)
    assert data["state_format"] == STATE_FORMAT
    assert data["guide"] == {"id": guide.id, "language": "zh-CN", "content_hash": guide.content_hash}
    walk = data["walk"]
    assert walk["current"] == "confirm"
    assert walk["path"] == ["login", "my-orders", "choose-order", "find-option", "choose-method", "confirm"]
    assert walk["answers"]["method"] == {"option": 2, "label": "支付宝"}
    assert walk["ticks"] == {"choose-method": [0], "confirm": [1]}
    assert walk["tick_items"]["confirm"] == ["已点击“确认”按钮"]
    assert [v[0] for v in walk["visits"]] == walk["path"]
    assert all(v[2] is not None for v in walk["visits"][:-1]) and walk["visits"][-1][2] is None
    assert stat.S_IMODE(os.stat(state / NAME).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o700

    again = store.open(guide)
    assert again.notices[0].code == "resumed" and again.notices[0].params == {"k": 6, "n": 7}
    w = again.walker
    assert (w.path, w.answers, w.ticks, w.finished) == (
        walk["path"],
        {"option_found": 0, "method": 2},
        {"choose-method": {0}, "confirm": {1}},
        False,
    )
    # the stay the save left open is closed; a new one begins on resuming
    assert w.visits[-2].step == "confirm" and w.visits[-2].left is not None
    assert_walkable(guide, w)
    again.close()


def test_state_dir_from_environment_and_one_file_per_guide_and_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guide: Guide
) -> None:
    monkeypatch.setenv("GUIDE_TUI_STATE_DIR", str(tmp_path / "env"))
    store = ProgressStore()
    assert store.state_dir == tmp_path / "env"
    store.open(guide).close()
    english = load_guide(ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml")
    store.open(english).close()
    assert sorted(p.name for p in (tmp_path / "env").glob("*.json")) == [
        "xiaomi-installment-priority-payment.en.json",
        NAME,
    ]


def test_finished_walk_resumes_finished(store: ProgressStore, guide: Guide) -> None:
    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        assert s.walker.advance() and s.walker.advance() and s.walker.finished
        s.changed()
    with store.open(guide) as again:
        assert codes(again) == ["resumed_finished"] and again.walker.finished
        assert store.status(guide.id, "zh-CN").state == "finished"


def test_a_walk_ended_at_a_steps_own_ending_resumes_as_ended_not_finished(store: ProgressStore, guide: Guide) -> None:
    """Sent to customer service, the library said "已完成" and the resume "您之前已完成本指南"."""
    with store.open(guide) as s:
        for _ in range(3):
            s.walker.advance()
        assert s.walker.answer(1) and s.walker.advance() and s.walker.advance() and s.walker.other_outcome
        s.changed()
    with store.open(guide) as again:
        assert codes(again) == ["resumed_ended"] and again.walker.finished and again.walker.other_outcome
        assert store.status(guide.id, "zh-CN").state == "ended"


def test_restart_is_saved_at_once_and_keeps_the_walker_object(store: ProgressStore, state: Path, guide: Guide) -> None:
    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        s.changed()
    s = store.open(guide)
    walker, run = s.walker, s.run
    s.restart()
    assert s.walker is walker and walker.path == ["login"] and walker.answers == {} and walker.ticks == {}
    assert saved(state)["walk"]["path"] == ["login"] and s.run != run
    s.close()
    with store.open(guide, restart=True) as fresh:
        assert fresh.notices == [] and fresh.walker.path == ["login"]
        assert saved(state)["walk"]["path"] == ["login"]


def test_saves_are_coalesced_and_flush_writes_the_rest(
    store: ProgressStore, state: Path, guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [100.0]
    writes: list[bytes] = []
    real = store_mod.write_atomic
    monkeypatch.setattr(store_mod, "_monotonic", lambda: now[0])
    monkeypatch.setattr(store_mod, "write_atomic", lambda p, d: (writes.append(d), real(p, d)))
    s = store.open(guide)
    assert len(writes) == 1  # the start is saved at once
    s.walker.advance()
    s.changed()
    s.walker.advance()
    s.changed()
    assert len(writes) == 1 and saved(state)["walk"]["current"] == "login"
    s.flush()
    assert len(writes) == 2 and saved(state)["walk"]["current"] == "choose-order"
    s.flush()
    assert len(writes) == 2  # nothing new to write
    now[0] += 0.5
    s.walker.advance()
    s.changed()
    assert len(writes) == 3 and saved(state)["walk"]["current"] == "find-option"
    s.walker.back()
    s.changed()
    s.close()  # the last state is written by close()
    assert len(writes) == 4 and saved(state)["walk"]["current"] == "choose-order"


def test_status_for_the_library(store: ProgressStore, state: Path, guide: Guide) -> None:
    assert store.status(guide.id, "zh-CN").state == "new"
    assert store.status("../../etc/passwd", "zh-CN").state == "new"  # never raises
    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        s.changed()
    st = store.status(guide.id, "zh-CN", total_steps_hint=8)
    assert (st.state, st.k, st.n, st.step) == ("started", 6, 7, "confirm")
    (state / NAME).write_text("{", "utf-8")
    assert store.status(guide.id, "zh-CN").state == "unreadable"
    (state / NAME).write_text('{"state_format": 99}', "utf-8")
    assert store.status(guide.id, "zh-CN").state == "newer"


# -- damaged and newer files -----------------------------------------------------------


def _valid(guide: Guide) -> dict:
    w = Walker(guide, kw.fake_clock())
    walk_to_confirm(w)
    return dump(w, "run1", 1.0)


def _edit(guide: Guide, change) -> bytes:
    data = _valid(guide)
    change(data)
    return json.dumps(data).encode()


CORRUPT = {
    "empty": lambda g: b"",
    "truncated": lambda g: json.dumps(_valid(g)).encode()[:150],
    "malformed": lambda g: b"{'state_format': 1,}",
    "not_utf8": lambda g: b'{"state_format": 1, "app": "\xff\xfe"}',
    "nan": lambda g: _edit(g, lambda d: d.update(saved_at=float("nan"))),
    "deeply_nested": lambda g: b"[" * 100_000,
    "a_list": lambda g: b"[1, 2]",
    "version_as_text": lambda g: _edit(g, lambda d: d.update(state_format="1")),
    "no_version": lambda g: _edit(g, lambda d: d.pop("state_format")),
    "path_is_text": lambda g: _edit(g, lambda d: d["walk"].update(path="login")),
    "option_as_text": lambda g: _edit(g, lambda d: d["walk"]["answers"]["method"].update(option="2")),
    "option_is_bool": lambda g: _edit(g, lambda d: d["walk"]["answers"]["method"].update(option=True)),
    "tick_items_missing": lambda g: _edit(g, lambda d: d["walk"].pop("tick_items")),
    "visit_short": lambda g: _edit(g, lambda d: d["walk"]["visits"].append(["login", 1.0])),
    # finite but no real date: `report` used to die with an OverflowError on these
    "visit_time_huge": lambda g: _edit(g, lambda d: d["walk"]["visits"][0].__setitem__(1, 1e20)),
    "visit_left_negative": lambda g: _edit(g, lambda d: d["walk"]["visits"][0].__setitem__(2, -5.0)),
    "saved_at_huge": lambda g: _edit(g, lambda d: d.update(saved_at=1e20)),
    "progress_huge": lambda g: _edit(g, lambda d: d.update(progress=[1, 10**12])),
    "option_huge": lambda g: _edit(g, lambda d: d["walk"]["answers"]["method"].update(option=10**12)),
    "current_not_last": lambda g: _edit(g, lambda d: d["walk"].update(current="login")),
    "another_guide": lambda g: _edit(g, lambda d: d["guide"].update(id="other-guide")),
    # the same guide (hash) but a step it does not have: hand-edited
    "unknown_step_same_hash": lambda g: _edit(
        g, lambda d: d["walk"].update(path=d["walk"]["path"] + ["nowhere"], current="nowhere")
    ),
    # state format 2: typed answers, confirmations, steps marked already done
    "typed_not_text": lambda g: _edit(g, lambda d: d["walk"].update(typed={"method": 5})),
    "typed_control": lambda g: _edit(g, lambda d: d["walk"].update(typed={"method": "\x1b]52;c;x\x07"})),
    "typed_for_a_question_with_options": lambda g: _edit(g, lambda d: d["walk"].update(typed={"method": "支付宝"})),
    "confirmed_not_a_time": lambda g: _edit(g, lambda d: d["walk"].update(confirmed={"confirm": 1e20})),
    "skipped_not_a_list": lambda g: _edit(g, lambda d: d["walk"].update(skipped={"login": True})),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_damaged_file_is_moved_aside_and_the_walk_starts_fresh(
    case: str, store: ProgressStore, state: Path, guide: Guide
) -> None:
    state.mkdir()
    content = CORRUPT[case](guide)
    (state / NAME).write_bytes(content)
    s = store.open(guide)
    assert codes(s) == ["corrupt_moved"] and s.saving
    moved = s.notices[0].params["name"]
    assert moved.startswith(NAME + ".corrupt-")
    assert (state / moved).read_bytes() == content  # kept, never deleted
    assert s.walker.path == ["login"]
    s.walker.advance()
    s.changed()
    s.close()
    assert saved(state)["walk"]["current"] == "my-orders"


def test_two_damaged_files_in_the_same_second_both_kept(store: ProgressStore, state: Path, guide: Guide) -> None:
    state.mkdir()
    for content in (b"one", b"two"):
        (state / NAME).write_bytes(content)
        store.open(guide).close()
    kept = sorted((state / n).read_bytes() for n in os.listdir(state) if ".corrupt-" in n)
    assert kept == [b"one", b"two"]


def test_newer_format_is_left_alone_and_not_overwritten(store: ProgressStore, state: Path, guide: Guide) -> None:
    state.mkdir()
    content = json.dumps({"state_format": STATE_FORMAT + 1, "whatever": {"the": "future"}}).encode()
    (state / NAME).write_bytes(content)
    s = store.open(guide)
    assert codes(s) == ["newer_version"] and not s.saving
    walk_to_confirm(s.walker)  # the walk goes on
    s.changed()
    s.flush()
    s.restart()
    s.close()
    assert (state / NAME).read_bytes() == content
    assert leftovers(state) == []


# -- folders that cannot be written --------------------------------------------------


@pytest.mark.parametrize("err", [errno.EROFS, errno.ENOSPC])
@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_write_failure_keeps_the_walk_going(
    err: int, where: str, store: ProgressStore, state: Path, guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args, **kw):
        raise OSError(err, os.strerror(err))

    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        s.changed()
    before = (state / NAME).read_bytes()
    monkeypatch.setattr(store_mod.os, where, fail)
    s = store.open(guide)
    assert not s.saving and codes(s) == ["resumed", "not_saving"]
    assert os.strerror(err) in s.notices[-1].params["reason"]
    assert s.walker.advance()
    s.changed()
    s.flush()
    s.close()
    monkeypatch.undo()
    assert (state / NAME).read_bytes() == before  # the old state, whole
    assert leftovers(state) == []


def test_read_only_folder(store: ProgressStore, state: Path, guide: Guide, monkeypatch: pytest.MonkeyPatch) -> None:
    with store.open(guide) as s:
        s.walker.advance()
        s.changed()
    os.chmod(state, 0o500)
    try:
        if os.geteuid() == 0:  # root writes through chmod: make the temp file fail as it would

            def refuse(*args, **kw):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

            import tempfile

            monkeypatch.setattr(tempfile, "mkstemp", refuse)
        s = store.open(guide)
        assert not s.saving and "not_saving" in codes(s)
        assert s.walker.path[-1] == "my-orders"  # what was saved is still resumed
        assert s.walker.advance()
        s.changed()
        s.close()
    finally:
        os.chmod(state, 0o700)
    assert saved(state)["walk"]["current"] == "my-orders"
    assert leftovers(state) == []


def test_directory_where_the_file_should_be(store: ProgressStore, state: Path, guide: Guide) -> None:
    (state / NAME).mkdir(parents=True)
    (state / NAME / "keep").write_text("x")
    s = store.open(guide)
    assert not s.saving and codes(s) == ["not_saving"]
    assert s.walker.advance()
    s.changed()
    s.close()
    assert (state / NAME / "keep").read_text() == "x"
    assert leftovers(state) == []
    assert store.status(guide.id, "zh-CN").state == "new"


def test_file_where_the_folder_should_be(tmp_path: Path, guide: Guide) -> None:
    """`--state-dir afile` said "Progress cannot be saved (File exists: …/afile)": now that
    the state folder is a file, also for the report (peek: it said "Not a directory")."""
    from guide_tui.i18n import t

    (tmp_path / "state").write_text("not a folder")
    store = ProgressStore(tmp_path / "state")
    s = store.open(guide)
    assert not s.saving and codes(s) == ["state_dir_is_file"]
    words = t("notice.state_dir_is_file", "en", **s.notices[0].params)
    assert f"the state folder {tmp_path / 'state'} is a file, not a folder" in words
    assert s.walker.advance()
    s.changed()
    s.close()
    assert (tmp_path / "state").read_text() == "not a folder"
    assert [n.code for n in store.peek(guide)[1]] == ["state_dir_is_file"]


@pytest.mark.parametrize("target_content", [b"secret, not ours", None])
def test_link_at_the_state_path_is_never_followed(
    target_content: bytes | None, store: ProgressStore, state: Path, tmp_path: Path, guide: Guide
) -> None:
    state.mkdir()
    target = tmp_path / "elsewhere.json"
    if target_content is None:  # a link to a valid state is not trusted either
        target_content = json.dumps(_valid(guide)).encode()
    target.write_bytes(target_content)
    (state / NAME).symlink_to(target)
    s = store.open(guide)
    assert codes(s) == ["corrupt_moved"] and s.walker.path == ["login"]
    assert os.path.islink(state / s.notices[0].params["name"])  # the link itself was moved aside
    s.walker.advance()
    s.changed()
    s.close()
    assert target.read_bytes() == target_content
    assert not os.path.islink(state / NAME) and saved(state)["walk"]["current"] == "my-orders"


# -- two walkers of one guide ----------------------------------------------------------


def test_second_walker_gets_a_notice_and_does_not_save(store: ProgressStore, state: Path, guide: Guide) -> None:
    first = store.open(guide)
    first.walker.advance()
    first.changed()
    first.flush()
    second = ProgressStore(state).open(guide)
    assert "in_use" in codes(second) and not second.saving
    assert second.walker.path == ["login", "my-orders"]  # it shows what was saved
    second.walker.advance()
    second.changed()
    second.close()
    first.walker.advance()
    first.walker.advance()
    first.changed()
    first.close()
    assert saved(state)["walk"]["current"] == "find-option"  # no update lost
    with ProgressStore(state).open(guide) as third:  # the lock went with the first
        assert third.saving and third.walker.path[-1] == "find-option"


# -- guides that changed since the save -----------------------------------------------


def changed_guide(tmp_path: Path, *edits: tuple[str, str]) -> Guide:
    text = XIAOMI.read_text("utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "changed.zh-CN.yaml"
    path.write_text(text, "utf-8")
    result = load_bytes(text.encode("utf-8"), str(path))
    assert result.guide is not None, result.problems
    return result.guide


def _block(start: str, end: str) -> tuple[str, str]:
    text = XIAOMI.read_text("utf-8")
    return text[text.index(start) : text.index(end)], ""


def _save_confirm(store: ProgressStore, guide: Guide) -> None:
    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        s.changed()


def test_changed_label_drops_the_answer_and_resumes_where_it_is_still_valid(
    store: ProgressStore, guide: Guide, tmp_path: Path
) -> None:
    _save_confirm(store, guide)
    new = changed_guide(tmp_path, ("        - label: 支付宝\n", "        - label: 支付宝钱包\n"))
    s = store.open(new)
    assert codes(s) == ["resumed", "guide_changed", "step_gone"]
    assert list(s.notices[1].params["dropped"]) == ["method = 支付宝"]
    assert "method = 支付宝" in str(s.notices[1].params["dropped"])
    assert s.walker.path[-1] == "choose-method" and "method" not in s.walker.answers
    assert s.walker.ticks == {"choose-method": {0}, "confirm": {1}}
    assert_walkable(new, s.walker)
    s.close()


def test_changed_checklist_item_drops_only_that_tick(store: ProgressStore, guide: Guide, tmp_path: Path) -> None:
    _save_confirm(store, guide)
    new = changed_guide(tmp_path, ("      - 已点击“确认”按钮\n", "      - 已点击“确认”按钮并看到成功提示\n"))
    s = store.open(new)
    assert codes(s) == ["resumed", "guide_changed"]
    assert list(s.notices[1].params["dropped"]) == ["✓ 已点击“确认”按钮"]
    assert s.walker.path[-1] == "confirm" and s.walker.ticks == {"choose-method": {0}}
    assert s.walker.answers == {"option_found": 0, "method": 2}
    assert_walkable(new, s.walker)


def test_reordered_options_keep_the_answer_by_its_label(store: ProgressStore, guide: Guide, tmp_path: Path) -> None:
    _save_confirm(store, guide)
    new = changed_guide(
        tmp_path,
        (
            "        - label: 银行卡\n        - label: 信用卡\n        - label: 支付宝\n",
            "        - label: 支付宝\n        - label: 银行卡\n        - label: 信用卡\n",
        ),
    )
    s = store.open(new)
    assert codes(s) == ["resumed"] and s.walker.answers["method"] == 0 and s.walker.path[-1] == "confirm"
    assert s.walker.text("{{method}}") == "支付宝"
    assert_walkable(new, s.walker)


def test_removed_earlier_step_resumes_at_the_same_step(store: ProgressStore, guide: Guide, tmp_path: Path) -> None:
    _save_confirm(store, guide)
    new = changed_guide(tmp_path, _block("  - id: choose-order\n", "  - id: find-option\n"))
    s = store.open(new)
    assert codes(s) == ["resumed"] and s.walker.path[-1] == "confirm" and "choose-order" not in s.walker.path
    assert_walkable(new, s.walker)


def test_removed_current_step_resumes_at_the_nearest_earlier_one(
    store: ProgressStore, guide: Guide, tmp_path: Path
) -> None:
    _save_confirm(store, guide)
    new = changed_guide(tmp_path, _block("  - id: confirm\n", "  - id: verify\n"))
    s = store.open(new)
    assert codes(s) == ["resumed", "guide_changed", "step_gone"]
    assert s.notices[2].params["step"] == "confirm" and s.notices[2].params["at"] == "choose-method"
    assert list(s.notices[1].params["dropped"]) == ["✓ 已点击“确认”按钮"]
    assert s.walker.path[-1] == "choose-method" and s.walker.answers["method"] == 2
    assert_walkable(new, s.walker)
    assert s.walker.advance() and s.walker.step.id == "verify"
    s.close()
    assert store.open(new).walker.path[-1] == "verify"  # and saving goes on


def test_changed_branch_answer_cuts_the_path_at_the_question(
    store: ProgressStore, guide: Guide, tmp_path: Path
) -> None:
    with store.open(guide) as s:
        for _ in range(3):
            s.walker.advance()
        s.walker.answer(1)
        s.walker.advance()
        s.changed()
        assert s.walker.step.id == "contact-support"
    new = changed_guide(tmp_path, ("        - label: 没有看到这个选项\n", "        - label: 没有找到这个选项\n"))
    s = store.open(new)
    assert codes(s) == ["resumed", "guide_changed", "step_gone"]
    assert s.walker.path[-1] == "find-option" and s.walker.answers == {}
    assert_walkable(new, s.walker)
    assert not s.walker.can_advance  # the question must be answered again


# -- killed while saving ---------------------------------------------------------------


def test_killed_while_saving_leaves_the_old_or_the_new_state(tmp_path: Path) -> None:
    state = tmp_path / "state"
    helper = Path(kw.__file__)
    env = {**os.environ, "GUIDE_TUI_NO_EVENTS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    rng = random.Random(4)
    for round_ in range(10):
        seed = 1000 + round_
        child = subprocess.Popen([sys.executable, str(helper), str(state), str(seed)], stdout=subprocess.PIPE, env=env)
        assert child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        rest = child.communicate()[0]
        lines = [line for line in rest.split(b"\n")[:-1] if line]  # the last may be cut short
        last = int(lines[-1]) if lines else 0
        kind, data = read_state(state / NAME, None, None)
        assert kind == "ok", data
        candidates = [dump(kw.walk_after(seed, k), "x", 0)["walk"] for k in {last, max(last - 1, 0)}]
        assert data["walk"] in candidates, (round_, last)
    guide = load_guide(XIAOMI)
    with ProgressStore(state).open(guide) as s:  # and it resumes, tidying what the kills left
        assert s.saving and codes(s)[0] in ("resumed", "resumed_finished")
    assert leftovers(state) == []


# -- the event log -----------------------------------------------------------------------


def test_events_are_logged_and_summed_per_run(store: ProgressStore, state: Path, guide: Guide) -> None:
    with store.open(guide) as s:  # run 1: branch 1 to the end
        walk_to_confirm(s.walker)
        s.changed()
        s.walker.advance()
        s.walker.advance()
        s.changed()
    with store.open(guide, restart=True) as s:  # run 2: branch 2, stops at contact-support
        for _ in range(3):
            s.walker.advance()
            s.changed()
        s.walker.answer(1)
        s.changed()
        s.walker.advance()
        s.changed()
    with store.open(guide, restart=True) as s:  # run 3: stops on the first step, resumed once
        pass
    with store.open(guide) as s:
        s.log("custom", note="the UI may add its own")
    events, bad = store.events.read()
    assert bad == 0
    names = {e["event"] for e in events}
    assert {"started", "step_entered", "answered", "finished", "quit", "resumed", "custom"} <= names
    (stats,) = summarize(events, guide.id, "zh-CN")
    assert (stats.runs, stats.finished) == (3, 1)
    assert stats.reached["login"] == 3 and stats.reached["find-option"] == 2
    assert stats.reached["confirm"] == 1 and stats.reached["contact-support"] == 1
    assert dict(stats.stopped) == {"contact-support": 1, "login": 1}
    assert all(json.loads(line)["guide"] == guide.id for line in (state / "events.jsonl").read_text().splitlines())


def test_event_log_tolerates_bad_lines_and_stays_bounded(tmp_path: Path) -> None:
    log = EventLog(tmp_path, max_bytes=3000)
    for i in range(200):
        assert log.append("step_entered", guide="g", language="en", run=f"r{i % 7}", step=f"s{i % 5}")
    sizes = [p.stat().st_size for p in tmp_path.iterdir()]
    assert len(sizes) == 2 and all(size <= 3000 for size in sizes)
    with open(log.path, "ab") as fh:
        fh.write(b'not json\n\xff\xfe\n[1,2]\n{"event": 3}\n{"event": "quit"')  # the last one cut short
    events, bad = log.read()
    assert bad == 5 and events and all(e["guide"] == "g" for e in events)
    assert not log.append("x", guide="g", language="en", run="r", blob="y" * 10_000)  # too long a line


def test_event_log_counts_a_line_nested_too_deep_as_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line of '[' * 3000 raised RecursionError: `guide-tui stats` ended in a traceback."""
    from guide_tui.cli.main import main

    log = EventLog(tmp_path)
    assert log.append("started", guide="g", language="en", run="r", step="a")
    with open(log.path, "ab") as fh:
        fh.write(b"[" * 3000 + b"\n" + b'{"x":' * 3000 + b"\n")
    events, bad = log.read()
    assert len(events) == 1 and bad == 2
    assert main(["stats", "--state-dir", str(tmp_path), "--lang", "en"]) == 0
    assert "2 unreadable lines of the log were skipped." in capsys.readouterr().out


def test_event_log_counts_a_time_that_is_not_a_finite_number_as_unreadable(tmp_path: Path) -> None:
    """Lines with "t": NaN or 1e999 (infinity) were taken as events."""
    log = EventLog(tmp_path)
    assert log.append("started", guide="g", language="en", run="r", step="a")
    fields = '"event":"quit","guide":"g","language":"en","run":"r","step":"a"'
    with open(log.path, "ab") as fh:
        for t in ("NaN", "1e999", "-1e999", "Infinity", '"noon"', "true", "null"):
            fh.write(f'{{"t":{t},{fields}}}\n'.encode())
        fh.write(f"{{{fields}}}\n".encode())  # no time at all
        fh.write(f'{{"t":12.5,{fields}}}\n'.encode())
    events, bad = log.read()
    assert [e["event"] for e in events] == ["started", "quit"] and bad == 8


def test_settings_nested_too_deep_are_no_settings(tmp_path: Path) -> None:
    """settings.json of '[' * 60000 raised RecursionError in the full screen (tests/tui/test_terminal.py)."""
    from guide_tui.progress.settings import load_settings, save_setting

    (tmp_path / "settings.json").write_text("[" * 60000)
    assert load_settings(tmp_path) == {}
    assert save_setting(tmp_path, "theme", "x") and load_settings(tmp_path) == {"theme": "x"}


def test_event_log_never_writes_through_a_link(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_text("mine\n")
    (tmp_path / "events.jsonl").symlink_to(target)
    assert not EventLog(tmp_path).append("started", guide="g", language="en", run="r")
    assert target.read_text() == "mine\n"


def test_events_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDE_TUI_NO_EVENTS", "1")
    assert not EventLog(tmp_path).append("started", guide="g", language="en", run="r")
    assert not (tmp_path / "events.jsonl").exists()


def test_stats_command(store: ProgressStore, state: Path, guide: Guide, capsys: pytest.CaptureFixture[str]) -> None:
    from guide_tui.cli.main import main

    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        s.changed()
    with open(state / "events.jsonl", "ab") as fh:
        fh.write(b"garbage\n")
    assert main(["stats", str(XIAOMI), "--state-dir", str(state), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"({guide.id}, zh-CN): walks 1, finished 0" in out
    rows = {line.split()[-1]: line.split()[:2] for line in out.splitlines() if line.endswith(")")}
    assert rows["(confirm)"] == ["1", "1"] and rows["(login)"] == ["1", "0"] and rows["(verify)"] == ["0", "0"]
    assert "1 unreadable line of the log was skipped." in out and "nothing is ever sent" in out
    assert main(["stats", "--state-dir", str(tmp_empty := state / "empty"), "--lang", "en"]) == 0
    assert "No walks recorded yet" in capsys.readouterr().out and not tmp_empty.exists()


def test_stats_counts_a_walk_ended_at_a_steps_own_ending_as_ended(
    store: ProgressStore, state: Path, guide: Guide, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sent to customer service, a walk was counted "finished 1" and "(finished)" (found in QA)."""
    from guide_tui.cli.main import main

    with store.open(guide) as s:
        for _ in range(3):
            s.walker.advance()
        assert s.walker.answer(1) and s.walker.advance() and s.walker.advance() and s.walker.other_outcome
        s.changed()
    assert main(["stats", str(XIAOMI), "--state-dir", str(state), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"({guide.id}, zh-CN): walks 1, finished 0" in out
    rows = {
        line.split(maxsplit=1)[1]: line.split()[0] for line in out.splitlines() if line.strip().startswith(("0", "1"))
    }
    assert rows["(finished)"] == "0" and rows["(ended at a step's own ending)"] == "1"


def test_stats_command_messages_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from guide_tui.cli.main import main

    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["stats", "no-such-guide", "--state-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "guide-tui stats: 找不到名为 'no-such-guide' 的指南文件或内置指南\n"
    assert main(["stats", "no-such-guide", "--state-dir", str(tmp_path), "--lang", "en"]) == 2
    assert "no guide file or bundled guide called 'no-such-guide'" in capsys.readouterr().err


def test_stats_columns_line_up_in_chinese(
    store: ProgressStore, state: Path, guide: Guide, capsys: pytest.CaptureFixture[str]
) -> None:
    """The zh-CN headers (到达, 停在此处: wide characters) line up with the numbers under them."""
    from guide_tui.cli.main import main
    from guide_tui.core.text import display_width

    with store.open(guide) as s:
        walk_to_confirm(s.walker)
        s.changed()
    assert main(["stats", str(XIAOMI), "--state-dir", str(state), "--lang", "zh-CN"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if "停在此处" in line)
    row = next(line for line in lines if line.endswith("（confirm）"))  # full-width, as Chinese brackets a word
    # the right edge of each number column is the right edge of its header
    assert display_width(header[: header.index("到达") + 2]) == display_width(row[: row.index("1") + 1])
    stopped_end = display_width(header[: header.index("停在此处") + 4])
    assert display_width(row[:stopped_end].rstrip()) == stopped_end


# -- state format 2: a typed answer kept, a bad one a damaged file ---------------------------

DETOURS = ROOT / "tests" / "data" / "every-detour.en.yaml"


def test_a_typed_answer_is_saved_and_a_bad_one_is_a_damaged_file(store: ProgressStore, state: Path) -> None:
    guide = load_guide(DETOURS)
    s = store.open(guide)
    s.walker.answer(1)
    s.walker.advance()
    s.walker.advance()
    assert s.walker.answer_typed("1234") is None
    s.changed()
    s.close()
    name = "every-detour.en.json"
    data = json.loads((state / name).read_text("utf-8"))
    assert data["state_format"] == STATE_FORMAT == 2 and data["walk"]["typed"] == {"last_four": "1234"}
    again = store.open(guide)
    assert again.walker.typed == {"last_four": "1234"} and again.walker.step.id == "card-digits"
    again.close()
    data["walk"]["typed"]["last_four"] = "twelve"  # not a number: hand-edited or damaged
    (state / name).write_text(json.dumps(data), "utf-8")
    third = store.open(guide)
    assert codes(third) == ["corrupt_moved"] and third.walker.path == ["choose-method"]
    third.close()


def test_a_format_1_file_is_resumed(store: ProgressStore, state: Path, guide: Guide) -> None:
    state.mkdir()
    data = _valid(guide)
    data["state_format"] = 1
    for key in ("typed", "confirmed", "skipped"):
        del data["walk"][key]
    (state / NAME).write_text(json.dumps(data), "utf-8")
    s = store.open(guide)
    assert codes(s)[:1] == ["resumed"] and s.walker.step.id == "confirm"
    s.close()
    assert saved(state)["state_format"] == 2


def test_stats_of_a_guide_it_cannot_find_lists_the_steps_in_the_order_walked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A guide walked from a file outside the library: `stats` had only the step ids, from
    a set, and listed "two" before "one" (found in QA). They come in the order first reached."""
    from guide_tui.cli.main import main

    log = EventLog(tmp_path)
    names = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
    log.append("started", guide="elsewhere", language="en", run="r1", step=names[0])
    for name in names[1:]:
        log.append("step_entered", guide="elsewhere", language="en", run="r1", step=name)
    log.append("started", guide="elsewhere", language="en", run="r2", step=names[0])  # a second, shorter walk
    log.append("step_entered", guide="elsewhere", language="en", run="r2", step=names[1])
    assert main(["stats", "--state-dir", str(tmp_path), "--lang", "en"]) == 0
    shown = [
        line.split()[-1]
        for line in capsys.readouterr().out.splitlines()
        if line.split()[-1:] and line.split()[-1] in names
    ]
    assert shown == names


def test_stats_of_a_state_folder_that_is_a_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`stats --state-dir afile` said "No walks recorded yet in afile" (found in QA)."""
    from guide_tui.cli.main import main

    afile = tmp_path / "afile"
    afile.write_text("")
    assert main(["stats", "--state-dir", str(afile), "--lang", "en"]) == 2
    assert "is a file, not a state folder" in capsys.readouterr().err
