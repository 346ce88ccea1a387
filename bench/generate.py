"""Valid format-1 guide files for the benchmark, made up on the spot.

Every generated guide walks straight through (no question stops the walk), and
has the parts a real guide has: a support contact, Markdown bodies, notes on
every third step and a checklist on every fifth, one `{{key}}` substitution
fed by a question at the end, so the loader does all of its checks.
Ids start with "zz-bench-" and titles with 示例指南, so in a library sorted by
id or by title they come after the bundled guides.
"""

from __future__ import annotations

from pathlib import Path


def guide_text(index: int, steps: int, guide_id: str | None = None) -> str:
    """The YAML of generated guide number `index` with `steps` steps (at least 2)."""
    if steps < 2:
        raise ValueError("a generated guide has at least 2 steps")
    lines = [
        "format: 1",
        f"id: {guide_id or f'zz-bench-{index:04d}'}",
        "language: zh-CN",
        f"title: 示例指南 {index:04d}",
        "summary: 基准测试生成的指南,每一步都有正文。",
        "reviewed: 2024-08-27",
        "estimated_minutes: 5",
        "tags: [基准, 示例]",
        "support:",
        "  - name: 客服热线",
        "    phone: 400-000-0000",
        "    disclaimer: 示例号码,并非真实号码。",
        "steps:",
    ]
    for n in range(1, steps + 1):
        lines += [
            f"  - id: s{n}",
            f"    title: 第 {n} 步的标题",
            "    body: |",
            f"      打开**示例应用**,找到第 {n} 个菜单,然后点击“**继续**”按钮。",
            "",
            "      如果没有看到这个按钮,请返回上一页再试一次。",
        ]
        if n % 3 == 0:
            lines += ["    notes:", f"      - 第 {n} 步的备注:这一步不会扣款。"]
        if n % 5 == 0:
            lines += ["    checklist:", "      - 已找到菜单", "      - 已点击“继续”"]
        if n == steps:  # the question is on the last step, so pressing "next" never stops early
            lines += [
                "    ask:",
                "      key: method",
                "      prompt: 您选择了哪种方式?",
                "      options:",
                "        - label: 银行卡",
                "        - label: 支付宝",
            ]
    lines += ["finish:", "  title: 完成", "  body: 您选择了 {{method}},已完成全部步骤。", ""]
    return "\n".join(lines)


def write_guides(folder: Path, count: int, steps: int = 10) -> list[Path]:
    """Write `count` generated guides of `steps` steps each into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"zz-bench-{index:04d}.zh-CN.yaml"
        path.write_text(guide_text(index, steps), encoding="utf-8")
        paths.append(path)
    return paths


def write_long_guide(folder: Path, steps: int) -> Path:
    """One guide of `steps` steps (for the step-change figure)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"zz-bench-long-{steps}.zh-CN.yaml"
    path.write_text(guide_text(0, steps, f"zz-bench-long-{steps}"), encoding="utf-8")
    return path
