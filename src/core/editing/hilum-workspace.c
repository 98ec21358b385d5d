/* hilum-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-workspace"

#include "config.h"

#include "hilum-demo.h"
#include "hilum-study-loader.h"
#include "hilum-translation-check.h"
#include "hilum-workspace.h"

/* Sessions kept (each with its undo history) while the app runs. */
#define MAX_SESSIONS 32

struct _HilumWorkspace
{
  GObject          parent_instance;

  HilumStore      *store;          /* nullable */
  GError          *store_error;
  GHashTable      *sessions;       /* study id → HilumSession */
  GQueue           session_order;  /* study ids, most recent first */
  GHashTable      *held;           /* study id → GWeakRef of a session dropped from the cache */
  char            *reader_id;
  char            *reader_name;
  HilumReaderRole  role;
};

G_DEFINE_FINAL_TYPE (HilumWorkspace, hilum_workspace, G_TYPE_OBJECT)

enum {
  STUDY_CHANGED,
  SESSION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
session_changed_cb (HilumWorkspace *self,
                    HilumOperation *op,
                    HilumSession   *session)
{
  const char *study_id = hilum_document_get_study_id (hilum_session_get_document (session));

  g_signal_emit (self, signals[STUDY_CHANGED], 0, study_id);
}

static void
hilum_workspace_drop_sessions (HilumWorkspace *self)
{
  GHashTableIter iter;
  gpointer session;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &session))
    g_signal_handlers_disconnect_by_data (session, self);
  g_hash_table_remove_all (self->sessions);
  g_hash_table_remove_all (self->held);
  g_queue_clear_full (&self->session_order, g_free);
}

static void
hilum_workspace_dispose (GObject *object)
{
  HilumWorkspace *self = (HilumWorkspace *)object;

  if (self->sessions != NULL)
    hilum_workspace_drop_sessions (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hilum_workspace_parent_class)->dispose (object);
}

static void
hilum_workspace_finalize (GObject *object)
{
  HilumWorkspace *self = (HilumWorkspace *)object;

  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_error (&self->store_error);
  g_free (self->reader_id);
  g_free (self->reader_name);

  G_OBJECT_CLASS (hilum_workspace_parent_class)->finalize (object);
}

static void
hilum_workspace_class_init (HilumWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_workspace_dispose;
  object_class->finalize = hilum_workspace_finalize;

  signals[STUDY_CHANGED] =
    g_signal_new ("study-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SESSION_CHANGED] =
    g_signal_new ("session-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hilum_workspace_init (HilumWorkspace *self)
{
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) weak_ref_free);
  g_queue_init (&self->session_order);
  self->reader_id = g_strdup (g_get_user_name ());
  self->reader_name = g_strdup (g_get_real_name ());
}

HilumWorkspace *
hilum_workspace_new (const char *store_path)
{
  HilumWorkspace *self = g_object_new (HILUM_TYPE_WORKSPACE, NULL);
  g_autofree char *path = store_path ? g_strdup (store_path) : hilum_store_get_default_path ();

  self->store = hilum_store_open (path, &self->store_error);
  return self;
}

HilumWorkspace *
hilum_workspace_new_for_store (HilumStore *store)
{
  HilumWorkspace *self;

  g_return_val_if_fail (store == NULL || HILUM_IS_STORE (store), NULL);

  self = g_object_new (HILUM_TYPE_WORKSPACE, NULL);
  g_set_object (&self->store, store);
  return self;
}

HilumStore *
hilum_workspace_get_store (HilumWorkspace *self)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);

  return self->store;
}

const GError *
hilum_workspace_get_store_error (HilumWorkspace *self)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);

  return self->store_error;
}

