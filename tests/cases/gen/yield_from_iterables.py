# `yield from` works on any iterable: lists, tuples, ranges, strings, dicts, generators.
def everything():
    yield from [1, 2]
    yield from (3,)
    yield from range(4, 6)
    yield from "ab"
    yield from {"k1": 0, "k2": 0}
    yield from (x * 10 for x in range(2))
    yield from []
    yield from iter([None])
    yield "done"
print(list(everything()))

def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))

def result_of_list():
    result = yield from [1, 2]
    yield ("result of yield from a list", result)
print(list(result_of_list()))
