/* hilum-download-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-download-bar"

#include "config.h"

#include "hilum-download-bar.h"

struct _HilumDownloadBar
{
  GtkWidget       parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress;
  GtkWidget      *cancel_button;
};

G_DEFINE_FINAL_TYPE (HilumDownloadBar, hilum_download_bar, GTK_TYPE_WIDGET)

enum {
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cancel_clicked_cb (HilumDownloadBar *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
hilum_download_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HILUM_TYPE_DOWNLOAD_BAR);

  G_OBJECT_CLASS (hilum_download_bar_parent_class)->dispose (object);
}

static void
hilum_download_bar_class_init (HilumDownloadBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_download_bar_dispose;

  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hilum/Hilum/hilum-download-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumDownloadBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, HilumDownloadBar, label);
  gtk_widget_class_bind_template_child (widget_class, HilumDownloadBar, progress);
  gtk_widget_class_bind_template_child (widget_class, HilumDownloadBar, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "downloadbar");
}

static void
hilum_download_bar_init (HilumDownloadBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hilum_download_bar_new (void)
{
  return g_object_new (HILUM_TYPE_DOWNLOAD_BAR, NULL);
}

void
hilum_download_bar_start (HilumDownloadBar *self,
                          const char       *text)
{
  g_return_if_fail (HILUM_IS_DOWNLOAD_BAR (self));

  gtk_label_set_label (self->label, text);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
hilum_download_bar_set_progress (HilumDownloadBar *self,
                                 double            fraction,
                                 const char       *text)
{
  g_return_if_fail (HILUM_IS_DOWNLOAD_BAR (self));

  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
  if (text != NULL)
    gtk_label_set_label (self->label, text);
}

void
hilum_download_bar_finish (HilumDownloadBar *self)
{
  g_return_if_fail (HILUM_IS_DOWNLOAD_BAR (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
hilum_download_bar_is_active (HilumDownloadBar *self)
{
  g_return_val_if_fail (HILUM_IS_DOWNLOAD_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
hilum_download_bar_get_text (HilumDownloadBar *self)
{
  g_return_val_if_fail (HILUM_IS_DOWNLOAD_BAR (self), NULL);

  return gtk_label_get_label (self->label);
}

double
hilum_download_bar_get_fraction (HilumDownloadBar *self)
{
  g_return_val_if_fail (HILUM_IS_DOWNLOAD_BAR (self), 0.0);

  return gtk_progress_bar_get_fraction (self->progress);
}

GtkWidget *
hilum_download_bar_get_cancel_button (HilumDownloadBar *self)
{
  g_return_val_if_fail (HILUM_IS_DOWNLOAD_BAR (self), NULL);

  return self->cancel_button;
}
