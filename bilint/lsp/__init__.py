"""The language server (``bilint server``): bilint in the editor, for both versions at once.

Only ``server`` imports pygls; the other modules (positions, linting, scheduling,
conversion to lsprotocol values) can be used and tested without a running server.
"""
