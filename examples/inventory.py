"""A small warehouse inventory: the kind of module where aliasing bugs hide.

Run it with python3: it prints what it does. Open it in an editor with MemLens and
show the memory diagram (MemLens: Show Memory Diagram) on the lines marked below
to see which names and containers share an object.
"""

from __future__ import annotations

import copy


DEFAULT_TAGS = ["new"]


class Item:
    """One kind of article: a name, a price and how many are on the shelf."""

    def __init__(self, name: str, price: float, quantity: int = 0) -> None:
        self.name = name
        self.price = price
        self.quantity = quantity
        self.tags: list[str] = []

    def total(self) -> float:
        return self.price * self.quantity


class Shelf:
    """A labelled shelf holding items in slots."""

    def __init__(self, label: str, capacity: int = 4) -> None:
        self.label = label
        self.capacity = capacity
        self.slots: list[Item] = []

    def put(self, item: Item) -> bool:
        if len(self.slots) >= self.capacity:
            return False
        self.slots.append(item)
        return True

    def names(self) -> list[str]:
        return [item.name for item in self.slots]

    def value(self) -> float:
        return sum(item.total() for item in self.slots)


class Warehouse:
    """Shelves by label, and a log of what happened."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shelves: dict[str, Shelf] = {}
        self.log: list[str] = []

    def add_shelf(self, shelf: Shelf) -> None:
        self.shelves[shelf.label] = shelf
        self.log.append("shelf " + shelf.label)

    def find(self, name: str) -> Item | None:
        for shelf in self.shelves.values():
            for item in shelf.slots:
                if item.name == name:
                    return item
        return None

    def move(self, item: Item, source: Shelf, target: Shelf) -> bool:
        """Moves an item between shelves: `slots` is the source shelf's own list, not a copy."""
        if len(target.slots) >= target.capacity:
            return False
        slots = source.slots
        slots.remove(item)  # also changes source.slots
        target.slots.append(item)
        self.log.append("move " + item.name)
        return True

    def restock(self, name: str, amount: int) -> int:
        item = self.find(name)
        if item is None:
            return 0
        item.quantity += amount
        self.log.append("restock " + name)
        return item.quantity


def tag_all(items: list[Item], tag: str, tags: list[str] = DEFAULT_TAGS) -> list[str]:
    """Adds a tag to every item; returns the tags used (the default list is shared!)."""
    for item in items:
        item.tags.append(tag)
    tags.append(tag)
    return tags


def snapshot(shelf: Shelf) -> list[Item]:
    """What is on a shelf now, for a report: a shallow copy, so the items are shared."""
    return copy.copy(shelf.slots)


def discount(prices: dict[str, float], percent: int) -> dict[str, float]:
    """A new price list; the original stays as it was."""
    factor = 1 - percent / 100
    return {name: round(price * factor, 2) for name, price in prices.items()}


def report(shelf: Shelf) -> str:
    lines = [shelf.label + ":"]
    for item in shelf.slots:
        lines.append(f"  {item.name} x{item.quantity} = {item.total():.2f}")
    return "\n".join(lines)


# --- the program -------------------------------------------------------------

bolts = Item("bolt", 0.10, 500)
nuts = Item("nut", 0.05, 800)
washers = Item("washer", 0.02)

shelf_a = Shelf("A")
shelf_a.put(bolts)
shelf_a.put(nuts)
shelf_b = Shelf("B", capacity=2)
shelf_b.put(washers)

depot = Warehouse("depot")
depot.add_shelf(shelf_a)
depot.add_shelf(shelf_b)

# an alias: front is shelf_a under another name, not a copy
front = shelf_a
front.put(Item("screw", 0.08, 300))

# a shallow copy: a new list holding the same Item objects
before = snapshot(shelf_a)
depot.restock("bolt", 100)
print("bolts in the snapshot:", before[0].quantity)  # 600: the snapshot shares the item

# the copy-and-modify bug: copy.copy copies the dict, not the lists inside it
prices = {"bolt": 0.10, "nut": 0.05}
groups = {"metal": [bolts, nuts], "small": [washers]}
backup = copy.copy(groups)
backup["metal"].append(washers)  # also changes groups["metal"]

# a deep copy shares nothing mutable
archive = copy.deepcopy(groups)
archive["small"].clear()

sale = discount(prices, 10)
used = tag_all([bolts, nuts], "sale")
again = tag_all([washers], "clearance")  # same default list as `used`

print(report(shelf_a))
print(report(shelf_b))
print("groups:", {k: [i.name for i in v] for k, v in groups.items()})
print("backup is groups:", backup is groups, "- shared list:", backup["metal"] is groups["metal"])
print("sale:", sale, "prices:", prices)
print("used is again:", used is again, used)
print("log:", depot.log)
