raise KeyError("a key with 'quotes'")
