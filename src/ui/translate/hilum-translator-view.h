/* hilum-translator-view.h — the translator's workspace: every ES/EN pair of a study,
 * its flags and verification, and the queue of studies still to translate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-session.h"
#include "hilum-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  HILUM_TRANSLATOR_FILTER_ALL = 0,
  HILUM_TRANSLATOR_FILTER_FLAGGED,
  HILUM_TRANSLATOR_FILTER_UNVERIFIED,
} HilumTranslatorFilter;

#define HILUM_TYPE_TRANSLATOR_VIEW (hilum_translator_view_get_type ())
G_DECLARE_FINAL_TYPE (HilumTranslatorView, hilum_translator_view, HILUM, TRANSLATOR_VIEW, GtkWidget)

GtkWidget   *hilum_translator_view_new              (void);
/* @session may be NULL (no study). */
void         hilum_translator_view_set_session      (HilumTranslatorView  *self,
                                                     HilumSession         *session);
void         hilum_translator_view_set_filter       (HilumTranslatorView  *self,
                                                     HilumTranslatorFilter filter);
/* The pair rows shown, in report order (the filter applied). */
guint        hilum_translator_view_get_n_rows       (HilumTranslatorView  *self);
GtkWidget   *hilum_translator_view_get_row          (HilumTranslatorView  *self,
                                                     guint                 index);
/* (nullable) the current pair */
GtkWidget   *hilum_translator_view_get_selected     (HilumTranslatorView  *self);
/* Moves to the next (@forward) or previous flagged pair; FALSE when there is none. */
gboolean     hilum_translator_view_select_flagged   (HilumTranslatorView  *self,
                                                     gboolean              forward);
/* Both languages of the current pair verified, then the next pair. */
gboolean     hilum_translator_view_accept           (HilumTranslatorView  *self,
                                                     GError              **error);

/* The queue: studies of @workspace's store with a pair not verified or flagged
 * (hilum_workspace_query_translation_queue_async), read again at each call (it changes
 * as one works). "queue-changed" when it is known. */
void         hilum_translator_view_set_workspace    (HilumTranslatorView  *self,
                                                     HilumWorkspace       *workspace);
/* (transfer none) study ids, store title order; NULL while being computed */
GPtrArray   *hilum_translator_view_get_queue        (HilumTranslatorView  *self);
/* Emits "open-study" with the queue's study after the current one; FALSE at the end. */
gboolean     hilum_translator_view_next_study       (HilumTranslatorView  *self);

G_END_DECLS
