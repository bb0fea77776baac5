# Comprehension scopes, walrus targets, nested comprehensions, generator expressions.
data = [1, 2, 3]
squares = [n * n for n in data if n]
pairs = {a: b for a in data for b in data if a != b}
gen = (m for m in data)
nested = [[i * j for j in range(i)] for i in data]
top_walrus = [last := n for n in data]


def walrus_in_function(items):
    if any((found := item) > 1 for item in items):
        return found
    total = [acc := acc + v for v in items] if (acc := 0) == 0 else []
    return total, acc


def walrus_nested_comprehensions(rows):
    return [[(cell := c) for c in row] for row in rows], cell


def walrus_global_target(items):
    global g
    return [g := i for i in items]


def comprehension_sees_enclosing(k):
    return [k + i for i in range(3)]


def first_iterable_in_enclosing(seq):
    return [s for s in seq for t in s]


class C:
    base = [1, 2]
    doubled = [b * 2 for b in base]
    tricky = [b for b in base if base]

    def method(self):
        return [super() for _ in range(1)]


def lambda_walrus():
    return lambda: [w := 1 for _ in range(2)]


def dict_and_set(xs):
    return {x for x in xs}, {x: y for x, y in xs}
