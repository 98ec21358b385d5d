/* test-backoff.c — retries wait longer each time, within bounds, with jitter, and stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hilum-backoff.h"

static void
test_bounds (void)
{
  HilumBackoff backoff;
  guint delay = 0;
  guint expected_ceiling[] = { 100, 200, 400, 800, 1600, 3200, 5000, 5000 };

  hilum_backoff_init (&backoff, 100, 5000, G_N_ELEMENTS (expected_ceiling), 42);
  for (guint i = 0; i < G_N_ELEMENTS (expected_ceiling); i++)
    {
      g_assert_true (hilum_backoff_next (&backoff, &delay));
      g_assert_cmpuint (delay, >=, expected_ceiling[i] / 2);
      g_assert_cmpuint (delay, <=, expected_ceiling[i]);
    }
  /* Used up: the error is reported now. */
  g_assert_false (hilum_backoff_next (&backoff, &delay));

  hilum_backoff_reset (&backoff);
  g_assert_true (hilum_backoff_next (&backoff, &delay));
  g_assert_cmpuint (delay, <=, 100);
  hilum_backoff_clear (&backoff);
}

/* Twenty clients failing together do not all come back at the same moment. */
static void
test_jitter (void)
{
  g_autoptr(GHashTable) delays = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint client = 1; client <= 20; client++)
    {
      HilumBackoff backoff;
      guint delay = 0;

      hilum_backoff_init (&backoff, 1000, 60000, 5, client);
      for (guint i = 0; i < 4; i++)
        g_assert_true (hilum_backoff_next (&backoff, &delay));
      g_assert_cmpuint (delay, >=, 4000);
      g_assert_cmpuint (delay, <=, 8000);
      g_hash_table_add (delays, GUINT_TO_POINTER (delay));
      hilum_backoff_clear (&backoff);
    }
  g_assert_cmpuint (g_hash_table_size (delays), >=, 15);
}

/* A huge number of attempts never overflows the ceiling. */
static void
test_no_overflow (void)
{
  HilumBackoff backoff;
  guint delay = 0;

  hilum_backoff_init (&backoff, 250, 30000, 100, 7);
  for (guint i = 0; i < 100; i++)
    {
      g_assert_true (hilum_backoff_next (&backoff, &delay));
      g_assert_cmpuint (delay, <=, 30000);
    }
  g_assert_cmpuint (delay, >=, 15000);
  hilum_backoff_clear (&backoff);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/backoff/bounds", test_bounds);
  g_test_add_func ("/hilum/backoff/jitter", test_jitter);
  g_test_add_func ("/hilum/backoff/no-overflow", test_no_overflow);

  return g_test_run ();
}
