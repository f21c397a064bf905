# With a lowered limit, recursion that would otherwise be fine fails.
import sys
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(200))
sys.setrecursionlimit(150)
print(depth(100))
print(depth(200))
