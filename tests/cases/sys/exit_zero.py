# sys.exit(0) stops the program with status 0; nothing after it runs.
import sys
print("before exit")
sys.exit(0)
print("never printed")
