/*
 * Python 3.8-3.15 parser, written from the Python Language Reference grammar and PEPs 570, 572, 634, 654, 695,
 * 696, 701, 750 (template strings), 758 (except without parentheses), 798 (unpacking in comprehensions) and 810
 * (lazy imports). It accepts the newest syntax; SyntaxVersions reports what is newer than the target version. It is deliberately more permissive than CPython's PEG grammar where that keeps prediction
 * LL(1)/SLL: assignment targets, keyword-argument names, parameter order, pattern shapes and the like are parsed
 * as general forms and checked by AstBuilder, which reports CPython's errors.
 */
parser grammar PythonParser;

options { tokenVocab = PythonLexer; contextSuperClass = PythonContext; }

file_input : ( NEWLINE | statement )* EOF ;

statement : compound_stmt | simple_stmts ;

simple_stmts : simple_stmt ( SEMI simple_stmt )* SEMI? NEWLINE ;

simple_stmt
    : expr_stmt
    | return_stmt
    | import_name
    | import_from
    | raise_stmt
    | pass_stmt
    | del_stmt
    | assert_stmt
    | break_stmt
    | continue_stmt
    | global_stmt
    | nonlocal_stmt
    | type_alias
    ;

// Parse the left side as an expression list first, then decide by what follows (no unbounded lookahead).
expr_stmt
    : ( yield_expr | star_expressions )
      ( ( EQUAL ( yield_expr | star_expressions ) )+
      | augassign ( yield_expr | star_expressions )
      | COLON expression ( EQUAL ( yield_expr | star_expressions ) )?
      )?
    ;

augassign
    : PLUSEQUAL | MINEQUAL | STAREQUAL | ATEQUAL | SLASHEQUAL | PERCENTEQUAL | AMPEREQUAL | VBAREQUAL
    | CIRCUMFLEXEQUAL | LEFTSHIFTEQUAL | RIGHTSHIFTEQUAL | DOUBLESTAREQUAL | DOUBLESLASHEQUAL
    ;

pass_stmt     : PASS ;
break_stmt    : BREAK ;
continue_stmt : CONTINUE ;
return_stmt   : RETURN star_expressions? ;
raise_stmt    : RAISE ( expression ( FROM expression )? )? ;
global_stmt   : GLOBAL name ( COMMA name )* ;
nonlocal_stmt : NONLOCAL name ( COMMA name )* ;
del_stmt      : DEL star_expressions ;
assert_stmt   : ASSERT expression ( COMMA expression )? ;
type_alias    : TYPE name type_params? EQUAL expression ;

// 'lazy' is a soft keyword: 'lazy import' vs an expression statement starting with the name 'lazy' is LL(2)
import_name     : LAZY? IMPORT dotted_as_name ( COMMA dotted_as_name )* ;
dotted_as_name  : dotted_name ( AS name )? ;
dotted_name     : name ( DOT name )* ;
import_from
    : LAZY? FROM ( DOT | ELLIPSIS )* dotted_name? IMPORT
      ( STAR
      | LPAR import_as_name ( COMMA import_as_name )* COMMA? RPAR
      | import_as_name ( COMMA import_as_name )*
      )
    ;
import_as_name  : name ( AS name )? ;

// ---------------------------------------------------------------- compound statements

compound_stmt
    : function_def
    | if_stmt
    | class_def
    | with_stmt
    | for_stmt
    | try_stmt
    | while_stmt
    | match_stmt
    | decorated
    | async_stmt
    ;

decorated   : decorator+ ( class_def | function_def | ASYNC function_def ) ;
decorator   : AT named_expression NEWLINE ;
async_stmt  : ASYNC ( function_def | with_stmt | for_stmt ) ;

function_def : DEF name type_params? LPAR parameters? RPAR ( RARROW expression )? COLON block ;
class_def    : CLASS name type_params? ( LPAR arguments? RPAR )? COLON block ;

