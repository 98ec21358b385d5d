/* hilum-download-bar.h — images coming from the server: how far, and Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * A bar under the header while a study's images download: what comes ("Downloading
 * 2 images of the study…"), a progress bar and Cancel, which emits "cancel". Hidden
 * while nothing downloads.
 */

#define HILUM_TYPE_DOWNLOAD_BAR (hilum_download_bar_get_type ())
G_DECLARE_FINAL_TYPE (HilumDownloadBar, hilum_download_bar, HILUM, DOWNLOAD_BAR, GtkWidget)

GtkWidget  *hilum_download_bar_new          (void);
/* Shows the bar with @text and no progress yet. */
void        hilum_download_bar_start        (HilumDownloadBar *self,
                                             const char       *text);
void        hilum_download_bar_set_progress (HilumDownloadBar *self,
                                             double            fraction,
                                             const char       *text);
void        hilum_download_bar_finish       (HilumDownloadBar *self);
gboolean    hilum_download_bar_is_active    (HilumDownloadBar *self);
const char *hilum_download_bar_get_text     (HilumDownloadBar *self);
double      hilum_download_bar_get_fraction (HilumDownloadBar *self);
/* (transfer none) for the tests */
GtkWidget  *hilum_download_bar_get_cancel_button (HilumDownloadBar *self);

G_END_DECLS
