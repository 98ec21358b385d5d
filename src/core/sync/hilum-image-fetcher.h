/* hilum-image-fetcher.h — a server study's images, downloaded on demand into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-document.h"
#include "hilum-orthanc.h"
#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * The images of a study that are not on this computer come by WADO-RS into files under
 * the cache folder ($XDG_CACHE_HOME/hilum/images), indexed by the store
 * (hilum-store-cache.h), which the study loader reads them from. Each file is written
 * whole (to a temporary name, then renamed) before its index row, so a cancelled or
 * broken download leaves nothing half there. After each download the least recently
 * used images go until the cache is within its limit — never a study kept available
 * offline (pinned). Without a connection (set_orthanc NULL) nothing is fetched and the
 * error says so. Thread-safe: each fetch clones the connection.
 */

/* @done images of @total are here, and of the one coming @received of @expected bytes
 * (0: not known). Called on the thread that fetches. */
typedef void (*HilumFetchProgress) (guint    done,
                                    guint    total,
                                    guint64  received,
                                    guint64  expected,
                                    gpointer user_data);

#define HILUM_TYPE_IMAGE_FETCHER (hilum_image_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (HilumImageFetcher, hilum_image_fetcher, HILUM, IMAGE_FETCHER, GObject)

HilumImageFetcher *hilum_image_fetcher_new           (HilumStore         *store,
                                                      const char         *cache_dir,
                                                      guint64             limit_bytes);
/* @orthanc: (nullable) the server, or NULL while offline */
void               hilum_image_fetcher_set_orthanc   (HilumImageFetcher  *self,
                                                      HilumOrthanc       *orthanc);
gboolean           hilum_image_fetcher_is_online     (HilumImageFetcher  *self);
void               hilum_image_fetcher_set_limit     (HilumImageFetcher  *self,
                                                      guint64             limit_bytes);
const char        *hilum_image_fetcher_get_cache_dir (HilumImageFetcher  *self);

/* How many images of @document are neither in their file nor in the cache. */
guint              hilum_image_fetcher_count_missing (HilumImageFetcher  *self,
                                                      HilumDocument      *document);
/* Downloads those images (blocking; a worker thread). The number downloaded. */
guint              hilum_image_fetcher_fetch         (HilumImageFetcher  *self,
                                                      HilumDocument      *document,
                                                      HilumFetchProgress  progress,
                                                      gpointer            progress_data,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/* The same in a worker thread; @progress is called in the caller's main context (the
 * newest figures, never more often than the main loop turns). */
void               hilum_image_fetcher_fetch_async   (HilumImageFetcher  *self,
                                                      HilumDocument      *document,
                                                      HilumFetchProgress  progress,
                                                      gpointer            progress_data,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/* The number downloaded, or -1 with @error set. */
gint               hilum_image_fetcher_fetch_finish  (HilumImageFetcher  *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
/* Drops least recently used images beyond the limit (files and rows). */
gboolean           hilum_image_fetcher_trim          (HilumImageFetcher  *self,
                                                      GError            **error);

G_END_DECLS
