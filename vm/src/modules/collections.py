# The Python body of coro's `collections` (run after the native part; `deque`, `defaultdict` and
# `OrderedDict` are native).
