# an exception raised by an imported module's body reaches the importer uncaught
print("before")
import failing

print("never")
