# Regression (found by the round_trip fuzz target): indexing a range whose item fits in i64 but
# whose offset from the start (index * step) does not panicked in debug builds.
r = range(-2**63, 2**63 - 1, 2**62)
print(r[-1], r[3], r[0], len(r))
print(range(2**63 - 1, -2**63, -2**62)[-1])
print(range(-2**63, 2**63 - 1, 3)[-1])
print(range(-2**63, 2**63 - 1, 3)[2**62 - 1])
try:
    r[4]
except IndexError as e:
    print(type(e).__name__, e)
