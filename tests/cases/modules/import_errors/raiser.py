print("raiser: body runs")
x = 1
raise ValueError("raised while importing")
