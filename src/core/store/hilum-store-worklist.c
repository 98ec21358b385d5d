/* hilum-store-worklist.c — the worklist index of the store: rows, search, sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index is written in the same transaction as the document it describes, so it can
 * never disagree with it. Measured at 100,000 studies (tests/bench/bench-worklist.c):
 *
 * - sorting: every sort has a covering index (all the columns of a row), so listing
 *   everything reads one index in order: ~45 ms for 100,000 rows, most of it making the
 *   rows; with plain indexes, 100,000 table lookups in random order took ~110 ms;
 * - search: the folded text lives in its own table (study_text) so the rows the worklist
 *   reads stay small, and an FTS5 trigram index over it answers a substring of three or
 *   more characters (GLOB '*term*': the index finds the studies holding all of its
 *   trigrams, SQLite checks those against their text): ~1-40 ms. Trigrams cannot answer one or two characters, and an instr()
 *   scan of every study's text took 80-165 ms, so such short terms are looked for in the
 *   id, the title and the date only (what one types two letters of), in the sort's index.
 */
#define G_LOG_DOMAIN "hilum-store-worklist"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-store-private.h"

/* Longest title kept for the worklist, in characters. */
#define TITLE_MAX_CHARS 120

const char _hilum_store_worklist_schema[] =
  "CREATE TABLE studies ("
  "  id INTEGER PRIMARY KEY,"
  "  study_id TEXT NOT NULL UNIQUE REFERENCES documents (study_id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL,"
  "  title_key TEXT NOT NULL,"
  "  study_date TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  n_findings INTEGER NOT NULL,"
  "  n_boxes INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL);"
  /* Covering indexes, one per sort: see the top of this file. */
  "CREATE INDEX studies_by_title ON studies (title_key, study_id, title, study_date, status,"
  "  n_findings, n_boxes, updated);"
  "CREATE INDEX studies_by_id ON studies (study_id, title_key, title, study_date, status,"
  "  n_findings, n_boxes, updated);"
  "CREATE INDEX studies_by_status ON studies (status, title_key, study_id, title, study_date,"
  "  n_findings, n_boxes, updated);"
  "CREATE INDEX studies_by_updated ON studies (updated, study_id, title_key, title, study_date,"
  "  status, n_findings, n_boxes);"
  "CREATE INDEX studies_by_date ON studies (study_date, study_id, title_key, title, status,"
  "  n_findings, n_boxes, updated);"
  "CREATE TABLE study_text ("
  "  id INTEGER PRIMARY KEY REFERENCES studies (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL);"
  /* detail = none: the index keeps only which studies hold a trigram (half the time to
   * build, a fraction of the size); GLOB checks the candidates against the text. The
   * text is folded already: no case folding in the tokenizer, no sizes for ranking. */
  "CREATE VIRTUAL TABLE study_search USING fts5 (text, content = 'study_text',"
  "  content_rowid = 'id', tokenize = 'trigram case_sensitive 1', detail = none,"
  "  columnsize = 0);"
  "CREATE TRIGGER study_text_insert AFTER INSERT ON study_text BEGIN"
  "  INSERT INTO study_search (rowid, text) VALUES (new.id, new.text);"
  " END;"
  "CREATE TRIGGER study_text_delete AFTER DELETE ON study_text BEGIN"
  "  INSERT INTO study_search (study_search, rowid, text) VALUES ('delete', old.id, old.text);"
  " END;"
  "CREATE TRIGGER study_text_update AFTER UPDATE ON study_text BEGIN"
  "  INSERT INTO study_search (study_search, rowid, text) VALUES ('delete', old.id, old.text);"
  "  INSERT INTO study_search (rowid, text) VALUES (new.id, new.text);"
  " END;";

const char *
hilum_study_status_to_string (HilumStudyStatus status)
{
  switch (status)
    {
    case HILUM_STUDY_STATUS_NEW:         return "new";
    case HILUM_STUDY_STATUS_IN_PROGRESS: return "in_progress";
    case HILUM_STUDY_STATUS_ANNOTATED:   return "annotated";
    case HILUM_STUDY_STATUS_REVIEWED:    return "reviewed";
    default:                             return "new";
    }
}

