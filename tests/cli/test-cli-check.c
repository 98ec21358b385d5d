/* test-cli-check.c — hilum-cli check-translations: text and JSON output, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real hilum-cli ($HILUM_CLI) on documents the test writes.
 */
#define G_LOG_DOMAIN "test-cli-check"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hilum-fixtures.h"

static const char *document_json =
  "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"s1\"}, \"images\": [],"
  " \"readers\": [], \"findings\": ["
  "{\"finding_id\": \"f-ok\", \"polarity\": \"positive\", \"text\": {\"en\": \"Left pleural effusion.\","
  " \"es\": \"Derrame pleural izquierdo.\"}, \"labels\": [\"pleural effusion\"]},"
  "{\"finding_id\": \"f-side\", \"polarity\": \"positive\", \"text\": {\"en\": \"2.5 cm left nodule.\","
  " \"es\": \"Nódulo derecho de 3 cm.\"}, \"labels\": [\"nodule\"]},"
  "{\"finding_id\": \"f-empty\", \"polarity\": \"negative\", \"text\": {\"en\": \"No pneumothorax.\","
  " \"es\": \"\"}, \"labels\": [\"pneumothorax\"]}]}";

/* The exit status; @out and @err get what the command printed. */
static int
run_cli (char      **out,
         char      **err,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HILUM_CLI");
  int status = -1;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Messages in English whatever the machine's language. */
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
write_document (const char *dir,
                const char *name,
                const char *json)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static void
test_text (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = write_document (dir, "study.json", document_json);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "check-translations", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "finding 2 (f-side): side-mismatch: The English sentence says left, the Spanish one says derecho.\n"
                   "finding 2 (f-side): number-mismatch: Numbers differ: 2.5 cm in English, 3 cm in Spanish.\n"
                   "finding 3 (f-empty): missing-translation: The Spanish sentence is empty.\n");
  hilum_fixture_dir_remove (dir);
}

static void
test_json (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = write_document (dir, "study.json", document_json);
  g_autofree char *fine_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const char * const expected[][3] = {
    { "f-side", "side-mismatch", "The English sentence says left, the Spanish one says derecho." },
    { "f-side", "number-mismatch", "Numbers differ: 2.5 cm in English, 3 cm in Spanish." },
    { "f-empty", "missing-translation", "The Spanish sentence is empty." },
  };
  JsonArray *list;

  g_assert_cmpint (run_cli (&out, &err, "check-translations", "--json", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *flag = json_array_get_object_element (list, i);

      g_assert_cmpuint (json_object_get_size (flag), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (flag, "finding_id"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (flag, "flag"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (flag, "message"), ==, expected[i][2]);
    }

  /* A document whose pairs are all fine: an empty list, still exit 0. */
  fine_path = write_document (dir, "fine.json",
                              "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"s2\"},"
                              " \"images\": [], \"readers\": [], \"findings\": []}");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "check-translations", "--json", fine_path, NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "[]");
  hilum_fixture_dir_remove (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *broken = write_document (dir, "broken.json", "{\"schema\": \"hilum-study/1\", ");
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "check-translations", broken, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "hilum-cli: "));
  g_assert_nonnull (strstr (err, "broken.json"));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);   /* one line */

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "check-translations", missing, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "missing.json"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "check-translations", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "hilum-cli: Give one DOCUMENT to check\n");
  hilum_fixture_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/cli-check/text", test_text);
  g_test_add_func ("/hilum/cli-check/json", test_json);
  g_test_add_func ("/hilum/cli-check/errors", test_errors);

  return g_test_run ();
}
