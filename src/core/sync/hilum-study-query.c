/* hilum-study-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-study-query"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hilum-json.h"
#include "hilum-remote-image.h"
#include "hilum-study-query.h"
#include "hilum-sync-engine.h"
#include "hilum-sync-error.h"

static char *
trimmed (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

HilumStudyQuery *
hilum_study_query_new (const char *date_from,
                       const char *date_to,
                       const char *modality,
                       const char *text)
{
  HilumStudyQuery *self = g_new0 (HilumStudyQuery, 1);

  self->date_from = trimmed (date_from);
  self->date_to = trimmed (date_to);
  self->modality = trimmed (modality);
  self->text = trimmed (text);
  return self;
}

HilumStudyQuery *
hilum_study_query_copy (const HilumStudyQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return hilum_study_query_new (self->date_from, self->date_to, self->modality, self->text);
}

void
hilum_study_query_free (HilumStudyQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->date_from);
  g_free (self->date_to);
  g_free (self->modality);
  g_free (self->text);
  g_free (self);
}

/* "2024-03-05" (or "20240305") as DICOM's "20240305"; NULL when it is not a date. */
static char *
dicom_date (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *digits = g_strdup (text);
  int year, month, day;
  char *out = digits;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *out++ = *p;
    else if (*p != '-')
      return NULL;
  *out = '\0';
  if (strlen (digits) != 8 || sscanf (digits, "%4d%2d%2d", &year, &month, &day) != 3)
    return NULL;
  parsed = g_date_time_new_utc (year, month, day, 0, 0, 0);
  return parsed != NULL ? g_steal_pointer (&digits) : NULL;
}

static gboolean
date_or_error (const char  *text,
               char       **dicom,
               GError     **error)
{
  if (text == NULL)
    return TRUE;
  if ((*dicom = dicom_date (text)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: write it as year-month-day, e.g. 2024-03-05."), text);
      return FALSE;
    }
  return TRUE;
}

char **
hilum_study_query_to_qido (const HilumStudyQuery *self,
                           guint                  limit,
                           GError               **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GString) common = g_string_new (NULL);
  g_autoptr(GStrvBuilder) queries = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  if (!date_or_error (self->date_from, &from, error) || !date_or_error (self->date_to, &to, error))
    return NULL;

  g_string_append_printf (common, "limit=%u&includefield=00081030&includefield=00100010&includefield=00100020", limit);
  if (from != NULL || to != NULL)
    g_string_append_printf (common, "&StudyDate=%s-%s", from != NULL ? from : "", to != NULL ? to : "");
  if (self->modality != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->modality, NULL, FALSE);

      g_string_append_printf (common, "&ModalitiesInStudy=%s", escaped);
    }

  /* Dates and modality alone: the text is matched here too, without accents or case
   * (Orthanc 1.10 matches "*garcia*" to GARCIA but not to García). */
  g_strv_builder_add (queries, common->str);
  if (self->text != NULL && g_str_is_ascii (self->text))
    {
      /* And by the server, past the limit of the first: its wildcards as they are (Orthanc
       * does not decode %2A). */
      g_autofree char *part = g_strconcat ("*", self->text, "*", NULL);
      g_autofree char *escaped_part = g_uri_escape_string (part, "*?", FALSE);
      g_autofree char *escaped = g_uri_escape_string (self->text, "*?", FALSE);
      g_autofree char *by_name = g_strdup_printf ("%s&PatientName=%s", common->str, escaped_part);
      g_autofree char *by_id = g_strdup_printf ("%s&PatientID=%s", common->str, escaped);
      g_autofree char *by_description = g_strdup_printf ("%s&StudyDescription=%s", common->str, escaped_part);

      g_strv_builder_add (queries, by_name);
      g_strv_builder_add (queries, by_id);
      g_strv_builder_add (queries, by_description);
    }
  return g_strv_builder_end (queries);
}

/* @text without accents and case, for matching: "García^Lucía" → "garcia lucia". */
static char *
folded (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFD);
  g_autoptr(GString) plain = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (plain, c == '^' ? ' ' : c);
    }
  return g_utf8_casefold (plain->str, -1);
}

/* A person name in DICOM JSON: {"vr": "PN", "Value": [{"Alphabetic": "García^Lucía"}]}. */
static const char *
dicom_name (JsonObject *object)
{
  JsonObject *attribute = hilum_json_get_object (object, "00100010");
  JsonArray *values = attribute != NULL ? hilum_json_get_array (attribute, "Value") : NULL;
  JsonNode *first = values != NULL && json_array_get_length (values) > 0
                    ? json_array_get_element (values, 0) : NULL;

  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
    return NULL;
  return hilum_json_get_string (json_node_get_object (first), "Alphabetic", NULL);
}

typedef struct
{
  char *uid;
  char *date;
} Found;

static void
found_free (Found *found)
{
  g_free (found->uid);
  g_free (found->date);
  g_free (found);
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Found *x = *(const Found **) a;
  const Found *y = *(const Found **) b;
  int by_date = g_strcmp0 (y->date, x->date);

  return by_date != 0 ? by_date : g_strcmp0 (x->uid, y->uid);
}

char **
hilum_study_query_run (const HilumStudyQuery *self,
                       HilumStore            *store,
                       HilumOrthanc          *orthanc,
                       guint                  limit,
                       GCancellable          *cancellable,
                       GError               **error)
{
  g_auto(GStrv) queries = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autoptr(HilumSyncEngine) engine = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (HILUM_IS_STORE (store), NULL);
  g_return_val_if_fail (HILUM_IS_ORTHANC (orthanc), NULL);

  if ((queries = hilum_study_query_to_qido (self, limit, error)) == NULL)
    return NULL;
  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autoptr(JsonArray) studies = hilum_orthanc_qido (orthanc, "studies", queries[q], cancellable, error);

      if (studies == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (studies); i++)
        {
          JsonNode *node = json_array_get_element (studies, i);
          JsonObject *study = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *uid = study != NULL ? hilum_dicom_json_string (study, "0020000D") : NULL;
          Found *entry;

          if (uid == NULL || g_hash_table_contains (seen, uid))
            continue;
          if (self->text != NULL && q == 0)
            {
              g_autofree char *wanted = folded (self->text);
              g_autofree char *name = folded (dicom_name (study));
              g_autofree char *patient = folded (hilum_dicom_json_string (study, "00100020"));
              g_autofree char *description = folded (hilum_dicom_json_string (study, "00081030"));

              if (strstr (name, wanted) == NULL && strstr (patient, wanted) == NULL
                  && strstr (description, wanted) == NULL)
                continue;
            }
          entry = g_new0 (Found, 1);
          entry->uid = g_strdup (uid);
          entry->date = g_strdup (hilum_dicom_json_string (study, "00080020"));
          g_ptr_array_add (found, entry);
          g_hash_table_add (seen, entry->uid);
        }
    }
  g_ptr_array_sort (found, newest_first);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (uids, ((Found *) found->pdata[i])->uid);
  g_ptr_array_add (uids, NULL);

  engine = hilum_sync_engine_new (store, orthanc);
  if (!hilum_sync_engine_take_studies (engine, (const char **) uids->pdata, NULL, cancellable, error))
    return NULL;
  return g_strdupv ((char **) uids->pdata);
}
