# 02 - One caller, many generators
#
# Because a generator pauses at every `yield` and only continues when someone
# calls next() on it, one caller can keep several generators "alive" at once
# and advance them in any order it chooses. Each one remembers exactly where
# it stopped. This is the core idea behind cooperative multitasking: the
# generators *cooperate* by yielding often, and the caller *schedules* them.


def countdown(name, start):
    n = start
    while n > 0:
        print(f"  {name}: {n}")
        yield          # give control back to whoever called next()
        n -= 1
    print(f"  {name}: liftoff!")


def alphabet(name, letters):
    for letter in letters:
        print(f"  {name}: letter {letter}")
        yield


# Three independent generators, none of which has started running yet.
workers = [countdown("rocket", 3), alphabet("abc", "abc"), countdown("timer", 2)]

print("Round-robin: advance each live generator by one step per round.")
round_number = 1
while workers:
    print(f"round {round_number}:")
    still_running = []
    for worker in workers:
        try:
            next(worker)                 # run this worker until its next yield
            still_running.append(worker) # it paused: keep it for the next round
        except StopIteration:
            pass                         # it finished: drop it
    workers = still_running
    round_number += 1
print("all workers finished")

print()
print("The order is entirely up to the caller. Here it favours 'fast':")
fast = alphabet("fast", "wxyz")
slow = alphabet("slow", "12")
schedule = [fast, fast, slow, fast, slow, fast]
for g in schedule:
    next(g)
print("fast finished:", next(fast, "yes"))
print("slow finished:", next(slow, "yes"))
