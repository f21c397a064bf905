# an imported module that does not compile raises SyntaxError in the importer: caught, then
# uncaught (the traceback ends with CPython's SyntaxError line)
try:
    import broken
except SyntaxError as e:
    print(type(e).__name__, e)
    print(e.msg, e.lineno, e.filename.rsplit("/", 1)[-1])
try:
    import badindent
except SyntaxError as e:
    print(type(e).__name__, isinstance(e, IndentationError), e)
import broken
