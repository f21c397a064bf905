# a function-level import breaks a cycle; the failed partial import is caught and the module
# that raised is removed from sys.modules
import sys
import ping

print(ping.ping(3))
try:
    import cyc_a
except ImportError as e:
    print(type(e).__name__, e)
    print(e.name, e.path.rsplit("/", 1)[-1])
print("cyc_a" in sys.modules, "cyc_b" in sys.modules)
