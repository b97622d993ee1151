"""PDF to blocks: words with their coordinates (PDFium), columns by geometry.

A bilingual gazette or record prints the two languages side by side. The reader finds
the gutter of each page (an empty vertical band near the middle), reads the left column
then the right one band by band (a line across both columns closes a band), drops the
page furniture (running headers and footers that repeat from page to page, page numbers,
letter-spaced and vertical margin text), groups lines into paragraphs by their spacing,
and re-joins a word cut at a line end only when the joined form is a word
(``bilint.readers.words``). Each column's language is told from the whole column.

The ``Source`` text is the extracted text, one printed line a line; positions in words
(``page 4, left column, line 12``) say where a finding is in the PDF.

PDFium (pypdfium2) reads the pages; it is the ``pdf`` extra:
``pip install 'bilint[pdf]'``.
"""

from __future__ import annotations

import ctypes
import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ..model import Mark, MappedText
from ..source import InputError, Source
from .block import INVISIBLE, Block

MAX_PAGES = 3000
MAX_WORDS_PER_PAGE = 20000     # a page of 100,000 tiny text objects is refused, not read for minutes
MAX_CHARS_PER_PAGE = 200_000
MAX_TEXT_OBJECTS = 30_000      # page objects (a dense page of text has a few thousand)
_EDGE = 0.075                  # the top and bottom bands where running heads and page numbers sit
# each run of spaces has one place in the pattern ("\s*[-–]?\s*" backtracks quadratically on spaces)
_PAGE_NUMBER = re.compile(r"(?:p\.|page|blz\.|pag\.)?\s*(?:[-–]\s*)?\d{1,4}\s*(?:[-–]\s*)?(?:/\s*\d{1,4})?", re.I)
_ROMAN_PAGE = re.compile(r"[ivxlc]{1,7}|[IVXLC]{1,7}")
# a label, also after a consolidation's amendment mark (``[¹ 41° …``, ``(2° …``)
_LABEL_START = re.compile(r"(?:\[\s*(?:[0-9]{1,3}\s+)?(?=[0-9]{1,3}°|§))?(?:\(?[0-9]{1,3}[.)°]|\(?[a-z][.)]|§\s*\d{1,3}(?:bis|ter|quater)?\.?|art\.|article|artikel|[-–•])\s", re.I)


@dataclass
class _Line:
    page: int
    column: str          # "left", "right" or "" (across the page, or a one-column page)
    top: float
    bottom: float
    x0: float
    words: list[str]
    size: float
    number: int = 0      # 1-based line number in its column on its page
    x1: float = 0.0      # where the line ends
    first_width: float = 0.0   # the width of its first word
    raised: tuple[int, ...] = ()   # the indexes of its words set as superscript numbers

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    columns: bool = False


def read_pdf(path: str, data: bytes) -> Source:
    """Read a PDF's text into a ``Source`` whose blocks are already made."""
    try:
        import pypdfium2   # noqa: F401  (the ``pdf`` extra)
    except ImportError:
        raise InputError(f"{path}: reading PDF needs the pdf extra (pip install 'bilint[pdf]')") from None
    pages = _pages(path, data)
    _drop_furniture(pages)
    return _build(path, pages)