void
hilum_workspace_set_reader (HilumWorkspace  *self,
                            const char      *reader_id,
                            const char      *reader_name,
                            HilumReaderRole  role)
{
  const char *id;
  const char *name;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));

  id = reader_id != NULL && reader_id[0] != '\0' ? reader_id : g_get_user_name ();
  name = reader_name != NULL && reader_name[0] != '\0' ? reader_name : g_get_real_name ();
  if (g_strcmp0 (id, self->reader_id) == 0 && g_strcmp0 (name, self->reader_name) == 0 &&
      role == self->role)
    return;

  g_free (self->reader_id);
  self->reader_id = g_strdup (id);
  g_free (self->reader_name);
  self->reader_name = g_strdup (name);
  self->role = role;
  /* The sessions carry their reader: every study gets a new one. */
  hilum_workspace_drop_sessions (self);
  g_signal_emit (self, signals[SESSION_CHANGED], 0, NULL);
}

static HilumSession *
hilum_workspace_new_session (HilumWorkspace  *self,
                             const char      *study_id,
                             HilumStudy      *study,
                             GError         **error)
{
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;

  document = hilum_store_get_document (self->store, study_id, &local_error);
  if (document == NULL && study != NULL)
    {
      document = hilum_study_loader_new_document (study);
      /* A study the scan could not register (a store error then): once more, so edits
       * have somewhere to go. */
      g_clear_error (&local_error);
      if (document != NULL && !hilum_store_put_document (self->store, document, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (document == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return hilum_session_new (self->store, document, self->reader_id, self->reader_name, self->role);
}

HilumSession *
hilum_workspace_get_session (HilumWorkspace  *self,
                             const char      *study_id,
                             HilumStudy      *study,
                             GError         **error)
{
  HilumSession *session;
  GWeakRef *held;
  GList *link;

  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);

  /* Without a store nothing could be saved: no editing rather than edits that vanish. */
  if (self->store == NULL)
    return NULL;

  session = g_hash_table_lookup (self->sessions, study_id);
  if (session != NULL)
    {
      if ((link = g_queue_find_custom (&self->session_order, study_id, (GCompareFunc) g_strcmp0)) != NULL)
        {
          g_queue_unlink (&self->session_order, link);
          g_queue_push_head_link (&self->session_order, link);
        }
      return session;
    }

  /* Dropped from the cache but still held (a window shows it): the same session, never
   * a second one on its own copy of the document. */
  held = g_hash_table_lookup (self->held, study_id);
  session = held != NULL ? g_weak_ref_get (held) : NULL;
  g_hash_table_remove (self->held, study_id);
  if (session == NULL)
    {
      session = hilum_workspace_new_session (self, study_id, study, error);
      if (session == NULL)
        return NULL;
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  g_hash_table_insert (self->sessions, g_strdup (study_id), session);
  g_queue_push_head (&self->session_order, g_strdup (study_id));

  /* The oldest studies lose their undo history first. */
  while (g_queue_get_length (&self->session_order) > MAX_SESSIONS)
    {
      g_autofree char *oldest = g_queue_pop_tail (&self->session_order);
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, g_hash_table_lookup (self->sessions, oldest));
      g_hash_table_replace (self->held, g_strdup (oldest), ref);
      g_hash_table_remove (self->sessions, oldest);
    }
  return session;
}

/* Scan. */

typedef struct
{
  char      **paths;
  HilumStore *store;
  gboolean    demo;
  GPtrArray  *studies;
  GPtrArray  *failures;
  GError     *store_error;
  guint       n_put;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_strfreev (data->paths);
  g_clear_object (&data->store);
  g_clear_pointer (&data->studies, g_ptr_array_unref);
  g_clear_pointer (&data->failures, g_ptr_array_unref);
  g_clear_error (&data->store_error);
  g_free (data);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  GError *error = NULL;

  data->failures = g_ptr_array_new_with_free_func (g_free);
  data->studies = hilum_scan_paths ((const char * const *) data->paths, data->failures, cancellable);
  if (data->studies == NULL)
    data->studies = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Each study opened becomes a document of the store (if it is not one yet), so it
   * is listed in the worklist and can be annotated. */
  if (data->store != NULL && data->studies->len > 0)
    data->n_put = hilum_study_loader_register (data->store, data->studies, data->demo, &data->store_error);
  g_task_return_boolean (task, TRUE);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HilumWorkspace *self = HILUM_WORKSPACE (source);
  ScanData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->n_put > 0)
    g_signal_emit (self, signals[STUDY_CHANGED], 0, NULL);
  g_task_return_boolean (task, TRUE);
}

void
hilum_workspace_scan_async (HilumWorkspace      *self,
                            const char * const  *paths,
                            gboolean             demo,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  ScanData *data;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));
  g_return_if_fail (paths != NULL);

  data = g_new0 (ScanData, 1);
  data->paths = g_strdupv ((char **) paths);
  data->store = self->store ? g_object_ref (self->store) : NULL;
  data->demo = demo;

  /* The outer task carries the result; the signal is emitted on the caller's thread
   * before it completes. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_workspace_scan_async);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);
  worker = g_task_new (self, cancellable, scan_done_cb, task);
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, scan_thread);
}

GPtrArray *
hilum_workspace_scan_finish (HilumWorkspace  *self,
                             GAsyncResult    *result,
                             GPtrArray      **failures,
                             GError         **store_error,
                             GError         **error)
{
  ScanData *data;

  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (failures != NULL)
    *failures = g_ptr_array_ref (data->failures);
  if (store_error != NULL && data->store_error != NULL)
    *store_error = g_error_copy (data->store_error);
  return g_ptr_array_ref (data->studies);
}

/* Build. */

typedef struct
{
  char          *study_id;
  HilumDocument *document;   /* nullable: read from the store in the worker */
  HilumStore    *store;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->study_id);
  g_clear_object (&data->document);
  g_clear_object (&data->store);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;

  if (data->document == NULL)
    {
      if (data->store == NULL)
        {
          g_task_return_new_error (task, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND,
                                   "There is no store to read the study %s from", data->study_id);
          return;
        }
      data->document = hilum_store_get_document (data->store, data->study_id, &error);
      if (data->document == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, hilum_study_loader_build (data->document, data->store, cancellable), g_object_unref);
}

void
hilum_workspace_build_study_async (HilumWorkspace      *self,
                                   const char          *study_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  HilumSession *session;
  BuildData *data;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));
  g_return_if_fail (study_id != NULL);

  data = g_new0 (BuildData, 1);
  data->study_id = g_strdup (study_id);
  data->store = self->store ? g_object_ref (self->store) : NULL;
  /* An open session's document is the newest: a copy, for the worker. */
  session = g_hash_table_lookup (self->sessions, study_id);
  if (session != NULL)
    data->document = hilum_document_copy (hilum_session_get_document (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_workspace_build_study_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

HilumStudy *
hilum_workspace_build_study_finish (HilumWorkspace  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Demo. */

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *dir = hilum_demo_ensure (&error);

  if (dir == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dir, g_free);
}

void
hilum_workspace_ensure_demo_async (HilumWorkspace      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_workspace_ensure_demo_async);
  g_task_run_in_thread (task, demo_thread);
}

char *
hilum_workspace_ensure_demo_finish (HilumWorkspace  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Worklist. */

typedef struct
{
  HilumStore       *store;
  char             *search;
  HilumWorklistSort sort;
  gboolean          descending;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_object (&data->store);
  g_free (data->search);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *data = task_data;
  GError *error = NULL;
  GPtrArray *rows;
  GPtrArray *items;

  rows = hilum_store_query_worklist (data->store, data->search, -1, data->sort, data->descending, &error);
  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The row objects are made here, not on the UI thread. */
  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, hilum_worklist_item_new_from_row (g_steal_pointer (&rows->pdata[i])));
  g_ptr_array_unref (rows);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static GTask *
hilum_workspace_new_query (HilumWorkspace      *self,
                           const char          *search,
                           HilumWorklistSort    sort,
                           gboolean             descending,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  QueryData *data;

  g_task_set_source_tag (task, source_tag);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND,
                               "There is no store to list studies from");
      g_clear_object (&task);
      return NULL;
    }
  data = g_new0 (QueryData, 1);
  data->store = g_object_ref (self->store);
  data->search = g_strdup (search);
  data->sort = sort;
  data->descending = descending;
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  return task;
}

