/* test-cli-export.c — the one export: hilum-cli export and hilum_export_store (the app's
 * Export…) write the same bytes, with the records in the order hilum-export.h defines
 *
 * The store is filled by the real hilum-cli ($HILUM_CLI) from generated files: two
 * PadChest-GR files whose records are not in study id order, and a RadFact file (whose
 * studies carry no position of a PadChest-GR file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hilum-export.h"
#include "hilum-fixtures.h"
#include "hilum-store.h"

typedef struct
{
  char *dir;
  char *store;
} Fixture;

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Runs hilum-cli with @args (NULL-terminated); returns the exit status. */
static int
run (Fixture     *fixture,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = path_in (fixture, "xdg");
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

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", xdg, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
padchest_record (const char *study_id,
                 const char *sentence_en,
                 const char *sentence_es)
{
  return g_strdup_printf ("{\"StudyID\": \"%s\", \"ImageID\": \"%s.png\", \"PreviousStudyID\": null, "
                          "\"PreviousImageID\": null, \"findings\": [{\"sentence_en\": \"%s\", "
                          "\"sentence_es\": \"%s\", \"abnormal\": true, "
                          "\"boxes\": [[0.1, 0.2, 0.45, 0.6]], \"extra_boxes\": [], "
                          "\"labels\": [\"cardiomegaly\"], \"locations\": [], "
                          "\"progression\": null}]}",
                          study_id, study_id, sentence_en, sentence_es);
}

static char *
radfact_record (const char *study_id,
                const char *text)
{
  return g_strdup_printf ("{\"example_id\": \"%s\", \"prediction\": [], \"target\": ["
                          "{\"text\": \"%s\", \"boxes\": "
                          "[{\"x_min\": 0.5, \"y_min\": 0.6, \"x_max\": 0.9, \"y_max\": 0.95}]}]}",
                          study_id, text);
}

static void
import (Fixture    *fixture,
        const char *format,
        const char *name,
        const char *text)
{
  g_autofree char *path = path_in (fixture, name);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from", format,
                        path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *y2 = padchest_record ("y2", "Cardiomegaly.", "Cardiomegalia.");
  g_autofree char *y1 = padchest_record ("y1", "Mild cardiomegaly.", "Cardiomegalia leve.");
  g_autofree char *z1 = padchest_record ("z1", "Enlarged heart.", "Corazón aumentado de tamaño.");
  g_autofree char *earlier = g_strdup_printf ("[%s, %s]\n", y2, y1);
  g_autofree char *later = g_strdup_printf ("[%s]\n", z1);
  /* Titles (the worklist's order) the other way round from the study ids. */
  g_autofree char *r2 = radfact_record ("r2", "Atelectasis.");
  g_autofree char *r1 = radfact_record ("r1", "Small right pleural effusion.");
  g_autofree char *radfact = g_strdup_printf ("[%s, %s]\n", r2, r1);

  fixture->dir = hilum_fixture_dir_new ();
  fixture->store = path_in (fixture, "store.db");

  /* The later file is imported first: the order is by file name, not by import. */
  import (fixture, "padchest-gr", "later.json", later);
  import (fixture, "radfact", "targets.json", radfact);
  import (fixture, "padchest-gr", "earlier.json", earlier);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  hilum_fixture_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The files of @path (a file, or a folder of them) and their contents, by name:
 * "name\n<contents>\n" each. */
static char *
read_tree (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      g_assert_cmpuint (names->len, >, 0);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *file = g_build_filename (path, names->pdata[i], NULL);
          g_autofree char *contents = read_text (file);

          g_string_append_printf (text, "%s\n%s\n", (char *) names->pdata[i], contents);
        }
    }
  else
    {
      g_autofree char *contents = read_text (path);

      g_string_append_printf (text, "\n%s\n", contents);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
core_export (Fixture      *fixture,
             HilumFormat   format,
             const char   *study_ids[],
             const char   *path,
             guint        *n_exported,
             GError      **error)
{
  g_autoptr(HilumStore) store = hilum_store_open (fixture->store, error);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);

  g_assert_nonnull (store);
  if (study_ids != NULL)
    {
      ids = g_ptr_array_new ();
      for (guint i = 0; study_ids[i] != NULL; i++)
        g_ptr_array_add (ids, (gpointer) study_ids[i]);
    }
  return hilum_export_store (store, format, ids, path, NULL, warnings, n_exported, error);
}

/* The same store out through the CLI and through the core function: the same files,
 * byte for byte, in every format that needs no image sizes. */
static void
test_same_bytes (Fixture       *fixture,
                 gconstpointer  data)
{
  static const HilumFormat formats[] = { HILUM_FORMAT_PADCHEST_GR, HILUM_FORMAT_RADFACT, HILUM_FORMAT_HILUM };
  static const char * const studies[] = { "y1", "y2", "z1", "r1", "r2" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *name = hilum_format_get_name (formats[i]);
      g_autofree char *cli_name = g_strconcat ("cli-", name, NULL);
      g_autofree char *core_name = g_strconcat ("core-", name, NULL);
      g_autofree char *cli_path = path_in (fixture, cli_name);
      g_autofree char *core_path = path_in (fixture, core_name);
      g_autofree char *out = NULL, *err = NULL, *cli_text = NULL, *core_text = NULL;
      g_autoptr(GError) error = NULL;
      guint n_exported = 0;

      g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to", name,
                            cli_path, NULL), ==, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (core_export (fixture, formats[i], NULL, core_path, &n_exported, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_exported, ==, G_N_ELEMENTS (studies));

      cli_text = read_tree (cli_path);
      core_text = read_tree (core_path);
      g_assert_cmpstr (cli_text, ==, core_text);
      /* Every study is in it. */
      for (guint j = 0; j < G_N_ELEMENTS (studies); j++)
        g_assert_nonnull (strstr (cli_text, studies[j]));
    }
}

/* The study ids of a PadChest-GR file, in the file's order, joined by spaces. */
static char *
padchest_study_ids (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonArray *records;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  records = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                              json_object_get_string_member (record, "StudyID"));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* PadChest-GR studies by file name, then their place in the file; then the rest by
 * study id — with or without a choice of studies, in whatever order they are named. */
static void
test_record_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *all = path_in (fixture, "all.json");
  g_autofree char *some = path_in (fixture, "some.json");
  g_autofree char *core_some = path_in (fixture, "core-some.json");
  g_autofree char *earlier = path_in (fixture, "earlier.json");
  g_autofree char *back = path_in (fixture, "back.json");
  g_autofree char *out = NULL, *err = NULL, *ids = NULL, *text = NULL, *expected = NULL;
  const char *chosen[] = { "r2", "z1", "y1", "r2", NULL };
  g_autoptr(GError) error = NULL;
  guint n_exported = 0;

  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", all, NULL), ==, 0);
  ids = padchest_study_ids (all);
  g_assert_cmpstr (ids, ==, "y2 y1 z1 r1 r2");

  /* Named in another order, one twice: the same order, each once. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", "--study", "r2", "--study", "z1", "--study", "y1",
                        "--study", "r2", some, NULL), ==, 0);
  g_clear_pointer (&ids, g_free);
  ids = padchest_study_ids (some);
  g_assert_cmpstr (ids, ==, "y1 z1 r2");

  g_assert_true (core_export (fixture, HILUM_FORMAT_PADCHEST_GR, chosen, core_some, &n_exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, 3);
  g_clear_pointer (&ids, g_free);
  ids = padchest_study_ids (core_some);
  g_assert_cmpstr (ids, ==, "y1 z1 r2");

  /* The studies of one file come back as that file, byte for byte. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", "--study", "y1", "--study", "y2", back, NULL), ==, 0);
  text = read_text (back);
  expected = read_text (earlier);
  g_assert_cmpstr (text, ==, expected);
}

/* A study that is not in the store: an error naming it, and no file — from both. */
static void
test_unknown_study (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "none.json");
  g_autofree char *out = NULL, *err = NULL;
  const char *chosen[] = { "y1", "nope", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", "--study", "y1", "--study", "nope", path, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "hilum-cli: "));
  g_assert_nonnull (strstr (err, "“nope”"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (core_export (fixture, HILUM_FORMAT_PADCHEST_GR, chosen, path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“nope”"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hilum/cli-export/same-bytes", test_same_bytes);
  ADD ("/hilum/cli-export/record-order", test_record_order);
  ADD ("/hilum/cli-export/unknown-study", test_unknown_study);
#undef ADD

  return g_test_run ();
}
