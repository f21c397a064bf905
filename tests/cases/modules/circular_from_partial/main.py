# `from m import x` while m is only partially initialised: CPython's "partially initialized
# module ... (most likely due to a circular import)" ImportError, uncaught
print("main")
import first
