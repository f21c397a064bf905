# __context__ is set implicitly, __cause__ by `raise ... from ...`.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)

try:
    try:
        {}["missing"]
    except KeyError as original:
        raise RuntimeError("explicit cause") from original
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), e.__cause__ is e.__context__, e.__suppress_context__)

try:
    try:
        [].pop()
    except IndexError:
        raise TypeError("no context shown") from None
except TypeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

try:
    raise ValueError("fresh")
except ValueError as e:
    print(e.__context__, e.__cause__)

try:
    raise ValueError("cause is a class") from KeyError
except ValueError as e:
    print(repr(e.__cause__))

def chain_depth():
    try:
        try:
            try:
                raise KeyError("a")
            except KeyError:
                raise IndexError("b")
        except IndexError:
            raise TypeError("c")
    except TypeError as e:
        names = []
        while e is not None:
            names.append(type(e).__name__)
            e = e.__context__
        return names
print(chain_depth())
