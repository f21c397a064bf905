# type(x).__name__ and type reprs for the builtin types coro supports.
def gen():
    yield
for v in (0, 2 ** 100, 0.0, "", [], (), {}, set(), None, True, range(1), len, gen, gen(),
          (x for x in []), ValueError("e"), iter([]), {}.keys(), {}.values(), {}.items(),
          enumerate([]), zip(), map(len, []), filter(None, [])):
    print(type(v).__name__, type(v))
