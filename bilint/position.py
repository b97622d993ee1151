"""A node's structural position in the words a lawyer uses: ``art. 7, § 2, 1°``."""

from __future__ import annotations

from .model import Node


def describe(node: Node | None) -> str:
    """From the outermost provision to ``node``: article, numbered paragraphs and items,
    a section's formula, a footnote; divisions and unnumbered paragraphs add nothing."""
    parts: list[str] = []
    while node is not None and node.kind != "document":
        part = _part(node)
        if part:
            parts.append(part)
        node = node.parent
    return ", ".join(reversed(parts))


def _part(node: Node) -> str:
    if node.kind == "article":
        return f"art. {node.name}" if node.name else (node.label or "").strip(" .")
    if node.kind == "item" and node.label:
        label = node.label.strip()
        return label[:-1] if label.endswith(".") and not label.endswith(").") else label
    if node.kind == "section":
        formula = " ".join(node.text.split()[:4]).rstrip(":,; ")
        return formula[:40]
    if node.kind == "footnote":
        return "note " + node.text.split(" ", 1)[0] if node.text else "note"
    return ""
