"""A 公文-styled Word .docx of a report, as an office template makes one: A4 with GB/T
9704 margins, 三号 仿宋 body (flush left) with a two-character first-line indent and exact
28 pt line spacing, the title centred in 二号 小标宋, the signature and date flush
right, and a footer "— PAGE —" centred. LibreOffice turns it into the exported PDF
(embedded TrueType subsets with ToUnicode) and the styled Word 97 .doc, whose footer
lives in the header story, not in the body text."""

import zipfile
from xml.sax.saxutils import escape

import gongwen as g

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{}"/>'


def para(text, jc, size, font, indent):
    """One paragraph: alignment, first-line indent in characters, size in points."""
    ind = f'<w:ind w:firstLineChars="{indent * 100}" w:firstLine="{indent * size * 20}"/>' if indent else ""
    rpr = f"<w:rPr>{FONTS.format(font)}<w:sz w:val=\"{size * 2}\"/><w:szCs w:val=\"{size * 2}\"/></w:rPr>"
    line = 720 if size > 20 else 560
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:p><w:pPr><w:spacing w:line="{line}" w:lineRule="exact"/>'
            f'{ind}<w:jc w:val="{jc}"/>'
            f"{rpr}</w:pPr>{run}</w:p>")


def body(text):
    """The paragraphs of the report, one per source line."""
    src = text.split("\n")
    out = []
    for raw, kind in zip(src, g.roles(src)):
        line = g.clean(raw)
        if kind == "title":
            out.append(para(line, "center", 22, "方正小标宋简体", 0))
        elif kind == "sign":
            out.append(para(line, "right", 16, "仿宋_GB2312", 0))
        elif kind == "addressee":
            out.append(para(line, "left", 16, "仿宋_GB2312", 0))
        else:
            # left, not justified: LibreOffice 7.4 leaves a mark that ends a full justified
            # CJK line undrawn in the PDF (the text loses a ，or 。)
            out.append(para(line, "left", 16, "仿宋_GB2312", 0 if kind == "blank" else 2))
    return "".join(out)


FOOTER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W}><w:p><w:pPr><w:jc w:val="center"/>'
          f'</w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>'
          f'<w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
          f'<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')
SECT = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1361"'
        ' w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
         'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
         '+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.wordprocessingml.footer+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>')


def write(text, path):
    """Writes the report `text` as a styled .docx at `path`."""
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
           f"{body(text)}{SECT}</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/footer1.xml", FOOTER)
