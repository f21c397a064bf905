a, b = 7
