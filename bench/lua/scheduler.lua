-- Lua port of scheduler.py: 2,000 coroutine tasks exchanging futures through method calls
-- (mailboxes whose get waits on a Future that the next put resolves), 400 rounds each, run by
-- a ready queue of tasks. Same algorithm and order as the Python program, so the same output
-- (Future:wait stands for `yield from future`, Future.__iter__ in Python).
local TASKS = 2000
local ROUNDS = 400

local Loop = {}
Loop.__index = Loop
function Loop.new() return setmetatable({ready = {}, head = 1, tail = 0}, Loop) end
function Loop:schedule(task)
  self.tail = self.tail + 1
  self.ready[self.tail] = task
end
function Loop:run()
  while self.head <= self.tail do
    local task = self.ready[self.head]
    self.ready[self.head] = nil
    self.head = self.head + 1
    task:step()
  end
end

local Future = {}
Future.__index = Future
function Future.new(loop) return setmetatable({loop = loop, done = false, value = nil, waiters = {}}, Future) end
function Future:add_waiter(task)
  if self.done then
    self.loop:schedule(task)
  else
    self.waiters[#self.waiters + 1] = task
  end
end
function Future:set_result(value)
  self.done = true
  self.value = value
  for _, task in ipairs(self.waiters) do task:wake(self) end
  self.waiters = nil
end
function Future:wait()
  if not self.done then coroutine.yield(self) end
  return self.value
end

local Task = {}
Task.__index = Task
function Task.new(loop, fn)
  local task = setmetatable({loop = loop, co = coroutine.create(fn), result = nil}, Task)
  loop:schedule(task)
  return task
end
function Task:step()
  local ok, value = coroutine.resume(self.co)
  if not ok then error(value) end
  if coroutine.status(self.co) == "dead" then
    self.result = value
    return
  end
  value:add_waiter(self)
end
function Task:wake(future) self.loop:schedule(self) end

local Mailbox = {}
Mailbox.__index = Mailbox
function Mailbox.new(loop) return setmetatable({loop = loop, items = {}, getters = {}}, Mailbox) end
function Mailbox:put(item)
  local n = #self.getters
  if n > 0 then
    local future = self.getters[n]
    self.getters[n] = nil
    future:set_result(item)
  else
    self.items[#self.items + 1] = item
  end
end
function Mailbox:get()
  local n = #self.items
  if n > 0 then
    local item = self.items[n]
    self.items[n] = nil
    return item
  end
  local future = Future.new(self.loop)
  self.getters[#self.getters + 1] = future
  return future:wait()
end

local function worker(me, mailboxes, rounds)
  return function()
    local inbox = mailboxes[me + 1]
    local n = #mailboxes
    local total = 0
    for r = 0, rounds - 1 do
      local token = inbox:get()
      total = total + token
      mailboxes[(me - 1 - r * 7) % n + 1]:put((token * 31 + me) % 1000003)
    end
    return total
  end
end

local loop = Loop.new()
local mailboxes = {}
for i = 0, TASKS - 1 do
  mailboxes[i + 1] = Mailbox.new(loop)
  mailboxes[i + 1]:put(i)
end
local tasks = {}
for i = 0, TASKS - 1 do tasks[i + 1] = Task.new(loop, worker(i, mailboxes, ROUNDS)) end
loop:run()
local total, left = 0, 0
for _, task in ipairs(tasks) do total = total + task.result end
for _, box in ipairs(mailboxes) do left = left + #box.items end
print(string.format("%d %d", total, left))
