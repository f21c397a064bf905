import sys
sys.setrecursionlimit(100000)
def f(n):
    return f(n + 1) if n < 10**6 else n
print(f(0))
