"""The terminology family: being written."""

RULES: list = []
