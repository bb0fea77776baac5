from __future__ import annotations


def f(a: Undefined) -> AlsoUndefined:
    x: Local = 1
    return x


class C:
    attr: ClassAnnotation
    other: int = 2

    def m(self, p: C) -> C:
        return p
