# sys.exit(3) exits with status 3 and prints nothing on stderr.
import sys
def main():
    print("main running")
    sys.exit(3)
main()
print("never printed")
