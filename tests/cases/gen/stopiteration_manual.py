# Driving a generator by hand with next() and catching StopIteration.
def letters():
    yield "a"
    yield "b"
    return "no more letters"

it = letters()
while True:
    try:
        letter = next(it)
    except StopIteration as stop:
        print("finished:", stop.value)
        break
    print("letter", letter)

def manual_for(iterable, body):
    iterator = iter(iterable)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        body(item)
manual_for(letters(), lambda x: print("body", x))
manual_for([1, 2], lambda x: print("body", x))
e = StopIteration("v")
print(e.value, repr(e))
def gen_catches_inner():
    inner = iter([1])
    next(inner)
    try:
        next(inner)
    except StopIteration:
        yield "caught an inner StopIteration safely"
print(list(gen_catches_inner()))
