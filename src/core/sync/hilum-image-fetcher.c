/* hilum-image-fetcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-image-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hilum-image-fetcher.h"
#include "hilum-json.h"
#include "hilum-remote-image.h"
#include "hilum-store-cache.h"
#include "hilum-sync-error.h"

struct _HilumImageFetcher
{
  GObject       parent_instance;

  HilumStore   *store;
  char         *cache_dir;
  GMutex        lock;          /* guards orthanc and limit */
  HilumOrthanc *orthanc;       /* (nullable) offline */
  guint64       limit;
};

G_DEFINE_FINAL_TYPE (HilumImageFetcher, hilum_image_fetcher, G_TYPE_OBJECT)

static void
hilum_image_fetcher_finalize (GObject *object)
{
  HilumImageFetcher *self = HILUM_IMAGE_FETCHER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->orthanc);
  g_free (self->cache_dir);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hilum_image_fetcher_parent_class)->finalize (object);
}

static void
hilum_image_fetcher_class_init (HilumImageFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_image_fetcher_finalize;
}

static void
hilum_image_fetcher_init (HilumImageFetcher *self)
{
  g_mutex_init (&self->lock);
}

HilumImageFetcher *
hilum_image_fetcher_new (HilumStore *store,
                         const char *cache_dir,
                         guint64     limit_bytes)
{
  HilumImageFetcher *self;

  g_return_val_if_fail (HILUM_IS_STORE (store), NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  self = g_object_new (HILUM_TYPE_IMAGE_FETCHER, NULL);
  self->store = g_object_ref (store);
  self->cache_dir = g_strdup (cache_dir);
  self->limit = limit_bytes;
  return self;
}

void
hilum_image_fetcher_set_orthanc (HilumImageFetcher *self,
                                 HilumOrthanc      *orthanc)
{
  g_return_if_fail (HILUM_IS_IMAGE_FETCHER (self));
  g_return_if_fail (orthanc == NULL || HILUM_IS_ORTHANC (orthanc));

  g_mutex_lock (&self->lock);
  g_set_object (&self->orthanc, orthanc);
  g_mutex_unlock (&self->lock);
}

gboolean
hilum_image_fetcher_is_online (HilumImageFetcher *self)
{
  gboolean online;

  g_return_val_if_fail (HILUM_IS_IMAGE_FETCHER (self), FALSE);

  g_mutex_lock (&self->lock);
  online = self->orthanc != NULL;
  g_mutex_unlock (&self->lock);
  return online;
}

void
hilum_image_fetcher_set_limit (HilumImageFetcher *self,
                               guint64            limit_bytes)
{
  g_return_if_fail (HILUM_IS_IMAGE_FETCHER (self));

  g_mutex_lock (&self->lock);
  self->limit = limit_bytes;
  g_mutex_unlock (&self->lock);
}

const char *
hilum_image_fetcher_get_cache_dir (HilumImageFetcher *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_FETCHER (self), NULL);

  return self->cache_dir;
}

static gboolean
is_here (HilumImageFetcher *self,
         HilumRemoteImage  *image)
{
  g_autofree char *cached = NULL;

  if (image->file != NULL && g_path_is_absolute (image->file)
      && g_file_test (image->file, G_FILE_TEST_EXISTS))
    return TRUE;
  cached = hilum_store_cache_lookup (self->store, image->sop_uid, NULL);
  if (cached == NULL)
    return FALSE;
  if (g_file_test (cached, G_FILE_TEST_EXISTS))
    return TRUE;
  hilum_store_cache_remove (self->store, image->sop_uid, NULL);
  return FALSE;
}

/* The images of @document not on this computer: GPtrArray of HilumRemoteImage. */
static GPtrArray *
list_missing (HilumImageFetcher *self,
              HilumDocument     *document)
{
  g_autoptr(GPtrArray) images = hilum_remote_images_list (document);
  GPtrArray *missing = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_remote_image_free);

  for (guint i = 0; i < images->len; i++)
    if (!is_here (self, images->pdata[i]))
      g_ptr_array_add (missing, g_ptr_array_steal_index (images, i--));
  return missing;
}

