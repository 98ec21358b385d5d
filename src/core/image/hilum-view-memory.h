/* hilum-view-memory.h — remembering which image the user shows in which slot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_TYPE_VIEW_MEMORY (hilum_view_memory_get_type ())
G_DECLARE_FINAL_TYPE (HilumViewMemory, hilum_view_memory, HILUM, VIEW_MEMORY, GObject)

#define HILUM_VIEW_MEMORY_ERROR (hilum_view_memory_error_quark ())

typedef enum
{
  HILUM_VIEW_MEMORY_ERROR_WRITE,
} HilumViewMemoryError;

GQuark            hilum_view_memory_error_quark (void);

/* The choices live in a key file: @path, or $XDG_DATA_HOME/hilum/views.ini when NULL. */
HilumViewMemory  *hilum_view_memory_new         (const char      *path);
/* (transfer none) one memory at the default path, for the whole process */
HilumViewMemory  *hilum_view_memory_get_default (void);
const char       *hilum_view_memory_get_path    (HilumViewMemory *self);

/* How an image is known across runs: its SOP Instance UID, else its absolute path.
 * (transfer full) */
char             *hilum_view_memory_image_key   (HilumImage      *header);

/* Re-applies the remembered slots of @study (call after scanning). Returns whether
 * a remembered choice was found and applied. */
gboolean          hilum_view_memory_apply       (HilumViewMemory *self,
                                                 HilumStudy      *study);
/* The file of the remembered prior of @study when apply() could not find it among the
 * study's images (a prior the user picked from another folder), else NULL. Read its
 * header off the UI thread and give it to hilum_study_set_prior_image().
 * (transfer full) (nullable) */
char             *hilum_view_memory_get_missing_prior (HilumViewMemory *self,
                                                       HilumStudy      *study);
/* Stores the slots the user chose in @study (hilum_study_get_slot_user_set). */
gboolean          hilum_view_memory_remember    (HilumViewMemory *self,
                                                 HilumStudy      *study,
                                                 GError         **error);
/* Remembers @study after each change the user makes, for as long as both live. */
void              hilum_view_memory_watch       (HilumViewMemory *self,
                                                 HilumStudy      *study);

G_END_DECLS
