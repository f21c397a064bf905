# Every augmented assignment operator; in-place for lists, rebinding for tuples/strings.
n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 4; print(n)
n //= 5; print(n)
n %= 5; print(n)
n **= 10; print(n)
n /= 8; print(n)
m = 0b1100
m &= 0b1010; print(m)
m |= 0b0101; print(m)
m ^= 0b1111; print(m)
m <<= 70; print(m)
m >>= 69; print(m)
lst = [1]
alias = lst
lst += [2, 3]
lst *= 2
print(lst, alias, lst is alias)
t = (1,)
t_alias = t
t += (2,)
print(t, t_alias)
s = "ab"
s += "cd"
s *= 2
print(s)
d = {"count": 0}
for _ in range(3):
    d["count"] += 1
print(d)
grid = [[1, 2], [3, 4]]
grid[1][0] *= 10
grid[-1][-1] -= 1
print(grid)
calls = []
def idx():
    calls.append("idx")
    return 0
arr = [5]
arr[idx()] += 1
print(arr, calls)
lst += "xy"
print(lst)
try:
    t += [3]
except TypeError as e:
    print("TypeError", e)
