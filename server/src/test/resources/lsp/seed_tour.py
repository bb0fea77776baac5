"""A short tour of how Python names refer to objects."""
import copy

# Two names, one list: appending through either is seen through both.
a = [1, 2, 3]
b = a
b.append(4)
print(a)            # [1, 2, 3, 4]

# A shallow copy is a new outer list whose elements are the same objects.
grid = [[0] * 3 for _ in range(3)]
shallow = copy.copy(grid)
shallow[0].append(9)
deep = copy.deepcopy(grid)

# Default arguments are evaluated once: the list is shared between calls.
def remember(item, seen=[]):
    seen.append(item)
    return seen

# Strings are immutable: += rebinds, it does not mutate.
s = "héllo wörld 🐍"
t = s
t += "!"

# Small ints and interned strings may be the same object.
x = 256
y = 256
same = x is y

class Box:
    def __init__(self, items):
        self.items = items          # the caller's list, not a copy

box = Box(a)
box.items.clear()
