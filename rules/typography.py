"""The typography family: being written."""

RULES: list = []
