/* A program that uses an installed sopkit through its C ABI. */
#include <sopkit/sopkit.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  sopkit_sop* sop = NULL;
  size_t n = 0;
  if (argc < 2) return 2;
  if (sopkit_version_number() != SOPKIT_VERSION_NUMBER) {
    fprintf(stderr, "header %d, library %u\n", SOPKIT_VERSION_NUMBER, sopkit_version_number());
    return 1;
  }
  if (sopkit_sop_load_file(&sop, argv[1]) != SOPKIT_OK) {
    fprintf(stderr, "%s\n", sopkit_last_error());
    return 1;
  }
  sopkit_sop_step_count(sop, &n);
  printf("sopkit %s: %zu steps\n", sopkit_version(), n);
  sopkit_sop_free(sop);
  return n == 13 ? 0 : 1;
}
