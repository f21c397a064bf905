# a circular import: the partially initialised module is visible in sys.modules and through
# the name bound by `import`; attributes defined later appear once its body finishes
import sys
import alpha

print("main: alpha.done =", alpha.done, "beta.done =", alpha.beta.done)
print(alpha.beta.alpha is alpha, sys.modules["beta"] is alpha.beta)
print(alpha.beta.seen_in_beta)
print(alpha.use_beta(), alpha.beta.use_alpha())