guint
hilum_image_fetcher_count_missing (HilumImageFetcher *self,
                                   HilumDocument     *document)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_val_if_fail (HILUM_IS_IMAGE_FETCHER (self), 0);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), 0);

  missing = list_missing (self, document);
  return missing->len;
}

/* A DICOM image whose series the document does not name: the server's list says. */
static gboolean
find_series (HilumOrthanc  *orthanc,
             GPtrArray     *missing,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonArray) instances = NULL;
  g_autofree char *path = NULL;
  gboolean needed = FALSE;

  for (guint i = 0; i < missing->len; i++)
    needed |= ((HilumRemoteImage *) missing->pdata[i])->series_uid == NULL;
  if (!needed)
    return TRUE;

  path = g_strdup_printf ("studies/%s/instances", ((HilumRemoteImage *) missing->pdata[0])->study_uid);
  if ((instances = hilum_orthanc_qido (orthanc, path, NULL, cancellable, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < missing->len; i++)
    {
      HilumRemoteImage *image = missing->pdata[i];

      for (guint j = 0; image->series_uid == NULL && j < json_array_get_length (instances); j++)
        {
          JsonNode *node = json_array_get_element (instances, j);
          JsonObject *instance = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

          if (instance != NULL && g_strcmp0 (hilum_dicom_json_string (instance, "00080018"), image->sop_uid) == 0)
            image->series_uid = g_strdup (hilum_dicom_json_string (instance, "0020000E"));
        }
    }
  return TRUE;
}

typedef struct
{
  HilumFetchProgress progress;
  gpointer           data;
  guint              done;
  guint              total;
} Progress;

static void
http_progress_cb (guint64  received,
                  guint64  total,
                  gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->progress != NULL)
    progress->progress (progress->done, progress->total, received, total, progress->data);
}

/* A DICOM UID (digits and dots, at most 64) is a safe file name as it is, and the one a
 * person recognises in the slot's title; anything else the server sent is hashed. */
static char *
safe_name (const char *uid)
{
  gsize length = strlen (uid);

  if (length == 0 || length > 64 || uid[0] == '.' || strspn (uid, "0123456789.") != length)
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uid, -1);
  return g_strdup (uid);
}

/* The file an image is kept in, in a folder per study so a study's files are together. */
static char *
cache_path (HilumImageFetcher *self,
            const char        *study_id,
            const char        *sop_uid)
{
  g_autofree char *folder = safe_name (study_id);
  g_autofree char *name = safe_name (sop_uid);
  g_autofree char *file = g_strconcat (name, ".dcm", NULL);

  return g_build_filename (self->cache_dir, folder, file, NULL);
}

static gboolean
keep_file (HilumImageFetcher *self,
           const char        *study_id,
           HilumRemoteImage  *image,
           GBytes            *bytes,
           GError           **error)
{
  g_autofree char *path = cache_path (self, study_id, image->sop_uid);
  g_autofree char *folder = g_path_get_dirname (path);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the image cache folder “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  /* g_file_set_contents writes a temporary file and renames it: whole or not at all. */
  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return hilum_store_cache_add (self->store, image->sop_uid, study_id, path, size, error);
}

guint
hilum_image_fetcher_fetch (HilumImageFetcher  *self,
                           HilumDocument      *document,
                           HilumFetchProgress  progress,
                           gpointer            progress_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(HilumOrthanc) orthanc = NULL;
  Progress state = { progress, progress_data, 0, 0 };
  const char *study_id;

  g_return_val_if_fail (HILUM_IS_IMAGE_FETCHER (self), 0);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), 0);

  study_id = hilum_document_get_study_id (document);
  missing = list_missing (self, document);
  state.total = missing->len;
  if (missing->len == 0)
    return 0;

  g_mutex_lock (&self->lock);
  orthanc = self->orthanc != NULL ? hilum_orthanc_clone (self->orthanc) : NULL;
  g_mutex_unlock (&self->lock);
  if (orthanc == NULL)
    {
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_OFFLINE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u image of this study has never been downloaded, and Hilum is not connected to a server.",
                                "%u images of this study have never been downloaded, and Hilum is not connected to a server.",
                                missing->len),
                   missing->len);
      return 0;
    }

  if (!find_series (orthanc, missing, cancellable, error))
    return 0;

  for (guint i = 0; i < missing->len; i++)
    {
      HilumRemoteImage *image = missing->pdata[i];
      g_autoptr(GBytes) bytes = NULL;

      if (image->series_uid == NULL)
        {
          g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND,
                       _("The server does not have the image “%s” of this study."), image->image_id);
          return state.done;
        }
      if (progress != NULL)
        progress (state.done, state.total, 0, 0, progress_data);
      bytes = hilum_orthanc_retrieve_instance (orthanc, image->study_uid, image->series_uid, image->sop_uid,
                                               http_progress_cb, &state, cancellable, error);
      if (bytes == NULL || !keep_file (self, study_id, image, bytes, error))
        return state.done;
      state.done++;
      if (!hilum_image_fetcher_trim (self, error))
        return state.done;
    }
  if (progress != NULL)
    progress (state.done, state.total, 0, 0, progress_data);
  return state.done;
}

