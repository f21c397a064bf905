# Quote styles and raw strings.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print(r'raw \n stays', R"raw \t too", r'\\', r'\'')
print("""line one
line two
    indented line three""")
print('''a 'quoted' "thing"''')
print("continued \
on the same line")
print('' == "", len(''), len(""""""))
print("tab\there", 'nl\\n shown')
