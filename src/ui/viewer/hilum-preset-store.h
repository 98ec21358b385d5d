/* hilum-preset-store.h — the user's own window/level presets, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HILUM_TYPE_PRESET_STORE (hilum_preset_store_get_type ())
G_DECLARE_FINAL_TYPE (HilumPresetStore, hilum_preset_store, HILUM, PRESET_STORE, GObject)

/* Presets are (name, window center, window width) in the image's modality values,
 * stored in the "user-presets" key (a(sdd)). The "changed" signal is emitted whenever
 * the list changes, also when another window or process changes the key. */
HilumPresetStore *hilum_preset_store_new          (GSettings         *settings);
guint             hilum_preset_store_get_n_presets (HilumPresetStore *self);
/* Returns FALSE when @index is out of range. @name is valid until the next change. */
gboolean          hilum_preset_store_get_preset   (HilumPresetStore  *self,
                                                   guint              index,
                                                   const char       **name,
                                                   double            *center,
                                                   double            *width);
/* Adds a preset, or replaces the one with the same name. */
void              hilum_preset_store_add          (HilumPresetStore  *self,
                                                   const char        *name,
                                                   double             center,
                                                   double             width);
void              hilum_preset_store_remove       (HilumPresetStore  *self,
                                                   guint              index);

G_END_DECLS
