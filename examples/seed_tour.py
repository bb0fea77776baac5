"""Every code snippet of the tutorial "Understanding Variables in Python Memory", in its order.

Run it with python3; open it in an editor with MemLens to see what each snippet does to memory.
The snippets are unchanged: where two reuse a name, the later one rebinds it.
"""


# 1. How Variables Work in Python
# Example of Variable Assignment
x = 10
y = x
print(id(x), id(y))  # Both refer to the same memory location


# 2. Object Identity (id()) and Mutability
# Example: Checking Object Identity
a = 42
b = 42
print(id(a), id(b))  # Same memory address


# 3. Variable Reassignment & Memory Behavior
# Example: Integer Reassignment
x = 100
print(id(x))  # Memory address of 100

x = 200  # Reassignment creates a new object
print(id(x))  # New memory address for 200

# Example: List Mutation (Mutable Type)
nums = [1, 2, 3]
print(id(nums))  # Memory address before mutation

nums.append(4)  # Modifies the same object
print(id(nums))  # Same memory address


# 4. Memory Optimization: Variable Caching (Interning)
# Example: Integer Interning
a = 42
b = 42
print(id(a) == id(b))  # True (same memory address)

# Example: String Interning
s1 = "hello"
s2 = "hello"
print(id(s1) == id(s2))  # True (cached)

s3 = "long string example"
s4 = "long string example"
print(id(s3) == id(s4))  # Might be False (not interned)


# 5. Reference Counting & Garbage Collection
# Checking Reference Count (sys.getrefcount())
import sys

x = [1, 2, 3]
print(sys.getrefcount(x))  # 2 (One from 'x', one from 'getrefcount' call)


# 6. Shallow vs. Deep Copying in Memory
# Example: Shallow Copy (copy.copy())
import copy

original = [1, [2, 3], 4]
shallow_copy = copy.copy(original)

shallow_copy[1][0] = 99  # Modifies original list too!
print(original)  # [1, [99, 3], 4]

# Example: Deep Copy (copy.deepcopy())
deep_copy = copy.deepcopy(original)
deep_copy[1][0] = 42  # Does NOT affect the original list

print(original)  # [1, [99, 3], 4]


# 7. Variable Scope & Lifetime in Memory
# Example: Local vs Global Scope
x = 10  # Global variable

def modify():
    x = 5  # Local variable
    print("Inside:", x)

modify()
print("Outside:", x)  # Global 'x' is unaffected


# 8. Memory Views (memoryview())
# Example: Memory-Efficient Byte Handling
data = bytearray("hello", "utf-8")
mem_view = memoryview(data)

print(mem_view[0])  # 104 (ASCII of 'h')
