/* C ABI: the record store — revisions and their diff, indicator values with
 * the audit trail, runs, reports, and the guard's contract (outputs untouched
 * on failure, NULL-safe release). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static char dir[64];
static char db[128];

static sopkit_sop* load_seed(void) {
  sopkit_sop* sop = NULL;
  CHECK_OK(sopkit_sop_load_file(&sop, getenv("SOPKIT_SEED")));
  return sop;
}

/* The seed with step 4's waktu "2 hari" changed to "3 hari". */
static sopkit_sop* load_revised_seed(sopkit_sop* seed) {
  const char* json = NULL;
  sopkit_sop* out = NULL;
  char* copy;
  char* at;
  CHECK_OK(sopkit_sop_to_json(seed, &json));
  copy = malloc(strlen(json) + 1);
  strcpy(copy, json);
  at = strstr(copy, "\"2 hari\"");
  CHECK(at != NULL);
  if (at) at[1] = '3';
  CHECK_OK(sopkit_sop_load_json(&out, copy, strlen(copy)));
  free(copy);
  return out;
}

static void test_revisions_and_diff(sopkit_store* store) {
  sopkit_sop* seed = load_seed();
  sopkit_sop* v2 = load_revised_seed(seed);
  sopkit_sop* back = NULL;
  const char* number = "002/SOP/Disdikbud-BLG/2023";
  char* json = NULL;
  int rev = 0;
  size_t n = 0;
  CHECK_OK(sopkit_store_put_revision(store, seed, "Budi", "2023-01-01", "terbit", &rev));
  CHECK(rev == 1);
  CHECK_OK(sopkit_store_put_revision(store, v2, "Siti", "2024-03-01", NULL, &rev));
  CHECK(rev == 2);
  /* identical to the latest: refused, rev untouched */
  rev = -5;
  CHECK_STATUS(sopkit_store_put_revision(store, v2, "Siti", NULL, NULL, &rev), SOPKIT_EINVAL);
  CHECK(rev == -5);
  CHECK(contains(sopkit_last_error(), "identical to revision 2"));

  CHECK_OK(sopkit_store_revisions_json(store, number, &json));
  CHECK(contains(json, "\"author\": \"Siti\"") && contains(json, "\"revision\": 2"));
  sopkit_store_text_free(json);

  json = NULL;
  CHECK_OK(sopkit_store_diff_json(store, number, 1, 2, &json));
  CHECK(contains(json, "\"time_changed\"") && contains(json, "\"3 hari\""));
  sopkit_store_text_free(json);

  CHECK_OK(sopkit_store_get_revision(store, number, 1, &back));
  CHECK_OK(sopkit_sop_step_count(back, &n));
  CHECK(n == 13);
  sopkit_sop_free(back);
  back = NULL;
  CHECK_STATUS(sopkit_store_get_revision(store, number, 9, &back), SOPKIT_ENOTFOUND);
  CHECK(back == NULL);
  CHECK_STATUS(sopkit_store_get_revision(store, "no-such-sop", 0, &back), SOPKIT_ENOTFOUND);
  json = NULL;
  CHECK_STATUS(sopkit_store_diff_json(store, number, 1, 9, &json), SOPKIT_ENOTFOUND);
  CHECK(json == NULL);
  sopkit_sop_free(seed);
  sopkit_sop_free(v2);
}

static void test_values_and_audit(sopkit_store* store) {
  char path[512];
  sopkit_indicators* set = NULL;
  sopkit_indicators* out = NULL;
  char* json = NULL;
  size_t changed = 0, ind = 0, units = 0, rows = 0, rows_in = 0;
  int one = -1;
  snprintf(path, sizeof path, "%s/examples/indicators-disdikbud-2024.csv",
           getenv("SOPKIT_SOURCE_DIR"));
  CHECK_OK(sopkit_indicators_load_file(&set, path));
  CHECK_OK(sopkit_store_import_indicators(store, set, "Siti", "impor", &changed));
  CHECK(changed > 0);
  CHECK_OK(sopkit_store_import_indicators(store, set, "Siti", "impor", &changed));
  CHECK(changed == 0);

  CHECK_OK(sopkit_store_set_value(store, "IKU-01", "2024-Q1", "realisation", 104.3, "Andi",
                                  "salah ketik", &one));
  CHECK(one == 1);
  CHECK_OK(
      sopkit_store_set_value(store, "IKU-01", "2024-Q1", "realisation", 104.3, "Andi", NULL, &one));
  CHECK(one == 0);
  CHECK_OK(sopkit_store_set_value(store, "IKU-01", "2024-TW2", "realisation", NAN, "Rina",
                                  "ditarik", NULL));
  CHECK_STATUS(sopkit_store_set_value(store, "NOPE", "2024-Q1", "realisation", 1, "A", NULL, NULL),
               SOPKIT_ENOTFOUND);
  CHECK_STATUS(sopkit_store_set_value(store, "IKU-01", "2024-Q1", "realisasi", 1, "A", NULL, NULL),
               SOPKIT_EINVAL);
  CHECK_STATUS(
      sopkit_store_set_value(store, "IKU-01", "2024-Q1", "realisation", -1, "A", NULL, NULL),
      SOPKIT_EINVAL);

  CHECK_OK(sopkit_store_audit_json(store, "IKU-01", &json));
  CHECK(contains(json, "\"old\": 104.1") && contains(json, "\"new\": 104.3"));
  CHECK(contains(json, "\"reason\": \"salah ketik\"") && contains(json, "\"new\": null"));
  sopkit_store_text_free(json);

  CHECK_OK(sopkit_store_indicators(store, &out));
  CHECK_OK(sopkit_indicators_counts(set, &ind, &units, &rows_in));
  CHECK_OK(sopkit_indicators_counts(out, &ind, &units, &rows));
  CHECK(rows == rows_in && ind > 0);
  sopkit_indicators_free(out);
  sopkit_indicators_free(set);
}

