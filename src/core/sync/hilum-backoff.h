/* hilum-backoff.h — bounded exponential back-off with jitter, for retries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * After a network error, a 5xx or a 429 the engine waits before it tries again: the
 * ceiling doubles from @base_ms up to @max_ms, and each wait is drawn at random from the
 * upper half of the ceiling ("equal jitter"), so twenty clients that failed together do
 * not come back together. After @max_attempts waits the error is reported instead.
 */
typedef struct
{
  guint   base_ms;
  guint   max_ms;
  guint   max_attempts;
  guint   attempt;      /* waits handed out so far */
  GRand  *rand;
} HilumBackoff;

/* @seed 0 seeds from the clock (tests pass a fixed one). */
void      hilum_backoff_init   (HilumBackoff *self,
                                guint         base_ms,
                                guint         max_ms,
                                guint         max_attempts,
                                guint32       seed);
void      hilum_backoff_clear  (HilumBackoff *self);
/* The next wait in @delay_ms, or FALSE when the attempts are used up. */
gboolean  hilum_backoff_next   (HilumBackoff *self,
                                guint        *delay_ms);
/* A request went through: the next failure starts from @base_ms again. */
void      hilum_backoff_reset  (HilumBackoff *self);

G_END_DECLS
