/* hilum-sync-service.c — sync in the background: when, in which thread, in which state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-sync-service"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-json.h"
#include "hilum-study-loader.h"

#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-secondary-capture.h"
#include "hilum-study-query.h"
#include "hilum-sync-error.h"
#include "hilum-sync-service.h"

/* An edit goes up this long after the last one of a burst. */
#define PUSH_DELAY_MS 1500

struct _HilumSyncService
{
  GObject           parent_instance;

  HilumStore       *store;
  HilumServer      *server;
  char             *password;
  guint             interval;
  guint             pull_id;
  guint             push_id;
  GCancellable     *cancellable;
  gboolean          running;
  gboolean          again;

  HilumSyncState    state;
  guint             n_pending;
  guint             n_conflicts;
  char             *message;
  HilumSyncSummary *last_summary;

  /* study id → GStrv of its image files; read by the sync thread under the lock. */
  GMutex            files_lock;
  GHashTable       *image_files;

  /* server studies' images, on demand, over a connection of its own */
  HilumImageFetcher *fetcher;
};

G_DEFINE_FINAL_TYPE (HilumSyncService, hilum_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_PENDING,
  PROP_N_CONFLICTS,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  STUDY_MERGED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  HilumSyncService *service;   /* a reference: the image files */
  char        *store_path;
  HilumServer *server;
  char        *password;
  GPtrArray   *merged;      /* Merged, in the order they came */
} RunData;

typedef struct
{
  char           *study_id;
  HilumOperation *operation;
} Merged;

static void start_run (HilumSyncService *self);

static void
merged_free (Merged *merged)
{
  g_free (merged->study_id);
  g_clear_pointer (&merged->operation, hilum_operation_unref);
  g_free (merged);
}

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->service);
  g_free (data->store_path);
  hilum_server_free (data->server);
  g_free (data->password);
  g_ptr_array_unref (data->merged);
  g_free (data);
}

static void
set_state (HilumSyncService *self,
           HilumSyncState    state,
           const char       *message)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

/* The state the counts say, once no run is going and none failed. */
static HilumSyncState
resting_state (HilumSyncService *self)
{
  if (self->server == NULL)
    return HILUM_SYNC_STATE_DISCONNECTED;
  if (self->n_conflicts > 0)
    return HILUM_SYNC_STATE_CONFLICTS;
  if (self->n_pending > 0)
    return HILUM_SYNC_STATE_PENDING;
  return HILUM_SYNC_STATE_SYNCED;
}

void
hilum_sync_service_update_counts (HilumSyncService *self)
{
  g_autoptr(GHashTable) conflicted = NULL;
  guint n_pending;
  guint n_conflicts;

  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));

  n_pending = hilum_store_count_unsynced (self->store);
  conflicted = hilum_store_list_conflicted_studies (self->store, NULL);
  n_conflicts = conflicted != NULL ? g_hash_table_size (conflicted) : 0;
  if (n_pending != self->n_pending)
    {
      self->n_pending = n_pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }
  if (n_conflicts != self->n_conflicts)
    {
      self->n_conflicts = n_conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
    }
  if (!self->running && self->state != HILUM_SYNC_STATE_OFFLINE && self->state != HILUM_SYNC_STATE_ERROR)
    set_state (self, resting_state (self), NULL);
}

static void
collect_merged_cb (const char     *study_id,
                   HilumOperation *operation,
                   gpointer        user_data)
{
  RunData *data = user_data;
  Merged *merged = g_new0 (Merged, 1);

  merged->study_id = g_strdup (study_id);
  merged->operation = operation != NULL ? hilum_operation_ref (operation) : NULL;
  g_ptr_array_add (data->merged, merged);
}

static gboolean
is_dicom (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return length > 132 && memcmp (data + 128, "DICM", 4) == 0;
}

