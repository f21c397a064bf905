# str, repr and args of exception instances.
for e in (ValueError(), ValueError("one"), ValueError("a", 2), KeyError("k"), KeyError(),
          KeyError("a", "b"), IndexError(3), TypeError(None), RuntimeError(""),
          StopIteration(5), Exception([1, 2]), ZeroDivisionError("z")):
    print(repr(e), "|", str(e), "|", e.args)
try:
    {}[("tuple", "key")]
except KeyError as e:
    print(repr(e), str(e), e.args)
try:
    int("12a")
except ValueError as e:
    print(e.args)
print(isinstance(KeyError(), LookupError), isinstance(ValueError(), Exception))
print(isinstance(StopIteration(), Exception), isinstance(GeneratorExit(), Exception))
print(isinstance(GeneratorExit(), BaseException), isinstance(SystemExit(), Exception))
print(isinstance(RecursionError(), RuntimeError), isinstance(UnboundLocalError(), NameError))
print(isinstance(ZeroDivisionError(), ArithmeticError), isinstance(OverflowError(), ArithmeticError))
print(isinstance(IndexError(), LookupError), isinstance(AssertionError(), Exception))
print(type(ValueError("x")), ValueError.__name__)
