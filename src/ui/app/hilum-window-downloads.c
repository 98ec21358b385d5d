/* hilum-window-downloads.c — the window's downloads of server images: the study shown
 * (once per time it is picked), and those kept available offline, one after another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-application.h"
#include "hilum-download-bar.h"
#include "hilum-image-fetcher.h"
#include "hilum-store-cache.h"
#include "hilum-window-private.h"
#include "hilum-worklist-item.h"

static HilumImageFetcher *
window_fetcher (HilumWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  HilumSyncService *service = HILUM_IS_APPLICATION (app)
                              ? hilum_application_get_sync_service (HILUM_APPLICATION (app)) : NULL;

  return service != NULL ? hilum_sync_service_get_image_fetcher (service) : NULL;
}

/* The window may be gone when a progress report or the end arrives. */
typedef struct
{
  GWeakRef  window;
  char     *study_id;
  guint     position;   /* in the queue's run: 1 … */
  guint     count;
} Download;

static void
download_free (Download *download)
{
  g_weak_ref_clear (&download->window);
  g_free (download->study_id);
  g_free (download);
}

static void download_next (HilumWindow *self);

static char *
download_text (Download *download,
               guint     done,
               guint     total)
{
  if (download->count > 1)
    /* TRANSLATORS: "Downloading study 3 of 12 from the server: image 1 of 2" */
    return g_strdup_printf (_("Downloading study %u of %u from the server: image %u of %u"),
                            download->position, download->count, MIN (done + 1, total), total);
  /* TRANSLATORS: "Downloading the study's images from the server: 1 of 2" */
  return g_strdup_printf (_("Downloading the study’s images from the server: %u of %u"),
                          MIN (done + 1, total), total);
}

static void
progress_cb (guint    done,
             guint    total,
             guint64  received,
             guint64  expected,
             gpointer user_data)
{
  Download *download = user_data;
  g_autoptr(HilumWindow) self = g_weak_ref_get (&download->window);
  g_autofree char *text = NULL;
  double image_part;

  if (self == NULL || total == 0)
    return;
  image_part = expected > 0 ? (double) received / (double) expected : 0.0;
  text = download_text (download, done, total);
  hilum_download_bar_set_progress (HILUM_DOWNLOAD_BAR (self->download_bar),
                                   (done + MIN (image_part, 1.0)) / total, text);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(HilumWindow) self = g_weak_ref_get (&download->window);
  g_autoptr(GError) error = NULL;
  gint done = hilum_image_fetcher_fetch_finish (HILUM_IMAGE_FETCHER (source), result, &error);

  if (self == NULL)
    {
      download_free (download);
      return;
    }
  g_clear_object (&self->download_cancellable);

  if (error != NULL && g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      /* Cancel stops the whole queue: the person wants the network back. */
      g_queue_clear_full (&self->download_queue, g_free);
      _hilum_window_toast (self, _("Download cancelled. What came whole is kept."));
    }
  else if (error != NULL)
    _hilum_window_toast (self, error->message);

  /* The study shown, with its images now: built again from the cache. */
  if (done > 0 && g_strcmp0 (download->study_id, hilum_worklist_get_selected_id (self->worklist)) == 0)
    _hilum_window_rebuild_study (self);

  download_free (download);
  download_next (self);
}

static void
download_next (HilumWindow *self)
{
  HilumImageFetcher *fetcher = window_fetcher (self);
  HilumStore *store = hilum_window_get_store (self);

  while (self->download_cancellable == NULL && fetcher != NULL && store != NULL)
    {
      g_autofree char *study_id = g_queue_pop_head (&self->download_queue);
      g_autoptr(HilumDocument) document = NULL;
      g_autofree char *text = NULL;
      Download *download;

      if (study_id == NULL)
        break;
      self->download_position++;
      document = hilum_store_get_document (store, study_id, NULL);
      if (document == NULL || hilum_image_fetcher_count_missing (fetcher, document) == 0)
        continue;

      download = g_new0 (Download, 1);
      g_weak_ref_init (&download->window, self);
      download->study_id = g_strdup (study_id);
      download->position = self->download_position;
      download->count = self->download_count;
      text = download_text (download, 0, hilum_image_fetcher_count_missing (fetcher, document));
      hilum_download_bar_start (HILUM_DOWNLOAD_BAR (self->download_bar), text);
      self->download_cancellable = g_cancellable_new ();
      hilum_image_fetcher_fetch_async (fetcher, document, progress_cb, download,
                                       self->download_cancellable, fetch_cb, download);
      return;
    }

  if (self->download_cancellable == NULL)
    {
      hilum_download_bar_finish (HILUM_DOWNLOAD_BAR (self->download_bar));
      self->download_position = self->download_count = 0;
    }
}

static void
queue_study (HilumWindow *self,
             const char  *study_id,
             gboolean     first)
{
  for (GList *l = self->download_queue.head; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, study_id) == 0)
      return;
  if (first)
    g_queue_push_head (&self->download_queue, g_strdup (study_id));
  else
    g_queue_push_tail (&self->download_queue, g_strdup (study_id));
  self->download_count++;
}

void
_hilum_window_download_shown_study (HilumWindow *self,
                                    HilumStudy  *study)
{
  HilumImageFetcher *fetcher = window_fetcher (self);

  if (study == NULL || hilum_study_count_unavailable (study) == 0 || fetcher == NULL
      || !hilum_image_fetcher_is_online (fetcher))
    return;
  /* Once per time it is picked: a failed download is not tried over and over. */
  if (!g_hash_table_add (self->download_tried, g_strdup (hilum_study_get_id (study))))
    return;
  queue_study (self, hilum_study_get_id (study), TRUE);
  download_next (self);
}

void
_hilum_window_forget_download (HilumWindow *self,
                               const char  *study_id)
{
  if (study_id != NULL)
    g_hash_table_remove (self->download_tried, study_id);
}

void
_hilum_window_cancel_downloads (HilumWindow *self)
{
  g_queue_clear_full (&self->download_queue, g_free);
  if (self->download_cancellable != NULL)
    g_cancellable_cancel (self->download_cancellable);
}

void
_hilum_window_keep_offline (HilumWindow *self,
                            GPtrArray   *study_ids,
                            gboolean     keep)
{
  HilumImageFetcher *fetcher = window_fetcher (self);
  HilumStore *store = hilum_window_get_store (self);
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  for (guint i = 0; i < study_ids->len; i++)
    if (!hilum_store_cache_set_pinned (store, study_ids->pdata[i], keep, &error))
      {
        _hilum_window_toast (self, error->message);
        return;
      }
  if (!keep)
    return;
  if (fetcher == NULL || !hilum_image_fetcher_is_online (fetcher))
    {
      _hilum_window_toast (self, _("Kept available offline: the images download once Hilum is connected to a server."));
      return;
    }
  for (guint i = 0; i < study_ids->len; i++)
    queue_study (self, study_ids->pdata[i], FALSE);
  download_next (self);
}

void
_hilum_window_init_downloads (HilumWindow *self)
{
  g_queue_init (&self->download_queue);
  self->download_tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_swapped (self->download_bar, "cancel", G_CALLBACK (_hilum_window_cancel_downloads), self);
}

void
_hilum_window_clear_downloads (HilumWindow *self)
{
  _hilum_window_cancel_downloads (self);
  g_clear_object (&self->download_cancellable);
  g_clear_pointer (&self->download_tried, g_hash_table_unref);
}
