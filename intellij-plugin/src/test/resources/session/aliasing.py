import copy

x = [1, [2, 3]]
y = x
s = copy.copy(x)
s[1].append(4)
print(y, s)
