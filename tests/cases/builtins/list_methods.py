# Every common list method, and their error messages.
lst = [3, 1, 2]
lst.append(4); print(lst)
lst.extend([5, 6]); print(lst)
lst.extend("ab"); print(lst)
lst.extend(range(2)); print(lst)
lst.insert(0, "first"); lst.insert(100, "last"); lst.insert(-1, "before last"); print(lst)
print(lst.pop(), lst.pop(0), lst.pop(-2), lst)
lst.remove("a"); print(lst)
print(lst.index(2), lst.index(0), lst.count(1), lst.count("zzz"))
nums = [5, 3, 8, 1, 9, 2]
nums.sort(); print(nums)
nums.sort(reverse=True); print(nums)
nums.sort(key=lambda x: x % 3); print(nums)
nums.reverse(); print(nums)
copy = nums.copy(); copy.append(100); print(nums, copy)
copy.clear(); print(copy, len(copy))
print([1, 2, 3, 2].index(2, 2), [1, 2, 1].count(1))
print(lst.append(1), lst.sort(key=str), lst)
for thunk in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1, 2].remove(3),
              lambda: [1, 2].index(3), lambda: ["a"].index("b"), lambda: [3, "a"].sort(),
              lambda: [1].extend(5), lambda: [1].insert("x", 1)):
    try:
        print(thunk())
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
