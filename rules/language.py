"""The language family: being written."""

RULES: list = []
