# ImportError and ModuleNotFoundError messages and attributes; modules that raise, replace or
# remove themselves; re-importing after removal from sys.modules runs the body again
import sys


def attempt(src):
    try:
        exec_import(src)
        print(src, "-> ok")
    except Exception as e:
        path = e.path.rsplit("/", 1)[-1] if getattr(e, "path", None) else None
        print(src, "->", type(e).__name__, e, "|", getattr(e, "name", None), path)


def exec_import(src):
    if src == "import nosuch":
        import nosuch
    elif src == "import nosuch.sub":
        import nosuch.sub
    elif src == "import plain.sub":
        import plain.sub
    elif src == "import plain.sub.deeper":
        import plain.sub.deeper
    elif src == "from plain.sub import x":
        from plain.sub import x
    elif src == "import sys.path_like":
        import sys.path_like
    elif src == "from plain import missing":
        from plain import missing
    elif src == "from sys import missing":
        from sys import missing
    elif src == "from time import missing":
        from time import missing
    elif src == "from itertools import missing":
        from itertools import missing
    elif src == "from . import plain":
        from . import plain
    elif src == "from .plain import x":
        from .plain import x
    elif src == "from .. import plain":
        from .. import plain
    elif src == "import raiser":
        import raiser
    elif src == "import selfreplace":
        import selfreplace
        print("selfreplace is", selfreplace)
    elif src == "import selfdelete":
        import selfdelete
    elif src == "import halted":
        import halted
    elif src == "from __main__ import nothing":
        from __main__ import nothing


for src in [
    "import nosuch",
    "import nosuch.sub",
    "import plain.sub",
    "import plain.sub.deeper",
    "from plain.sub import x",
    "import sys.path_like",
    "from plain import missing",
    "from sys import missing",
    "from time import missing",
    "from itertools import missing",
    "from . import plain",
    "from .plain import x",
    "from .. import plain",
    "import raiser",
    "import raiser",
    "import selfreplace",
    "import selfdelete",
    "from __main__ import nothing",
]:
    attempt(src)
print("raiser" in sys.modules, "plain" in sys.modules)
sys.modules["halted"] = None
attempt("import halted")
del sys.modules["halted"]
import plain

print(plain.runs)
del sys.modules["plain"]
import plain

print(plain.runs, "(a fresh module: its body ran again)")
print(issubclass(ModuleNotFoundError, ImportError))
