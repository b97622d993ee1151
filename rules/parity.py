"""The parity family: being written."""

RULES: list = []
