from cyc_a import a_value

b_value = 2
