# Attribute access on builtin values, bound methods kept and called later.
s = "hello"
up = s.upper
print(up(), s.count("l"), "x,y".split(","), " pad ".strip())
lst = []
push = lst.append
push(1)
push(2)
print(lst, push.__name__, len.__name__, print.__name__)
d = {"a": 1}
getter = d.get
print(getter("a"), getter("b", "missing"))
def f():
    pass
print(f.__name__)
for thunk in (lambda: lst.foo, lambda: s.nope, lambda: (5).real_part, lambda: None.x, lambda: f.attr):
    try:
        print(thunk())
    except AttributeError as e:
        print("AttributeError", e)
