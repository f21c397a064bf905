# Triple-quoted strings keep newlines and indentation; a backslash joins lines.
text = """first
  second
\tthird"""
print(text)
print(repr(text))
print(len(text.splitlines()))
joined = """one \
two"""
print(joined)
empty_lines = """

x

"""
print(repr(empty_lines))
def doc():
    """A docstring is just an expression statement."""
    return 1
print(doc())
