# Globals declared at module level, in classes, in nested functions; qualnames under global declarations.
global declared_at_module
declared_at_module = 1


def make():
    global made

    def made():
        pass

    class Made:
        pass

    return Made


class Holder:
    global from_class
    from_class = 1

    def method(self):
        global from_method

        def from_method():
            pass

        return from_class


def outer():
    x = 1

    class Mid:
        y = x

        def m(self):
            nonlocal_read = x
            return nonlocal_read

        class Deeper:
            z = x

    def g():
        class Inside:
            def h(self):
                return x

        return Inside

    return Mid, g


def class_free_and_local():
    a = 1

    class C:
        a = 2

        def m(self):
            return a

    return C
