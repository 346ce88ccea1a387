"""`guide-tui diff`: two versions of the Xiaomi guide, each change named, as text and Markdown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ZH = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


pytestmark = pytest.mark.usefixtures("english_messages")  # the messages tested are English


def second_version(text: str) -> str:
    """The Xiaomi guide with one change of every kind a reviewer must see."""
    text = text.replace("phone: 400-100-5678", "phone: 400-100-5679")  # a contact's number
    text = text.replace("\ntags: [", "\nreviewed: 2026-11-30\ntags: [")  # a review date
    text = text.replace("使用您的小米账户进行登录。", "使用您的小米账户登录。")  # a step's text
    text = text.replace(
        "        - label: 其他支付方式\n", "        - label: 其他支付方式\n        - label: 数字人民币\n"
    )
    text = text.replace(  # a step added after choose-method
        "  - id: confirm\n",
        "  - id: card-check\n    title: 核对银行卡信息\n    body: 请核对卡号后四位。\n\n  - id: confirm\n",
    )
    start, end = text.index("  - id: verify\n"), text.index("  - id: contact-support\n")
    text = text[:start] + text[end:]  # a step removed
    a, b, c = (text.index(f"  - id: {s}\n") for s in ("my-orders", "choose-order", "find-option"))
    return text[:a] + text[b:c] + text[a:b] + text[c:]  # a step moved


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_bytes(ZH.read_bytes())
    new.write_text(second_version(ZH.read_text(encoding="utf-8")), encoding="utf-8")
    return old, new


def test_diff_names_each_change(capsys, versions):
    old, new = versions
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"guide `xiaomi-installment-priority-payment` (zh-CN): {old} → {new}"
    assert lines[1] == "5 steps changed, 1 added, 1 removed, 1 moved; 2 changes to the guide's own keys"
    assert "  support[1].phone: 400-100-5678 → 400-100-5679" in lines
    assert "  reviewed: (none) → 2026-11-30" in lines
    assert "  + card-check «核对银行卡信息»: added (line 78)" in lines
    assert "  - verify «查看更改结果»: removed (was line 86)" in lines
    assert any(
        re.fullmatch(r"  ~ choose-order «.*»: line \d+; moved: now after login \(was after my-orders\)", x)
        for x in lines
    )
    body = lines.index("  ~ login «登录小米账户»: line 25") + 1
    assert lines[body : body + 4] == [
        "      body:",
        "         ",
        "        -使用您的小米账户进行登录。",
        "        +使用您的小米账户登录。",
    ]
    answers = lines.index("      ask.options:")
    assert lines[answers + 1 : answers + 3] == ["         其他支付方式", "        +数字人民币"]
    # a new answer says where it leads: "+数字人民币" alone said nothing of it (found in QA)
    assert "      next (answer “数字人民币”): (none) → card-check" in lines
    assert "      next: confirm → card-check" in lines  # every answer of choose-method, said once
    assert "      next: verify → contact-support" in lines  # confirm, now that verify is gone


def test_diff_as_markdown_for_a_pull_request(capsys, versions):
    old, new = versions
    assert main(["diff", str(old), str(new), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Changes to the guide xiaomi-installment-priority-payment (zh-CN)\n")
    assert "- `support[1].phone`: ~~400-100-5678~~ → **400-100-5679**" in out
    assert "- ➕ `card-check` «核对银行卡信息»: added (line 78)" in out
    assert "- ➖ `verify` «查看更改结果»: removed (was line 86)" in out
    assert "    ```diff\n     \n    -使用您的小米账户进行登录。\n    +使用您的小米账户登录。\n    ```" in out


def test_diff_of_a_guide_with_itself_and_from_standard_input(versions):
    old, _ = versions
    done = subprocess.run(
        [sys.executable, "-m", "guide_tui", "diff", "-", str(old)],
        input=old.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(old.parent)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[1] == "no changes"


def test_diff_usage_and_broken_guides(capsys, versions, tmp_path):
    old, new = versions
    assert main(["diff", str(old), str(tmp_path / "missing.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["diff", str(tmp_path), str(new)]) == 2  # was 1, as "PATH:1:1: error" (found in QA)
    assert capsys.readouterr().err == f"guide-tui diff: {tmp_path}: this is a folder, not a guide file\n"
    new.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 1
    assert "error:" in capsys.readouterr().err


def test_guide_text_cannot_steer_the_terminal_or_the_markdown(capsys, tmp_path):
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    head = "format: 1\nid: x\ntitle: X\nsteps:\n  - id: a\n    title: A\n    body: "
    old.write_text(head + "one\n", encoding="utf-8")
    new.write_text(head + '"[click](https://evil.example) ``` `x`"\n', encoding="utf-8")
    assert main(["diff", str(old), str(new), "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "[click](https" not in out and "\\[click\\]" in out


def test_a_text_written_as_a_block_or_on_its_line_is_the_same_text(capsys, tmp_path):
    """`body: |` and the same words on the key's line differ by a final line break only:
    diff showed "body: 登录… → 登录…" and "-提示\\x0a +提示", changes no reader can see (found in QA)."""
    block = "format: 1\nid: d\ntitle: D\nsteps:\n  - id: a\n    title: A\n    body: |\n      登录成功后。\n"
    block += "    notes:\n      - |\n        提示\n"
    inline = "format: 1\nid: d\ntitle: D\nsteps:\n  - id: a\n    title: A\n    body: 登录成功后。\n"
    inline += "    notes:\n      - 提示\n"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(block, encoding="utf-8")
    new.write_text(inline, encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "no changes"
    new.write_text(inline.replace("提示", "提示二"), encoding="utf-8")
    main(["diff", str(old), str(new)])
    assert "        +提示二" in capsys.readouterr().out.splitlines()


def test_in_chinese_a_step_line_uses_chinese_punctuation(capsys, versions, monkeypatch):
    """ "~ connect «…»: 第 19 行": a half-width colon in a Chinese line (found in QA)."""
    from guide_tui.core.diff import diff_guides
    from guide_tui.core.loader import load_guide
    from guide_tui.export.diff import render

    old, new = versions
    out = render(diff_guides(load_guide(old), load_guide(new)), "text", "zh-CN").splitlines()
    assert "  ~ login «登录小米账户»：第 25 行" in out
