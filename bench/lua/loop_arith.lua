-- Lua port of loop_arith.py.
local i, t = 0, 0
while i < 10000000 do
  t = (t + i * 7) % 1000003
  i = i + 1
end
print(t)