if_stmt     : IF named_expression COLON block elif_clause* else_block? ;
elif_clause : ELIF named_expression COLON block ;
else_block  : ELSE COLON block ;
while_stmt  : WHILE named_expression COLON block else_block? ;
for_stmt    : FOR star_targets IN star_expressions COLON block else_block? ;

// The parenthesised form comes first: 'with (a, b):' has two items, as in CPython.
with_stmt
    : WITH ( LPAR with_item ( COMMA with_item )* COMMA? RPAR | with_item ( COMMA with_item )* ) COLON block
    ;
with_item : expression ( AS star_target )? ;

// Left-factored: prediction never scans the body to find 'except' or 'finally'.
try_stmt      : TRY COLON block ( except_clause+ else_block? finally_block? | finally_block ) ;
// 3.14 (PEP 758): several types without parentheses when there is no 'as'; AstBuilder checks that.
except_clause : EXCEPT STAR? ( expression ( COMMA expression )* COMMA? ( AS name )? )? COLON block ;
finally_block : FINALLY COLON block ;

block : NEWLINE INDENT statement+ DEDENT | simple_stmts ;

match_stmt   : MATCH subject_expr COLON NEWLINE INDENT case_block+ DEDENT ;
subject_expr : star_named_expression ( COMMA star_named_expression )* COMMA? ;
case_block   : CASE patterns ( IF named_expression )? COLON block ;

// ---------------------------------------------------------------- patterns (PEP 634)

patterns           : maybe_star_pattern ( COMMA maybe_star_pattern )* COMMA? ;
maybe_star_pattern : STAR name | pattern ;
pattern            : or_pattern ( AS name )? ;
or_pattern         : closed_pattern ( VBAR closed_pattern )* ;
closed_pattern
    : literal_pattern
    | name_or_attr ( LPAR class_args? RPAR )?
    | LPAR patterns? RPAR
    | LSQB patterns? RSQB
    | LBRACE mapping_items? RBRACE
    ;
literal_pattern
    : signed_number ( ( PLUS | MINUS ) NUMBER )?
    | strings
    | NONE
    | TRUE
    | FALSE
    ;
signed_number : MINUS? NUMBER ;
name_or_attr  : name ( DOT name )* ;
class_args    : class_arg ( COMMA class_arg )* COMMA? ;
class_arg     : name EQUAL pattern | pattern ;
mapping_items : mapping_item ( COMMA mapping_item )* COMMA? ;
mapping_item  : DOUBLESTAR name | ( literal_pattern | name_or_attr ) COLON pattern ;

// ---------------------------------------------------------------- type parameters (PEP 695, 696)

type_params : LSQB type_param ( COMMA type_param )* COMMA? RSQB ;
type_param
    : name ( COLON expression )? ( EQUAL expression )?
    | STAR name ( EQUAL star_expression )?
    | DOUBLESTAR name ( EQUAL expression )?
    ;

// ---------------------------------------------------------------- parameters (order checked by AstBuilder)

parameters : param_item ( COMMA param_item )* COMMA? ;
param_item
    : SLASH
    | STAR ( name ( COLON star_expression )? )?
    | DOUBLESTAR name ( COLON expression )?
    | name ( COLON expression )? ( EQUAL expression )?
    ;

lambdef       : LAMBDA lambda_params? COLON expression ;
lambda_params : lambda_item ( COMMA lambda_item )* COMMA? ;
lambda_item
    : SLASH
    | STAR name?
    | DOUBLESTAR name
    | name ( EQUAL expression )?
    ;

// ---------------------------------------------------------------- expressions
// The precedence levels are folded into few rules (each rule level costs a context object per atom); AstBuilder
// rebuilds the operator tree: and/or, comparisons and every binary operator by precedence climbing.

