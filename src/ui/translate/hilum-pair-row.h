/* hilum-pair-row.h — one finding's Spanish/English pair in the translator's workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-session.h"

G_BEGIN_DECLS

#define HILUM_TYPE_PAIR_ROW (hilum_pair_row_get_type ())
G_DECLARE_FINAL_TYPE (HilumPairRow, hilum_pair_row, HILUM, PAIR_ROW, GtkWidget)

/* @index: the finding's 0-based position in report order (its number and colour). */
GtkWidget   *hilum_pair_row_new            (HilumSession *session,
                                            const char   *finding_id,
                                            guint         index);
const char  *hilum_pair_row_get_finding_id (HilumPairRow *self);
/* Shows what the document says now and checks the pair again. */
void         hilum_pair_row_sync           (HilumPairRow *self,
                                            guint         index);
guint        hilum_pair_row_get_n_flags    (HilumPairRow *self);
/* (transfer none) the flag ids shown, in order ("side-mismatch" …) */
GPtrArray   *hilum_pair_row_get_flags      (HilumPairRow *self);
/* @lang: "es" or "en" */
gboolean     hilum_pair_row_is_verified    (HilumPairRow *self,
                                            const char   *lang);
/* Marks @lang verified by the session's reader now (or back to draft). */
gboolean     hilum_pair_row_set_verified   (HilumPairRow *self,
                                            const char   *lang,
                                            gboolean      verified,
                                            GError      **error);
GtkTextView *hilum_pair_row_get_text_view  (HilumPairRow *self,
                                            const char   *lang);
/* (transfer none) "Verified by Ana, 24 Nov 14:02", or "" */
const char  *hilum_pair_row_get_verified_text (HilumPairRow *self,
                                               const char   *lang);
void         hilum_pair_row_set_selected   (HilumPairRow *self,
                                            gboolean      selected);

G_END_DECLS
