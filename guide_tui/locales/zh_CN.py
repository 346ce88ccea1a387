"""简体中文界面文字。键必须与 en.py 一致(有测试检查)。"""

MESSAGES: dict[str, str] = {
    "progress": "第 {k} 步,共 {n} 步",
}
