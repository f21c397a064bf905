# RecursionError can be caught, and the program continues normally afterwards.
import sys
def forever(n):
    return forever(n + 1)
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
for f in (forever, mutual_a):
    try:
        f(0)
    except RecursionError as e:
        print(f.__name__, "->", type(e).__name__, e)
        print("is a RuntimeError:", isinstance(e, RuntimeError))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print("still works:", depth(500))
def reached(n, box):
    box[0] = n
    reached(n + 1, box)
box = [0]
try:
    reached(0, box)
except RecursionError:
    pass
print("reached more than 900 frames:", box[0] > 900, "and fewer than the limit:", box[0] < sys.getrecursionlimit())
