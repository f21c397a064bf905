# Tuple, nested and starred unpacking, and the ValueErrors for a wrong count.
a, b = 1, 2
a, b = b, a
print(a, b)
(x, (y, z)), w = (1, (2, 3)), 4
print(x, y, z, w)
[p, q] = "pq"
print(p, q)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = range(5)
print(init, last)
head, *middle, tail = "abcdef"
print(head, middle, tail)
one, *empty = [1]
print(one, empty)
a, *b, c = 1, 2
print(a, b, c)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
m, n = {"key1": 0, "key2": 0}
print(m, n)
def attempt(thunk):
    try:
        thunk()
    except ValueError as e:
        print(type(e).__name__, e)
    except TypeError as e:
        print(type(e).__name__, e)

def two(seq):
    a, b = seq
def three(seq):
    a, b, c = seq
def starred(seq):
    a, b, *c, d = seq
attempt(lambda: two([1, 2, 3]))
attempt(lambda: two([1]))
attempt(lambda: three("ab"))
attempt(lambda: starred([1, 2]))
attempt(lambda: two(5))
attempt(lambda: two(range(10)))
a, b = c = (7, 8)
print(a, b, c)