/* The engine's image source: on the sync thread. */
static GPtrArray *
image_files_cb (const char     *study_id,
                HilumDocument  *document,
                gpointer        user_data,
                GError        **error)
{
  HilumSyncService *self = user_data;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  JsonObject *study = hilum_json_get_object (hilum_document_get_root (document), "study");

  g_mutex_lock (&self->files_lock);
  paths = g_strdupv (g_hash_table_lookup (self->image_files, study_id));
  g_mutex_unlock (&self->files_lock);
  if (paths == NULL || paths[0] == NULL)
    {
      g_set_error_literal (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND,
                           _("open its folder in Hilum once"));
      return NULL;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(HilumImage) image = NULL;
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      HilumSecondaryCaptureDesc desc = { 0 };
      GBytes *wrapped;

      if ((bytes = g_file_load_bytes (file, NULL, NULL, error)) == NULL)
        return NULL;
      if (is_dicom (bytes))
        {
          g_ptr_array_add (files, g_steal_pointer (&bytes));
          continue;
        }
      /* PNG or JPEG: as Secondary Capture, named from the source's ids. */
      if ((image = hilum_decode_file (paths[i], NULL, error)) == NULL)
        return NULL;
      desc.study_id = study_id;
      desc.image_id = hilum_study_loader_find_image_id (document, image) ? hilum_study_loader_find_image_id (document, image) : name;
      desc.study_date = hilum_json_get_string (study, "study_date", NULL);
      if ((wrapped = hilum_secondary_capture_build (image, &desc, error)) == NULL)
        return NULL;
      g_ptr_array_add (files, wrapped);
    }
  return g_steal_pointer (&files);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumHttpClient) client = NULL;
  g_autoptr(HilumOrthanc) orthanc = NULL;
  g_autoptr(HilumSyncEngine) engine = NULL;
  HilumSyncSummary *summary = NULL;
  GError *error = NULL;

  /* SQLite connections stay in their thread. */
  if ((store = hilum_store_open (data->store_path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  client = hilum_http_client_new (data->server, data->password);
  orthanc = hilum_orthanc_new (client);
  engine = hilum_sync_engine_new (store, orthanc);
  hilum_sync_engine_set_merged_func (engine, collect_merged_cb, data);
  hilum_sync_engine_set_image_source (engine, image_files_cb, data->service);
  if (!hilum_sync_engine_run (engine, &summary, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, summary, (GDestroyNotify) hilum_sync_summary_free);
}

static gboolean
is_offline (const GError *error)
{
  return g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NETWORK) ||
         g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_TIMED_OUT);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  HilumSyncService *self = HILUM_SYNC_SERVICE (source);
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  HilumSyncSummary *summary;

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;

  for (guint i = 0; i < data->merged->len; i++)
    {
      Merged *merged = data->merged->pdata[i];

      g_signal_emit (self, signals[STUDY_MERGED], 0, merged->study_id, merged->operation);
    }

  if (summary != NULL)
    {
      g_clear_pointer (&self->last_summary, hilum_sync_summary_free);
      self->last_summary = summary;
      set_state (self, HILUM_SYNC_STATE_SYNCED, NULL);
      hilum_sync_service_update_counts (self);
      /* Single studies that could not go (their images are not at hand …) say why. */
      set_state (self, resting_state (self),
                 summary->problems->len > 0 ? summary->problems->pdata[0] : NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      hilum_sync_service_update_counts (self);
      set_state (self, is_offline (error) ? HILUM_SYNC_STATE_OFFLINE : HILUM_SYNC_STATE_ERROR,
                 error->message);
    }
  g_signal_emit (self, signals[FINISHED], 0);

  if (self->again && self->server != NULL)
    {
      self->again = FALSE;
      start_run (self);
    }
}

static void
start_run (HilumSyncService *self)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->server == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  data = g_new0 (RunData, 1);
  data->service = g_object_ref (self);
  data->store_path = g_strdup (hilum_store_get_path (self->store));
  data->server = hilum_server_copy (self->server);
  data->password = g_strdup (self->password);
  data->merged = g_ptr_array_new_with_free_func ((GDestroyNotify) merged_free);

  self->running = TRUE;
  set_state (self, HILUM_SYNC_STATE_SYNCING, NULL);
  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

static gboolean
pull_timeout_cb (gpointer user_data)
{
  start_run (HILUM_SYNC_SERVICE (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
push_timeout_cb (gpointer user_data)
{
  HilumSyncService *self = HILUM_SYNC_SERVICE (user_data);

  self->push_id = 0;
  start_run (self);
  return G_SOURCE_REMOVE;
}

static void
reset_pull_timer (HilumSyncService *self)
{
  g_clear_handle_id (&self->pull_id, g_source_remove);
  if (self->server != NULL && self->interval > 0)
    self->pull_id = g_timeout_add_seconds (self->interval, pull_timeout_cb, self);
}

static void
hilum_sync_service_dispose (GObject *object)
{
  HilumSyncService *self = HILUM_SYNC_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pull_id, g_source_remove);
  g_clear_handle_id (&self->push_id, g_source_remove);

  G_OBJECT_CLASS (hilum_sync_service_parent_class)->dispose (object);
}

static void
hilum_sync_service_finalize (GObject *object)
{
  HilumSyncService *self = HILUM_SYNC_SERVICE (object);

  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server, hilum_server_free);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->last_summary, hilum_sync_summary_free);
  g_clear_pointer (&self->image_files, g_hash_table_unref);
  g_mutex_clear (&self->files_lock);

  G_OBJECT_CLASS (hilum_sync_service_parent_class)->finalize (object);
}

static void
hilum_sync_service_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HilumSyncService *self = HILUM_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_sync_service_class_init (HilumSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_sync_service_dispose;
  object_class->finalize = hilum_sync_service_finalize;
  object_class->get_property = hilum_sync_service_get_property;

  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, HILUM_SYNC_STATE_ERROR, HILUM_SYNC_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* study-merged (study_id, operation or NULL): the store holds a new document of the
   * study, @operation turns the previous one into it. */
  signals[STUDY_MERGED] =
    g_signal_new ("study-merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, HILUM_TYPE_OPERATION);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hilum_sync_service_init (HilumSyncService *self)
{
  self->interval = 60;
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->files_lock);
  self->image_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

HilumSyncService *
hilum_sync_service_new (HilumStore *store)
{
  HilumSyncService *self;

  g_return_val_if_fail (HILUM_IS_STORE (store), NULL);

  self = g_object_new (HILUM_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  {
    g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "hilum", "images", NULL);

    self->fetcher = hilum_image_fetcher_new (store, cache_dir, HILUM_SYNC_SERVICE_DEFAULT_CACHE_LIMIT);
  }
  hilum_sync_service_update_counts (self);
  return self;
}

HilumImageFetcher *
hilum_sync_service_get_image_fetcher (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), NULL);

  return self->fetcher;
}

void
hilum_sync_service_set_server (HilumSyncService  *self,
                               const HilumServer *server,
                               const char        *password)
{
  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));

  g_clear_pointer (&self->server, hilum_server_free);
  g_clear_pointer (&self->password, g_free);
  if (server != NULL)
    {
      g_autoptr(HilumHttpClient) http = hilum_http_client_new (server, password);
      g_autoptr(HilumOrthanc) orthanc = hilum_orthanc_new (http);

      self->server = hilum_server_copy (server);
      self->password = g_strdup (password);
      hilum_image_fetcher_set_orthanc (self->fetcher, orthanc);
    }
  else
    hilum_image_fetcher_set_orthanc (self->fetcher, NULL);
  set_state (self, resting_state (self), NULL);
  reset_pull_timer (self);
  start_run (self);
}

