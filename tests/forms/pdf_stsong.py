"""A 公文 PDF as reportlab writes it with the predefined CID font STSong-Light: the font
is not embedded, strings are UniGB-UCS2-H codes (two bytes each), there is no ToUnicode
map. Pages from the second on carry a running header (the title in 五号 over a rule),
every page a centred page number."""

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import gongwen as g

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def width(c):
    """A character's advance in ems by the font's own metrics (the /W the PDF carries)."""
    return pdfmetrics.stringWidth(c, FONT, 1000) / 1000


def write(text, path):
    """Writes the report `text` as a PDF at `path`."""
    pages = g.lay_out(text, width)
    title = g.clean(next((l for l in text.split("\n") if l.strip()), ""))
    c = canvas.Canvas(path, pagesize=A4, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("")
    for n, lines in enumerate(pages, 1):
        for line in lines:
            c.setFont(FONT, line.size)
            c.drawString(line.x, g.PAGE_H - line.y, line.text, charSpace=line.spacing)
        if n > 1:
            c.setFont(FONT, g.HEAD)
            c.drawCentredString(g.PAGE_W / 2, g.PAGE_H - 62, title)
            c.setLineWidth(0.5)
            c.line(g.LEFT, g.PAGE_H - 68, g.PAGE_W - g.RIGHT, g.PAGE_H - 68)
        c.setFont(FONT, g.FOOT)
        c.drawCentredString(g.PAGE_W / 2, g.BOTTOM - 50, g.folio(n))
        c.showPage()
    c.save()
