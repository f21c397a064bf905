class CancelledError(Exception):
    pass


class TimeoutError_(Exception):
    def __str__(self):
        return "timed out after " + str(self.args[0]) + "s"


def cancel(what):
    raise CancelledError(what + " was cancelled")
