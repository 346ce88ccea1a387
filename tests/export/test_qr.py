"""QR codes of support contacts (guide_tui/export/qr.py): which contacts get one, and the
HTML export's inline SVG, read back into modules and decoded with a QR reader."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import zxingcpp

from guide_tui.core.loader import load_guide
from guide_tui.core.parts import Contact
from guide_tui.export.html import to_html
from guide_tui.export.qr import QUIET, codes_of, modules, tel_uri

ROOT = Path(__file__).resolve().parents[2]
ZH = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


def decode(rows: list[list[bool]], scale: int = 4) -> list[str]:
    pixels = bytearray()
    for row in rows:
        pixels += b"".join((b"\x00" if dark else b"\xff") * scale for dark in row) * scale
    image = memoryview(bytes(pixels)).cast("B", shape=(len(rows) * scale, len(rows[0]) * scale))
    return [found.text for found in zxingcpp.read_barcodes(image)]


def svg_modules(svg: str) -> list[list[bool]]:
    """The dark modules of segno's SVG path ("M4 4.5h7m2 0h2…": runs along each row)."""
    size = int(re.search(r'<path fill="#fff" d="M0 0h(\d+)v', svg).group(1))
    rows = [[False] * size for _ in range(size)]
    path = re.search(r'stroke="#000" d="([^"]+)"', svg).group(1)
    x = y = 0.0
    for op, args in re.findall(r"([MmHh])([-\d. ]+)", path):
        numbers = [float(n) for n in args.split()]
        if op == "M":
            x, y = numbers
        elif op == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            for i in range(int(numbers[0])):
                rows[int(y)][int(x) + i] = True
            x += numbers[0]
    return rows


def test_each_contact_with_a_number_or_a_web_address_gets_a_code() -> None:
    guide = load_guide(ZH)
    contacts = (
        Contact("A", phone="+86 (400) 100-5678", url="https://example.org/help", disclaimer="may differ"),
        Contact("B", url="tel:+15550100"),
        Contact("C", url="mailto:help@example.org"),
        Contact("D", channel="in-app chat"),
    )
    codes = codes_of(dataclasses.replace(guide, support=contacts))
    assert [(c.contact.name, c.kind, c.data, c.shown) for c in codes] == [
        ("A", "phone", "tel:+864001005678", "+86 (400) 100-5678"),
        ("A", "link", "https://example.org/help", "https://example.org/help"),
        ("B", "phone", "tel:+15550100", "+15550100"),
    ]
    assert tel_uri("400-100-5678") == "tel:4001005678"


def test_the_html_export_has_the_code_beside_the_number_and_its_disclaimer() -> None:
    guide = load_guide(ZH)
    hotline = guide.support[0]
    page = to_html(guide)
    items = re.findall(r"<li><strong>(?:(?!</li>).)*?</li>", page, re.S)
    with_codes = [item for item in items if "<svg" in item]
    assert with_codes and all(hotline.phone in item and (hotline.disclaimer or "") in item for item in with_codes)
    for item in with_codes:
        [svg] = re.findall(r"<svg.*?</svg>", item, re.S)
        assert "<title>二维码：tel:4001005678</title>" in svg  # its accessible name
        rows = svg_modules(svg)
        assert rows == modules("tel:4001005678", QUIET)  # the quiet zone included
        assert decode(rows) == ["tel:4001005678"]


def test_each_code_caption_has_the_disclaimer_beside_the_number_as_data() -> None:
    """The caption under a code was the bare number (found in QA): a page printed or cut
    apart may keep the code and its caption only, so the caveat is in the caption too,
    escaped as any text of a guide."""
    guide = load_guide(ZH)
    hotline = guide.support[0]
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", to_html(guide), re.S)
    assert captions and set(captions) == {f'400-100-5678（<span class="disclaimer">{hotline.disclaimer}</span>）'}
    hostile = dataclasses.replace(hotline, disclaimer="<b>&amp;</b> a <script>")
    page = to_html(dataclasses.replace(guide, support=(hostile,)))
    for caption in re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S):
        assert "&lt;b&gt;&amp;amp;&lt;/b&gt; a &lt;script&gt;" in caption and "<script>" not in caption


def test_segno_is_not_imported_by_the_other_exports() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from guide_tui.core.loader import load_guide\n"
        "from guide_tui.export import export\n"
        f"g = load_guide({str(ZH)!r})\n"
        "for fmt in ('markdown', 'text', 'json'): export(g, fmt)\n"
        "print('segno' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr
