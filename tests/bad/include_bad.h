// an --include file with a syntax error on line 3
#define N 1
foo bar
