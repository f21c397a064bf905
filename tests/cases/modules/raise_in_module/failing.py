def inner(d):
    return d["missing"]


print("failing: start")
inner({})
