/*
 * Python 3.8-3.15 lexer, written from the Python Language Reference (lexical analysis) and PEPs 701 and 750.
 *
 * INDENT, DEDENT and NEWLINE are produced by PythonLexerBase, which also tracks bracket depth and every
 * f-string mode switch. Rules here carry no predicates and no actions: a predicate at the left edge of a lexer
 * rule defeats the DFA cache, so all state lives in the superclass.
 */
lexer grammar PythonLexer;

options { superClass = PythonLexerBase; }

tokens { INDENT, DEDENT, FSTRING_START, FSTRING_MIDDLE, FSTRING_END, FSTRING_UNTERMINATED }

// ---------------------------------------------------------------- keywords
FALSE    : 'False';
NONE     : 'None';
TRUE     : 'True';
AND      : 'and';
AS       : 'as';
ASSERT   : 'assert';
ASYNC    : 'async';
AWAIT    : 'await';
BREAK    : 'break';
CLASS    : 'class';
CONTINUE : 'continue';
DEF      : 'def';
DEL      : 'del';
ELIF     : 'elif';
ELSE     : 'else';
EXCEPT   : 'except';
FINALLY  : 'finally';
FOR      : 'for';
FROM     : 'from';
GLOBAL   : 'global';
IF       : 'if';
IMPORT   : 'import';
IN       : 'in';
IS       : 'is';
LAMBDA   : 'lambda';
NONLOCAL : 'nonlocal';
NOT      : 'not';
OR       : 'or';
PASS     : 'pass';
RAISE    : 'raise';
RETURN   : 'return';
TRY      : 'try';
WHILE    : 'while';
WITH     : 'with';
YIELD    : 'yield';
// soft keywords: the parser also accepts them as names
MATCH    : 'match';
CASE     : 'case';
TYPE     : 'type';
LAZY     : 'lazy';

// ---------------------------------------------------------------- operators and delimiters
LPAR             : '(';
RPAR             : ')';
LSQB             : '[';
RSQB             : ']';
LBRACE           : '{';
RBRACE           : '}';
COLON            : ':';
COMMA            : ',';
SEMI             : ';';
PLUS             : '+';
MINUS            : '-';
STAR             : '*';
SLASH            : '/';
VBAR             : '|';
AMPER            : '&';
LESS             : '<';
GREATER          : '>';
EQUAL            : '=';
DOT              : '.';
PERCENT          : '%';
EQEQUAL          : '==';
NOTEQUAL         : '!=';
LESSEQUAL        : '<=';
GREATEREQUAL     : '>=';
TILDE            : '~';
CIRCUMFLEX       : '^';
LEFTSHIFT        : '<<';
RIGHTSHIFT       : '>>';
DOUBLESTAR       : '**';
PLUSEQUAL        : '+=';
MINEQUAL         : '-=';
STAREQUAL        : '*=';
SLASHEQUAL       : '/=';
PERCENTEQUAL     : '%=';
AMPEREQUAL       : '&=';
VBAREQUAL        : '|=';
CIRCUMFLEXEQUAL  : '^=';
LEFTSHIFTEQUAL   : '<<=';
RIGHTSHIFTEQUAL  : '>>=';
DOUBLESTAREQUAL  : '**=';
DOUBLESLASH      : '//';
DOUBLESLASHEQUAL : '//=';
AT               : '@';
ATEQUAL          : '@=';
RARROW           : '->';
ELLIPSIS         : '...';
COLONEQUAL       : ':=';
EXCLAMATION      : '!';

// ---------------------------------------------------------------- literals
NUMBER
    : DEC_INTEGER | BIN_INTEGER | OCT_INTEGER | HEX_INTEGER
    | FLOAT_NUMBER
    | (FLOAT_NUMBER | DIGIT_PART) [jJ]
    ;

STRING
    : STRING_PREFIX? ( SQ_BODY '\'' | DQ_BODY '"' | TSQ_BODY '\'\'\'' | TDQ_BODY '"""' )
    ;

// The same bodies without their closing quotes: longest match prefers the terminated forms.
UNTERMINATED_STRING          : STRING_PREFIX? ( SQ_BODY | DQ_BODY );
UNTERMINATED_TRIPLE_STRING   : STRING_PREFIX? ( TSQ_BODY ( '\'' | '\'\'' )? | TDQ_BODY ( '"' | '""' )? );

// f-strings and t-strings (PEP 750; same lexical rules): the superclass reads the prefix and quotes of FSTRING_START and enters the matching mode.
FSTRING_START_SINGLE : F_PREFIX ( '\'' | '"' ) -> type(FSTRING_START);
FSTRING_START_TRIPLE : F_PREFIX ( '\'\'\'' | '"""' ) -> type(FSTRING_START);

