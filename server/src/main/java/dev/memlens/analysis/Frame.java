package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.syntax.ast.Node;
import java.util.ArrayDeque;
import java.util.Deque;

// ------------------------------------------------------------------------------------------------ frames

/** One execution of a code body: where its names live and the current abstract state. */
final class Frame {
    final Scope scope;
    /** Module object, frame object or class object holding this body's names. */
    final int frameObj;
    final Node context;
    final int funcObj;
    final Frame lexicalParent;
    final Frame caller;
    State st;
    boolean recording;
    boolean standalone;
    Value returned = Value.NOTHING;
    State returnState;
    /** An except-as name to unbind right after the next statement (the handler's last). */
    String unbindAfter;
    final Deque<State[]> loops = new ArrayDeque<>();
    final Deque<State[]> handlers = new ArrayDeque<>();

    Frame(Scope scope, int frameObj, Node context, int funcObj, Frame lexicalParent, Frame caller) {
        this.scope = scope;
        this.frameObj = frameObj;
        this.context = context;
        this.funcObj = funcObj;
        this.lexicalParent = lexicalParent;
        this.caller = caller;
    }

    FieldKey localKey(String name) {
        return scope.kind() == ScopeKind.CLASS ? FieldKey.attr(name) : FieldKey.name(name);
    }

    /** The code object constants of this body belong to (comprehensions count as their own). */
    Node codeNode() {
        return scope.owner();
    }

    boolean catching() {
        return !handlers.isEmpty() || caller != null && caller.catching();
    }

    int loopDepth() {
        return loops.size() + (caller == null ? 0 : caller.loopDepth());
    }

    /** Frame objects of an enclosing function scope. */
    Pts framesOf(Scope d) {
        if (scope == d) {
            return Pts.of(frameObj);
        }
        if (lexicalParent != null) {
            return lexicalParent.framesOf(d);
        }
        if (funcObj < 0 || st == null) {
            return Pts.EMPTY;
        }
        ObjState fs = st.read(funcObj);
        Value v = fs == null ? null : fs.fields.get(FieldKey.attr("__closure__" + d.qualname()));
        return v == null ? Pts.EMPTY : v.pts().withoutUnbound();
    }
}
