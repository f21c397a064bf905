# Plain recursion: factorial, fibonacci, mutual recursion, Hanoi, flattening.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src, moves)
def flatten(x):
    if not isinstance(x, list):
        return [x]
    out = []
    for item in x:
        out.extend(flatten(item))
    return out
print(fact(25), fib(20), is_even(100), is_odd(7))
moves = []
hanoi(4, "A", "C", "B", moves)
print(len(moves), moves[:3])
print(flatten([1, [2, [3, [4, [5]]]], [[6]], 7]))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
