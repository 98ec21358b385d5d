/* hilum-cli-export.c — hilum-cli export (studies of the store to a dataset file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli export [--store DB] --to FMT OUT [--study ID…] [--images DIR]
 *
 * FMT: hilum padchest-gr radfact maira2 ms-cxr coco. Warnings of the export
 * ("hilum-cli: warning: RECORD: WHY") keep status 0.
 */
#define G_LOG_DOMAIN "hilum-cli-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-export.h"
#include "hilum-document.h"
#include "hilum-format.h"
#include "hilum-store.h"

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
