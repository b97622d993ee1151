"""The grammar family: being written."""

RULES: list = []
