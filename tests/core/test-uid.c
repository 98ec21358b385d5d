/* test-uid.c — DICOM UIDs derived from names: the RFC 9562 version-5 UUID of the name
 * as a 2.25 UID, the same on every machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected values are Python's uuid.uuid5 (UUID('5b2f8e4c-1d7a-4f36-9c41-0eb362d89517'),
 * name).int, written once: an independent implementation of the same RFC.
 */
#include <string.h>

#include "hilum-uid.h"

static void
test_known_values (void)
{
  static const struct { const char *name, *uid; } cases[] = {
    { "padchest-gr:study:216840111366964012558082906712009327122",
      "2.25.233875690565404136799286375732569670615" },
    { "a", "2.25.168674754601660732691061491922931125620" },
    { "", "2.25.269256499677971254160264199609101174254" },
    { "año ñandú", "2.25.88583707159966741704086625394551886942" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uid = hilum_uid_from_name (cases[i].name);

      g_assert_cmpstr (uid, ==, cases[i].uid);
    }
}

/* Valid UIDs (digits and dots, ≤ 64 characters, no leading zero in the last component),
 * all different for different names, the same for the same name. */
static void
test_valid_and_distinct (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("study-%u", i);
      char *uid = hilum_uid_from_name (name);
      g_autofree char *again = hilum_uid_from_name (name);

      g_assert_cmpstr (uid, ==, again);
      g_assert_cmpuint (strlen (uid), <=, 64);
      g_assert_true (g_str_has_prefix (uid, "2.25."));
      g_assert_cmpint (uid[5], !=, '0');
      for (const char *p = uid + 5; *p != '\0'; p++)
        g_assert_true (g_ascii_isdigit (*p));
      g_assert_false (g_hash_table_contains (seen, uid));
      g_hash_table_add (seen, uid);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/uid/known-values", test_known_values);
  g_test_add_func ("/hilum/uid/valid-and-distinct", test_valid_and_distinct);

  return g_test_run ();
}
