/* hilum-store-cache.h — the index of images downloaded from a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * Images fetched by WADO-RS live as files under $XDG_CACHE_HOME/hilum/; this index says
 * which file holds which image (keyed by SOP Instance UID), to which study it belongs,
 * how big it is and when it was last used. The cache has a size limit: the least
 * recently used images go first — never those of a study kept available offline
 * (pinned), which may be pinned before its images arrive. The index never deletes
 * files itself: eviction returns the paths to delete, so a file is only gone once its
 * row is (a crash in between leaves a stray file, never a row without its file).
 */

/* Records (or replaces) the file of @key; it counts as just used. */
gboolean       hilum_store_cache_add            (HilumStore  *self,
                                                 const char  *key,
                                                 const char  *study_id,
                                                 const char  *path,
                                                 guint64      size,
                                                 GError     **error);
/* (nullable) (transfer full) the file of @key, marked as just used; NULL when the image
 * is not cached (no error then). */
char          *hilum_store_cache_lookup         (HilumStore  *self,
                                                 const char  *key,
                                                 GError     **error);
/* Forgets @key (its file was found missing or damaged). */
gboolean       hilum_store_cache_remove         (HilumStore  *self,
                                                 const char  *key,
                                                 GError     **error);
/* The number of cached images of @study_id. */
guint          hilum_store_cache_count_study    (HilumStore  *self,
                                                 const char  *study_id);
/* The bytes of every cached image. */
guint64        hilum_store_cache_get_size       (HilumStore  *self);

/* Keep Available Offline: a pinned study's images are never evicted. */
gboolean       hilum_store_cache_set_pinned     (HilumStore  *self,
                                                 const char  *study_id,
                                                 gboolean     pinned,
                                                 GError     **error);
gboolean       hilum_store_cache_is_pinned      (HilumStore  *self,
                                                 const char  *study_id);

/* Drops least recently used, unpinned images from the index until the cache holds at
 * most @limit bytes (pinned images count but are kept, so it may stay above). Returns
 * the paths whose rows were dropped, oldest first: the caller deletes those files. */
GPtrArray     *hilum_store_cache_evict          (HilumStore  *self,
                                                 guint64      limit,
                                                 GError     **error);

G_END_DECLS
