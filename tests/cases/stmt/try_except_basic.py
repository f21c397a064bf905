# except clauses: single types, tuples, `as`, order of matching, base classes.
def risky(kind):
    if kind == "zero":
        return 1 / 0
    if kind == "index":
        return [][0]
    if kind == "key":
        return {}["k"]
    if kind == "value":
        return int("nope")
    if kind == "type":
        return 1 + "1"
    return "fine"

for kind in ("zero", "index", "key", "value", "type", "ok"):
    try:
        result = risky(kind)
    except ZeroDivisionError:
        print(kind, "-> caught ZeroDivisionError")
    except (IndexError, KeyError) as e:
        print(kind, "-> caught lookup error", type(e).__name__, e)
    except ValueError as e:
        print(kind, "-> caught", repr(e))
    except Exception as e:
        print(kind, "-> generic", type(e).__name__, e)
    else:
        print(kind, "-> no error:", result)

try:
    [1][5]
except LookupError as e:
    print("LookupError handler got", type(e).__name__)
try:
    1 // 0
except ArithmeticError as e:
    print("ArithmeticError handler got", type(e).__name__)
try:
    raise KeyError("x")
except IndexError:
    print("not this one")
except:
    print("bare except catches everything")
errors = (TypeError, ValueError)
try:
    int("x")
except errors as e:
    print("tuple in a variable:", type(e).__name__)
try:
    try:
        1 / 0
    except ValueError:
        print("wrong handler")
except ZeroDivisionError:
    print("outer handler")
