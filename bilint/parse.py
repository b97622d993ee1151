"""One language's blocks to a tree of typed nodes, through the Lark structure grammar.

The LALR parser is built once per process from ``grammar/structure.lark``; its input is
the token stream of ``bilint.lexer``. Lark trees stop here: the tree is turned into
``Node``s with source maps at this boundary, and list items are nested by marker style.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .lang import Language
from .lexer import Label, Token, tokenize
from .model import Document, Finding, MappedText, Node
from .readers import Block
from .source import Source


@lru_cache(maxsize=1)
def _parser():
    from lark import Lark
    from lark.lexer import Lexer
    from lark.lexer import Token as LarkToken

    class BlockLexer(Lexer):
        """Feeds already classified blocks to the parser; values are block indexes."""

        def __init__(self, lexer_conf) -> None:  # noqa: D401 - Lark's interface
            pass

        def lex(self, tokens, *args):  # type: ignore[override]
            for index, token in enumerate(tokens):
                yield LarkToken(token.type, str(index))

    grammar = (Path(__file__).parent / "grammar" / "structure.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=BlockLexer, maybe_placeholders=False)


def parse_blocks(blocks: list[Block], language: Language, source: Source) -> Document:
    """Parse one language version; what the grammar cannot place becomes a finding."""
    tokens = tokenize(blocks, language)
    root = Node("document", language.code, MappedText.contiguous("", 0), source, key="")
    document = Document(language.code, source, root)
    builder = _TreeBuilder(tokens, language, source, document)
    if tokens:
        from lark.exceptions import UnexpectedInput

        try:
            tree = _parser().parse(tokens)
        except UnexpectedInput:
            builder.flat(root)
        else:
            builder.build(tree, root)
    _assign_keys(root)
    return document


class _TreeBuilder:
    def __init__(self, tokens: list[Token], language: Language, source: Source, document: Document) -> None:
        self.tokens = tokens
        self.language = language
        self.source = source
        self.document = document

    def token(self, lark_token) -> Token:
        return self.tokens[int(lark_token)]

    def build(self, tree, root: Node) -> None:
        pending: list = []
        for child in tree.children:
            kind = child.data
            if kind == "title":
                root.children.append(self._title(child.children))
            elif kind in ("item", "paragraph", "footnote"):
                pending.append(child)
            else:
                if pending:
                    self._entries(root, pending)
                    pending = []
                self._container(root, child)
        if pending:
            self._entries(root, pending)

    def flat(self, root: Node) -> None:
        """Fallback when the grammar rejects the stream: every block a paragraph."""
        for token in self.tokens:
            root.children.append(self._leaf("paragraph", token, root))
        self.document.problems.append(Finding(
            root.locate(), f"the structure of the {self.language.code} text could not be parsed; "
            "it is linted as plain paragraphs",
            code="BL001"))

    def _title(self, lark_tokens) -> Node:
        blocks = [self.token(t).block for t in lark_tokens]
        title = Node("title", self.language.code, MappedText.join([b.text for b in blocks], "\n"),
                     self.source, name="title")
        title.marks = _shift_marks(blocks)
        for t in lark_tokens:
            title.children.append(self._leaf("text", self.token(t), title))
        return title

    def _container(self, parent: Node, tree) -> None:
        head = self.token(tree.children[0])
        kind = {"opening": "formula", "section": "section", "division": "division", "article": "article"}[tree.data]
        node = self._leaf(kind, head, parent)
        node.name = head.name if kind in ("section", "division") else head.number
        if kind == "division":
            node.attrs["number"] = head.number
        parent.children.append(node)
        self._entries(node, tree.children[1:])

    def _leaf(self, kind: str, token: Token, parent: Node) -> Node:
        block = token.block
        body = block.text[token.body_start:].strip() if token.body_start else block.text
        shift = len(block.text.text) - len(block.text.text[token.body_start:].lstrip()) if token.body_start else 0
        node = Node(kind, self.language.code, body, self.source, parent=parent)
        node.marks = [m.__class__(m.kind, m.start - shift, m.end - shift, m.value)
                      for m in block.marks if m.start >= shift]
        node.attrs["heading"] = block.heading
        if block.anchor:
            node.attrs["anchor"] = block.anchor
        if token.heading_text:
            node.label = token.heading_text
            start = block.text.offsets[0]
            node.label_range = (start, block.text.source_range(0, len(token.heading_text))[1])
            node.ordinal = token.ordinal
            node.suffix = token.suffix
        if kind in ("section", "formula"):
            node.body = block.text
            node.marks = list(block.marks)
        return node

    def _entries(self, container: Node, trees) -> None:
        """Attach paragraphs, footnotes and items, nesting items by marker style."""
        stack: list[tuple[str, Node]] = []   # open lists: (style, parent node)
        marked: list[tuple[int, str, Node]] = []   # lists the markup nests: (depth, style, parent)
        for tree in trees:
            token = self.token(tree.children[0])
            if tree.data == "footnote":
                container.children.append(self._leaf("footnote", token, container))
                continue
            if tree.data == "paragraph" or token.label is None:
                paragraph = self._leaf("paragraph", token, container)
                container.children.append(paragraph)
                stack.clear()
                marked.clear()
                if token.block.anchor:
                    marked.append((0, "", paragraph))   # a definition: its items are its own
                continue
            label = token.label
            if token.block.depth:
                parent, style = _place_by_markup(container, label, token.block.depth, marked)
                stack.clear()
                self._item(token, label, style, parent)
                continue
            style, depth = _resolve_style(label, stack)
            if depth is not None:
                del stack[depth + 1:]
                parent = stack[depth][1]
            elif stack and _introduces_list(stack[-1][1]):
                parent = stack[-1][1].children[-1]
                stack.append((style, parent))
            elif stack:
                parent = stack[-1][1]           # an odd sibling: the numbering rule reports it
            else:
                parent = container
                stack.append((style, parent))
            self._item(token, label, style, parent)

    def _item(self, token: Token, label: Label, style: str, parent: Node) -> None:
        item = self._leaf("item", token, parent)
        item.label = label.text
        item.label_range = token.block.text.source_range(label.start, label.start + len(label.text))
        item.style = style
        roman_letter = "roman" in style and label.roman_ordinal is not None
        item.ordinal = label.roman_ordinal if roman_letter else label.ordinal
        item.attrs["label"] = label
        parent.children.append(item)


def _place_by_markup(container: Node, label: Label, depth: int,
                     marked: list[tuple[int, str, Node]]) -> tuple[Node, str]:
    """The parent and style of an item whose nesting depth the markup gives (XML, DOCX):
    the depth decides the list, the list's first label its style (``(i)`` under ``(c)``
    opens a roman list)."""
    while marked and marked[-1][0] > depth:
        marked.pop()
    candidates = [label.style()] + ([label.style("roman")] if label.roman_ordinal is not None else [])
    if marked and marked[-1][0] == depth:
        _, style, parent = marked[-1]
        return parent, style if style in candidates else candidates[0]
    parent = container
    if marked:
        items = [child for child in marked[-1][2].children if child.kind == "item"]
        parent = items[-1] if items else marked[-1][2]
    style = label.style("roman") if label.roman_ordinal == 1 and marked else candidates[0]
    marked.append((depth, style, parent))
    return parent, style


def _resolve_style(label: Label, stack: list[tuple[str, Node]]) -> tuple[str, int | None]:
    """The label's style in context, and the depth of the open list it continues."""
    candidates = [label.style()]
    if label.roman_ordinal is not None:
        candidates.append(label.style("roman"))
    if (label.roman_ordinal == 1 and stack and stack[-1][0] == candidates[0]
            and _introduces_list(stack[-1][1]) and not _continues(stack[-1], label)):
        # "a) … notamment: i) …": after a colon, an "i" that is not the letter after "h"
        # opens a roman sub-list; it does not carry the letters on
        return label.style("roman"), None
    for depth in range(len(stack) - 1, -1, -1):
        # "iii) … c)": the letter after "b)" closes the roman sub-list, it is not roman 100
        if stack[depth][0] in candidates and _continues(stack[depth], label):
            return stack[depth][0], depth
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] in candidates:
            return stack[depth][0], depth
    if label.roman_ordinal == 1 and not stack:
        return label.style("roman"), None   # a list that opens with "i." counts in roman numerals
    if label.roman_ordinal == 1 and stack and _introduces_list(stack[-1][1]):
        return label.style("roman"), None
    return candidates[0], None


