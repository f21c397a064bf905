# BaseException.__str__ and __repr__ (and KeyError.__str__) as methods: called through super()
# from a user exception's own __str__/__repr__, directly on the class, or on an instance,
# with args that need user methods or not.


class A:
    def __str__(self):
        return "A-str"

    def __repr__(self):
        return "A-repr"


class E(Exception):
    def __str__(self):
        return "E:" + super().__str__()


print(E(1), E(A()), E(), E(1, A()))
print(repr(E(3)), Exception.__str__(E(2)), BaseException.__repr__(E(4)))


class F(KeyError):
    def __str__(self):
        return "F<" + super().__str__() + "|" + super().__repr__() + ">"

    def __repr__(self):
        return "F!" + Exception.__repr__(self)


print(F(A()), repr(F(A())), F(A(), 2), [F(1)])
print(ValueError(A()).__str__(), KeyError(A()).__repr__(), ValueError(1).__str__())
print(BaseException.__str__(KeyError("k")), ValueError.__repr__(TypeError(A(), "x")))
print(KeyError.__str__(KeyError("k")), KeyError("k").__str__(), BaseException.__str__(KeyError(A())))
print(hasattr(ValueError, "__str__"), ValueError.__str__ is Exception.__str__)

for call in (lambda: BaseException.__str__(5), lambda: KeyError.__str__(ValueError(1)),
             lambda: BaseException.__repr__("s")):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


class K(KeyError):
    def __str__(self):
        return "K:" + super().__str__()


print(K("x"), K(A()), K(A(), 1), K())


class Coded(Exception):
    def __init__(self, code, detail):
        super().__init__(detail)
        self.code = code

    def __str__(self):
        return f"[{self.code}] {super().__str__()}"


print(Coded(404, A()))
raise Coded(500, A())
