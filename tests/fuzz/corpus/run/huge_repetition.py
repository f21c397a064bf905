for n in (2**62, 2**40, 10**9):
    for v in ("ab", "a", [0], (1, 2), b"x"):
        try:
            x = v * n
        except (MemoryError, OverflowError) as e:
            print(type(e).__name__, e)
