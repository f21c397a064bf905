# getrecursionlimit/setrecursionlimit.
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(2500)
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(2000))
sys.setrecursionlimit(100)
print(sys.getrecursionlimit())
try:
    depth(500)
except RecursionError as e:
    print(type(e).__name__, e)
print(depth(50))
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    sys.setrecursionlimit("10")
except TypeError as e:
    print(type(e).__name__, e)