gboolean
hilum_study_status_from_string (const char       *string,
                                HilumStudyStatus *status)
{
  for (int i = HILUM_STUDY_STATUS_NEW; i <= HILUM_STUDY_STATUS_REVIEWED; i++)
    if (g_strcmp0 (string, hilum_study_status_to_string (i)) == 0)
      {
        if (status != NULL)
          *status = i;
        return TRUE;
      }

  return FALSE;
}

const char *
hilum_study_status_get_label (HilumStudyStatus status)
{
  switch (status)
    {
    case HILUM_STUDY_STATUS_NEW:
      /* Translators: the status of a study in the worklist */
      return _("New");
    case HILUM_STUDY_STATUS_IN_PROGRESS:
      /* Translators: the status of a study in the worklist */
      return _("In Progress");
    case HILUM_STUDY_STATUS_ANNOTATED:
      /* Translators: the status of a study in the worklist */
      return _("Annotated");
    case HILUM_STUDY_STATUS_REVIEWED:
      /* Translators: the status of a study in the worklist */
      return _("Reviewed");
    default:
      return _("New");
    }
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;

  return TRUE;
}

char *
_hilum_store_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (is_ascii (text))
    return g_ascii_strdown (text, -1);

  valid = g_utf8_make_valid (text, -1);
  folded = g_utf8_casefold (valid, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      /* The accents that NFD split off are dropped: "neumotórax" matches "neumotorax". */
      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static const char *
object_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
object_get_object (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
object_get_array (JsonObject *object,
                  const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static JsonObject *
array_get_object (JsonArray *array,
                  guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Adds @line, folded, unless the text already holds it: a search that matches inside it
 * matches the text anyway (labels often repeat their sentence), and every byte costs
 * trigrams in the index. */
static void
append_line (GString    *text,
             const char *line)
{
  g_autofree char *folded = NULL;

  if (line == NULL || line[0] == '\0')
    return;
  folded = _hilum_store_fold (line);
  if (strstr (text->str, folded) != NULL)
    return;
  g_string_append (text, folded);
  g_string_append_c (text, '\n');
}

typedef struct
{
  const char *study_id;
  const char *study_date;
  char       *title;
  GString    *text;
  HilumStudyStatus status;
  guint       n_findings;
  guint       n_boxes;
} StudyRow;

static guint
count_boxes (JsonObject *finding)
{
  JsonArray *annotations = object_get_array (finding, "annotations");
  guint n = 0;

  for (guint i = 0; annotations != NULL && i < json_array_get_length (annotations); i++)
    {
      JsonArray *boxes = object_get_array (array_get_object (annotations, i), "boxes");

      if (boxes != NULL)
        n += json_array_get_length (boxes);
    }

  return n;
}

/* The title is the first sentence of the report (English, else Spanish), else the
 * study id; the search text holds the id, the date and every sentence and label,
 * folded. */
static void
study_row_init (StudyRow   *row,
                JsonObject *root)
{
  JsonObject *study = object_get_object (root, "study");
  JsonArray *findings = object_get_array (root, "findings");
  const char *first = NULL;

  memset (row, 0, sizeof *row);
  row->study_id = object_get_string (study, "study_id");
  row->study_date = object_get_string (study, "study_date");
  if (row->study_date == NULL)
    row->study_date = "";
  if (!hilum_study_status_from_string (object_get_string (study, "status"), &row->status))
    row->status = HILUM_STUDY_STATUS_NEW;

  row->text = g_string_new (NULL);
  append_line (row->text, row->study_id);
  append_line (row->text, row->study_date);

  row->n_findings = findings != NULL ? json_array_get_length (findings) : 0;
  for (guint i = 0; i < row->n_findings; i++)
    {
      JsonObject *finding = array_get_object (findings, i);
      JsonObject *text = object_get_object (finding, "text");
      const char *en = object_get_string (text, "en");
      const char *es = object_get_string (text, "es");
      JsonArray *labels = object_get_array (finding, "labels");

      if (first == NULL)
        first = en != NULL && en[0] != '\0' ? en : es != NULL && es[0] != '\0' ? es : NULL;
      append_line (row->text, en);
      append_line (row->text, es);
      for (guint j = 0; labels != NULL && j < json_array_get_length (labels); j++)
        if (JSON_NODE_HOLDS_VALUE (json_array_get_element (labels, j)))
          append_line (row->text, json_array_get_string_element (labels, j));
      row->n_boxes += count_boxes (finding);
    }

  if (first == NULL)
    first = row->study_id != NULL ? row->study_id : "";
  if (g_utf8_validate (first, -1, NULL) && g_utf8_strlen (first, -1) > TITLE_MAX_CHARS)
    row->title = g_utf8_substring (first, 0, TITLE_MAX_CHARS);
  else
    row->title = g_strdup (first);
}

static void
study_row_clear (StudyRow *row)
{
  g_clear_pointer (&row->title, g_free);
  if (row->text != NULL)
    g_string_free (row->text, TRUE);
  row->text = NULL;
}

gboolean
_hilum_store_index_study (HilumStore  *self,
                          JsonObject  *root,
                          gint64       updated,
                          GError     **error)
{
  StudyRow row;
  g_autofree char *title_key = NULL;
  sqlite3_stmt *stmt;
  sqlite3_int64 id = -1;
  gboolean ok = FALSE;
  int rc;

  study_row_init (&row, root);
  if (row.study_id == NULL)
    {
      g_set_error_literal (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                           "document without a study id");
      goto out;
    }
  title_key = _hilum_store_fold (row.title);

  stmt = _hilum_store_prepare (self,
                               "INSERT INTO studies (study_id, title, title_key, study_date, status,"
                               " n_findings, n_boxes, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                               " ON CONFLICT (study_id) DO UPDATE SET title = excluded.title,"
                               " title_key = excluded.title_key, study_date = excluded.study_date,"
                               " status = excluded.status, n_findings = excluded.n_findings,"
                               " n_boxes = excluded.n_boxes, updated = excluded.updated"
                               " RETURNING id",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, row.study_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row.title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row.study_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, row.status);
  sqlite3_bind_int (stmt, 6, row.n_findings);
  sqlite3_bind_int (stmt, 7, row.n_boxes);
  sqlite3_bind_int64 (stmt, 8, updated);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      goto out;
    }

  /* Unchanged text (most edits of boxes) leaves the trigram index alone. */
  stmt = _hilum_store_prepare (self,
                               "INSERT INTO study_text (id, text) VALUES (?1, ?2)"
                               " ON CONFLICT (id) DO UPDATE SET text = excluded.text"
                               " WHERE text <> excluded.text",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, row.text->str, -1, SQLITE_STATIC);
  if (!_hilum_store_step_done (self, stmt, error))
    goto out;

  /* Conflicts are rare: their own small table, so the worklist's covering indexes stay
   * as they are and the header counts them at once. */
  {
    JsonArray *conflicts = object_get_array (root, "conflicts");
    guint n_conflicts = conflicts != NULL ? json_array_get_length (conflicts) : 0;

    stmt = _hilum_store_prepare (self,
                                 n_conflicts > 0
                                 ? "INSERT INTO conflicted_studies (study_id, n_conflicts) VALUES (?1, ?2)"
                                   " ON CONFLICT (study_id) DO UPDATE SET n_conflicts = excluded.n_conflicts"
                                 : "DELETE FROM conflicted_studies WHERE study_id = ?1 AND ?2 = 0",
                                 error);
    if (stmt == NULL)
      goto out;
    sqlite3_bind_text (stmt, 1, row.study_id, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 2, (int) n_conflicts);
    ok = _hilum_store_step_done (self, stmt, error);
  }

out:
  study_row_clear (&row);
  return ok;
}

GHashTable *
hilum_store_list_conflicted_studies (HilumStore  *self,
                                     GError     **error)
{
  g_autoptr(GHashTable) studies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT study_id, n_conflicts FROM conflicted_studies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (studies, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&studies);
}

void
hilum_worklist_row_free (HilumWorklistRow *row)
{
  if (row == NULL)
    return;

  g_free (row->study_id);
  g_free (row->title);
  g_free (row->study_date);
  g_free (row);
}

static const char *
order_by (HilumWorklistSort sort,
          gboolean          descending)
{
  switch (sort)
    {
    case HILUM_WORKLIST_SORT_STUDY_ID:
      return descending ? "study_id DESC" : "study_id";
    case HILUM_WORKLIST_SORT_STATUS:
      return descending ? "status DESC, title_key, study_id" : "status, title_key, study_id";
    case HILUM_WORKLIST_SORT_UPDATED:
      return descending ? "updated DESC, study_id DESC" : "updated, study_id";
    case HILUM_WORKLIST_SORT_DATE:
      return descending ? "study_date DESC, study_id DESC" : "study_date, study_id";
    case HILUM_WORKLIST_SORT_TITLE:
    default:
      return descending ? "title_key DESC, study_id DESC" : "title_key, study_id";
    }
}

/* "*term*" for GLOB, the term's own wildcards as one-character classes. */
static char *
glob_pattern (const char *term)
{
  GString *pattern = g_string_new ("*");

  for (const char *p = term; *p != '\0'; p++)
    {
      if (*p == '*' || *p == '?' || *p == '[')
        g_string_append_printf (pattern, "[%c]", *p);
      else
        g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '*');

  return g_string_free (pattern, FALSE);
}

GPtrArray *
hilum_store_query_worklist (HilumStore         *self,
                            const char         *search,
                            int                 status,
                            HilumWorklistSort   sort,
                            gboolean            descending,
                            GError            **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) conflicted = NULL;
  g_autofree char *term = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *sql = NULL;
  const char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  term = _hilum_store_fold (search != NULL ? search : "");
  g_strstrip (term);
  if (term[0] == '\0')
    match = "";
  else if (g_utf8_strlen (term, -1) >= 3)
    {
      pattern = glob_pattern (term);
      match = "id IN (SELECT rowid FROM study_search WHERE text GLOB ?1)";
    }
  else
    /* One or two characters: the id, the title and the date, from the sort's index. */
    match = "(instr (title_key, ?1) > 0 OR instr (lower (study_id), ?1) > 0"
            " OR instr (study_date, ?1) > 0)";

  sql = g_strdup_printf ("SELECT study_id, title, study_date, status, n_findings, n_boxes, updated"
                         " FROM studies%s%s%s%s ORDER BY %s",
                         match[0] != '\0' || status >= 0 ? " WHERE " : "",
                         match,
                         match[0] != '\0' && status >= 0 ? " AND " : "",
                         status >= 0 ? "status = ?2" : "",
                         order_by (sort, descending));

  locker = g_rec_mutex_locker_new (&self->lock);

  stmt = _hilum_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (match[0] != '\0')
    sqlite3_bind_text (stmt, 1, pattern != NULL ? pattern : term, -1, SQLITE_STATIC);
  if (status >= 0)
    sqlite3_bind_int (stmt, 2, status);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)hilum_worklist_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HilumWorklistRow *row = g_new (HilumWorklistRow, 1);

      row->study_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      row->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      row->study_date = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      row->status = sqlite3_column_int (stmt, 3);
      row->n_findings = sqlite3_column_int (stmt, 4);
      row->n_boxes = sqlite3_column_int (stmt, 5);
      row->updated = sqlite3_column_int64 (stmt, 6);
      row->n_conflicts = 0;
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  /* A handful at most: looked up here rather than joined into the covering indexes. */
  conflicted = hilum_store_list_conflicted_studies (self, error);
  if (conflicted == NULL)
    return NULL;
  if (g_hash_table_size (conflicted) > 0)
    for (guint i = 0; i < rows->len; i++)
      {
        HilumWorklistRow *row = g_ptr_array_index (rows, i);

        row->n_conflicts = GPOINTER_TO_UINT (g_hash_table_lookup (conflicted, row->study_id));
      }

  return g_steal_pointer (&rows);
}

guint
hilum_store_count_studies (HilumStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (HILUM_IS_STORE (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT count(*) FROM studies", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

GPtrArray *
hilum_store_list_study_ids (HilumStore  *self,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT study_id FROM studies ORDER BY title_key, study_id",
                               error);
  if (stmt == NULL)
    return NULL;

  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}
