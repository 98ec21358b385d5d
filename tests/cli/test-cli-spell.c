/* test-cli-spell.c — `hilum-cli spell`: text and JSON output, offsets, stdin, errors
 *
 * Runs the real hilum-cli ($HILUM_CLI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* When set, the HILUM_HUNSPELL_DIR of the next run (setenv() is not thread-safe). */
static const char *hunspell_dir;

/* Runs hilum-cli with the NULL-terminated arguments, @input on its stdin. */
static void
run_cli (Run        *run,
         const char *input,
         ...)
{
  const char *cli = g_getenv ("HILUM_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GBytes) in = input != NULL ? g_bytes_new (input, strlen (input)) : NULL;
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new ((input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (hunspell_dir != NULL)
    g_subprocess_launcher_setenv (launcher, "HILUM_HUNSPELL_DIR", hunspell_dir, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
  /* g_strndup (NULL, 0) is NULL: empty output reads as "". */
  run->out = g_strdup_printf ("%.*s", (int) g_bytes_get_size (out),
                              (const char *) g_bytes_get_data (out, NULL));
  run->err = g_strdup_printf ("%.*s", (int) g_bytes_get_size (err),
                              (const char *) g_bytes_get_data (err, NULL));
}

static void
test_text (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) ok = { 0 };
  g_auto(Run) sug = { 0 };

  run_cli (&run, NULL, "spell", "--lang", "es", "Índice cardiotorácico normal, neumotorax.", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "30-40\tneumotorax\n");

  run_cli (&ok, NULL, "spell", "--lang", "en", "No pleural effusion or pneumothorax.", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.out, ==, "");

  run_cli (&sug, NULL, "spell", "--lang", "en", "--suggest", "Bibasilar atelectsis.", NULL);
  g_assert_cmpint (sug.status, ==, 0);
  g_assert_true (g_str_has_prefix (sug.out, "10-20\tatelectsis\t"));
  g_assert_nonnull (strstr (sug.out, "atelectasis"));
}

static JsonArray *
parse_list (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static void
test_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonArray) list = NULL;
  JsonObject *first;
  JsonObject *second;
  g_auto(Run) sug = { 0 };
  g_autoptr(JsonArray) slist = NULL;
  JsonArray *suggestions;
  gboolean found = FALSE;
  g_auto(Run) none = { 0 };
  g_autoptr(JsonArray) empty = NULL;

  run_cli (&run, NULL, "spell", "--lang", "es", "--json",
           "Opacidad en língula y neumotorax, atelectacias en C7-T1 (3x4 cm, 10%).", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_list (run.out);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  first = json_array_get_object_element (list, 0);
  second = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "word"), ==, "neumotorax");
  /* "Opacidad en língula y " is 22 characters (23 bytes). */
  g_assert_cmpint (json_object_get_int_member (first, "start"), ==, 22);
  g_assert_cmpint (json_object_get_int_member (first, "end"), ==, 32);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "suggestions")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (second, "word"), ==, "atelectacias");
  g_assert_cmpint (json_object_get_int_member (second, "start"), ==, 34);
  g_assert_cmpint (json_object_get_int_member (second, "end"), ==, 46);
  g_assert_cmpuint (json_object_get_size (first), ==, 4);

  run_cli (&sug, NULL, "spell", "--lang", "es", "--json", "--suggest", "Neumotorax.", NULL);
  g_assert_cmpint (sug.status, ==, 0);
  slist = parse_list (sug.out);
  g_assert_cmpuint (json_array_get_length (slist), ==, 1);
  suggestions = json_object_get_array_member (json_array_get_object_element (slist, 0), "suggestions");
  for (guint i = 0; i < json_array_get_length (suggestions); i++)
    found |= g_str_equal (json_array_get_string_element (suggestions, i), "Neumotórax");
  g_assert_true (found);

  run_cli (&none, NULL, "spell", "--lang", "en", "--json", "Normal heart size.", NULL);
  g_assert_cmpint (none.status, ==, 0);
  empty = parse_list (none.out);
  g_assert_cmpuint (json_array_get_length (empty), ==, 0);
}

static void
test_stdin (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "Small left effusoin.\nNo pnuemothorax.\n", "spell", "--lang", "en", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "11-19\teffusoin\n24-36\tpnuemothorax\n");
}

static void
test_errors (void)
{
  g_auto(Run) lang = { 0 };
  g_auto(Run) nolang = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *empty_dir = g_dir_make_tmp ("hilum-test-cli-spell-XXXXXX", NULL);

  run_cli (&lang, NULL, "spell", "--lang", "fr", "Bonjour", NULL);
  g_assert_cmpint (lang.status, ==, 1);
  g_assert_cmpstr (lang.out, ==, "");
  g_assert_true (g_str_has_prefix (lang.err, "hilum-cli: "));
  g_assert_nonnull (strstr (lang.err, "“fr”"));
  g_assert_cmpint ((int) (strchr (lang.err, '\n') - lang.err), ==, (int) strlen (lang.err) - 1);

  run_cli (&nolang, NULL, "spell", "Hello", NULL);
  g_assert_cmpint (nolang.status, ==, 1);
  g_assert_nonnull (strstr (nolang.err, "--lang"));

  hunspell_dir = empty_dir;
  run_cli (&missing, NULL, "spell", "--lang", "en", "Hello", NULL);
  hunspell_dir = NULL;
  g_rmdir (empty_dir);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "hunspell-en-us"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hilum/cli-spell/text", test_text);
  g_test_add_func ("/hilum/cli-spell/json", test_json);
  g_test_add_func ("/hilum/cli-spell/stdin", test_stdin);
  g_test_add_func ("/hilum/cli-spell/errors", test_errors);
  return g_test_run ();
}
