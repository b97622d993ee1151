"""Legislative XML to blocks: Akoma Ntoso (2.0, 3.0 and dialects such as Legilux) and
the Justice Laws XML of Canada's federal acts.

The markup says where a provision starts and what its number is, so the reader does not
guess: every element boundary is a word boundary (``<Label>12</Label><Text>`` is not
``12It``), the structural elements (``Section``, ``article``, ``point``…) start blocks, a
number (``<Label>``, ``<num>``) starts its provision's block, and each block carries its
structural position in words (``s. 12(3)(a)``, ``Art. 7, § 2, 1°``), which is what a
user can find in a file that is one line of 30,000 characters.

Parsing goes through defusedxml's expat reader: no external entity, DTD entity or
entity expansion is ever resolved, so a hostile file gets a one-line error.
"""

from __future__ import annotations

import io
import re
from array import array

from ..model import MappedText
from ..source import InputError, Source
from .block import INVISIBLE, Block

# Elements whose text is not the text of the law (metadata, history, print furniture,
# Justice Laws' amendments not in force, whose sections are numbered as in the amending act)
_SKIP = frozenset("""
meta references analysis proprietary presentation lifecycle workflow notes temporaldata identification
runninghead billhistory chapter historicalnote recentamendments readernote relatedornotinforce tlcperson tlcorganization
tlcconcept tlcrole tlclocation tlcevent tlcobject tlcreference
""".split())
# Inline elements: their boundaries are not word boundaries (``1<sup>er</sup>``)
_INLINE = frozenset("""
i b u sup sub span ref mref rref term def inline abbr a img docnumber docdate doctitle doctype docstatus
docproponent docintroducer docketnumber session date person organization location quantity entity concept
role object event signature party judge lawyer courttype neutralcitation shorttitle longtitle legislature
emphasis xrefexternal xrefinternal definedtermen definedtermfr definitionref language footnoteref sup sub
leader leaderrightjustified fraction numerator denominator
""".split()) - {"longtitle", "shorttitle"}
# Elements that are one block each (paragraph-like)
_BLOCK = frozenset("""
p heading subheading num longtitle shorttitle marginalnote titletext text li item tocitem blockcontainer
formula intro wrapup listintroduction listwrapup provision definition
continuedsectionsubsection continuedparagraph continueddefinition originatingref
""".split())
# Structural units: the numbers of the nested ones make the position in words
_UNITS = frozenset("""
article section subsection paragraph subparagraph clause subclause point item indent alinea list hcontainer
chapter part book title division subdivision rule subrule level tblock schedule heading definition
subsubparagraph subsubclause
""".split())
# Units that are what the structure grammar calls an article (a numbered provision)
_ARTICLES = frozenset({"article", "section"})
_LABELS = frozenset({"num", "label"})
# Notes inside a paragraph: set apart as footnote blocks, the paragraph goes on around them
_NOTES = frozenset({"authorialnote", "footnote", "note"})
# ISO 639-2 (bibliographic and terminology codes) to ISO 639-1, for the languages of the EU,
# of bilingual and multilingual states and of the UN; ``esp`` is no ISO code, but Akoma
# Ntoso files of the UN write it for Spanish (the ISO code is ``spa``)
_LANGUAGE_CODES = {"eng": "en", "fra": "fr", "fre": "fr", "nld": "nl", "dut": "nl", "spa": "es", "esp": "es",
                   "deu": "de", "ger": "de", "ita": "it", "afr": "af", "xho": "xh", "zul": "zu", "por": "pt",
                   "pol": "pl", "ces": "cs", "cze": "cs", "slk": "sk", "slo": "sk", "slv": "sl", "hrv": "hr",
                   "hun": "hu", "ron": "ro", "rum": "ro", "bul": "bg", "ell": "el", "gre": "el", "dan": "da",
                   "swe": "sv", "fin": "fi", "est": "et", "lav": "lv", "lit": "lt", "mlt": "mt", "gle": "ga",
                   "ltz": "lb", "cat": "ca", "eus": "eu", "baq": "eu", "glg": "gl", "ara": "ar", "rus": "ru",
                   "zho": "zh", "chi": "zh", "nor": "no", "nob": "nb", "nno": "nn", "isl": "is", "ice": "is",
                   "wel": "cy", "cym": "cy", "sot": "st", "tsn": "tn", "ssw": "ss", "ven": "ve",
                   "tso": "ts", "nbl": "nr", "swa": "sw", "hin": "hi", "tur": "tr"}
