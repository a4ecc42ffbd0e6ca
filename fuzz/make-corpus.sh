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
mkdir -p corpus/pdf corpus/ofd corpus/doc
# The committed seeds (fuzz/seeds, ~130 KB: small real forms, see fuzz/seeds/README) go in
# first; the pdf and ofd targets read the file itself after a mode byte 0.
for k in pdf ofd; do
  for f in seeds/$k/*; do { printf '\0'; cat "$f"; } > "corpus/$k/seed-$(basename "$f")"; done
done
cp seeds/doc/* corpus/doc/
# FORMS=DIR reuses forms make_forms.py already wrote (e.g. target/tmp/forms-*, the tests' cache).
forms=$(mktemp -d)
trap 'rm -rf "$forms"' EXIT
if [ -n "${FORMS:-}" ]; then
  cp "$FORMS"/weak[-.]* "$FORMS"/c1_town_2022[-.]* "$forms"/
else
  python3 ../tests/forms/make_forms.py "$forms" ../tests/fixtures/reports/weak.txt ../tests/fixtures/blind/c1_town_2022.txt
fi
python3 - "$forms" <<'PY'
import glob, io, os, sys, zipfile, zlib
forms = sys.argv[1]
def seed(kind, name, mode, data):
    open(f"corpus/{kind}/{name}", "wb").write(bytes([mode]) + data)
for p in glob.glob(f"{forms}/*"):
    base = os.path.basename(p)
    if base.endswith(".pdf"):
        seed("pdf", base, 0, open(p, "rb").read())
    elif base.endswith(".ofd"):
        seed("ofd", base, 0, open(p, "rb").read())
    elif base.endswith(".doc"):
        open(f"corpus/doc/{base}", "wb").write(open(p, "rb").read())
# content streams for the wrapped one-page PDF (mode 1: GBK-EUC-H, mode 7: UniGB-UCS2-H)
gbk = "法治政府建设2024年".encode("gbk")
streams = {
    "text": b"BT /F1 16 Tf 1 0 0 1 80 700 Tm (" + gbk + b") Tj 0 -29 Td [(" + gbk + b") -120 (" + gbk + b")] TJ ET",
    "nested-q": b"q " * 100000 + b"BT /F1 12 Tf (a) Tj ET",
    "many-tj": b"BT /F1 12 Tf " + b"1 0 0 1 80 700 Tm (" + gbk + b") Tj " * 20000 + b"ET",
    "huge-numbers": b"BT /F1 1e308 Tf 1e308 -1e308 Td 99999999999 Tc [(" + gbk + b") -1e308] TJ ET",
    "unbalanced": b"BT BT ET ET ET ( (\\( ) Tj [ [ [ ] TJ <4e> Tj <",
}
for name, data in streams.items():
    seed("pdf", f"stream-{name}", 1, data)
seed("pdf", "stream-ucs2", 7, b"BT /F1 16 Tf 80 700 Td <6cd56cbb653f5e9c> Tj ET")
def pdf(objs, trailer):
    out, offs = bytearray(b"%PDF-1.7\n"), []
    for i, body in enumerate(objs, 1):
        offs.append(len(out)); out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    return bytes(out + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % x)
bomb = zlib.compress(b"0" * (64 << 20), 9)
seed("pdf", "flate-bomb", 0, pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
     b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"],
     b"<< /Size 5 /Root 1 0 R >>"))
seed("pdf", "kids-cycle", 0, pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
     b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R >>"], b"<< /Size 4 /Root 1 0 R /Prev 9 >>"))
seed("pdf", "deep-array", 0, pdf([b"<< /Type /Catalog /Pages " + b"[" * 100000 + b" >>"], b"<< /Size 2 /Root 1 0 R >>"))
# OFD parts for the fresh package (mode 1), split at 0xFF
NS = b'xmlns:ofd="http://www.ofdspec.org/2016"'
ofd_xml = b'<ofd:OFD ' + NS + b'><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
doc_xml = (b'<ofd:Document ' + NS + b'><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
           b'</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>'
           + b'<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>' * 3 + b'</ofd:Pages></ofd:Document>')
text = "法治政府建设".encode()
content = (b'<ofd:Page ' + NS + b'><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="28 40 150 7" Font="4" Size="5.6">'
           b'<ofd:TextCode X="0" Y="5" DeltaX="g 5 5.6">' + text + b'</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
res = b'<ofd:Res ' + NS + b'><ofd:Fonts><ofd:Font ID="4" FontName="SimSun"/></ofd:Fonts></ofd:Res>'
seed("ofd", "parts", 1, b"\xff".join([ofd_xml, doc_xml, content, res]))
seed("ofd", "deltax", 1, b"\xff".join([ofd_xml, doc_xml, content.replace(b"g 5 5.6", b"g 99999999 1e308 g -1 g"), res]))
seed("ofd", "deep", 1, b"\xff".join([ofd_xml, doc_xml, b'<ofd:Page ' + NS + b'>' + b"<ofd:Layer>" * 100000, res]))
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("OFD.xml", ofd_xml); z.writestr("Doc_0/Document.xml", doc_xml)
    z.writestr("Doc_0/Pages/Page_0/Content.xml", content.replace(b"</ofd:Layer>", b'<ofd:TextObject ID="9" Boundary="0 0 1 1" Size="1"><ofd:TextCode X="0" Y="0">' + b"x" * (64 << 20) + b"</ofd:TextCode></ofd:TextObject></ofd:Layer>"))
seed("ofd", "bomb", 0, buf.getvalue())
PY
echo "corpus: $(ls corpus/html | wc -l) html, $(ls corpus/docx | wc -l) docx, $(ls corpus/pdf | wc -l) pdf, $(ls corpus/ofd | wc -l) ofd, $(ls corpus/doc | wc -l) doc seeds"
