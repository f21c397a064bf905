# / always produces a float, even for exact and huge quotients.
print(1 / 3, 2 / 3, 10 / 4, 7 / 7, -1 / 3, 0 / 5)
print(2 ** 100 / 3, 10 ** 30 / 10 ** 10)
print(1 / 2 ** 70, (2 ** 1000) / (2 ** 999))
print(type(4 / 2), 4 / 2 == 2)
print(1.0 / 3.0, 9 / 0.5, -0.0 / 1)
