/* abi_test_main.c: runs the C99 ABI layout and constant checks; exit 0 only when all hold. */
#include "abi_check.h"

int abi_failures = 0;

int main(void) {
#if defined(__x86_64__) && defined(__LP64__)
  abi_check_layout();
  abi_check_constants();
  if (abi_failures) {
    fprintf(stderr, "%d ABI check(s) failed\n", abi_failures);
    return 1;
  }
  printf("ABI layout and constants match v1.0\n");
  return 0;
#else
  printf("the pinned layout is for x86_64 LP64; skipped\n");
  return 77;
#endif
}
