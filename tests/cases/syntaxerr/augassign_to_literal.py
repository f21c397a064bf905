"abc" += 1
