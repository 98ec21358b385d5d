/* hilum-format-hilum.c — hilum-study/1: one document per file, or a folder of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-format-hilum"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hilum-format-private.h"

/* A file holds one document, or (leniently) a JSON list of them. */
static void
import_file (const char               *path,
             GPtrArray                *documents,
             GPtrArray                *problems,
             GError                  **error)
{
  g_autoptr(JsonNode) root = hilum_format_parse_json_file (path, error);
  g_autofree char *base = g_path_get_basename (path);

  if (root == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GError) local_error = NULL;
          HilumDocument *document;

          document = hilum_document_new_from_json (json_array_get_element (array, i),
                                                   &local_error);
          if (document != NULL)
            {
              g_ptr_array_add (documents, document);
            }
          else
            {
              g_autofree char *record = g_strdup_printf ("%s#%u", base, i + 1);

              hilum_format_add_problem (problems, record, "%s", local_error->message);
            }
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      HilumDocument *document = hilum_document_new_from_json (root, &local_error);

      if (document != NULL)
        g_ptr_array_add (documents, document);
      else
        hilum_format_add_problem (problems, base, "%s", local_error->message);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
hilum_format_hilum_import (const char               *path,
                           const HilumFormatOptions *options,
                           GPtrArray                *problems,
                           GError                  **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      import_file (path, documents, problems, error);
      if (error != NULL && *error != NULL)
        return NULL;
      return g_steal_pointer (&documents);
    }

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                   _("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }

  /* Name order, so an import of the same folder always gives the same order. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, names->pdata[i], NULL);
      g_autoptr(GError) file_error = NULL;

      if (hilum_format_cancelled (options, error))
        return NULL;
      /* In a folder, one bad file is a failed record, not a failed import. */
      import_file (file, documents, problems, &file_error);
      if (file_error != NULL)
        hilum_format_add_problem (problems, names->pdata[i], "%s", file_error->message);
      hilum_format_progress (options, i + 1, names->len);
    }
  return g_steal_pointer (&documents);
}

static gboolean
write_document (HilumDocument  *document,
                const char     *path,
                GError        **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) out = g_string_new (NULL);

  /* The live tree, written in its own member order: stable from export to export. */
  json_node_set_object (node, hilum_document_get_root (document));
  hilum_json_append_node (out, node, 2, FALSE);
  g_string_append_c (out, '\n');
  return hilum_format_write_file (path, out->str, out->len, error);
}

gboolean
hilum_format_hilum_export (GPtrArray                *documents,
                           const char               *path,
                           const HilumFormatOptions *options,
                           GPtrArray                *problems,
                           GError                  **error)
{
  g_autoptr(GHashTable) used = NULL;

  /* One study → one document file, unless @path is a folder already. */
  if (documents->len == 1 && !g_file_test (path, G_FILE_TEST_IS_DIR))
    return write_document (documents->pdata[0], path, error);

  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_WRITE,
                   _("Cannot create the folder %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < documents->len; i++)
    {
      HilumDocument *document = documents->pdata[i];
      g_autofree char *safe = hilum_format_safe_file_name (hilum_document_get_study_id (document));
      g_autofree char *name = g_strconcat (safe, ".json", NULL);
      g_autofree char *file = NULL;

      if (hilum_format_cancelled (options, error))
        return FALSE;
      /* Two ids that become the same file name ("a/b" and "a_b") must not overwrite. */
      for (guint n = 2; g_hash_table_contains (used, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s-%u.json", safe, n);
        }
      g_hash_table_add (used, g_strdup (name));
      file = g_build_filename (path, name, NULL);
      if (!write_document (document, file, error))
        return FALSE;
      hilum_format_progress (options, i + 1, documents->len);
    }
  return TRUE;
}
