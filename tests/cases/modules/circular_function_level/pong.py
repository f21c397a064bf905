def pong(n):
    from ping import ping

    if n == 0:
        return "pong done"
    return ping(n - 1)
