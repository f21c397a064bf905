# The Python body of coro's `collections`: `deque`. CPython writes deque in C; this one keeps its
# items in a list with a moving head, so appends and pops at either end are amortised O(1).


class deque:
    """deque([iterable[, maxlen]]) --> deque object"""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if type(maxlen) is not int:
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._head = 0
        self._maxlen = maxlen
        self._state = 0
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _compact(self):
        if self._head > 32 and self._head * 2 > len(self._items):
            del self._items[: self._head]
            self._head = 0

    def __len__(self):
        return len(self._items) - self._head

    def append(self, x):
        self._state += 1
        if self._maxlen == 0:
            return
        self._items.append(x)
        if self._maxlen is not None and len(self._items) - self._head > self._maxlen:
            self.popleft()

    def appendleft(self, x):
        self._state += 1
        if self._maxlen == 0:
            return
        if self._head > 0:
            self._head -= 1
            self._items[self._head] = x
        else:
            self._items.insert(0, x)
        if self._maxlen is not None and len(self) > self._maxlen:
            self.pop()

    def pop(self):
        if self._head >= len(self._items):
            raise IndexError("pop from an empty deque")
        self._state += 1
        x = self._items.pop()
        if len(self) == 0:
            self._items.clear()
            self._head = 0
        return x

    def popleft(self):
        if self._head >= len(self._items):
            raise IndexError("pop from an empty deque")
        self._state += 1
        x = self._items[self._head]
        self._items[self._head] = None
        self._head += 1
        if self._head == len(self._items):
            self._items.clear()
            self._head = 0
        else:
            self._compact()
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._state += 1
        self._items.clear()
        self._head = 0

    def copy(self):
        return deque(self, self._maxlen)

    def count(self, x):
        n = 0
        for v in self:
            if v is x or v == x:
                n += 1
        return n

    def index(self, x, start=0, stop=None):
        n = len(self)
        if stop is None:
            stop = n
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop = max(stop + n, 0)
        i = start
        while i < stop and i < n:
            v = self._items[self._head + i]
            if v is x or v == x:
                return i
            i += 1
        raise ValueError(repr(x) + " is not in deque")

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._state += 1
        items = self._items[self._head :]
        items.insert(i, x)
        self._items = items
        self._head = 0

    def remove(self, x):
        for i in range(len(self)):
            v = self._items[self._head + i]
            if v is x or v == x:
                del self[i]
                return None
        raise ValueError(repr(x) + " is not in deque")

    def reverse(self):
        self._state += 1
        items = self._items[self._head :]
        items.reverse()
        self._items = items
        self._head = 0

    def rotate(self, n=1):
        k = len(self)
        if k <= 1:
            return
        n = n % k
        if n:
            self._state += 1
            items = self._items[self._head :]
            self._items = items[k - n :] + items[: k - n]
            self._head = 0

    def _index(self, i):
        n = len(self)
        if type(i) is not int:
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("deque index out of range")
        return self._head + i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        j = self._index(i)
        self._state += 1
        del self._items[j]
        if len(self) == 0:
            self._items.clear()
            self._head = 0

    def __iter__(self):
        state = self._state
        i = self._head
        while i < len(self._items):
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")
            yield self._items[i]
            i += 1
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")

    def __contains__(self, x):
        for v in self:
            if v is x or v == x:
                return True
        return False

    def __bool__(self):
        return len(self._items) > self._head

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) == list(other)

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        d = deque(self, self._maxlen)
        d.extend(other)
        return d

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __repr__(self):
        body = repr(list(self))
        if self._maxlen is None:
            return "deque(" + body + ")"
        return "deque(" + body + ", maxlen=" + str(self._maxlen) + ")"
