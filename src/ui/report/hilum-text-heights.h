/* hilum-text-heights.h — keeps wrapped sentence fields as tall as their text (GTK 4.8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GtkTextView (GTK 4.8) asks for the height of the lines it had at its last width and
 * does not ask again once a new width wraps them differently: a sentence would show
 * cut. After a change of width or text, the owner re-measures its fields for a few
 * frames, until they ask for what they have. Embed one in the owner's instance struct;
 * it needs no initialisation beyond zeroing. */
typedef struct
{
  GtkWidget   *owner;
  GtkTextView *views[2];
  guint        tick;
  guint        quiet_frames;
} HilumTextHeights;

void hilum_text_heights_watch (HilumTextHeights *self,
                               GtkWidget        *owner,
                               GtkTextView      *first,
                               GtkTextView      *second);
/* Call from the owner's dispose. */
void hilum_text_heights_stop  (HilumTextHeights *self);

G_END_DECLS