NAME : ID_START ID_CONTINUE*;

NEWLINE : '\r\n' | '\r' | '\n';

BOM       : '\uFEFF' -> skip;
WS        : [ \t\f]+ -> skip;
COMMENT   : '#' ~[\r\n]* -> skip;
LINE_JOIN : '\\' ( '\r\n' | '\r' | '\n' ) -> skip;

// Anything else is one bad character; the parser fails on it and the superclass words the message.
ERRORTOKEN : .;

// ---------------------------------------------------------------- fragments
fragment STRING_PREFIX : [rRuUbB] | [bB][rR] | [rR][bB];
fragment F_PREFIX      : [fF] | [fF][rR] | [rR][fF] | [tT] | [tT][rR] | [rR][tT];

fragment SQ_BODY  : '\'' ( ~['\\\r\n] | ESCAPE )*;
fragment DQ_BODY  : '"' ( ~["\\\r\n] | ESCAPE )*;
// A triple-quoted body never contains its closing quotes: a quote inside is followed by a non-quote.
fragment TSQ_BODY : '\'\'\'' ( ~['\\] | ESCAPE | '\'' ( ~['\\] | ESCAPE ) | '\'\'' ( ~['\\] | ESCAPE ) )*;
fragment TDQ_BODY : '"""' ( ~["\\] | ESCAPE | '"' ( ~["\\] | ESCAPE ) | '""' ( ~["\\] | ESCAPE ) )*;
fragment ESCAPE   : '\\' ( '\r\n' | . );

fragment DEC_INTEGER : [1-9] ( '_'? [0-9] )* | '0'+ ( '_'? '0' )*;
fragment BIN_INTEGER : '0' [bB] ( '_'? [01] )+;
fragment OCT_INTEGER : '0' [oO] ( '_'? [0-7] )+;
fragment HEX_INTEGER : '0' [xX] ( '_'? [0-9a-fA-F] )+;
fragment FLOAT_NUMBER
    : DIGIT_PART? '.' DIGIT_PART EXPONENT?
    | DIGIT_PART '.' EXPONENT?
    | DIGIT_PART EXPONENT
    ;
fragment DIGIT_PART : [0-9] ( '_'? [0-9] )*;
fragment EXPONENT   : [eE] [+-]? DIGIT_PART;

fragment ID_START    : [_\p{XID_Start}];
fragment ID_CONTINUE : [\p{XID_Continue}];

// ---------------------------------------------------------------- f-string literal parts (PEP 701)
// One mode per quote kind; raw modes differ only in not treating \N{...} as one escape.
// Backslash before a brace leaves the brace to start or end a field, as CPython does.

mode FS_SQ;
FS_SQ_END    : '\'' -> type(FSTRING_END);
FS_SQ_LBRACE : '{' -> type(LBRACE);
FS_SQ_RBRACE : '}' -> type(RBRACE);
FS_SQ_NL     : ( '\r\n' | '\r' | '\n' ) -> type(FSTRING_UNTERMINATED);
FS_SQ_MIDDLE : ( ( ~['{}\\\r\n] | '{{' | '}}' | '\\' ( '\r\n' | ~[{}] ) | '\\N{' ~['}\r\n]* '}' )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);

mode FS_DQ;
FS_DQ_END    : '"' -> type(FSTRING_END);
FS_DQ_LBRACE : '{' -> type(LBRACE);
FS_DQ_RBRACE : '}' -> type(RBRACE);
FS_DQ_NL     : ( '\r\n' | '\r' | '\n' ) -> type(FSTRING_UNTERMINATED);
FS_DQ_MIDDLE : ( ( ~["{}\\\r\n] | '{{' | '}}' | '\\' ( '\r\n' | ~[{}] ) | '\\N{' ~["}\r\n]* '}' )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);

mode FS_TSQ;
FS_TSQ_END    : '\'\'\'' -> type(FSTRING_END);
FS_TSQ_LBRACE : '{' -> type(LBRACE);
FS_TSQ_RBRACE : '}' -> type(RBRACE);
FS_TSQ_MIDDLE : ( ( ~['{}\\] | '\'' ~['{}\\] | '\'\'' ~['{}\\] | '{{' | '}}' | '\\' ~[{}] | '\\N{' ~['}]* '}' )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);
FS_TSQ_QUOTE  : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);

mode FS_TDQ;
FS_TDQ_END    : '"""' -> type(FSTRING_END);
FS_TDQ_LBRACE : '{' -> type(LBRACE);
FS_TDQ_RBRACE : '}' -> type(RBRACE);
FS_TDQ_MIDDLE : ( ( ~["{}\\] | '"' ~["{}\\] | '""' ~["{}\\] | '{{' | '}}' | '\\' ~[{}] | '\\N{' ~["}]* '}' )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);
FS_TDQ_QUOTE  : ( '"' | '""' ) -> type(FSTRING_MIDDLE);

mode RFS_SQ;
RFS_SQ_END    : '\'' -> type(FSTRING_END);
RFS_SQ_LBRACE : '{' -> type(LBRACE);
RFS_SQ_RBRACE : '}' -> type(RBRACE);
RFS_SQ_NL     : ( '\r\n' | '\r' | '\n' ) -> type(FSTRING_UNTERMINATED);
RFS_SQ_MIDDLE : ( ( ~['{}\\\r\n] | '{{' | '}}' | '\\' ( '\r\n' | ~[{}] ) )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);

mode RFS_DQ;
RFS_DQ_END    : '"' -> type(FSTRING_END);
RFS_DQ_LBRACE : '{' -> type(LBRACE);
RFS_DQ_RBRACE : '}' -> type(RBRACE);
RFS_DQ_NL     : ( '\r\n' | '\r' | '\n' ) -> type(FSTRING_UNTERMINATED);
RFS_DQ_MIDDLE : ( ( ~["{}\\\r\n] | '{{' | '}}' | '\\' ( '\r\n' | ~[{}] ) )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);

mode RFS_TSQ;
RFS_TSQ_END    : '\'\'\'' -> type(FSTRING_END);
RFS_TSQ_LBRACE : '{' -> type(LBRACE);
RFS_TSQ_RBRACE : '}' -> type(RBRACE);
RFS_TSQ_MIDDLE : ( ( ~['{}\\] | '\'' ~['{}\\] | '\'\'' ~['{}\\] | '{{' | '}}' | '\\' ~[{}] )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);
RFS_TSQ_QUOTE  : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);

mode RFS_TDQ;
RFS_TDQ_END    : '"""' -> type(FSTRING_END);
RFS_TDQ_LBRACE : '{' -> type(LBRACE);
RFS_TDQ_RBRACE : '}' -> type(RBRACE);
RFS_TDQ_MIDDLE : ( ( ~["{}\\] | '"' ~["{}\\] | '""' ~["{}\\] | '{{' | '}}' | '\\' ~[{}] )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);
RFS_TDQ_QUOTE  : ( '"' | '""' ) -> type(FSTRING_MIDDLE);

// Format specs: literal text up to a nested field '{' or the field's closing '}'; no '{{' escapes here.
mode FSPEC_SQ;
FSPEC_SQ_END    : '\'' -> type(FSTRING_END);
FSPEC_SQ_LBRACE : '{' -> type(LBRACE);
FSPEC_SQ_RBRACE : '}' -> type(RBRACE);
FSPEC_SQ_NL     : ( '\r\n' | '\r' | '\n' ) -> type(FSTRING_UNTERMINATED);
FSPEC_SQ_MIDDLE : ( ( ~['{}\\\r\n] | '\\' ( '\r\n' | ~[{}] ) )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);

mode FSPEC_DQ;
FSPEC_DQ_END    : '"' -> type(FSTRING_END);
FSPEC_DQ_LBRACE : '{' -> type(LBRACE);
FSPEC_DQ_RBRACE : '}' -> type(RBRACE);
FSPEC_DQ_NL     : ( '\r\n' | '\r' | '\n' ) -> type(FSTRING_UNTERMINATED);
FSPEC_DQ_MIDDLE : ( ( ~["{}\\\r\n] | '\\' ( '\r\n' | ~[{}] ) )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);

mode FSPEC_TSQ;
FSPEC_TSQ_END    : '\'\'\'' -> type(FSTRING_END);
FSPEC_TSQ_LBRACE : '{' -> type(LBRACE);
FSPEC_TSQ_RBRACE : '}' -> type(RBRACE);
FSPEC_TSQ_MIDDLE : ( ( ~['{}\\] | '\'' ~['{}\\] | '\'\'' ~['{}\\] | '\\' ~[{}] )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);
FSPEC_TSQ_QUOTE  : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);

mode FSPEC_TDQ;
FSPEC_TDQ_END    : '"""' -> type(FSTRING_END);
FSPEC_TDQ_LBRACE : '{' -> type(LBRACE);
FSPEC_TDQ_RBRACE : '}' -> type(RBRACE);
FSPEC_TDQ_MIDDLE : ( ( ~["{}\\] | '"' ~["{}\\] | '""' ~["{}\\] | '\\' ~[{}] )+ '\\'? | '\\' ) -> type(FSTRING_MIDDLE);
FSPEC_TDQ_QUOTE  : ( '"' | '""' ) -> type(FSTRING_MIDDLE);
