# An uncaught KeyError with one argument shows the argument's repr (a user __repr__ here).


class Key:
    def __str__(self):
        return "Key-str"

    def __repr__(self):
        return "Key(7)"


print("before")
raise KeyError(Key())
