# itertools: results, laziness (what each pulls from its input and when), types and reprs
import itertools
from itertools import count, cycle, repeat, islice, chain, zip_longest, takewhile, dropwhile, accumulate, tee


def noisy(name, items):
    for x in items:
        print("  pull", name, x)
        yield x
    print("  end", name)


print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(2.5, -0.5), 4)))
c = count(3)
print(repr(c), next(c), next(c), repr(c), type(c).__name__, type(c))
print(repr(count(1.5, 1)), repr(count(2, 1.0)), repr(count(True)), repr(count(step=2)))
print(list(islice(cycle("ab"), 5)), list(cycle([])))
r = repeat("x", 3)
print(repr(r), next(r), repr(r), list(r), list(repeat(1, -2)), repr(repeat(None)))
print(list(islice(repeat(7), 3)), repr(repeat(1, times=2)))
print(list(islice(range(10), 3)), list(islice(range(10), 2, 8, 3)), list(islice(range(10), 5, None)), list(islice("abc", None)))
print("islice laziness:")
it = noisy("a", range(10))
s = islice(it, 1, 6, 2)
print("created")
print(next(s))
print(list(s))
print(next(it))
print(list(chain([1, 2], "ab", (3,))), list(chain()), list(chain.from_iterable(["ab", [1]])))
print("chain laziness:")
ch = chain(noisy("x", [1]), noisy("y", [2]))
print("created")
print(list(ch))
print(list(zip_longest([1, 2, 3], "ab")), list(zip_longest([1], [2, 3], fillvalue=0)), list(zip_longest()))
print(list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print("takewhile laziness:")
print(list(takewhile(lambda x: x < 2, noisy("t", [1, 2, 3]))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([], initial=5)))
print(list(accumulate([1, 2], initial=10)), list(accumulate("abc")))
a, b = tee(noisy("tee", [1, 2, 3]))
print(next(a), next(a), next(b), list(b), list(a))
print(tee([1], 0), len(tee([1], 3)), type(a).__name__, type(a))
print(list(itertools.pairwise("abcd")), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.filterfalse(lambda x: x % 2, range(6))), list(itertools.filterfalse(None, [0, 1, "", "a"])))
print(list(itertools.compress("abcdef", [1, 0, 1, 0, 1])))
for obj in [cycle([1]), islice([], 1), chain(), zip_longest(), takewhile(bool, []), dropwhile(bool, []), accumulate([])]:
    print(repr(obj).split(" at ")[0], type(obj), isinstance(obj, type(obj)), iter(obj) is obj)
print(isinstance(count(), itertools.count), itertools.count, itertools.chain.from_iterable.__name__)
g = (x for x in [])
print(isinstance(count(), type(g)), hasattr(count(), "send"), next(iter(repeat(4))))
