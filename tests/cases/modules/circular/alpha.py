print("alpha: start")
import beta

print("alpha: after import beta, beta.done =", beta.done)
done = True


def use_beta():
    return "alpha uses " + beta.name
