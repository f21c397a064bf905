# Recursion through generators also hits the recursion limit cleanly.
import sys
def nested(n):
    yield n
    yield from nested(n + 1)
g = nested(0)
count = 0
try:
    for value in g:
        count += 1
except RecursionError as e:
    print(type(e).__name__, e)
print("yielded some values first:", count > 100)
sys.setrecursionlimit(60)
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(30))
