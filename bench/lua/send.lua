-- Lua port of send.py: 6M resumes of an accumulator coroutine with a value.
local acc = coroutine.wrap(function()
  local total = 0
  while true do
    local x = coroutine.yield(total)
    total = total + x
  end
end)
acc()
local i = 0
while i < 6000000 do
  acc(i)
  i = i + 1
end
print(acc(0))
