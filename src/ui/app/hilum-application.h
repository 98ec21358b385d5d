/* hilum-application.h — the application: settings, actions and windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-preset-store.h"
#include "hilum-store.h"
#include "hilum-sync-service.h"
#include "hilum-workspace.h"

G_BEGIN_DECLS

/* The settings schema; the same for the .Devel application id. */

#define HILUM_TYPE_APPLICATION (hilum_application_get_type ())
G_DECLARE_FINAL_TYPE (HilumApplication, hilum_application, HILUM, APPLICATION, AdwApplication)

HilumApplication *hilum_application_new              (void);
/* (transfer none) the "io.github.hilum.Hilum" settings shared by every window */
GSettings        *hilum_application_get_settings     (HilumApplication *self);
/* (transfer none) the user's window/level presets */
HilumPresetStore *hilum_application_get_preset_store (HilumApplication *self);
/* (nullable) (transfer none) the user's store, opened at startup; NULL when it could not
 * be opened (the viewer then works without annotations) */
HilumStore       *hilum_application_get_store        (HilumApplication *self);
/* (nullable) (transfer none) the application's state: store, sessions, background work;
 * made at startup */
HilumWorkspace   *hilum_application_get_workspace    (HilumApplication *self);
/* (nullable) Sync with the server of the settings; NULL without a store. */
HilumSyncService *hilum_application_get_sync_service (HilumApplication *self);
/* (nullable) why the store could not be opened */
const GError     *hilum_application_get_store_error  (HilumApplication *self);

G_END_DECLS
