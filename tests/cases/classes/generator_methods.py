# Generators as methods: a tiny round-robin scheduler built from classes.
class Task:
    def __init__(self, name, steps):
        self.name = name
        self.steps = steps
        self.gen = self.run()

    def run(self):
        for i in range(self.steps):
            got = yield f"{self.name} step {i}"
            if got:
                print(f"  {self.name} got {got}")
        return f"{self.name} done"

    def __repr__(self):
        return f"Task({self.name!r})"


class Scheduler:
    def __init__(self):
        self.ready = []
        self.results = {}

    def spawn(self, task):
        self.ready.append(task)
        return self

    def run(self):
        first = True
        while self.ready:
            task = self.ready.pop(0)
            try:
                msg = next(task.gen) if first else task.gen.send(task.name.upper())
                print(msg)
                self.ready.append(task)
            except StopIteration as stop:
                self.results[task.name] = stop.value
        return self.results


s = Scheduler().spawn(Task("a", 2)).spawn(Task("b", 3))
print(s.ready)
print(s.run())


class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children

    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()


t = Tree(1, Tree(2, Tree(3)), Tree(4))
print(list(t.walk()), sum(t.walk()))
