# Handlers for base classes catch subclasses.
def catch(exc, handler_type):
    try:
        raise exc
    except handler_type as e:
        return f"{label(handler_type)} caught {type(e).__name__}"
    except BaseException as e:
        return f"{label(handler_type)} missed {type(e).__name__}"
def label(handler_type):
    if isinstance(handler_type, tuple):
        return "(" + ", ".join(t.__name__ for t in handler_type) + ")"
    return handler_type.__name__
pairs = [
    (ZeroDivisionError(), ArithmeticError), (OverflowError(), ArithmeticError),
    (IndexError(), LookupError), (KeyError(), LookupError), (KeyError(), IndexError),
    (UnboundLocalError(), NameError), (RecursionError(), RuntimeError),
    (NotImplementedError(), RuntimeError), (StopIteration(), Exception),
    (GeneratorExit(), Exception), (SystemExit(), Exception), (ValueError(), Exception),
    (TypeError(), ValueError), (AssertionError(), Exception), (AttributeError(), Exception),
    (ZeroDivisionError(), (TypeError, ArithmeticError)), (Exception(), BaseException),
]
for exc, handler in pairs:
    print(catch(exc, handler))