static void test_runs_and_reports(sopkit_store* store) {
  int64_t id = -1;
  char* json = NULL;
  const char* number = "002/SOP/Disdikbud-BLG/2023";
  const char run[] = "{\"case\": \"TW1\", \"steps\": []}";
  CHECK_OK(sopkit_store_put_run(store, number, 0, "TW1", "2024-04-01T07:30", NULL, run,
                                sizeof run - 1, &id));
  CHECK(id > 0);
  id = -1;
  CHECK_STATUS(sopkit_store_put_run(store, number, 0, NULL, NULL, NULL, "{oops", 5, &id),
               SOPKIT_EPARSE);
  CHECK_STATUS(sopkit_store_put_run(store, number, 0, NULL, NULL, NULL, "[]", 2, &id),
               SOPKIT_EFORMAT);
  CHECK_STATUS(sopkit_store_put_run(store, "nope", 0, NULL, NULL, NULL, "{}", 2, &id),
               SOPKIT_ENOTFOUND);
  CHECK(id == -1);
  CHECK_OK(sopkit_store_runs_json(store, number, &json));
  CHECK(contains(json, "\"case_id\": \"TW1\"") && contains(json, "\"revision\": 2"));
  sopkit_store_text_free(json);
  CHECK_OK(sopkit_store_put_report(store, "sop-svg", "sop.svg", number, 1, "<svg/>", 6, &id));
  CHECK(id > 0);
  CHECK_STATUS(sopkit_store_put_report(store, "sop-svg", "x.svg", number, 7, "", 0, NULL),
               SOPKIT_ENOTFOUND);
}

static void test_open_errors(void) {
  sopkit_store* store = NULL;
  char path[160];
  FILE* f;
  CHECK_STATUS(sopkit_store_open(NULL, db, 0), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_store_open(&store, db, 64), SOPKIT_EINVAL);
  snprintf(path, sizeof path, "%s/missing.db", dir);
  CHECK_STATUS(sopkit_store_open(&store, path, SOPKIT_STORE_NO_CREATE), SOPKIT_EIO);
  snprintf(path, sizeof path, "%s/text.db", dir);
  f = fopen(path, "w");
  fputs("this is a text file, not a database, and long enough to have a header\n", f);
  fclose(f);
  CHECK_STATUS(sopkit_store_open(&store, path, 0), SOPKIT_EFORMAT);
  CHECK(contains(sopkit_last_error(), "not a sopkit store"));
  CHECK(store == NULL);
  remove(path);
  /* read-only: reads work, writes are refused */
  CHECK_OK(sopkit_store_open(&store, db, SOPKIT_STORE_READ_ONLY));
  CHECK_STATUS(
      sopkit_store_set_value(store, "IKU-01", "2024-Q1", "realisation", 1, "A", NULL, NULL),
      SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "read-only"));
  sopkit_store_close(store);
  sopkit_store_close(NULL);
  sopkit_store_text_free(NULL);
  CHECK(strcmp(sopkit_status_str(SOPKIT_EUNSUPPORTED), "not supported by this build") == 0);
}

/* A store in a folder the process cannot write (read-only media): opened
 * read-only, it reads. Root ignores file modes, so the check runs in a child
 * that drops to nobody (65534) when it is root. */
static void test_read_only_folder(void) {
  pid_t pid;
  int status = -1;
  char side[160];
  /* every connection is closed and checkpointed: the side files a read-only
   * open left are empty, and media carry the database file alone */
  snprintf(side, sizeof side, "%s-wal", db);
  remove(side);
  snprintf(side, sizeof side, "%s-shm", db);
  remove(side);
  chmod(db, 0444);
  chmod(dir, 0555);
  pid = fork();
  if (pid == 0) {
    sopkit_store* store = NULL;
    char* json = NULL;
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(126);
    CHECK_OK(sopkit_store_open(&store, db, SOPKIT_STORE_READ_ONLY));
    CHECK_OK(sopkit_store_revisions_json(store, NULL, &json));
    CHECK(json != NULL && contains(json, "\"revision\": 2"));
    sopkit_store_text_free(json);
    sopkit_store_close(store);
    _exit(check_summary());
  }
  CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  chmod(dir, 0700);
  chmod(db, 0644);
}

int main(void) {
  sopkit_store* store = NULL;
  strcpy(dir, "/tmp/sopkit-capi-store-XXXXXX");
  if (!mkdtemp(dir)) return 2;
  snprintf(db, sizeof db, "%s/records.db", dir);
  CHECK_OK(sopkit_store_open(&store, db, 0));
  test_revisions_and_diff(store);
  test_values_and_audit(store);
  test_runs_and_reports(store);
  sopkit_store_close(store);
  test_open_errors();
  test_read_only_folder();
  {
    char p[160];
    const char* suffix[] = {"", "-wal", "-shm"};
    int i;
    for (i = 0; i < 3; ++i) {
      snprintf(p, sizeof p, "%s%s", db, suffix[i]);
      remove(p);
    }
    rmdir(dir);
  }
  return check_summary();
}
