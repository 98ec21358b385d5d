/* hilum-cli-convert.c — hilum-cli convert / import / export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli convert --from FMT --to FMT IN OUT [--images DIR] [--reader ID]
 *   hilum-cli import [--store DB] --from FMT IN [--images DIR] [--reader ID]
 *   hilum-cli export [--store DB] --to FMT OUT [--study ID…] [--images DIR]
 *
 * FMT: hilum padchest-gr radfact maira2 ms-cxr coco. A record that cannot be imported is
 * printed on stderr, "hilum-cli: RECORD: WHY", one per line; the others are imported and
 * the exit status is 2. Warnings of an export ("hilum-cli: warning: …") keep status 0.
 *
 * import: what happens to each record is hilum-import's plan, as in the app's Import…:
 * new studies go into the store in one transaction. A hilum-study/1 document of a study
 * that is already in the store is applied as the operations that turn the stored document
 * into it, through a HilumSession of --reader (default "hilum-cli"): audited and undoable
 * like an edit in the app. A study of another format that is already in the store is
 * replaced by the imported one.
 */
#define G_LOG_DOMAIN "hilum-cli-convert"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-convert.h"
#include "hilum-document.h"
#include "hilum-format.h"
#include "hilum-import.h"
#include "hilum-store.h"

#define CLI_AUTHOR "hilum-cli"

/* ---- convert ---- */

int
hilum_cli_convert (int    argc,
                   char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *images = NULL;
  g_autofree char *reader = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Format of the input"), N_("FORMAT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Format of the output"), N_("FORMAT") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Folder of the images, for their sizes"), N_("DIR") },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Reader of single-reader boxes"), N_("ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) warnings = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };
  HilumFormat in_format, out_format;

  context = hilum_cli_option_context_new ("convert", NULL,
                                          _("Convert annotations between formats: hilum padchest-gr radfact "
                                            "maira2 ms-cxr coco."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (!hilum_cli_parse_format (from, "--from", &in_format) || !hilum_cli_parse_format (to, "--to", &out_format))
    return 1;
  if (files == NULL || g_strv_length (files) != 2)
    return hilum_cli_fail ("%s", _("Give an input and an output; usage: hilum-cli convert --from FORMAT "
                         "--to FORMAT IN OUT"));

  options.images_dir = images;
  options.reader_id = reader;
  hilum_cli_progress_begin (&options, _("Reading"));
  documents = hilum_format_import (in_format, files[0], &options, problems, &error);
  hilum_cli_progress_end ();
  if (documents == NULL)
    return hilum_cli_fail ("%s", error->message);
  hilum_cli_print_problems (problems, FALSE);

  hilum_cli_progress_begin (&options, _("Writing"));
  if (!hilum_format_export (out_format, documents, files[1], &options, warnings, &error))
    {
      hilum_cli_progress_end ();
      return hilum_cli_fail ("%s", error->message);
    }
  hilum_cli_progress_end ();
  hilum_cli_print_problems (warnings, TRUE);
  return problems->len > 0 ? 2 : 0;
}

/* ---- import ---- */

int
hilum_cli_import (int    argc,
                  char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *images = NULL;
  g_autofree char *reader = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store (default: the user’s)"), N_("DB") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Format of the input"), N_("FORMAT") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Folder of the images, for their sizes"), N_("DIR") },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Who the edits are by (default: hilum-cli)"), N_("ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(HilumImportPlan) plan = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };
  HilumFormat format;
  guint n_imported;

  context = hilum_cli_option_context_new ("import", NULL,
                                          _("Import annotations into the store: hilum padchest-gr radfact "
                                            "maira2 ms-cxr coco."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (!hilum_cli_parse_format (from, "--from", &format))
    return 1;
  if (files == NULL || g_strv_length (files) != 1)
    return hilum_cli_fail ("%s", _("Give one input; usage: hilum-cli import [--store DB] --from FORMAT IN"));

  store = hilum_cli_open_store (store_path);
  if (store == NULL)
    return 1;

  options.images_dir = images;
  options.reader_id = reader;
  hilum_cli_progress_begin (&options, _("Reading"));
  documents = hilum_format_import (format, files[0], &options, problems, &error);
  hilum_cli_progress_end ();
  if (documents == NULL)
    return hilum_cli_fail ("%s", error->message);

  plan = hilum_import_plan_new (store, format, documents, problems);
  hilum_import_plan_apply_edits (plan, store, reader != NULL ? reader : CLI_AUTHOR, problems);

  if (plan->fresh->len > 0)
    {
      gboolean ok;

      ok = hilum_store_put_documents (store, plan->fresh, hilum_cli_progress_callback (),
                                      (gpointer) _("Storing"), &error);
      hilum_cli_progress_end ();
      if (!ok)
        {
          hilum_cli_print_problems (problems, FALSE);
          return hilum_cli_fail ("%s", error->message);
        }
    }

  hilum_cli_print_problems (problems, FALSE);
  n_imported = plan->fresh->len + plan->n_edited + plan->n_unchanged;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u study", "Imported %u studies", n_imported),
           n_imported);
  g_print (" (");
  /* Translators: part of "Imported 3 studies (1 new, 1 edited, 1 unchanged, 0 replaced)" */
  g_print (_("%u new, %u edited, %u unchanged, %u replaced"),
           plan->n_new, plan->n_edited, plan->n_unchanged, plan->n_replaced);
  g_print (")\n");
  if (problems->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u record failed\n", "%u records failed\n",
                          problems->len), problems->len);
  return problems->len > 0 ? 2 : 0;
}