const HilumServer *
hilum_sync_service_get_server (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), NULL);
  return self->server;
}

void
hilum_sync_service_set_interval (HilumSyncService *self,
                                 guint             seconds)
{
  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));

  self->interval = seconds;
  reset_pull_timer (self);
}

void
hilum_sync_service_edit_committed (HilumSyncService *self)
{
  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));

  hilum_sync_service_update_counts (self);
  if (self->server == NULL)
    return;
  g_clear_handle_id (&self->push_id, g_source_remove);
  self->push_id = g_timeout_add (PUSH_DELAY_MS, push_timeout_cb, self);
}

void
hilum_sync_service_sync_now (HilumSyncService *self)
{
  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));

  g_clear_handle_id (&self->push_id, g_source_remove);
  reset_pull_timer (self);
  start_run (self);
}

void
hilum_sync_service_add_image_files (HilumSyncService   *self,
                                    const char         *study_id,
                                    const char * const *paths)
{
  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (study_id != NULL);

  g_mutex_lock (&self->files_lock);
  g_hash_table_insert (self->image_files, g_strdup (study_id), g_strdupv ((char **) paths));
  g_mutex_unlock (&self->files_lock);
}

HilumSyncState
hilum_sync_service_get_state (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), HILUM_SYNC_STATE_DISCONNECTED);
  return self->state;
}

