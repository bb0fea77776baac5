# Closures, nonlocal, cells passing through intermediate scopes, class scopes skipped by methods.
x = 0


def outer():
    a = 1
    b = 2

    def middle():
        def inner():
            nonlocal a
            a += 1
            return a + b

        return inner

    def rebinder():
        nonlocal b
        b = 3

    return middle, rebinder


def reads_global():
    return x


def shadows_global():
    x = 1
    return x


def declares_global():
    global x
    x = 2

    def nested():
        return x

    return nested


def global_in_outer_free_in_inner():
    global counter

    def inner():
        counter = 1
        return counter

    def reader():
        return counter

    return inner, reader


class Klass:
    attr = 1
    other = attr + 1

    def method(self):
        return attr  # global, not the class attribute

    def uses_super(self):
        return super().method()

    def uses_class_cell(self):
        return __class__

    class Inner:
        def deep(self):
            return super().deep()

    lam = lambda self: attr
    comp = [attr for _ in range(3)]
    first_iter = [y for y in attr]


def function_with_class():
    v = 1

    class Local:
        v = 2
        w = v

        def m(self):
            return v

    return Local


def param_kinds(a, /, b, *args, c, d=1, **kw):
    def f():
        return a, b, args, c, d, kw

    return f


def deleted():
    gone = 1
    del gone


def late_binding():
    funcs = [lambda: i for i in range(3)]
    funcs2 = [lambda i=i: i for i in range(3)]
    return funcs, funcs2


def private_names():
    class P:
        __secret = 1
        __dunder__ = 2

        def __method(self, __arg):
            __local = __arg
            return self.__secret, __local

        def _P__already(self):
            return __secret

    return P
