"""A 公文 PDF the way Chinese typesetting systems write one: a Type0 font with the
predefined CMap GBK-EUC-H over the non-embedded CIDFont STSong-Light and no ToUnicode
map, so every string is GBK bytes (ASCII digits and letters one byte each, CIDs 814–907, half an em); one BT block
a page, the first line placed with Tm and each next one moved with Td; justified lines
set as TJ arrays with a kern between characters; Flate-compressed content; the page
number placed as GB/T 9704 says (odd pages right, even pages left, one character in).
"""

import zlib

import gongwen as g


def literal(data):
    """A PDF literal string of raw bytes (GBK trail bytes may be \\ ( or ))."""
    out = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + out + b")"


def gbk(text):
    """GBK bytes of `text` (the few characters GBK lacks print as a space)."""
    return b"".join(c.encode("gbk", errors="replace").replace(b"?", b" ") if c != "?" else b"?" for c in text)


def shown(line):
    """The operator that shows one line: Tj when it is set solid, else a TJ array that
    spaces its characters by the justification (in thousandths of an em)."""
    if abs(line.spacing) < 0.01:
        return literal(gbk(line.text)) + b" Tj\n"
    kern = -line.spacing * 1000 / line.size
    parts = [literal(gbk(c)) for c in line.text]
    return b"[" + f" {kern:.1f} ".encode().join(parts) + b"] TJ\n"


def page_stream(lines, n):
    """The content stream of page `n`."""
    out = [b"BT\n"]
    px = py = None
    size = None
    for line in lines:
        x, y = line.x, g.PAGE_H - line.y
        if line.size != size:
            out.append(f"/F1 {line.size:g} Tf\n".encode())
            size = line.size
        if px is None:
            out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm\n".encode())
        else:
            out.append(f"{x - px:.2f} {y - py:.2f} Td\n".encode())
        px, py = x, y
        out.append(shown(line))
    out.append(b"ET\n")
    num = g.folio(n)
    w = g.em_width(num) * g.FOOT
    x = g.PAGE_W - g.RIGHT - g.FOOT - w if n % 2 else g.LEFT + g.FOOT
    out.append(f"BT /F1 {g.FOOT:g} Tf {x:.2f} {g.BOTTOM - 50:.2f} Td ".encode())
    out.append(literal(gbk(num)) + b" Tj ET\n")
    return b"".join(out)


FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-GBK-EUC-H"
        b" /Encoding /GBK-EUC-H /DescendantFonts [%d 0 R] >>")
CID = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
       b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
       b" /FontDescriptor %d 0 R /DW 1000 /W [814 907 500 7716 7716 500] >>")
DESC = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
        b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120"
        b" /CapHeight 880 /StemV 93 >>")


def write(text, path):
    """Writes the report `text` as a PDF at `path`."""
    pages = g.lay_out(text)
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 4: FONT % 5, 5: CID % 6, 6: DESC}
    kids = []
    for n, lines in enumerate(pages, 1):
        page, content = 5 + 2 * n, 6 + 2 * n
        data = zlib.compress(page_stream(lines, n))
        objs[content] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                         + data + b"\nendstream")
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89]"
                      b" /Resources << /Font << /F1 4 0 R >> >> /Contents %d 0 R >>" % content)
        kids.append(b"%d 0 R" % page)
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    objs[3] = b"<< /Producer (lawscore forms) >>"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    with open(path, "wb") as f:
        f.write(out)
