# A scheduler of 2,000 generator tasks exchanging futures through method calls: each task
# takes a token from its mailbox (a Future when the mailbox is empty, resolved by whoever
# puts the next token), transforms it and puts it in another task's mailbox, for 400 rounds.
# The loop is a ready queue (a collections.deque) of tasks, woken by their futures;
# `yield from future` suspends through Future.__iter__ until the future is done.
from collections import deque

TASKS = 2_000
ROUNDS = 400


class Loop:
    def __init__(self):
        self.ready = deque()

    def schedule(self, task):
        self.ready.append(task)

    def run(self):
        ready = self.ready
        while ready:
            ready.popleft().step()


class Future:
    def __init__(self, loop):
        self.loop = loop
        self.done = False
        self.value = None
        self.waiters = []

    def add_waiter(self, task):
        if self.done:
            self.loop.schedule(task)
        else:
            self.waiters.append(task)

    def set_result(self, value):
        self.done = True
        self.value = value
        for task in self.waiters:
            task.wake(self)
        self.waiters = None

    def __iter__(self):
        if not self.done:
            yield self
        return self.value


class Task:
    def __init__(self, loop, coro):
        self.loop = loop
        self.coro = coro
        self.result = None
        loop.schedule(self)

    def step(self):
        try:
            future = self.coro.send(None)
        except StopIteration as stop:
            self.result = stop.value
            return
        future.add_waiter(self)

    def wake(self, future):
        self.loop.schedule(self)


class Mailbox:
    def __init__(self, loop):
        self.loop = loop
        self.items = []
        self.getters = []

    def put(self, item):
        if self.getters:
            self.getters.pop().set_result(item)
        else:
            self.items.append(item)

    def get(self):
        if self.items:
            return self.items.pop()
        future = Future(self.loop)
        self.getters.append(future)
        return (yield from future)


def worker(me, mailboxes, rounds):
    inbox = mailboxes[me]
    n = len(mailboxes)
    total = 0
    for r in range(rounds):
        token = yield from inbox.get()
        total += token
        mailboxes[(me - 1 - r * 7) % n].put((token * 31 + me) % 1_000_003)
    return total


loop = Loop()
mailboxes = [Mailbox(loop) for _ in range(TASKS)]
for i, box in enumerate(mailboxes):
    box.put(i)
tasks = [Task(loop, worker(i, mailboxes, ROUNDS)) for i in range(TASKS)]
loop.run()
print(sum(task.result for task in tasks), sum(len(box.items) for box in mailboxes))
