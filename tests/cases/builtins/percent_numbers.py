# printf-style widths and precisions: digits read, their bounds and CPython's errors.
print("%5d|%-7.3f|%.2s|%010.4e|%3c" % (42, 3.14159, "abcdef", 12345.678, "x"))
for f in ["%99999999999999999999d", "%.99999999999d", "%5", "%.3", "%12"]:
    try:
        print(f % 1)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
