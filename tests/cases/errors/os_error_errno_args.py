# OSError(errno, strerror[, filename[, winerror[, filename2]]]): the subclass the errno names,
# the errno/strerror/filename attributes, args trimmed when a file name is given, and str().
e=OSError(2,'x','f'); print(type(e).__name__, e.args, str(e), repr(e), e.errno, e.strerror, e.filename, e.filename2)
e=OSError(2,'x','f',None,'g'); print(type(e).__name__, e.args, str(e), repr(e))
e=OSError(2,'x',None); print(e.args, str(e))
e=OSError(1,'x'); print(type(e).__name__)
e=OSError('a','b'); print(type(e).__name__, str(e), e.errno, e.strerror)
e=OSError(2); print(str(e), e.errno, e.args)
e=OSError(2,'x',3,4,5,6); print(type(e).__name__, str(e), e.errno, e.args)
e=FileNotFoundError(13,'y'); print(type(e).__name__, str(e))
e=BlockingIOError(11,'w',5); print(str(e), e.characters_written, e.filename, e.args)
class M(OSError): pass
e=M(2,'x','f'); print(type(e).__name__, str(e), e.args, e.errno)
e=OSError(2.0,'x'); print(type(e).__name__, str(e))
e=OSError(True,'x'); print(type(e).__name__, str(e))
e=OSError(2,'x',3); print(str(e), e.filename)
e=OSError(); print(repr(str(e)), e.errno)
class N(OSError):
    def __init__(self, path):
        super().__init__(2, "gone", path)
        self.path = path
e = N("a.txt"); print(type(e).__name__, e, e.args, e.errno, e.path)
class P(OSError):
    def __init__(self, x):
        self.x = x
e = P(5); print(repr(str(e)), e.args, e.errno)
for code in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 103, 104, 108, 110, 111, 114, 115, 99]:
    print(code, type(OSError(code, "m")).__name__)
try:
    raise OSError(17, "File exists", "d")
except FileExistsError as x:
    print("caught", x, x.filename)
e = OSError(2, "x"); e.errno = 5; print(e.errno, e)
print(isinstance(OSError(2, "x"), OSError), IOError is OSError)
raise ConnectionRefusedError(111, "Connection refused")
