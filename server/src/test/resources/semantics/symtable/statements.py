# Every binding form.
import os
import os.path as osp
import xml.etree.ElementTree
from collections import OrderedDict as OD, defaultdict
from . import sibling
from .pkg import thing as other_thing


def binding_forms(seq, mgr):
    a = b = 1
    c, (d, *e) = seq
    [f, g] = seq
    h: int = 1
    i: int
    j += 1
    for k, l in seq:
        pass
    else:
        m = 1
    with mgr as n, mgr as (o, p):
        pass
    try:
        pass
    except ValueError as q:
        pass
    except (TypeError, KeyError):
        pass
    else:
        r = 1
    finally:
        s = 1
    while (t := 1):
        break
    del a
    import json as u
    from json import loads as v

    def w():
        pass

    class X:
        pass

    async def y():
        async for z in seq:
            await z
        async with mgr as zz:
            pass

    obj.attr = 1
    obj[key] = 2
    (paren): int = 3
    (only_annotated): int
    return u, v


def match_forms(subject):
    match subject:
        case [1, 2, *rest]:
            return rest
        case {"k": value, **others}:
            return value, others
        case Point(x=px, y=py) as point:
            return px, py, point
        case (1 | 2) as alt:
            return alt
        case str() | bytes():
            pass
        case None:
            pass
        case captured:
            return captured


def annotations(a: "A", b: B = None, *c: C, d: D, **e: E) -> R:
    local: L = 1
    return local


def decorated():
    @decorator(arg)
    def inner(p=default_value):
        return p

    @dataclass
    class K(Base, metaclass=Meta):
        field: int = 0

    return inner, K


lam = lambda a, b=1, *c, d, e=2, **f: a + b + d + e
nested_lam = lambda x: lambda y: x + y

if __name__ == "__main__":
    print(binding_forms, __file__)
