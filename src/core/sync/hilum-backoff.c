/* hilum-backoff.c — bounded exponential back-off with jitter, for retries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-backoff"

#include "config.h"

#include "hilum-backoff.h"

void
hilum_backoff_init (HilumBackoff *self,
                    guint         base_ms,
                    guint         max_ms,
                    guint         max_attempts,
                    guint32       seed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (base_ms > 0 && max_ms >= base_ms);

  self->base_ms = base_ms;
  self->max_ms = max_ms;
  self->max_attempts = max_attempts;
  self->attempt = 0;
  self->rand = seed != 0 ? g_rand_new_with_seed (seed) : g_rand_new ();
}

void
hilum_backoff_clear (HilumBackoff *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->rand, g_rand_free);
}

gboolean
hilum_backoff_next (HilumBackoff *self,
                    guint        *delay_ms)
{
  guint64 ceiling;

  g_return_val_if_fail (self != NULL && self->rand != NULL, FALSE);
  g_return_val_if_fail (delay_ms != NULL, FALSE);

  if (self->attempt >= self->max_attempts)
    return FALSE;

  /* base × 2^attempt, computed without overflow: past 2^20 it is over any cap anyway. */
  ceiling = (guint64) self->base_ms << MIN (self->attempt, 20u);
  ceiling = MIN (ceiling, (guint64) self->max_ms);
  self->attempt++;

  *delay_ms = (guint) (ceiling / 2 + g_rand_int_range (self->rand, 0, (gint32) (ceiling - ceiling / 2) + 1));
  return TRUE;
}

void
hilum_backoff_reset (HilumBackoff *self)
{
  g_return_if_fail (self != NULL);

  self->attempt = 0;
}
