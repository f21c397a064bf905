# An uncaught exception whose class lives in an imported module shows `module.Name: message`.
import errors

try:
    errors.cancel("task")
except errors.CancelledError as e:
    print(type(e).__name__, type(e).__module__, e)
print(repr(errors.TimeoutError_(3)), errors.TimeoutError_(3))
errors.cancel("main")
