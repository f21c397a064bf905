# Chained uncaught exceptions whose args have user __str__/__repr__: each part of the report
# uses the user methods.


class Part:
    def __init__(self, n):
        self.n = n

    def __str__(self):
        return f"part {self.n}"

    def __repr__(self):
        return f"Part({self.n})"


try:
    raise KeyError(Part(1))
except KeyError as e:
    raise ValueError(Part(2), [Part(3)]) from e
