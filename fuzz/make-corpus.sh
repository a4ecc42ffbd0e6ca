#!/usr/bin/env bash
# Seeds for the fuzz targets, made from the test fixtures and a few hostile shapes
# (not committed: they are large). Run from anywhere; writes fuzz/corpus/{html,docx}.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/html corpus/docx
cp ../tests/fixtures/blind/*.html corpus/html/
python3 - <<'PY'
import io, zipfile
para = "<p>2023年，我区深入推进法治政府建设，严格规范公正文明执法。</p>"
def page(soup):
    return ("<!DOCTYPE html><html><head><title>法治政府建设年度报告</title></head>"
            "<body><div id=zoom>" + para * 2 + soup + para + "</div></body></html>")
shapes = {
    "selfclose": "<div/>" * 20000, "mismatch": "<div></x>" * 20000,
    "reopen": "".join(f"<p><b id=b{i}>x</p>" for i in range(5000)),
    "table": "<table><tr><td>x" * 5000, "attrs": "<p " + " ".join(f"a{i}=1" for i in range(5000)) + ">x",
    "svg": "<svg>" + "<g/>" * 5000 + "</svg>", "formatting": "<b><i><u><a><font>" * 2000,
}
for name, soup in shapes.items():
    open(f"corpus/html/{name}.html", "w").write(page(soup))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
doc = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
       '<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
       '<w:r><w:rPr><w:b/></w:rPr><w:t>总体情况</w:t></w:r></w:p>'
       '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>135</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
       '<w:p><w:r><w:t xml:space="preserve">正文&amp;内容</w:t><w:tab/><w:br/></w:r></w:p></w:body></w:document>')
num = (f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
       '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
       '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
sty = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
       '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>')
open("corpus/docx/xml-parts", "wb").write(b"\x01" + doc.encode() + b"\xff" + num.encode() + b"\xff" + sty.encode())
open("corpus/docx/deep", "wb").write(b"\x01" + (f"<w:document {W}><w:body>" + "<w:p>" * 5000).encode())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", doc); z.writestr("word/numbering.xml", num); z.writestr("word/styles.xml", sty)
open("corpus/docx/zip", "wb").write(b"\x00" + buf.getvalue())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", f"<w:document {W}><w:body>" + "<w:p/>" * 400000 + "</w:body></w:document>")
open("corpus/docx/bomb", "wb").write(b"\x00" + buf.getvalue())
PY
echo "corpus: $(ls corpus/html | wc -l) html, $(ls corpus/docx | wc -l) docx seeds"
