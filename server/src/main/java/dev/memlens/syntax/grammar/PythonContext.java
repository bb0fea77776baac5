package dev.memlens.syntax.grammar;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;

/**
 * Base of every generated parse-tree context. Most contexts have one or two children; ANTLR's default child list
 * starts at ten slots and its first growth was a measurable share of the parse, so start small.
 */
public class PythonContext extends ParserRuleContext {
    public PythonContext() {
    }

    public PythonContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) {
            children = new ArrayList<>(3);
        }
        children.add(t);
        return t;
    }
}
