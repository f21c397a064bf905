# Closing a generator from the loop that consumes it.
def producer():
    try:
        for i in range(10):
            yield i
    finally:
        print("  producer finally")
p = producer()
for x in p:
    print("got", x)
    if x == 2:
        p.close()
print("loop ended after close")
p2 = producer()
for x in p2:
    if x == 1:
        break
p2.close()
print("closed after break")
