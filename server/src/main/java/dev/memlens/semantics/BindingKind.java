package dev.memlens.semantics;

/** How a binding site binds (or unbinds) its name. */
public enum BindingKind {
    ASSIGNMENT,
    AUGMENTED_ASSIGNMENT,
    ANNOTATED_ASSIGNMENT,
    /** {@code x: int} without a value: makes x local but binds nothing. */
    ANNOTATION_ONLY,
    FOR_TARGET,
    WITH_TARGET,
    /** {@code except E as e} binds e when the handler starts... */
    EXCEPT_TARGET,
    /** ...and CPython deletes e again when the handler ends, however it ends. The site is the handler. */
    EXCEPT_UNBIND,
    IMPORT,
    FUNCTION_DEF,
    CLASS_DEF,
    TYPE_ALIAS,
    WALRUS,
    /** A capture pattern or {@code p as name} in a {@code case}. */
    MATCH_CAPTURE,
    /** {@code *rest} in a sequence pattern. */
    MATCH_STAR,
    /** {@code **rest} in a mapping pattern. */
    MATCH_REST,
    COMPREHENSION_TARGET,
    DELETE,
    PARAMETER,
    TYPE_PARAMETER;

    /** True when executing the site leaves the name bound. */
    public boolean binds() {
        return this != ANNOTATION_ONLY && this != DELETE && this != EXCEPT_UNBIND;
    }

    public boolean unbinds() {
        return this == DELETE || this == EXCEPT_UNBIND;
    }
}
