import sys

print("beta: start, alpha in sys.modules:", "alpha" in sys.modules)
import alpha

seen_in_beta = sorted(k for k in alpha.__dict__ if not k.startswith("__"))
print("beta: alpha partially initialised, has done:", hasattr(alpha, "done"))
name = "beta"
done = True


def use_alpha():
    return "beta sees alpha.done = " + str(alpha.done)
