/* hilum-preferences-window.h — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-preset-store.h"

G_BEGIN_DECLS

#define HILUM_TYPE_PREFERENCES_WINDOW (hilum_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (HilumPreferencesWindow, hilum_preferences_window, HILUM, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every row is bound to @settings; the presets group lists and removes @presets. */
HilumPreferencesWindow *hilum_preferences_window_new (GSettings        *settings,
                                                      HilumPresetStore *presets);

G_END_DECLS
