# args: alpha beta 42 --flag
# sys.argv holds the script name as given, then the arguments, all strings.
import sys
print(sys.argv)
print(len(sys.argv), sys.argv[0], sys.argv[1:])
print(int(sys.argv[3]) + 1, "--flag" in sys.argv)
for i, arg in enumerate(sys.argv):
    print(i, repr(arg))