void
hilum_workspace_query_worklist_async (HilumWorkspace      *self,
                                      const char          *search,
                                      HilumWorklistSort    sort,
                                      gboolean             descending,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));

  task = hilum_workspace_new_query (self, search, sort, descending, cancellable, callback,
                                    user_data, hilum_workspace_query_worklist_async);
  if (task != NULL)
    g_task_run_in_thread (task, query_thread);
}

GPtrArray *
hilum_workspace_query_worklist_finish (HilumWorkspace  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
item_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  QueryData *data = task_data;
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;

  /* The id is searched like any text: the exact row is among the few that contain it. */
  rows = hilum_store_query_worklist (data->store, data->search, -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE, &error);
  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      HilumWorklistRow *row = rows->pdata[i];

      if (g_strcmp0 (row->study_id, data->search) == 0)
        {
          g_task_return_pointer (task, hilum_worklist_item_new_from_row (g_steal_pointer (&rows->pdata[i])),
                                 g_object_unref);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

void
hilum_workspace_query_worklist_item_async (HilumWorkspace      *self,
                                           const char          *study_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));
  g_return_if_fail (study_id != NULL);

  task = hilum_workspace_new_query (self, study_id, HILUM_WORKLIST_SORT_STUDY_ID, FALSE, cancellable,
                                    callback, user_data, hilum_workspace_query_worklist_item_async);
  if (task != NULL)
    g_task_run_in_thread (task, item_thread);
}

