# Without arguments, sys.argv is just the script name; it is an ordinary list.
import sys
print(sys.argv, len(sys.argv), type(sys.argv).__name__)
sys.argv.append("added")
print(sys.argv)
