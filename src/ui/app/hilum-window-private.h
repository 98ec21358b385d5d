/* hilum-window-private.h — what hilum-window.c and hilum-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-box-layer.h"
#include "hilum-report-panel.h"
#include "hilum-session.h"
#include "hilum-store.h"
#include "hilum-window.h"
#include "hilum-workspace.h"

G_BEGIN_DECLS

/* The layers: one per current image (the prior belongs to another study). */
#define HILUM_N_LAYERS 2

struct _HilumWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  AdwHeaderBar        *header_bar;
  GtkWidget           *sync_indicator;  /* (nullable) once the application syncs */
  AdwFlap             *flap;
  HilumWorklist       *worklist;
  GtkStack            *content_stack;
  GtkPaned            *paned;
  HilumStudyView      *study_view;
  HilumReportPanel    *report_panel;
  GMenu               *recent_section;
  GMenu               *edit_section;

  GSettings           *settings;
  HilumWorkspace      *workspace;      /* the application's (its store is nullable: the
                                        * viewer works without one) */
  HilumSession        *session;        /* of the study shown */
  GSignalGroup        *session_signals;
  HilumBoxLayer       *layers[HILUM_N_LAYERS];
  HilumStudy          *shown_study;
  GSignalGroup        *study_signals;
  GCancellable        *scan_cancellable;
  GCancellable        *build_cancellable;
  GtkFileChooserNative *chooser;
  GtkWindow           *transfer_dialog;
  char                *last_toast;
  char                *pending_prior;   /* --prior: for the study the next scan shows */
  guint                scanning;
  guint                building;
  guint                refresh_id;
  char                *refresh_study;  /* the study whose worklist row waits for refresh_id */
  guint                report_width_set : 1;
  guint                translation_mode : 1;  /* the translator's workspace instead of the images */
  GtkWidget           *translator_view;

  /* downloads of server images (hilum-window-downloads.c) */
  GtkWidget           *download_bar;
  GQueue               download_queue;      /* study ids still to download */
  GCancellable        *download_cancellable; /* the running one; NULL: none runs */
  GHashTable          *download_tried;      /* studies shown whose download was started */
  guint                download_position;
  guint                download_count;
};

void          _hilum_window_toast            (HilumWindow *self,
                                              const char  *message);
void          _hilum_window_choose           (HilumWindow          *self,
                                              GtkFileChooserAction  action);
void          _hilum_window_add_actions      (HilumWindow *self);
void          _hilum_window_update_actions   (HilumWindow *self);
/* The sessions were dropped (the reader changed): the study shown gets a new one. */
void          _hilum_window_reset_sessions   (HilumWindow *self);
/* (nullable) (transfer none) the editing session of @study_id (made and cached when
 * there was none) */
HilumSession *_hilum_window_lookup_session   (HilumWindow *self,
                                              const char  *study_id);
/* Server images: the study shown when some are not here (once each time it is picked),
 * Keep Available Offline for studies (pinned, then downloaded one after another). */
void          _hilum_window_init_downloads   (HilumWindow *self);
void          _hilum_window_clear_downloads  (HilumWindow *self);
void          _hilum_window_download_shown_study (HilumWindow *self,
                                                  HilumStudy  *study);
void          _hilum_window_forget_download  (HilumWindow *self,
                                              const char  *study_id);
void          _hilum_window_cancel_downloads (HilumWindow *self);
void          _hilum_window_keep_offline     (HilumWindow *self,
                                              GPtrArray   *study_ids,
                                              gboolean     keep);
/* Builds the study shown again from its document (its images came). */
void          _hilum_window_rebuild_study    (HilumWindow *self);

/* (transfer none) the application's workspace (or the window's own, without a store) */
HilumWorkspace *hilum_window_get_workspace   (HilumWindow *self);

/* Shows the study's page: its images and report, or the translator's workspace. */
void          _hilum_window_show_content     (HilumWindow *self);

G_END_DECLS