_MAX_DEPTH = 400


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].lower()


def language_code(value: str) -> str | None:
    """``en``, ``eng``, ``EN-CA`` or an EU authority URI ending in ``/FRA`` to ``en``/``fr``."""
    word = re.split(r"[/#]", value.strip())[-1].split("-")[0].split("_")[0].lower()
    if len(word) == 2 and word.isalpha():
        return word
    return _LANGUAGE_CODES.get(word)


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.data = source.text.encode("utf-8")
        self.text = source.text
        self.byte_cursor = 0
        self.char_cursor = 0
        self.blocks: list[Block] = []
        self.chars: list[str] = []
        self.offsets = array("l")
        self.label_only = False          # the current block holds a number and nothing else yet
        self.label_block = False         # the current block opens with its unit's number
        self.heading = 0
        self.stack: list[tuple[str, str | None]] = []   # (local name, xml:lang)
        self.skip = 0
        self.units: list[list[str]] = []  # open units: [name, number as written]
        self.in_label = 0
        self.label_chars: list[str] = []
        self.unit_of_block = ""
        self.number_of_block = ""
        self.document_language: str | None = None
        self.frbr_language = False
        self.shown = bytearray(len(self.text))
        self.dialect = ""
        self.term: list[str] | None = None   # the English defined term being read
        self.anchor = ""
        self.saved: list[tuple] = []   # the paragraph a note interrupts
        self.definitions: list[list] = []   # open definitions: [index of their first block, anchored]
        self.lists: list[list] = []   # open HTML-style lists (``<ol>``): [depth in the stack, style, count]
        self.list_depth = 0           # the current block is an item of the list this deep (1 outermost)

    # --- offsets ---------------------------------------------------------------------
    def char_offset(self, byte_index: int) -> int:
        if byte_index < self.byte_cursor:   # never happens with expat; stay safe
            self.byte_cursor, self.char_cursor = 0, 0
        self.char_cursor += len(self.data[self.byte_cursor:byte_index].decode("utf-8", "replace"))
        self.byte_cursor = byte_index
        return self.char_cursor

    # --- events ----------------------------------------------------------------------
    def start(self, name: str, attrs, byte_index: int = -1) -> None:
        local = _local(name)
        if len(self.stack) > _MAX_DEPTH:
            raise InputError(f"{self.source.path}: XML nested more than {_MAX_DEPTH} elements deep")
        lang = attrs.get("xml:lang") or attrs.get("lang")
        if not self.stack:
            self.dialect = "akn" if local == "akomantoso" else "justice" if local in ("statute", "regulation") else local
        self.stack.append((local, language_code(lang) if lang else None))
        if local == "frbrlanguage" and not self.document_language:
            self.document_language = language_code(attrs.get("language", ""))
        if self.skip or local in _SKIP or ":" in name and not name.startswith(("akn:", "akomantoso:")) \
                and self.dialect == "akn":
            self.skip += 1
            return
        if local == "definedtermen" and self.definitions and not self.definitions[-1][1]:
            self.term = []
        if local in _INLINE:
            return
        if local in _NOTES:
            self.saved.append((self.chars, self.offsets, self.label_only, self.label_block, self.heading,
                               self.unit_of_block, self.number_of_block, self.anchor, len(self.blocks)))
            self.chars, self.offsets = [], array("l")
            self.label_only = self.label_block = False
            self.unit_of_block = self.number_of_block = self.anchor = ""
            self.heading = 0
            return
        if local in _UNITS:
            self.flush()
            self.units.append([local, ""])
            if local == "definition":
                self.definitions.append([len(self.blocks), False])
            if local == "heading" and self.dialect == "justice":
                self.heading = 2
            return
        if local in _LABELS:
            self.flush()
            self.in_label += 1
            self.label_chars = []
            return
        if local == "ol":
            self.lists.append([len(self.stack), _list_style(attrs), _list_start(attrs) - 1])
            self.boundary()
            return
        if local in _BLOCK:
            if not self.label_only:
                self.flush()
            if local == "li" and self.lists and self.lists[-1][0] == len(self.stack) - 1 and byte_index >= 0:
                self.lists[-1][2] += 1
                self.generated_label(_list_label(self.lists[-1][1], self.lists[-1][2]), byte_index)
            if local in ("marginalnote", "heading", "subheading", "titletext", "longtitle", "shorttitle"):
                self.heading = self.heading or 3
            if local == "marginalnote":
                self.unit_of_block = "note"
            return
        self.boundary()

    def end(self, name: str) -> None:
        local = _local(name)
        if self.stack:
            self.stack.pop()
        if self.skip:
            self.skip -= 1
            return
        if local == "definedtermen" and self.term is not None:
            # the English term pairs a definition in both versions; the French version gives
            # it in brackets at the end, maybe in its last paragraph: anchor its first block
            anchor = "def:" + " ".join("".join(self.term).split()).casefold()
            first, _ = self.definitions[-1]
            self.definitions[-1][1] = True
            if first < len(self.blocks):
                self.blocks[first].anchor = self.blocks[first].anchor or anchor
            else:
                self.anchor = anchor
            self.term = None
        if local in _INLINE:
            return
        if local in _NOTES and self.saved:
            self.flush()
            (self.chars, self.offsets, self.label_only, self.label_block, self.heading,
             self.unit_of_block, self.number_of_block, self.anchor, first) = self.saved.pop()
            for block in self.blocks[first:]:
                block.kind = "footnote"
            return
        if local in _LABELS and self.in_label:
            self.in_label -= 1
            number = " ".join("".join(self.label_chars).split())
            if self.units and not self.units[-1][1]:
                self.units[-1][1] = number
                if self.units[-1][0] in _ARTICLES:
                    self.unit_of_block, self.number_of_block = "article", number.rstrip(".")
            self.label_only = bool(self.chars)
            self.label_block = self.label_only
            if self.chars and self.chars[-1] != " ":
                self.boundary()
            return
        if local == "ol" and self.lists:
            self.lists.pop()
            self.boundary()
            return
        if local in _UNITS:
            self.flush()
            if self.units:
                self.units.pop()
            if local == "definition" and self.definitions:
                self.definitions.pop()
            if local == "heading":
                self.heading = 0
            return
        if local in _BLOCK:
            if local in ("marginalnote", "titletext", "longtitle", "shorttitle") or not self.label_only:
                self.flush()
                if local != "titletext":
                    self.heading = 2 if any(unit == "heading" for unit, _ in self.units) else 0
            return
        self.boundary()

    def characters(self, content: str, byte_index: int) -> None:
        if self.skip or not content:
            return
        start = self.char_offset(byte_index)
        raw = self.text[start:start + len(content)]
        step = 1 if raw == content else 0   # an entity or character reference: all at its '&'
        if self.in_label and not any(name == "footnoteref" for name, _ in self.stack[-2:]):
            self.label_chars.append(content)   # a note's mark in a label (``*110``) is no part of the number
        if self.term is not None:
            self.term.append(content)
        for index, char in enumerate(content):
            offset = start + index * step
            if char in INVISIBLE:
                if step:
                    self.shown[offset] = 1
                continue
            if char.isspace() or char == "\u00a0":
                if not self.chars or self.chars[-1] == " ":
                    continue
                char = " "
            elif step:
                self.shown[offset] = 1
            else:
                self.source.substitutes[start] = content[0]
            self.chars.append(char)
            self.offsets.append(offset)
        if self.chars and not self.in_label and self.label_only and content.strip():
            self.label_only = False

    def generated_label(self, label: str, byte_index: int) -> None:
        """The label a browser shows before a list item (``a)``, ``2.``) and the file does
        not hold: it starts the item's block, every character at the item's tag."""
        offset = self.char_offset(byte_index)
        for char in label + " ":
            self.chars.append(char)
            self.offsets.append(offset)
        self.label_block = True
        self.list_depth = len(self.lists)

    def boundary(self) -> None:
        """An element boundary is a word boundary."""
        if self.chars and self.chars[-1] != " ":
            self.chars.append(" ")
            self.offsets.append(self.offsets[-1] + 1)

    def position(self) -> str:
        """The structural position in words from the open units' numbers."""
        parts: list[str] = []
        for unit, number in self.units:
            if not number:
                continue
            if self.dialect == "justice":
                if unit == "section":
                    parts.append(("art. " if self.language() == "fr" else "s. ") + number)
                elif unit == "heading":
                    continue
                elif parts and unit not in ("part", "division", "schedule"):
                    parts[-1] += number
                else:
                    parts.append(number)
            else:
                parts.append(number.rstrip(".").strip())
        parts.extend(_list_label(style, count).rstrip(".") for _, style, count in self.lists if count)
        return ", ".join(parts)

    def language(self) -> str | None:
        for _, lang in reversed(self.stack):
            if lang:
                return lang
        return self.document_language

    def flush(self) -> None:
        chars, offsets = self.chars, self.offsets
        while chars and chars[-1] == " ":
            chars.pop()
            offsets.pop()
        if chars:
            body = array("l", offsets)
            body.append(body[-1] + 1)
            block = Block(MappedText("".join(chars), body), [], self.heading)
            block.source_line = self.source.position(body[0])[0]
            block.declared = self.language()
            block.unit, block.number = self.unit_of_block, self.number_of_block
            block.where = self.position()
            block.anchor, self.anchor = self.anchor, ""
            numbered = [unit for unit, number in self.units if number]
            if self.label_block and numbered and numbered[-1] not in _ARTICLES:
                inner = max((i for i, unit in enumerate(numbered) if unit in _ARTICLES), default=-1)
                block.depth = len(numbered) - 1 - inner
            if self.list_depth:
                block.depth = self.list_depth
            self.blocks.append(block)
        self.chars = []
        self.offsets = array("l")
        self.label_only = False
        self.label_block = False
        self.list_depth = 0
        self.unit_of_block = self.number_of_block = ""


