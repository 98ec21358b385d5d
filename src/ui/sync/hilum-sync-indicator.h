/* hilum-sync-indicator.h — the header's sync state: synced, pending, offline, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-sync-service.h"

G_BEGIN_DECLS

#define HILUM_TYPE_SYNC_INDICATOR (hilum_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (HilumSyncIndicator, hilum_sync_indicator, HILUM, SYNC_INDICATOR, GtkWidget)

GtkWidget        *hilum_sync_indicator_new         (HilumSyncService   *service);
/* The short text the button shows now ("Synced", "3 pending" …). */
const char       *hilum_sync_indicator_get_label   (HilumSyncIndicator *self);

G_END_DECLS
