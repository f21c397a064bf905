print("plain: body runs")
runs = 1
