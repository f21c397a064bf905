# A call with a missing argument, uncaught: the traceback's last line is the message.
def f(a, b):
    return a + b

print(f(1, 2))
print(f(1))