def _list_style(attrs) -> str:
    """How an ``<ol>`` numbers its items: the dialect's own symbol (Legilux
    ``scl:symbol="a)"``), else HTML's ``type``, else decimal with a full stop as a browser."""
    symbol = next((value for key, value in attrs.items() if _local(key) == "symbol"), "")
    if re.fullmatch(r"[(]?(?:1|a|A|i|I)[.)]", symbol.strip()):
        return symbol.strip()
    kind = attrs.get("type", "1")
    return (kind if kind in ("1", "a", "A", "i", "I") else "1") + "."


def _list_start(attrs) -> int:
    value = attrs.get("start", "1")
    return int(value) if value.isdigit() and int(value) < 10_000 else 1


def _roman(number: int) -> str:
    from ..lexer import to_roman   # the lexer imports the readers: import it when first used

    return to_roman(number)


def _list_label(style: str, number: int) -> str:
    """The ``number``-th label of a list style: ``a)`` 3 -> ``c)``, ``1.`` 3 -> ``3.``."""
    core = style.strip("().")
    if core in ("a", "A"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        value = letters.upper() if core == "A" else letters
    elif core in ("i", "I"):
        value = _roman(number).upper() if core == "I" else _roman(number)
    else:
        value = str(number)
    return style.replace(core, value, 1)


def read_xml(source: Source) -> list[Block]:
    """The blocks of an XML text; a file that is not well-formed or declares entities is refused."""
    from xml.sax import SAXException, handler
    from xml.sax.xmlreader import InputSource

    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    reader = _Reader(source)
    parser = DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)

    class Handler(handler.ContentHandler):
        def startElement(self, name, attrs):  # noqa: N802 - SAX's names
            reader.start(name, attrs, parser._parser.CurrentByteIndex)

        def endElement(self, name):  # noqa: N802
            reader.end(name)

        def characters(self, content):
            reader.characters(content, parser._parser.CurrentByteIndex)

    parser.setContentHandler(Handler())
    parser.setFeature(handler.feature_namespaces, False)
    stream = InputSource(source.path)
    stream.setByteStream(io.BytesIO(reader.data))
    stream.setEncoding("utf-8")
    try:
        parser.parse(stream)
    except DefusedXmlException as error:
        raise InputError(f"{source.path}: refused: the XML declares entities or a DTD that would be "
                         f"expanded or fetched ({type(error).__name__})") from None
    except SAXException as error:
        raise InputError(f"{source.path}: not well-formed XML ({error.getMessage()})") from None
    reader.flush()
    source.shown = reader.shown
    return reader.blocks
