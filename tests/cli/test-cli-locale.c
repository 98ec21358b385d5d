/* test-cli-locale.c — hilum-cli speaks the user's language, as the app does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LANG=es_ES.UTF-8 gives Spanish messages even on a machine where that locale was never
 * generated (a fresh Debian has only C.UTF-8): hilum_locale_init() falls back to
 * C.UTF-8 and keeps the language. The catalogue is the build tree's ($HILUM_LOCALEDIR,
 * set by the test environment).
 */
#include <string.h>
#include <sys/wait.h>

#include "hilum-fixtures.h"

/* Runs $HILUM_CLI with @argv in an environment whose only language setting is
 * LANG=@lang; its exit status, stdout and stderr. */
static int
run_cli_in (const char  *lang,
            const char  *const *args,
            char       **out,
            char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HILUM_CLI");
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_assert_nonnull (g_getenv ("HILUM_LOCALEDIR"));
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* The test environment sets LC_ALL=C.UTF-8, which would win over LANG. */
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LANG", lang, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_spanish_error (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *missing = g_build_filename (dir, "missing.dcm", NULL);
  const char *args[] = { "info", missing, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_in ("es_ES.UTF-8", args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "hilum-cli: No se ha podido abrir «missing.dcm»: el archivo no existe.\n");
  hilum_fixture_dir_remove (dir);
}

static void
test_spanish_usage (void)
{
  const char *none[] = { NULL };
  const char *help[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *help_out = NULL;
  g_autofree char *help_err = NULL;

  g_assert_cmpint (run_cli_in ("es_ES.UTF-8", none, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "hilum-cli: No se ha indicado ningún comando (véase «hilum-cli --help»)\n");

  g_assert_cmpint (run_cli_in ("es_ES.UTF-8", help, &help_out, &help_err), ==, 0);
  g_assert_true (g_str_has_prefix (help_out, "Uso: hilum-cli"));
}

/* The same failure in English: the catalogue is not used for every language. */
static void
test_english_error (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *missing = g_build_filename (dir, "missing.dcm", NULL);
  const char *args[] = { "info", missing, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_in ("C.UTF-8", args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "missing.dcm"));
  g_assert_null (strstr (err, "No se ha podido"));
  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/cli/locale/spanish-error", test_spanish_error);
  g_test_add_func ("/hilum/cli/locale/spanish-usage", test_spanish_usage);
  g_test_add_func ("/hilum/cli/locale/english-error", test_english_error);

  return g_test_run ();
}