star_expressions       : star_expression ( COMMA star_expression )* COMMA? ;
star_expression        : STAR comparison | expression ;
star_named_expressions : star_named_expression ( COMMA star_named_expression )* COMMA? ;
// A lone number first: an element of a long data literal is then two parse-tree nodes instead of nine (a
// million-element list's tree no longer fills the heap). SLL takes the first of the alternatives that fit, so `1 + 2`
// still goes through named_expression and `1,` through NUMBER; AstBuilder makes the same Constant either way.
star_named_expression  : NUMBER | STAR comparison | named_expression ;
named_expression       : expression ( COLONEQUAL expression )? ;

expression  : disjunction ( IF disjunction ELSE expression )? | lambdef ;
disjunction : inversion ( ( AND | OR ) inversion )* ;
inversion   : NOT* comparison ;
// Where CPython allows only bitwise_or ('*x', '**x'), AstBuilder rejects comparison operators.
comparison
    : factor
      ( ( VBAR | CIRCUMFLEX | AMPER | LEFTSHIFT | RIGHTSHIFT | PLUS | MINUS
        | STAR | SLASH | DOUBLESLASH | PERCENT | AT
        | EQEQUAL | NOTEQUAL | LESS | LESSEQUAL | GREATER | GREATEREQUAL | IN | NOT IN | IS NOT?
        ) factor
      )*
    ;
// unary operators, await, the primary with its trailers, and '**'
factor
    : ( PLUS | MINUS | TILDE )* AWAIT? atom
      ( DOT ( NAME | MATCH | CASE | TYPE | LAZY ) | LPAR arguments? RPAR | LSQB slices RSQB )*
      ( DOUBLESTAR factor )?
    ;
primary : atom trailer* ;
trailer : DOT name | LPAR arguments? RPAR | LSQB slices RSQB ;

atom
    : NAME | MATCH | CASE | TYPE | LAZY
    | NUMBER
    | strings
    | NONE
    | TRUE
    | FALSE
    | ELLIPSIS
    | LPAR ( yield_expr | testlist_comp )? RPAR
    | LSQB testlist_comp? RSQB
    | LBRACE dictorsetmaker? RBRACE
    ;

testlist_comp : star_named_expression ( comp_for | ( COMMA star_named_expression )* COMMA? ) ;

dictorsetmaker
    : DOUBLESTAR comparison dict_rest
    | STAR comparison set_rest
    | named_expression ( COLON expression dict_rest | set_rest )
    ;
dict_rest : comp_for | ( COMMA dict_item )* COMMA? ;
set_rest  : comp_for | ( COMMA star_named_expression )* COMMA? ;
// a lone number as a key: the shortcut of star_named_expression, for data literals keyed by numbers
dict_item : DOUBLESTAR comparison | NUMBER COLON expression | expression COLON expression ;

comp_for    : comp_clause+ ;
comp_clause : ASYNC? FOR star_targets IN disjunction ( IF disjunction )* ;

star_targets : star_target ( COMMA star_target )* COMMA? ;
star_target  : STAR? primary ;

arguments : argument ( COMMA argument )* COMMA? ;
// '*x for x in xs' is 3.15 (PEP 798); 'm := e for ...' is a generator like any other sole argument
argument
    : STAR expression comp_for?
    | DOUBLESTAR expression
    | expression ( EQUAL expression | COLONEQUAL expression comp_for? | comp_for )?
    ;

slices      : slice ( COMMA slice )* COMMA? ;
slice
    : STAR expression
    | named_expression slice_tail?
    | slice_tail
    ;
slice_tail  : COLON expression? ( COLON expression? )? ;

yield_expr : YIELD ( FROM expression | star_expressions )? ;

strings : ( STRING | fstring )+ ;
// f-strings and t-strings (PEP 750) share their tokens; AstBuilder tells them apart by the prefix
fstring : FSTRING_START fstring_item* FSTRING_END ;
fstring_item : FSTRING_MIDDLE | fstring_field ;
fstring_field
    : LBRACE ( yield_expr | star_expressions ) EQUAL? ( EXCLAMATION name )? ( COLON fstring_item* )? RBRACE
    ;

name : NAME | MATCH | CASE | TYPE | LAZY ;
