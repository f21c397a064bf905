public_one = 1
public_two = 2
_private = 3