gboolean
hilum_image_fetcher_trim (HilumImageFetcher *self,
                          GError           **error)
{
  g_autoptr(GPtrArray) evicted = NULL;
  guint64 limit;

  g_return_val_if_fail (HILUM_IS_IMAGE_FETCHER (self), FALSE);

  g_mutex_lock (&self->lock);
  limit = self->limit;
  g_mutex_unlock (&self->lock);

  if ((evicted = hilum_store_cache_evict (self->store, limit, error)) == NULL)
    return FALSE;
  /* The rows are gone first: a file left by a crash here is only a stray file. */
  for (guint i = 0; i < evicted->len; i++)
    if (g_unlink (evicted->pdata[i]) != 0 && errno != ENOENT)
      g_debug ("could not delete %s: %s", (const char *) evicted->pdata[i], g_strerror (errno));
  return TRUE;
}

typedef struct
{
  HilumImageFetcher  *self;
  HilumDocument      *document;
  HilumFetchProgress  progress;
  gpointer            progress_data;
  GMainContext       *context;
  GMutex              lock;
  guint               done, total;
  guint64             received, expected;
  gboolean            scheduled;
  gint                ref_count;
} FetchData;

static FetchData *
fetch_data_ref (FetchData *data)
{
  g_atomic_int_inc (&data->ref_count);
  return data;
}

static void
fetch_data_unref (FetchData *data)
{
  if (!g_atomic_int_dec_and_test (&data->ref_count))
    return;
  g_object_unref (data->self);
  g_object_unref (data->document);
  g_main_context_unref (data->context);
  g_mutex_clear (&data->lock);
  g_free (data);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  FetchData *data = user_data;
  guint done, total;
  guint64 received, expected;

  g_mutex_lock (&data->lock);
  done = data->done, total = data->total, received = data->received, expected = data->expected;
  data->scheduled = FALSE;
  g_mutex_unlock (&data->lock);
  data->progress (done, total, received, expected, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: keeps the newest figures and asks the main context once for them. */
static void
worker_progress_cb (guint    done,
                    guint    total,
                    guint64  received,
                    guint64  expected,
                    gpointer user_data)
{
  FetchData *data = user_data;
  gboolean schedule;

  g_mutex_lock (&data->lock);
  data->done = done, data->total = total, data->received = received, data->expected = expected;
  schedule = !data->scheduled;
  data->scheduled = TRUE;
  g_mutex_unlock (&data->lock);
  if (schedule)
    g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                                fetch_data_ref (data), (GDestroyNotify) fetch_data_unref);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  guint done;

  done = hilum_image_fetcher_fetch (data->self, data->document,
                                    data->progress != NULL ? worker_progress_cb : NULL, data,
                                    cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, done);
}

void
hilum_image_fetcher_fetch_async (HilumImageFetcher   *self,
                                 HilumDocument       *document,
                                 HilumFetchProgress   progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (HILUM_IS_IMAGE_FETCHER (self));
  g_return_if_fail (HILUM_IS_DOCUMENT (document));

  data = g_new0 (FetchData, 1);
  data->ref_count = 1;
  data->self = g_object_ref (self);
  data->document = hilum_document_copy (document);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->lock);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_image_fetcher_fetch_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_unref);
  g_task_run_in_thread (task, fetch_thread);
}

gint
hilum_image_fetcher_fetch_finish (HilumImageFetcher  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return (gint) g_task_propagate_int (G_TASK (result), error);
}
