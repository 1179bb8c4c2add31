// an --include file: 3 lines
#define N 1
struct pair { int a; int b; };
