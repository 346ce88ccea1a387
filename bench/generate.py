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


# A library's guides differ: titles from these words, half in Chinese and half in English,
# so a filter narrows as it would in a support team's library (generate.library_title).
SUBJECTS = (
    ("小米", "Xiaomi"), ("华为", "Huawei"), ("支付宝", "Alipay"), ("微信", "WeChat"), ("淘宝", "Taobao"),
    ("京东", "JD"), ("银行卡", "bank card"), ("信用卡", "credit card"), ("社保", "social insurance"),
    ("医保", "medical insurance"), ("公积金", "housing fund"), ("手机", "phone"), ("路由器", "router"),
    ("电视", "TV"), ("打印机", "printer"), ("邮箱", "mailbox"), ("快递", "parcel"), ("护照", "passport"),
    ("驾照", "driving licence"), ("身份证", "ID card"),
)  # fmt: skip
ACTIONS = (
    ("如何更改", "change"), ("怎样设置", "set up"), ("如何取消", "cancel"), ("怎么绑定", "link"),
    ("如何查询", "look up"), ("怎样重置", "reset"), ("如何申请", "apply for"), ("怎么退订", "unsubscribe from"),
    ("如何修改", "edit"), ("怎样开通", "turn on"),
)  # fmt: skip
OBJECTS = (
    ("优先支付方式", "priority payment method"), ("登录密码", "login password"), ("自动续费", "auto-renewal"),
    ("默认地址", "default address"), ("通知提醒", "notifications"), ("实名认证", "identity check"),
    ("账单日期", "billing date"), ("绑定手机号", "linked phone number"), ("隐私设置", "privacy settings"),
    ("付款顺序", "payment order"),
)  # fmt: skip


def library_title(index: int) -> tuple[str, str]:
    """(language, title) of generated library guide number `index`: every title differs."""
    subject, action, thing = SUBJECTS[index % 20], ACTIONS[index // 20 % 10], OBJECTS[index // 200 % 10]
    version = index // 2000 + 1
    if index % 2:
        return "en", f"How to {action[1]} the {thing[1]} of your {subject[1]} ({version})"
    return "zh-CN", f"{subject[0]}{action[0]}{thing[0]}（第 {version} 版）"


def write_library(folder: Path, count: int, steps: int = 10) -> list[Path]:
    """`count` guides of `steps` steps whose titles, tags and summaries differ (library_title)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        language, title = library_title(index)
        guide_id = f"zz-lib-{index:05d}"
        text = guide_text(index, steps, guide_id).replace(f"title: 示例指南 {index:04d}", f"title: {title}", 1)
        text = text.replace("language: zh-CN", f"language: {language}", 1)
        text = text.replace("tags: [基准, 示例]", f"tags: [{SUBJECTS[index % 20][0]}, {SUBJECTS[index % 20][1]}]", 1)
        path = folder / f"{guide_id}.{language}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


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
