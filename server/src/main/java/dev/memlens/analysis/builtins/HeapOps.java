package dev.memlens.analysis.builtins;

import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.Value;
import java.util.List;

/**
 * What a builtin model may do to the abstract state at the call being modelled. Implemented by the interpreter;
 * every allocation is attributed to the call node, every mutation is recorded as a fact.
 */
public interface HeapOps {
    /** A new object of the given kind created by this call ({@code flavor} tells apart several per call). */
    Value alloc(ObjKind kind, int flavor);

    /**
     * The tuples code made by this call will make later, one each time it runs (what enumerate and zip yield):
     * many objects, never one that names could share for sure, all of this length with these items by position.
     */
    Value tuplesMade(List<Value> parts, int flavor);

    /** A new object of a class the analysis models as {@code kind} (a deque as a list), shown as {@code pyType}. */
    Value alloc(ObjKind kind, String pyType, int flavor);

    /** The object of a builtin or stdlib function, by qualified name ({@code dataclasses.dataclass}). */
    Value builtin(String qualified);

    /** A shallow copy of an instance of a class whose copy the analysis models (a dataclass), or null. */
    Value copyInstance(Value instance);

    /** The result of something the analysis cannot see: any object, possibly one the program holds. */
    Value unknown();

    Value none();

    /** A new immutable value of a known kind whose identity depends on caching (ints, strings...). */
    Value computed(ObjKind kind);

    /** The kind shared by every object in the set, or UNKNOWN. */
    ObjKind kindOf(Pts pts);

    /** Every element any of the containers may hold (unknown contents add an unknown object). */
    Value elements(Value containers);

    /** What iterating over the objects yields: a dict's keys, any other container's elements. */
    Value iterated(Value iterables);

    /** The key objects of dicts. */
    Value keys(Value dicts);

    /** Adds key objects to dicts (their values go in with {@link #addItems}). */
    void addKeys(Value dicts, Value keys);

    /** The Python class shared by every object (a modelled class such as {@code deque}), or null. */
    String pyTypeOf(Value v);

    /** The element at a constant index or key, when the analysis knows it; else all elements. */
    Value item(Value container, Object key);

    /** Exact items of a new list/tuple (positions known). */
    void setItems(Value container, List<Value> items);

    /** Adds elements at unknown positions (weakly). */
    void addItems(Value container, Value elements);

    /** Stores at a constant key of a dict (or index of a list). */
    void setItem(Value container, Object key, Value v);

    /** Forgets element positions (insertions, sorting, removals shift items). */
    void forgetPositions(Value container);

    /** Removes every element (clear). */
    void clear(Value container);

    /** Records that the call mutates these objects in place. */
    void mutates(Value receiver);

    /** Code the analysis cannot see gets these objects: they may be mutated or stored anywhere. */
    void escape(Value v);

    /** A shallow copy: a new container of {@code kind} holding the same elements; recorded as a copy fact. */
    Value shallowCopy(Value source, ObjKind kind);

    /** {@link #shallowCopy(Value, ObjKind)} into an object of a modelled class ({@code deque(xs)}). */
    Value shallowCopy(Value source, ObjKind kind, String pyType);

    /** {@code copy.deepcopy}: fresh mutable objects all the way down; immutable atoms shared. */
    Value deepCopy(Value source);

    /** A constant the analysis can reason about by value, when the argument is a literal. */
    Object constantOf(Value v);

    /** Stores a value in an attribute of the objects (e.g. memoryview's exported buffer). */
    void setAttr(Value target, String attr, Value v);

    Value attr(Value target, String attr);
}
