/* test-store-cache.c — the index of downloaded images: lookups, least recently used
 * first out, studies kept available offline never evicted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "hilum-fixtures.h"
#include "hilum-store.h"
#include "hilum-store-cache.h"

typedef struct
{
  char       *dir;
  HilumStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("hilum-store-cache-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "hilum.db", NULL);
  fixture->store = hilum_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  hilum_fixture_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
add (Fixture    *fixture,
     const char *key,
     const char *study_id,
     guint64     size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/cache/%s.dcm", key);

  g_assert_true (hilum_store_cache_add (fixture->store, key, study_id, path, size, &error));
  g_assert_no_error (error);
  /* last_used is in microseconds: keep the order of the calls unambiguous. */
  g_usleep (2);
}

static char *
evict (Fixture *fixture,
       guint64  limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = hilum_store_cache_evict (fixture->store, limit, &error);

  g_assert_no_error (error);
  g_ptr_array_add (paths, NULL);
  return g_strjoinv (" ", (char **)paths->pdata);
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *replaced = NULL;

  add (fixture, "1.2.3", "s1", 1000);
  add (fixture, "1.2.4", "s1", 500);
  add (fixture, "1.2.9", "s2", 250);
  found = hilum_store_cache_lookup (fixture->store, "1.2.3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "/cache/1.2.3.dcm");
  missing = hilum_store_cache_lookup (fixture->store, "9.9", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_cmpuint (hilum_store_cache_count_study (fixture->store, "s1"), ==, 2);
  g_assert_cmpuint (hilum_store_cache_count_study (fixture->store, "s3"), ==, 0);
  g_assert_cmpuint (hilum_store_cache_get_size (fixture->store), ==, 1750);

  /* Downloaded again: one row, the new size. */
  g_assert_true (hilum_store_cache_add (fixture->store, "1.2.3", "s1", "/cache/again.dcm", 800, &error));
  g_assert_cmpuint (hilum_store_cache_get_size (fixture->store), ==, 1550);
  replaced = hilum_store_cache_lookup (fixture->store, "1.2.3", &error);
  g_assert_cmpstr (replaced, ==, "/cache/again.dcm");

  g_assert_true (hilum_store_cache_remove (fixture->store, "1.2.3", &error));
  g_assert_cmpuint (hilum_store_cache_count_study (fixture->store, "s1"), ==, 1);
}

/* Least recently used first: a lookup counts as a use. */
static void
test_evict_lru (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *none = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *looked_up = NULL;

  add (fixture, "a", "s1", 100);
  add (fixture, "b", "s2", 100);
  add (fixture, "c", "s3", 100);
  add (fixture, "d", "s4", 100);

  none = evict (fixture, 400);
  g_assert_cmpstr (none, ==, "");

  /* "a" was used last now: "b" is the oldest. */
  looked_up = hilum_store_cache_lookup (fixture->store, "a", NULL);
  g_usleep (2);
  first = evict (fixture, 300);
  g_assert_cmpstr (first, ==, "/cache/b.dcm");
  g_assert_cmpuint (hilum_store_cache_get_size (fixture->store), ==, 300);

  second = evict (fixture, 150);
  g_assert_cmpstr (second, ==, "/cache/c.dcm /cache/d.dcm");
  g_assert_cmpuint (hilum_store_cache_get_size (fixture->store), ==, 100);
}

/* Keep Available Offline: pinned (even before the images came), never evicted. */
static void
test_pinned (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *evicted = NULL;
  g_autofree char *after_unpin = NULL;

  g_assert_true (hilum_store_cache_set_pinned (fixture->store, "s1", TRUE, &error));
  g_assert_true (hilum_store_cache_set_pinned (fixture->store, "s1", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (hilum_store_cache_is_pinned (fixture->store, "s1"));
  g_assert_false (hilum_store_cache_is_pinned (fixture->store, "s2"));

  add (fixture, "old-pinned", "s1", 300);
  add (fixture, "newer", "s2", 100);
  add (fixture, "newest", "s2", 100);

  /* Even a limit of 0 keeps the pinned study: the cache stays over the limit. */
  evicted = evict (fixture, 0);
  g_assert_cmpstr (evicted, ==, "/cache/newer.dcm /cache/newest.dcm");
  g_assert_cmpuint (hilum_store_cache_get_size (fixture->store), ==, 300);

  g_assert_true (hilum_store_cache_set_pinned (fixture->store, "s1", FALSE, &error));
  g_assert_false (hilum_store_cache_is_pinned (fixture->store, "s1"));
  after_unpin = evict (fixture, 0);
  g_assert_cmpstr (after_unpin, ==, "/cache/old-pinned.dcm");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hilum/store-cache/lookup", Fixture, NULL, fixture_set_up, test_lookup, fixture_tear_down);
  g_test_add ("/hilum/store-cache/evict-lru", Fixture, NULL, fixture_set_up, test_evict_lru, fixture_tear_down);
  g_test_add ("/hilum/store-cache/pinned", Fixture, NULL, fixture_set_up, test_pinned, fixture_tear_down);

  return g_test_run ();
}
