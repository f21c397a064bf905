-- Lua port of gen_sum.py: a coroutine yielding 10M ints, summed by a loop.
local function count(n)
  return coroutine.wrap(function()
    local i = 0
    while i < n do
      coroutine.yield(i)
      i = i + 1
    end
  end)
end
local total = 0
for x in count(10000000) do total = total + x end
print(total)
