"""A 公文 as an OFD package (GB/T 33190-2016), the way 版式 converters write one:
OFD.xml → Doc_0/Document.xml (A4 PhysicalBox in millimetres, Pages by BaseLoc) → one
Content.xml a page with one TextObject per printed line (Boundary, Font, Size, TextCode
with X/Y and DeltaX, runs of equal advances written with the `g` shorthand), fonts in
PublicRes.xml, the page number in a TemplatePage of each page, a red rule under the title
(a PathObject), and a seal on the last page as a Stamp annotation whose appearance
carries the issuer's name (furniture: no reader should print it)."""

import zipfile
from xml.sax.saxutils import escape

import gongwen as g

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
MM = 25.4 / 72


def mm(pt):
    """Points → millimetres, as OFD coordinates are written."""
    return round(pt * MM, 3)


def deltas(line):
    """DeltaX of a line: the advance after each character but the last, equal runs
    folded into `g N v` as writers do."""
    adv = [mm((0.5 if g.half(c) else 1.0) * line.size + line.spacing) for c in line.text[:-1]]
    out, i = [], 0
    while i < len(adv):
        j = i
        while j < len(adv) and adv[j] == adv[i]:
            j += 1
        out.append(f"g {j - i} {adv[i]:g}" if j - i >= 3 else " ".join(f"{a:g}" for a in adv[i:j]))
        i = j
    return " ".join(out)


def text_object(oid, line, font="3"):
    """One printed line as a TextObject."""
    w = mm(g.em_width(line.text) * line.size + line.spacing * max(len(line.text) - 1, 0))
    h = mm(line.size * 1.2)
    top = mm(line.y - line.size * 0.88 - line.size * 0.1)
    base = mm(line.size * 0.98)
    dx = deltas(line)
    dx = f' DeltaX="{dx}"' if dx else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{mm(line.x)} {top} {w} {h}" Font="{font}" '
            f'Size="{mm(line.size)}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{base}"{dx}>{escape(line.text)}</ofd:TextCode></ofd:TextObject>')


def page_xml(lines, tpl, first_id, rule):
    """Content.xml of one page."""
    objs = [text_object(first_id + k, l, "4" if l.kind == "title" else "3") for k, l in enumerate(lines)]
    if rule:
        y = mm(max(l.y for l in lines if l.kind == "title") + 12)
        objs.insert(0, f'<ofd:PathObject ID="{first_id - 1}" Boundary="{mm(g.LEFT)} {y} {mm(g.TEXT_W)} 1" '
                       f'LineWidth="0.5" Stroke="true"><ofd:StrokeColor Value="255 0 0"/>'
                       f'<ofd:AbbreviatedData>M 0 0.5 L {mm(g.TEXT_W)} 0.5</ofd:AbbreviatedData></ofd:PathObject>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Template TemplateID="{tpl}" '
            f'ZOrder="Background"/><ofd:Content><ofd:Layer ID="{first_id - 2}" Type="Body">'
            + "".join(objs) + "</ofd:Layer></ofd:Content></ofd:Page>")


def template_xml(n, oid):
    """A template page carrying the page number of page `n`."""
    num = g.folio(n)
    x = (g.PAGE_W - g.em_width(num) * g.FOOT) / 2
    line = g.Line(num, x, g.PAGE_H - g.BOTTOM + 50, g.FOOT)
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content>'
            f'<ofd:Layer ID="{oid}">{text_object(oid + 1, line)}</ofd:Layer></ofd:Content></ofd:Page>')


def seal_xml(page_id, sign, oid):
    """The Stamp annotation of the last page: a red circle and the issuer's name."""
    cx, cy = mm(sign.x + 40), mm(sign.y - 40)
    chars = "".join(f'<ofd:TextObject ID="{oid + 2 + k}" Boundary="{6 + 5 * k} 8 5 5" Font="3" Size="4">'
                    f'<ofd:FillColor Value="255 0 0"/><ofd:TextCode X="0" Y="4">{escape(c)}</ofd:TextCode>'
                    f'</ofd:TextObject>' for k, c in enumerate(sign.text[:8]))
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot {NS}><ofd:Annot ID="{oid}" Type="Stamp" '
            f'Creator="seal" LastModDate="2024-02-20"><ofd:Appearance Boundary="{cx} {cy} 42 42">'
            f'<ofd:PathObject ID="{oid + 1}" Boundary="0 0 42 42" LineWidth="1"><ofd:StrokeColor Value="255 0 0"/>'
            f'<ofd:AbbreviatedData>M 0 21 A 21 21 0 1 1 42 21 A 21 21 0 1 1 0 21 C</ofd:AbbreviatedData>'
            f'</ofd:PathObject>{chars}</ofd:Appearance></ofd:Annot></ofd:PageAnnot>')


def write(text, path):
    """Writes the report `text` as an OFD package at `path`."""
    pages = g.lay_out(text)
    title = g.clean(next((l for l in text.split("\n") if l.strip()), ""))
    n = len(pages)
    page_ids = [10000 + 100 * k for k in range(n)]
    tpl_ids = [500000 + 10 * k for k in range(n)]
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.1" DocType="OFD"><ofd:DocBody>'
                   f'<ofd:DocInfo><ofd:DocID>6c1f0a3e2b9d4c58a7e1f0b2c3d4e5f6</ofd:DocID><ofd:Title>{escape(title)}'
                   f'</ofd:Title><ofd:Creator>lawscore forms</ofd:Creator></ofd:DocInfo>'
                   f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>'
                               f'<ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/>'
                               f'<ofd:Font ID="4" FontName="方正小标宋简体" FamilyName="方正小标宋简体"/>'
                               f'</ofd:Fonts></ofd:Res>',
    }
    tpls = "".join(f'<ofd:TemplatePage ID="{t}" BaseLoc="Tpls/Tpl_{k}/Content.xml"/>' for k, t in enumerate(tpl_ids))
    refs = "".join(f'<ofd:Page ID="{p}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k, p in enumerate(page_ids))
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>999999'
        f'</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
        f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpls}</ofd:CommonData><ofd:Pages>{refs}</ofd:Pages>'
        f'<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>')
    for k, lines in enumerate(pages):
        rule = k == 0 and any(l.kind == "title" for l in lines)
        files[f"Doc_0/Pages/Page_{k}/Content.xml"] = page_xml(lines, tpl_ids[k], page_ids[k] + 3, rule)
        files[f"Doc_0/Tpls/Tpl_{k}/Content.xml"] = template_xml(k + 1, tpl_ids[k] + 1)
    signs = [l for l in pages[-1] if l.kind == "sign"] or pages[-1][-1:]
    files["Doc_0/Annots/Annotations.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations {NS}><ofd:Page PageID="{page_ids[-1]}">'
        f'<ofd:FileLoc>Page_{n - 1}/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>')
    files[f"Doc_0/Annots/Page_{n - 1}/Annotation.xml"] = seal_xml(page_ids[-1], signs[0], 900000)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, body)
