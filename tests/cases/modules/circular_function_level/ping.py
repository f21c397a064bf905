import pong


def ping(n):
    if n == 0:
        return "ping done"
    return pong.pong(n - 1)
