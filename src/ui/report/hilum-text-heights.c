/* hilum-text-heights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-text-heights"

#include "hilum-text-heights.h"

static gboolean
heights_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  HilumTextHeights *self = user_data;
  gboolean stale = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (self->views); i++)
    {
      GtkWidget *view = GTK_WIDGET (self->views[i]);
      int minimum;

      if (view == NULL || gtk_widget_get_width (view) <= 0)
        continue;
      gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (view),
                          &minimum, NULL, NULL, NULL);
      if (minimum != gtk_widget_get_height (view))
        {
          gtk_widget_queue_resize (view);
          stale = TRUE;
        }
    }

  /* Two quiet frames in a row: the text views have validated their lines. */
  if (stale)
    self->quiet_frames = 0;
  if (!stale && ++self->quiet_frames >= 2)
    {
      self->tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
hilum_text_heights_watch (HilumTextHeights *self,
                          GtkWidget        *owner,
                          GtkTextView      *first,
                          GtkTextView      *second)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_WIDGET (owner));

  self->owner = owner;
  self->views[0] = first;
  self->views[1] = second;
  self->quiet_frames = 0;
  if (self->tick == 0)
    self->tick = gtk_widget_add_tick_callback (owner, heights_tick_cb, self, NULL);
}

void
hilum_text_heights_stop (HilumTextHeights *self)
{
  g_return_if_fail (self != NULL);

  if (self->tick != 0)
    {
      gtk_widget_remove_tick_callback (self->owner, self->tick);
      self->tick = 0;
    }
}
