print("first: start")
from second import helper

value = 1
