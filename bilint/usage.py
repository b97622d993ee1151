"""The error of a command line that cannot be run as written: one line on stderr, exit 2."""


class UsageError(Exception):
    pass
