# Any consistent indentation works: 1 space, 2 spaces, 8 spaces, tabs.
def one():
 return "one space"
def two():
  if True:
    return "two then four"
def eight():
        return "eight spaces"
def tabs():
	if True:
		return "tabs"
print(one(), two(), eight(), tabs())
if True:
            x = "deep"
            if x:
                     print(x)
