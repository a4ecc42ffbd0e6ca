"""A report's plain text laid out the way a 公文 is printed (GB/T 9704): A4, 三号 body of
28 characters a line, 22 lines a page, body paragraphs indented two characters and
justified, the title centred in 二号 (wrapped over balanced lines when long), the
addressee flush left, the signature and date flush right, a page number "— N —" at the
foot of every page.

The printed lines come out as positions in points from the top-left corner of the page;
each writer (PDF, OFD) turns them into its own coordinates. Nothing here knows a reader.
"""

import re

PAGE_W, PAGE_H = 595.28, 841.89
TOP, BOTTOM, LEFT, RIGHT = 104.9, 99.2, 79.4, 73.7
TEXT_W = PAGE_W - LEFT - RIGHT
BODY, TITLE, FOOT, HEAD = 15.75, 21.75, 14.0, 10.5
PITCH, TITLE_PITCH = 28.95, 36.0
LINES_PER_PAGE = int((PAGE_H - TOP - BOTTOM) // PITCH)

# 避头尾: what a typesetter never lets start a line, and never lets end one.
NO_START = set("，。、；：？！）》」』”’%)]}.,;:?!")
NO_END = set("（《「『“‘([{")
DATE = re.compile(r"^([0-9]{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
CLOSE = "。；，：！？"


class Line:
    """One printed line: its text, where its baseline starts, its size, and how much
    extra space a justified line puts after every character but the last."""

    def __init__(self, text, x, y, size, spacing=0.0, kind="body"):
        self.text, self.x, self.y, self.size = text, x, y, size
        self.spacing, self.kind = spacing, kind


def half(c):
    """Whether a character is set half an em wide (ASCII, as in STSong's Latin)."""
    return " " <= c <= "~"


def em_width(text, width=None):
    """Width of `text` in ems (full-width 1, ASCII 1/2) unless `width(c)` says otherwise."""
    width = width or (lambda c: 0.5 if half(c) else 1.0)
    return sum(width(c) for c in text)


def tokens(text):
    """Units a line may not break inside: runs of ASCII letters and digits (so 2024 and
    85% stay whole, as Word keeps a Latin word), single spaces, single CJK characters."""
    out = []
    for tok in re.findall(r"[!-~]+| |.", text):
        out.extend(tok if len(tok) > 40 else [tok])  # a URL may break anywhere
    return out


def wrap(text, max_em, first_em, width=None):
    """Splits a paragraph into printed lines of at most `max_em` (`first_em` for the
    first, which the indent shortens), keeping closing marks off a line start and
    opening marks off a line end, as typesetters do."""
    lines, cur, room = [], "", first_em
    for tok in tokens(text):
        w = em_width(tok, width)
        if cur and em_width(cur, width) + w > room + 1e-6:
            if tok in NO_START:
                cur += tok  # hung on the line it closes, squeezed by justification
                continue
            carry = ""
            while cur and cur[-1] in NO_END:
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append(cur.rstrip(" "))
            cur, room = carry, max_em
            if tok == " ":
                continue  # a space that falls at a break is not printed
        cur += tok
    if cur or not lines:
        lines.append(cur)
    return lines


def balanced(title, max_em):
    """A long title over as few centred lines as it needs, of near-equal length, broken
    where an editor would break it (after 关于, after 年度, before 法治) when such a
    place is near the middle."""
    total = em_width(title)
    n = max(1, -(-int(total * 100) // int(max_em * 100)))
    if n == 1:
        return [title]
    out, rest = [], title
    for k in range(n - 1, 0, -1):
        goal = em_width(rest) / (k + 1)
        cuts = [i for i in range(1, len(rest)) if em_width(rest[:i]) <= max_em]
        nice = [i for i in cuts if rest[:i].endswith(("关于", "年度")) or rest[i:].startswith("法治")]
        pick = min(nice or cuts, key=lambda i: abs(em_width(rest[:i]) - goal))
        if nice and abs(em_width(rest[:pick]) - goal) > 4:
            pick = min(cuts, key=lambda i: abs(em_width(rest[:i]) - goal))
        while 0 < pick < len(rest) and rest[pick - 1].isascii() and rest[pick].isascii():
            pick -= 1  # never inside a number
        out.append(rest[:pick])
        rest = rest[pick:]
    return out + [rest]


def roles(lines):
    """What each source line is: title, addressee, body, sign (flush right) or blank."""
    kinds = ["blank" if not l.strip() else "body" for l in lines]
    filled = [i for i, k in enumerate(kinds) if k == "body"]
    if not filled:
        return kinds
    kinds[filled[0]] = "title"
    if len(filled) > 1:
        second = lines[filled[1]].strip()
        if second.endswith(("：", ":")) and len(second) <= 40:
            kinds[filled[1]] = "addressee"
    for k, i in enumerate(filled):
        if k > 1 and DATE.match(lines[i].strip()):
            kinds[i] = "sign"
            prev = filled[k - 1]
            p = lines[prev].strip()
            if prev != filled[0] and len(p) <= 20 and p[-1] not in CLOSE:
                kinds[prev] = "sign"
    return kinds


def clean(line):
    """The printed form of a source line: no leading or trailing blanks, tabs and
    no-break spaces printed as plain spaces."""
    return re.sub(r"[\t\u00a0\u2002\u3000]", " ", line).strip()


class Pager:
    """Hands out baselines down the page, starting a new page when the body is full."""

    def __init__(self):
        self.pages = [[]]
        self.y = TOP

    def place(self, line, pitch):
        if self.y + pitch > PAGE_H - BOTTOM + 1e-6 and self.pages[-1]:
            self.pages.append([])
            self.y = TOP
        line.y = self.y + line.size * 0.88
        self.pages[-1].append(line)
        self.y += pitch

    def skip(self, pitch):
        if self.pages[-1] and self.y + pitch <= PAGE_H - BOTTOM:
            self.y += pitch


def justify(text, max_w, width, size):
    """Extra space after each character that stretches (or, for a hung mark, squeezes)
    a full line to the measure."""
    natural = em_width(text, width) * size
    return (max_w - natural) / (len(text) - 1) if len(text) > 1 else 0.0


def lay_out(text, width=None):
    """The printed pages of a report: a list of pages, each a list of [`Line`]s.
    `width(c)` gives a character's width in ems where a font's metrics say it."""
    src = text.split("\n")
    kinds = roles(src)
    pager = Pager()
    w_em = TEXT_W / BODY
    for raw, kind in zip(src, kinds):
        line = clean(raw)
        if kind == "blank":
            pager.skip(PITCH)
        elif kind == "title":
            for part in balanced(line, int(TEXT_W / TITLE)):
                x = LEFT + (TEXT_W - em_width(part, width) * TITLE) / 2
                pager.place(Line(part, x, 0, TITLE, kind="title"), TITLE_PITCH)
            pager.skip(PITCH)
        elif kind == "sign":
            x = PAGE_W - RIGHT - (em_width(line, width) + 2) * BODY
            pager.place(Line(line, x, 0, BODY, kind="sign"), PITCH)
        else:
            indent = 0 if kind == "addressee" else 2
            parts = wrap(line, w_em, w_em - indent, width)
            for k, part in enumerate(parts):
                x = LEFT + (indent * BODY if k == 0 else 0)
                last = k == len(parts) - 1
                room = TEXT_W - (x - LEFT)
                sp = 0.0 if last else justify(part, room, width, BODY)
                pager.place(Line(part, x, 0, BODY, sp), PITCH)
    return pager.pages


def folio(n):
    """The page number as a 公文 prints it."""
    return f"— {n} —"