guint
hilum_sync_service_get_n_pending (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), 0);
  return self->n_pending;
}

guint
hilum_sync_service_get_n_conflicts (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), 0);
  return self->n_conflicts;
}

const char *
hilum_sync_service_get_message (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), NULL);
  return self->message;
}

HilumSyncSummary *
hilum_sync_service_get_last_summary (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), NULL);
  return self->last_summary;
}

char *
hilum_sync_service_describe (HilumSyncService *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (self), NULL);

  switch (self->state)
    {
    case HILUM_SYNC_STATE_DISCONNECTED:
      return g_strdup (_("Not connected"));
    case HILUM_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case HILUM_SYNC_STATE_SYNCED:
      return g_strdup (_("Synced"));
    case HILUM_SYNC_STATE_PENDING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending", "%u pending", self->n_pending),
                              self->n_pending);
    case HILUM_SYNC_STATE_OFFLINE:
      return g_strdup (_("Offline"));
    case HILUM_SYNC_STATE_CONFLICTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts", self->n_conflicts),
                              self->n_conflicts);
    case HILUM_SYNC_STATE_ERROR:
      return g_strdup (_("Sync error"));
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  char            *store_path;
  HilumServer     *server;
  char            *password;
  HilumStudyQuery *query;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->store_path);
  hilum_server_free (data->server);
  g_free (data->password);
  hilum_study_query_free (data->query);
  g_free (data);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumHttpClient) client = NULL;
  g_autoptr(HilumOrthanc) orthanc = NULL;
  GError *error = NULL;
  char **found;

  if ((store = hilum_store_open (data->store_path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  client = hilum_http_client_new (data->server, data->password);
  orthanc = hilum_orthanc_new (client);
  found = hilum_study_query_run (data->query, store, orthanc, HILUM_SYNC_SERVICE_QUERY_LIMIT,
                                 cancellable, &error);
  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_strfreev);
}

void
hilum_sync_service_find_studies_async (HilumSyncService      *self,
                                       const HilumStudyQuery *query,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (HILUM_IS_SYNC_SERVICE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_sync_service_find_studies_async);
  if (self->server == NULL)
    {
      g_task_return_new_error (task, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_OFFLINE,
                               _("Hilum is not connected to a server: connect to one in Preferences → Server."));
      return;
    }
  data = g_new0 (FindData, 1);
  data->store_path = g_strdup (hilum_store_get_path (self->store));
  data->server = hilum_server_copy (self->server);
  data->password = g_strdup (self->password);
  data->query = hilum_study_query_copy (query);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_thread);
}

char **
hilum_sync_service_find_studies_finish (HilumSyncService  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