/* ---- export ---- */

static gint64
import_position (HilumDocument *document,
                 const char   **file)
{
  JsonObject *root = hilum_document_get_root (document);
  JsonNode *node = json_object_get_member (root, "provenance");
  JsonObject *imported;
  JsonNode *index;

  *file = "";
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return G_MAXINT64;
  node = json_object_get_member (json_node_get_object (node), "imported_from");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return G_MAXINT64;
  imported = json_node_get_object (node);
  node = json_object_get_member (imported, "file");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    *file = json_node_get_string (node);
  index = json_object_get_member (imported, "index");
  if (index == NULL || !JSON_NODE_HOLDS_VALUE (index) || json_node_get_value_type (index) != G_TYPE_INT64)
    return G_MAXINT64;
  return json_node_get_int (index);
}

/* The studies of one imported file in the file's order (a PadChest-GR round trip through
 * the store keeps the record order); the rest after them, in worklist order. */
static int
compare_import_order (gconstpointer a,
                      gconstpointer b)
{
  const char *fa, *fb;
  gint64 ia = import_position (*(HilumDocument **) a, &fa);
  gint64 ib = import_position (*(HilumDocument **) b, &fb);
  int c = (ia == G_MAXINT64) - (ib == G_MAXINT64);

  if (c != 0)
    return c;
  c = strcmp (fa, fb);
  if (c != 0)
    return c;
  return ia < ib ? -1 : ia > ib;
}

int
hilum_cli_export (int    argc,
                  char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *to = NULL;
  g_autofree char *images = NULL;
  g_auto(GStrv) studies = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store (default: the user’s)"), N_("DB") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Format of the output"), N_("FORMAT") },
    { "study", 0, 0, G_OPTION_ARG_STRING_ARRAY, &studies, N_("Export only this study (repeatable)"), N_("ID") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Folder of the images, for their sizes"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };
  HilumFormat format;

  context = hilum_cli_option_context_new ("export", NULL,
                                          _("Export studies from the store: hilum padchest-gr radfact maira2 "
                                            "ms-cxr coco."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (!hilum_cli_parse_format (to, "--to", &format))
    return 1;
  if (files == NULL || g_strv_length (files) != 1)
    return hilum_cli_fail ("%s", _("Give one output; usage: hilum-cli export [--store DB] --to FORMAT OUT "
                         "[--study ID…]"));

  store = hilum_cli_open_store (store_path);
  if (store == NULL)
    return 1;

  if (studies != NULL)
    {
      ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; studies[i] != NULL; i++)
        g_ptr_array_add (ids, g_strdup (studies[i]));
    }
  else
    {
      ids = hilum_store_list_study_ids (store, &error);
      if (ids == NULL)
        return hilum_cli_fail ("%s", error->message);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      HilumDocument *document = hilum_store_get_document (store, ids->pdata[i], &error);

      if (document == NULL)
        return hilum_cli_fail ("%s", error->message);
      g_ptr_array_add (documents, document);
    }
  if (studies == NULL)
    g_ptr_array_sort (documents, compare_import_order);

  options.images_dir = images;
  hilum_cli_progress_begin (&options, _("Writing"));
  if (!hilum_format_export (format, documents, files[0], &options, warnings, &error))
    {
      hilum_cli_progress_end ();
      return hilum_cli_fail ("%s", error->message);
    }
  hilum_cli_progress_end ();
  hilum_cli_print_problems (warnings, TRUE);
  return 0;
}
