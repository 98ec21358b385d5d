/* hilum-server-page.h — Preferences → Server: where to sync, and with whose password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-sync-service.h"

G_BEGIN_DECLS

#define HILUM_TYPE_SERVER_PAGE (hilum_server_page_get_type ())
G_DECLARE_FINAL_TYPE (HilumServerPage, hilum_server_page, HILUM, SERVER_PAGE, AdwPreferencesPage)

/* @service (nullable: no store, nothing to sync) is what Connect and Disconnect set. */
GtkWidget *hilum_server_page_new              (GSettings        *settings,
                                               HilumSyncService *service);
/* What the last Test Connection or Connect answered (nullable). */
const char *hilum_server_page_get_result      (HilumServerPage  *self);
/* "answered" is emitted when Test Connection, Connect or Disconnect has answered. */

G_END_DECLS
