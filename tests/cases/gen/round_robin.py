# One caller drives several generators in turn until all are finished.
def task(name, steps):
    for i in range(steps):
        print(f"  {name} step {i}")
        yield
    return f"{name} finished after {steps} steps"

tasks = [task("A", 3), task("B", 1), task("C", 2)]
results = []
while tasks:
    current = tasks.pop(0)
    try:
        next(current)
    except StopIteration as e:
        results.append(e.value)
    else:
        tasks.append(current)
for r in results:
    print(r)

def ping_pong():
    log = []
    def player(name, partner_log):
        for hit in range(2):
            partner_log.append(f"{name} hits {hit}")
            yield
    players = [player("ping", log), player("pong", log)]
    active = list(players)
    while active:
        for p in list(active):
            try:
                next(p)
            except StopIteration:
                active.remove(p)
    return log
print(ping_pong())
