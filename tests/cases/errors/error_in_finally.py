try:
    print("in try")
    raise ValueError("original")
finally:
    print("in finally")
    raise TypeError("raised in finally replaces it")
