# collections.Counter. The class derives from dict (vm/src/derived.rs): a Counter *is* a dict,
# so storage, iteration, len() and the views are the native dict's, and this file only adds
# the counting behaviour. Keys that were never counted read as 0 through __missing__.
#
# The results must match CPython's exactly, including orders: most_common() ranks by count with
# ties kept in insertion order (a stable sort, newest-last), repr() lists items in that ranking,
# and the multiset operators visit the left operand's keys before the right one's.

import itertools as _itertools


def _by_count(pair):
    return pair[1]


def _add_one_each(counter, elements):
    # Counts every element of an iterable into `counter`.
    current = counter.get
    for element in elements:
        counter[element] = current(element, 0) + 1


def _all_counts(left, right, test):
    # Whether test(left[k], right[k]) holds for every key of either counter (absent keys are 0).
    for side in (left, right):
        for key in side:
            if not test(left[key], right[key]):
                return False
    return True


def _equal(a, b):
    return a == b


def _at_most(a, b):
    return a <= b


def _at_least(a, b):
    return a >= b


def _sum_of(a, b):
    return a + b


def _difference(a, b):
    return a - b


def _larger(a, b):
    return b if a < b else a


def _smaller(a, b):
    return a if a < b else b


def _same(n):
    return n


def _negated(n):
    return 0 - n


def _merged(left, right, combine, right_only):
    # A new Counter of the positive values of combine(left[k], right[k]) for the keys of `left`,
    # then (unless right_only is None) of right_only(right[k]) for keys only `right` has.
    out = Counter()
    for key, mine in left.items():
        value = combine(mine, right[key])
        if value > 0:
            out[key] = value
    if right_only is not None:
        for key, theirs in right.items():
            if key in left:
                continue
            value = right_only(theirs)
            if value > 0:
                out[key] = value
    return out


def _signed_part(counter, adjust):
    # A new Counter of the positive values of adjust(count).
    out = Counter()
    for key, count in counter.items():
        value = adjust(count)
        if value > 0:
            out[key] = value
    return out


class Counter(dict):
    """A dict mapping each element to the number of times it was counted."""

    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        """The sum of all counts."""
        return sum(self.values())

    def most_common(self, n=None):
        """(element, count) pairs, largest count first; only the first n if n is given."""
        if n == 1:
            # One pass picks the first of the largest, as a stable descending sort would.
            best = max(self.items(), key=_by_count, default=None)
            return [] if best is None else [best]
        ranked = sorted(self.items(), key=_by_count, reverse=True)
        if n is None or n >= len(ranked):
            return ranked if n is None else ranked[:n]
        return ranked[:n] if n > 0 else []

    def elements(self):
        """An iterator repeating each element as often as its count says."""
        return _itertools.chain.from_iterable(map(_itertools.repeat, self.keys(), self.values()))

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
        """Add counts from an iterable of elements or from a mapping of counts."""
        if iterable is not None:
            if not isinstance(iterable, dict):
                _add_one_each(self, iterable)
            elif not self:
                # Nothing to add to: the mapping's counts are taken as they are.
                super().update(iterable)
            else:
                current = self.get
                for key, count in iterable.items():
                    self[key] = count + current(key, 0)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """Take away counts given like update()'s; counts may go to zero or below."""
        if iterable is not None:
            current = self.get
            if isinstance(iterable, dict):
                for key, count in iterable.items():
                    self[key] = current(key, 0) - count
            else:
                for key in iterable:
                    self[key] = current(key, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __delitem__(self, elem):
        # Deleting an element that was never counted is not an error.
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        name = self.__class__.__name__
        if not self:
            return name + "()"
        try:
            shown = dict(self.most_common())
        except TypeError:
            # Counts that cannot be ordered are shown in insertion order.
            shown = dict(self)
        return name + "(" + repr(shown) + ")"

    # Comparisons treat absent elements as counted zero times.

    def __eq__(self, other):
        if isinstance(other, Counter):
            return _all_counts(self, other, _equal)
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, Counter):
            return not self == other
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, Counter):
            return _all_counts(self, other, _at_most)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, Counter):
            return _all_counts(self, other, _at_least)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, Counter):
            return self <= other and self != other
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, Counter):
            return self >= other and self != other
        return NotImplemented

    # The multiset operators make a new plain Counter holding only positive counts.

    def __add__(self, other):
        if isinstance(other, Counter):
            return _merged(self, other, _sum_of, _same)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, Counter):
            return _merged(self, other, _difference, _negated)
        return NotImplemented

    def __or__(self, other):
        if isinstance(other, Counter):
            return _merged(self, other, _larger, _same)
        return NotImplemented

    def __and__(self, other):
        if isinstance(other, Counter):
            return _merged(self, other, _smaller, None)
        return NotImplemented

    def __pos__(self):
        return _signed_part(self, _same)

    def __neg__(self):
        return _signed_part(self, _negated)

    # The in-place forms change self, then drop what is not positive.

    def _keep_positive(self):
        for key in [key for key, count in self.items() if not count > 0]:
            del self[key]
        return self

    def __iadd__(self, other):
        for key, count in other.items():
            self[key] += count
        return self._keep_positive()

    def __isub__(self, other):
        for key, count in other.items():
            self[key] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for key, theirs in other.items():
            if theirs > self[key]:
                self[key] = theirs
        return self._keep_positive()

    def __iand__(self, other):
        for key, mine in self.items():
            theirs = other[key]
            if theirs < mine:
                self[key] = theirs
        return self._keep_positive()