def _continues(level: tuple[str, Node], label: Label) -> bool:
    """The label is the next one of an open list (``h)`` then ``i)``; ``ii)`` then ``iii)``)."""
    style, parent = level
    items = [child for child in parent.children if child.kind == "item" and child.style == style]
    value = label.roman_ordinal if "roman" in style and label.roman_ordinal is not None else label.ordinal
    return bool(items) and items[-1].ordinal is not None and items[-1].ordinal + 1 == value


def _introduces_list(parent: Node) -> bool:
    """The last item of an open list ends with a colon, or is a bare label (``2.`` alone):
    what follows is its sub-list."""
    items = [child for child in parent.children if child.kind == "item"]
    return bool(items) and (not items[-1].text.strip() or items[-1].text.rstrip().endswith(":"))


def _shift_marks(blocks: list[Block]) -> list:
    marks, shift = [], 0
    for block in blocks:
        marks.extend(m.__class__(m.kind, m.start + shift, m.end + shift, m.value) for m in block.marks)
        shift += len(block.text.text) + 1
    return marks


def _local_key(node: Node, index: int) -> str:
    if node.attrs.get("anchor"):
        return node.attrs["anchor"]   # the markup pairs it (a definition by its English term)
    if node.kind == "item":
        label = node.attrs.get("label")
        if label is not None and label.kind == "paragraph":
            return str(label.ordinal)   # "Paragraphe 1er." meets "1."
        written = (node.label or "").strip("().°").lower().replace(" ", "")
        return written or f"item{index}"
    if node.kind == "article":
        return f"art{node.name}"
    if node.kind == "division":
        return f"{node.name}{node.attrs.get('number', '')}"
    if node.kind in ("section", "formula", "title"):
        return node.name or node.kind
    if node.kind == "footnote":
        ref = node.text.split(" ", 1)[0] if node.text else ""
        return f"note{ref}" if ref.isdigit() else f"note{index}"
    return f"{node.kind[0]}{index}"


def _assign_keys(node: Node) -> None:
    """Give every node a path key unique in its document: ``considering/l``, ``art7bis``."""
    seen: dict[str, int] = {}
    counters: dict[str, int] = {}
    for child in node.children:
        counters[child.kind] = counters.get(child.kind, 0) + 1
        local = _local_key(child, counters[child.kind])
        seen[local] = seen.get(local, 0) + 1
        if seen[local] > 1:
            local = f"{local}#{seen[local]}"
        child.key = f"{node.key}/{local}" if node.key else local
        _assign_keys(child)

