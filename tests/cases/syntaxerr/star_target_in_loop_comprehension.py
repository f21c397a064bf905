# A SyntaxError inside a comprehension nested in a loop (the compiler once underflowed its
# block count unwinding from it).
gs=[1]
for _ in range(2):
    out = [g for *g in gs]