def _pages(path: str, data: bytes) -> list[_Page]:
    """Each page's words with their boxes, read by PDFium (C, through pypdfium2): about
    seven times faster than building pdfplumber's character objects, which resolved every
    graphic-state attribute of every character (the Senate's 62-page record: 24 s)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower() or "security" in str(error).lower():
            raise InputError(f"{path}: the PDF is encrypted; bilint cannot read it") from None
        raise InputError(f"{path}: not a readable PDF (truncated or damaged: {error})") from None
    pages: list[_Page] = []
    try:
        if len(document) > MAX_PAGES:
            raise InputError(f"{path}: {len(document)} pages, more than the {MAX_PAGES} bilint reads")
        for index in range(len(document)):
            page = document[index]
            try:
                pages.append(_read_page(path, index + 1, page))
            finally:
                page.close()
    except pdfium.PdfiumError as error:
        raise InputError(f"{path}: not a readable PDF (truncated or damaged: {error})") from None
    finally:
        document.close()
    return pages


def _read_page(path: str, number: int, page) -> _Page:
    """One page's words: runs of characters between spaces, line breaks and gaps wider
    than a space (PDFium inserts the spaces and breaks a PDF only implies)."""
    import pypdfium2.raw as raw

    objects = raw.FPDFPage_CountObjects(page)
    if objects > MAX_TEXT_OBJECTS:
        raise InputError(f"{path}: page {number} has {objects:,} text objects, far more than a page "
                         "of text; not read")
    left, bottom, right, top = page.get_bbox()
    width, height = right - left, top - bottom
    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage)
        if count > MAX_CHARS_PER_PAGE:
            raise InputError(f"{path}: page {number} holds {count:,} characters, more than a page of text")
        box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        # upright words, and words turned on the page (a vertical title in the margin, whose
        # letters would otherwise land one by one in the body's lines: ``bij``, ``- d``)
        found: dict[bool, list[dict]] = {True: [], False: []}
        current: dict[bool, dict | None] = {True: None, False: None}
        last_x0 = {True: 0.0, False: 0.0}
        last = {True: 0, False: 0}   # the index of the last character of each word being read
        for index in range(count):
            code = raw.FPDFText_GetUnicode(textpage, index)
            char = "-" if code == 2 else chr(code) if 0 < code < 0x110000 else " "
            if char.isspace() or char in INVISIBLE or not raw.FPDFText_GetLooseCharBox(textpage, index, box):
                current[True] = current[False] = None
                continue
            # the size as printed: the font size scaled by the text's matrix (Justel sets
            # 16-point type at 0.6)
            raw.FPDFText_GetMatrix(textpage, index, matrix)
            size = raw.FPDFText_GetFontSize(textpage, index) * math.hypot(matrix.b, matrix.d)
            upright = matrix.a > 0 and abs(matrix.b) <= 0.1 * matrix.a
            # the box from the baseline's descent up one font size, as pdfminer draws it: the
            # font's full bounds would be taller and make paragraph gaps look like line spacing
            x0, x1 = box.left - left, box.right - left
            y1 = top - box.bottom
            y0 = y1 - (size if 0 < size < 2 * (box.top - box.bottom) else box.top - box.bottom)
            word = current[upright]
            if (word is None or abs(y0 - word["top"]) > 3 or x0 - word["x1"] > 3
                    or x0 < last_x0[upright] - 0.5
                    # a superscript (1 / er) is smaller and raised; small capitals keep the baseline
                    or abs(size - word["size"]) > 1
                    and abs(_baseline(raw, textpage, index) - _baseline(raw, textpage, last[upright])) > 0.5):
                word = current[upright] = {"text": "", "x0": x0, "x1": x1, "top": y0, "bottom": y1,
                                           "size": round(size, 1)}
                found[upright].append(word)
                if len(found[upright]) > MAX_WORDS_PER_PAGE:
                    raise InputError(f"{path}: page {number} holds more than {MAX_WORDS_PER_PAGE} words, "
                                     "more than a page of text")
            word["text"] += char
            last_x0[upright] = x0
            last[upright] = index
            word["x1"] = max(word["x1"], x1)
            word["bottom"] = max(word["bottom"], y1)
        # a page printed sideways (all of it turned) is read as it is
        words = found[True] if len(found[True]) >= len(found[False]) else found[False] + found[True]
    finally:
        textpage.close()
    return _page(number, width, height, words)


def _baseline(raw, textpage, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return y.value


def _page(number: int, width: float, height: float, words: list[dict]) -> _Page:
    page = _Page(number, width, height)
    words = [w for w in words if w["text"].strip()]
    split = _gutter(words, width, height)
    page.columns = split is not None
    rows: dict[str, list[dict]] = {"left": [], "right": [], "": []}
    if split is None:
        rows[""] = words
    else:
        across = {round(w["top"]) for w in words if w["x0"] < split < w["x1"]}
        for word in words:
            if any(abs(round(word["top"]) - top) <= 2 for top in across):
                rows[""].append(word)
            else:
                rows["left" if word["x1"] <= split else "right"].append(word)
    for column, column_words in rows.items():
        page.lines.extend(_lines(number, column, column_words))
    page.lines.sort(key=lambda line: (line.top, line.x0))
    return page


def _gutter(words: list[dict], width: float, height: float) -> float | None:
    """The x of the empty band between two columns, or None for a one-column page."""
    body = [w for w in words if _EDGE * height < w["top"] < (1 - _EDGE) * height]
    if len(body) < 40:
        return None
    step = 2.0
    bins = int(width / step) + 1
    cover = [0] * bins
    for word in body:
        for index in range(int(word["x0"] / step), min(bins, int(word["x1"] / step) + 1)):
            cover[index] += 1
    low, high = int(0.35 * width / step), int(0.65 * width / step)
    least = min(cover[low:high + 1])
    if least > len(body) // 50:
        return None   # no band near the middle is (nearly) empty: one column
    allowed = least + max(1, len(body) // 300)   # a few words across: titles spanning the page
    best: tuple[int, int] | None = None
    start = None
    for index in range(low, high + 1):
        if cover[index] <= allowed:
            start = index if start is None else start
            if best is None or index - start > best[1] - best[0]:
                best = (start, index)
        else:
            start = None
    if best is None or (best[1] - best[0] + 1) * step < 6:
        return None
    split = (best[0] + best[1] + 1) / 2 * step
    left = sum(1 for w in body if w["x1"] <= split)
    right = sum(1 for w in body if w["x0"] >= split)
    if min(left, right) < 0.2 * len(body):
        return None
    return split


def _lines(page: int, column: str, words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    current: list[dict] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if current and abs(word["top"] - current[0]["top"]) > 2.5:
            lines.append(_make_line(page, column, current))
            current = []
        current.append(word)
    if current:
        lines.append(_make_line(page, column, current))
    return lines


def _make_line(page: int, column: str, words: list[dict]) -> _Line:
    words = sorted(words, key=lambda w: w["x0"])
    size = median(float(w.get("size", 10)) for w in words)
    return _Line(page, column, min(w["top"] for w in words), max(w["bottom"] for w in words),
                 words[0]["x0"], ["".join(ch for ch in w["text"] if ch not in INVISIBLE) for w in words],
                 size, x1=max(w["x1"] for w in words), first_width=words[0]["x1"] - words[0]["x0"],
                 raised=_raised(words))


def _raised(words: list[dict]) -> tuple[int, ...]:
    """The words that are a superscript number: smaller than the line's type and raised
    above its baseline (a note call, Justel's amendment number ``[¹`` … ``]¹``). They are
    marks, not text, as the HTML reader makes ``<sup>``: ``[¹ Een`` reads ``[ Een``."""
    size = median(float(w.get("size", 10)) for w in words for _ in w["text"])   # most letters'
    body = [w["bottom"] for w in words if float(w.get("size", 10)) > 0.9 * size]
    if not body or len(body) == len(words):
        return ()
    baseline = median(body)
    return tuple(index for index, w in enumerate(words)
                 if float(w.get("size", 10)) <= 0.85 * size and baseline - w["bottom"] > 0.15 * size
                 and _SUPERSCRIPT_NUMBER.fullmatch(w["text"]))


_SUPERSCRIPT_NUMBER = re.compile(r"\d{1,3}")


def _shape(text: str) -> str:
    """A running head's shape: digits and spaces do not count (page numbers, letter spacing)."""
    return re.sub(r"[\d\s]+", "", text).lower()


def _drop_furniture(pages: list[_Page]) -> None:
    """Running heads and feet (repeated shapes at a page's edge), page numbers,
    letter-spaced lines and vertical margin text."""
    edge_lines: dict[str, list[tuple[_Page, _Line]]] = {}
    for page in pages:
        for line in page.lines:
            if _at_edge(line, page):
                edge_lines.setdefault(_shape(line.text), []).append((page, line))
    edge_shapes: Counter[str] = Counter()
    heads: set[int] = set()   # the ids of the lines that are a running head or foot
    head_numbers: dict[str, set[str]] = {}   # the numbers each running head prints
    for shape, found in edge_lines.items():
        running = _running(found)
        edge_shapes[shape] = len({page.number for page, _ in running})
        heads.update(id(line) for _, line in running)
        head_numbers[shape] = {number for _, line in running for number in _NUMBER.findall(line.text)}
    repeated = max(2, int(0.2 * len(pages)))
    # a long running head is furniture on a few pages too (the contents' pages of a record
    # have their own), and so is a part of it where a page's columns cut it in two (its
    # numbers are the head's)
    long_heads = [shape for shape, count in edge_shapes.items() if count >= 3 and len(shape) >= 12]
    for page in pages:
        kept = []
        shorts = [line for line in page.lines if _short(line)]
        for line in page.lines:
            text = line.text
            shape = _shape(text)
            if _at_edge(line, page) and (id(line) in heads and (edge_shapes[shape] >= repeated
                                                                or shape in long_heads)
                                         or _PAGE_NUMBER.fullmatch(text) or _ROMAN_PAGE.fullmatch(text)
                                         or len(shape) >= 8 and _part_of_head(shape, text, long_heads, head_numbers)):
                continue
            if _letter_spaced(line.words) or _short(line) and (not _SHORT_LINE.fullmatch(text) or any(
                    other is not line and abs(other.top - line.top) < 3 * line.size
                    and abs(other.x0 - line.x0) < line.size for other in shorts)):
                continue   # K A M E R, or a letter or two of a vertical margin title
            kept.append(line)
        page.lines = kept


_NUMBER = re.compile(r"\d+")
# a line of its own that is text, unless other short lines stand above or below it (the
# letters of a vertical title): a conjunction between two list items (``of``, ``ou``), a
# colon the line before had no room for
_SHORT_LINE = re.compile(r"[^\W\d_]{2}|[:;]")


def _short(line: _Line) -> bool:
    return len(line.text) <= 2 and not line.text[:1].isdigit()


def _part_of_head(shape: str, text: str, long_heads: list[str], head_numbers: dict[str, set[str]]) -> bool:
    """A line that is a part of a long running head (cut in two by a page's columns), or
    the head with its parts in another order, printing only numbers the head prints."""
    within = [head for head in long_heads if shape in head]
    return bool(within) and set(_NUMBER.findall(text)) <= set().union(*(head_numbers[head] for head in within))


def _running(found: list[tuple[_Page, _Line]]) -> list[tuple[_Page, _Line]]:
    """Of the lines of one shape at the pages' edges, those that are one running head or
    foot: printed at one height, with the same numbers on every page but the page's own
    (which keeps one distance to the page's place in the file). Lines of a document that
    repeat a formula (Justel's amendment notes ``(1)<W 2016-02-05/11, art. 3, …>``, a
    repealed article's ``Art. 14. (Opgeheven)``) differ in their numbers or their height,
    and are text."""
    heights = Counter(round(line.top / 3) for _, line in found)
    height = max(heights, key=lambda h: sum(heights.get(h + d, 0) for d in (-1, 0, 1)))
    level = [(page, line) for page, line in found if abs(round(line.top / 3) - height) <= 1]
    numbers = [tuple(int(n) for n in _NUMBER.findall(line.text)) for _, line in level]
    size = Counter(len(n) for n in numbers).most_common(1)[0][0]
    level = [(item, n) for item, n in zip(level, numbers) if len(n) == size]
    varying = [k for k in range(size) if len({n[k] for _, n in level}) > 1]
    if not varying:
        return [item for item, _ in level]
    if len(varying) == 1:
        k = varying[0]
        offsets = Counter(n[k] - page.number for (page, _), n in level)
        offset = offsets.most_common(1)[0][0]
        return [item for item, n in level if n[k] - item[0].number == offset]
    common = Counter(n for _, n in level).most_common(1)[0][0]
    return [item for item, n in level if n == common]


def _at_edge(line: _Line, page: _Page) -> bool:
    return line.top < _EDGE * page.height or line.bottom > (1 - _EDGE) * page.height


def _letter_spaced(words: list[str]) -> bool:
    singles = sum(1 for word in words if len(word) == 1 and word.isalpha())
    return len(words) >= 4 and singles >= 0.6 * len(words)


def _column_languages(pages: list[_Page]) -> dict[tuple[int, str], str]:
    """The language of each column of each two-column page, told from its whole text."""
    from ..pairing import known_languages

    languages = tuple(known_languages())
    found: dict[tuple[int, str], str] = {}
    for page in pages:
        if not page.columns:
            continue
        for column in ("left", "right"):
            lines = [line.text for line in page.lines if line.column == column]
            text = " ".join(lines)
            if sum(ch.isalpha() for ch in text) < 200:
                continue
            # told from each third of the column too: a column of a record in newspaper flow
            # holds both languages and is given none (its paragraphs are told one by one)
            third = max(1, len(lines) // 3)
            told = {_told(" ".join(part)[:4000], languages)
                    for part in (lines, lines[:third], lines[third:2 * third], lines[2 * third:]) if part}
            if len(told) == 1 and None not in told:
                found[(page.number, column)] = told.pop()
    return found


def _told(text: str, languages: tuple[str, ...]) -> str | None:
    from ..langid import probabilities

    probs = probabilities(text, languages)
    best = max(probs, key=probs.get) if probs else None
    return best if best and probs[best] >= 0.9 else None


def _build(path: str, pages: list[_Page]) -> Source:
    """The extracted text (one printed line a line) and its blocks, in reading order."""
    languages = _column_languages(pages)
    ordered: list[_Line] = []
    for page in pages:
        counters: Counter[str] = Counter()
        for line in page.lines:
            counters[line.column] += 1
            line.number = counters[line.column]
        ordered.extend(_reading_order(page))
    spelled = _spellings(ordered)
    margins: dict[tuple[int, str], float] = {}   # the right margin of each column of each page
    for line in ordered:
        key = (line.page, line.column)
        margins[key] = max(margins.get(key, 0.0), line.x1)
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for line in ordered:
        starts.append(position)
        parts.append(line.text + "\n")
        position += len(line.text) + 1
    text = "".join(parts)
    source = Source(path, text, "pdf", format="pdf")
    groups: list[list[int]] = []
    group: list[int] = []
    notes: set[int] = set()   # the groups that are notes below a rule line
    in_notes = False
    for index, line in enumerate(ordered):
        if _RULE_LINE.fullmatch(line.text):
            # a rule line sets the notes apart (Justel: ``----------`` then ``(1)<W …>``)
            if group:
                groups.append(group)
            group, in_notes = [], True
            continue
        if in_notes:
            if _NOTE_CALL.match(line.text):
                if group:
                    groups.append(group)
                notes.add(len(groups))
                group = [index]
                continue
            if group and not _NOTE_END.search(ordered[group[-1]].text) and not _LABEL_START.match(line.text + " "):
                group.append(index)   # a note's next line
                continue
            in_notes = False
        if group and (_new_paragraph(ordered[group[-1]], line, ordered[group[0]])
                      or _ended_early(ordered[group[-1]], line, margins)):
            groups.append(group)
            group = []
        group.append(index)
    if group:
        groups.append(group)
    columned = {page.number for page in pages if page.columns}
    blocks: list[Block] = []
    for number, group in enumerate(groups):
        first = ordered[group[0]]
        parts = ([group] if first.page not in columned or (first.page, first.column) in languages
                 else _split_languages(ordered, group))
        for part in parts:
            block = _block(source, ordered, starts, part, languages, spelled)
            if number in notes:
                block.kind = "footnote"
            blocks.append(block)
    source.blocks = blocks
    return source


# a line drawn with dashes or underscores, and the call that opens a note below it: ``(1)``
_RULE_LINE = re.compile(r"[-_–—]{5,}")
_NOTE_CALL = re.compile(r"\(\d{1,3}\)\s*\S")
_ENDS_PHRASE = re.compile(r"[.!?:;)\"»”]\W*$")


def _split_languages(lines: list[_Line], group: list[int]) -> list[list[int]]:
    """A paragraph of a column whose language changes from passage to passage (a record
    printed in newspaper flow: a question's title in French, then in Dutch, or the
    president's formula in both), cut where a line that ends a phrase is followed by text
    in the other language; nothing marks such a change but the language."""
    cuts = [k for k in range(1, len(group)) if _ENDS_PHRASE.search(lines[group[k - 1]].text)
            and (lines[group[k]].text[:1].isupper() or lines[group[k]].text[:1] in "-–•")]
    if not cuts:
        return [group]
    parts: list[list[int]] = []
    start = 0
    bounds = cuts + [len(group)]
    for at, cut in enumerate(cuts):
        before = _paragraph_language(" ".join(lines[i].text for i in group[start:cut]), 20, 0.95)
        after = _paragraph_language(" ".join(lines[i].text for i in group[cut:bounds[at + 1]]), 20, 0.95)
        if before and after and before != after:
            parts.append(group[start:cut])
            start = cut
    parts.append(group[start:])
    return parts


def _reading_order(page: _Page) -> list[_Line]:
    """Band by band: a line across the page, then the left column, then the right one."""
    if not page.columns:
        return list(page.lines)
    result: list[_Line] = []
    band: dict[str, list[_Line]] = {"left": [], "right": []}
    for line in page.lines:
        if line.column == "":
            result.extend(band["left"] + band["right"])
            band = {"left": [], "right": []}
            result.append(line)
        else:
            band[line.column].append(line)
    result.extend(band["left"] + band["right"])
    return result


def _ended_early(previous: _Line, line: _Line, margins: dict[tuple[int, str], float]) -> bool:
    """A line that ends a sentence, or is followed by a list label, although the next
    line's first word would have fit after it was ended on purpose: the paragraph ends
    there (a line of each language in turn, as the Chamber prints a president's words, has
    no other mark)."""
    if (line.page, line.column) != (previous.page, previous.column) or line.top < previous.top:
        # the last line of a page or column that stops short of its margin, where the next
        # page's first word would have fitted, ended its paragraph whatever its last
        # character (a Justel article ending in its note ``<W 1996-07-10/42, …>``)
        room = margins.get((previous.page, previous.column), 0.0) - previous.x1
        return room > line.first_width + 2 * previous.size
    room = margins.get((previous.page, previous.column), 0.0) - previous.x1
    if room <= line.first_width + 0.5 * previous.size:
        return False
    # a list label or an article heading after a line ended early opens a unit whatever
    # the line before ends with (``1° bedoeld zijn [ 2 in de artikelen …] 2 ,`` / ``2° …``),
    # and so does a capital after a line ended early with no mark at all (a title on its
    # own line: ``Art. 417/8. [¹ Voyeurisme`` / ``Voyeurisme is het observeren …``)
    return bool(re.search(r"(?:[.!?][\"'»”)]*|[^\W\d_])$", previous.text) and line.text[:1].isupper()
                or _LABEL_START.match(line.text + " "))


# the end of a database's note closed at a line end (Justel's ``<W 2000-06-26/42, art. 2,
# Inwerkingtreding : 01-01-2002>``, opened on this line or an earlier one): a label on the
# next line opens a unit
_NOTE_END = re.compile(r"(?:^|<)[^<>]*>$")


def _new_paragraph(previous: _Line, line: _Line, first: _Line) -> bool:
    if line.page != previous.page or line.column != previous.column or line.top < previous.top:
        # a new page or column continues the paragraph only when the last one stopped mid-sentence
        return bool(re.search(r"[.;:!?]\W*$", previous.text)) or line.column != previous.column \
            and line.page == previous.page or bool(_LABEL_START.match(line.text + " ")
                                                   and _NOTE_END.search(previous.text))
    gap = line.top - previous.bottom
    height = max(1.0, previous.bottom - previous.top)
    if gap > 0.8 * height:
        return True
    if abs(line.size - previous.size) > 1.0:
        return True
    if _LABEL_START.match(line.text + " ") and (re.search(r"[.;:]\W*$", previous.text)
                                                or _NOTE_END.search(previous.text)):
        return True
    return line.x0 - first.x0 > 8 and bool(re.search(r"[.;:!?]\W*$", previous.text))


def _paragraph_language(text: str, letters: int = 40, sure: float = 0.9) -> str | None:
    """A paragraph's language when its column's is not known (a one-column page)."""
    from ..langid import probabilities
    from ..pairing import known_languages

    if sum(ch.isalpha() for ch in text) < letters:
        return None
    probs = probabilities(text[:2000], tuple(known_languages()))
    best = max(probs, key=probs.get) if probs else None
    return best if best and probs[best] >= sure else None


# starts only at a word's start, so a long run of letters is tried once, not once a letter
_HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")


def _spellings(lines: list[_Line]) -> set[str]:
    """The hyphenated words the document writes inside its lines (``sub-paragraph``): cut
    at a line end, such a word keeps its hyphen, whatever a dictionary says (English has
    ``subparagraph`` too)."""
    hyphenated: set[str] = set()
    for line in lines:
        hyphenated.update(match.group() for match in _HYPHENATED.finditer(line.text.rstrip("-").lower()))
    return hyphenated


def _block(source: Source, lines: list[_Line], starts: list[int], group: list[int],
           languages: dict[tuple[int, str], str], spelled: frozenset[str] | set[str] = frozenset()) -> Block:
    chars: list[str] = []
    offsets = array("l")
    marks: list[Mark] = []
    first_line = lines[group[0]]
    lang = languages.get((first_line.page, first_line.column))
    if lang is None and len(group) > 1 and any(lines[i].text.endswith("-") for i in group):
        lang = _paragraph_language(" ".join(lines[i].text for i in group))
    for position, index in enumerate(group):
        line = lines[index]
        text, start = line.text, starts[index]
        if position:
            previous = chars[-1] if chars else ""
            head = _last_word(chars)
            tail = re.match(r"[^\W\d_]+", text)
            if previous == "-" and head and tail and tail.group()[0].islower():
                from .words import join_cut

                if (head + tail.group()).lower() in spelled:
                    joined = None   # the document writes ``sub-paragraph`` elsewhere
                else:
                    joined = join_cut(head, tail.group(), lang)
                if joined is not None:
                    chars.pop()
                    offsets.pop()
                else:
                    pass   # a compound's hyphen: ``vice-gouverneur`` stays one word with its hyphen
            else:
                chars.append(" ")
                offsets.append(start - 1)
        hidden = _raised_spans(line)
        for column, char in enumerate(text):
            if hidden and column in hidden:
                if hidden[column] is not None:
                    marks.append(Mark("footnote-ref", len(chars), len(chars), hidden[column]))
                continue
            chars.append(char)
            offsets.append(start + column)
    offsets.append(offsets[-1] + 1 if offsets else 0)
    first = lines[group[0]]
    block = Block(MappedText("".join(chars), offsets), marks=marks)
    block.source_line = source.position(offsets[0])[0]
    block.declared = languages.get((first.page, first.column))
    column = f", {first.column} column" if first.column else ""
    block.where = f"page {first.page}{column}, line {first.number}"
    return block


def _raised_spans(line: _Line) -> dict[int, str | None]:
    """The columns of a line's superscript numbers and of the space before each (after it
    at the line's start): the number's first column maps to its text, the others to None."""
    hidden: dict[int, str | None] = {}
    if not line.raised:
        return hidden
    column = 0
    for index, word in enumerate(line.words):
        if index in line.raised:
            hidden.update({k: None for k in range(column, column + len(word))})
            hidden[column] = word
            space = column - 1 if index else column + len(word)
            if 0 <= space < len(line.text) and line.text[space] == " ":
                hidden[space] = None
        column += len(word) + 1
    return hidden


def _last_word(chars: list[str]) -> str:
    index = len(chars)
    while index > 0 and (chars[index - 1].isalpha() or chars[index - 1] == "-" and index == len(chars)):
        index -= 1
    return "".join(chars[index:])
