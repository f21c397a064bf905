# return/break/continue in finally override a pending return or exception.
def override_return():
    try:
        return "from try"
    finally:
        return "from finally"
print(override_return())

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "exception swallowed"
print(swallow())

def break_swallows():
    for i in range(3):
        try:
            raise RuntimeError("also lost")
        finally:
            break
    return "after break, i=" + str(i)
print(break_swallows())

def continue_swallows():
    count = 0
    for i in range(3):
        try:
            raise RuntimeError("lost each time")
        finally:
            count += 1
            continue
    return count
print(continue_swallows())

def return_value_evaluated_first():
    x = "before"
    try:
        return x
    finally:
        x = "changed in finally"
print(return_value_evaluated_first())

def nested_finally():
    try:
        try:
            return 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested_finally())
