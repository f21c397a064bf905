# The order in which try, except, else and finally blocks run.
def run(fail):
    try:
        print("  try")
        if fail:
            raise ValueError("failure")
    except ValueError as e:
        print("  except", e)
    else:
        print("  else")
    finally:
        print("  finally")
    print("  after")

print("no failure:")
run(False)
print("failure:")
run(True)

def propagate():
    try:
        print("  try")
        raise KeyError("escapes")
    finally:
        print("  finally runs before propagation")

try:
    propagate()
except KeyError as e:
    print("caught outside:", e)

def nested():
    try:
        try:
            raise TypeError("inner")
        finally:
            print("  inner finally")
    except TypeError as e:
        print("  outer except", e)
    finally:
        print("  outer finally")
nested()

def finally_on_return():
    try:
        return "returned"
    finally:
        print("  finally before return completes")
print(finally_on_return())

for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("  body", i)
    finally:
        print("  finally for", i)