HilumWorklistItem *
hilum_workspace_query_worklist_item_finish (HilumWorkspace  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hilum_workspace_study_synced:
 * @study_id: a study whose document a sync just stored
 *
 * The open session of @study_id (if any) follows the stored document; the worklist hears
 * "study-changed" either way.
 */
void
hilum_workspace_study_synced (HilumWorkspace *self,
                              const char     *study_id)
{
  g_autoptr(HilumSession) held_session = NULL;
  g_autoptr(GError) error = NULL;
  HilumSession *session;
  GWeakRef *held;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));
  g_return_if_fail (study_id != NULL);

  session = g_hash_table_lookup (self->sessions, study_id);
  if (session == NULL && (held = g_hash_table_lookup (self->held, study_id)) != NULL)
    session = held_session = g_weak_ref_get (held);
  /* catch_up emits the session's "changed", which re-emits study-changed. */
  if (session != NULL)
    {
      if (!hilum_session_catch_up (session, &error))
        g_warning ("The open study %s could not follow its synced document: %s", study_id, error->message);
      return;
    }
  g_signal_emit (self, signals[STUDY_CHANGED], 0, study_id);
}

/* Translation queue. */

static void
translation_queue_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = hilum_store_open_read_only (path, &error);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  /* Its own connection: the long read does not hold the workspace's store. */
  if (store == NULL || (ids = hilum_store_list_study_ids (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  queue = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HilumDocument) document = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      document = hilum_store_get_document (store, g_ptr_array_index (ids, i), NULL);
      if (document != NULL && hilum_translation_needs_work (document))
        g_ptr_array_add (queue, g_strdup (g_ptr_array_index (ids, i)));
    }
  g_task_return_pointer (task, g_steal_pointer (&queue), (GDestroyNotify) g_ptr_array_unref);
}

void
hilum_workspace_query_translation_queue_async (HilumWorkspace      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_workspace_query_translation_queue_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND,
                               "There is no store to list studies from");
      return;
    }
  g_task_set_task_data (task, g_strdup (hilum_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, translation_queue_thread);
}

GPtrArray *
hilum_workspace_query_translation_queue_finish (HilumWorkspace  *self,
                                                GAsyncResult    *result,
                                                GError         **error)
{
  g_return_val_if_fail (HILUM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(HilumStore) store = NULL;
  GError *error = NULL;

  /* A connection of its own: the check scans the file, and the UI's stays free. */
  if ((store = hilum_store_open_read_only (task_data, &error)) == NULL ||
      !hilum_store_check_integrity (store, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
hilum_workspace_check_store_async (HilumWorkspace      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HILUM_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_workspace_check_store_async);
  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, g_strdup (hilum_store_get_path (self->store)), g_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, check_thread);
}

gboolean
hilum_workspace_check_store_finish (HilumWorkspace  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
