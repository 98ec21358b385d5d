/* bench-worklist.c — the worklist at 100,000 studies: bulk insert, open, sort, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates PadChest-GR-like studies (1-6 findings with Spanish and English sentences,
 * 0-3 boxes each, ~1.3 KB of JSON), puts 4,555 of them into a fresh store (the size of
 * the PadChest-GR release) and 100,000 into another, then times — median of 5, each
 * from a freshly opened store — opening, listing everything by title, searching, filtering
 * by status and sorting by update time. Prints figures, asserts nothing about time.
 */
#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-store.h"

#define N_STUDIES 100000
#define N_RELEASE 4555
#define N_REPS 5
#define BATCH 5000

static const char * const sentences[][2] = {
  { "cardiomegalia", "cardiomegaly" },
  { "elongación aórtica", "aortic elongation" },
  { "neumotórax derecho", "right pneumothorax" },
  { "derrame pleural izquierdo", "left pleural effusion" },
  { "nódulo pulmonar en lóbulo superior derecho", "pulmonary nodule in the right upper lobe" },
  { "atelectasia laminar basal", "basal laminar atelectasis" },
  { "pinzamiento del seno costofrénico", "costophrenic angle blunting" },
  { "cifosis dorsal", "dorsal kyphosis" },
  { "aumento de densidad hiliar bilateral", "bilateral hilar enlargement" },
  { "patrón intersticial difuso", "diffuse interstitial pattern" },
  { "consolidación en língula", "lingular consolidation" },
  { "marcapasos con electrodos en cavidades derechas", "pacemaker with leads in the right chambers" },
  { "sonda nasogástrica", "nasogastric tube" },
  { "catéter venoso central", "central venous catheter" },
  { "cambios postquirúrgicos de esternotomía", "postsurgical changes of sternotomy" },
  { "granuloma calcificado", "calcified granuloma" },
  { "escoliosis", "scoliosis" },
  { "hernia de hiato", "hiatal hernia" },
  { "no se observan hallazgos patológicos", "no pathological findings" },
  { "sin signos de derrame pleural", "no signs of pleural effusion" },
};

static const char * const statuses[] = { "new", "in_progress", "annotated", "reviewed" };

static char *
make_json (GRand *rand,
           guint  n)
{
  GString *s = g_string_new (NULL);
  guint n_findings = g_rand_int_range (rand, 1, 7);

  g_string_append_printf (s,
                          "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"%u%08u\","
                          "\"study_date\":\"20%02u%02u%02u\",\"status\":\"%s\",\"indication\":\"\","
                          "\"source\":{\"dataset\":\"padchest-gr\",\"split\":\"train\",\"extra\":{}}},"
                          "\"images\":[{\"image_id\":\"%u_frontal.png\",\"role\":\"current_frontal\","
                          "\"width\":2048,\"height\":2048}],"
                          "\"readers\":[{\"reader_id\":\"r1\",\"name\":\"R1\",\"role\":\"reader\","
                          "\"source_slot\":\"boxes\"}],\"findings\":[",
                          g_rand_int_range (rand, 100, 999), n,
                          g_rand_int_range (rand, 9, 18), g_rand_int_range (rand, 1, 13),
                          g_rand_int_range (rand, 1, 29),
                          statuses[g_rand_int_range (rand, 0, 4)], n);
  for (guint i = 0; i < n_findings; i++)
    {
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences));
      guint n_boxes = g_rand_int_range (rand, 0, 4);

      g_string_append_printf (s,
                              "%s{\"finding_id\":\"f-%u-%u\",\"polarity\":\"%s\","
                              "\"text\":{\"en\":\"%s\",\"es\":\"%s\"},\"labels\":[\"%s\"],"
                              "\"locations\":[],\"progression\":null,\"annotations\":["
                              "{\"reader_id\":\"r1\",\"image_id\":\"%u_frontal.png\","
                              "\"status\":\"boxed\",\"boxes\":[",
                              i > 0 ? "," : "", n, i, k >= 18 ? "negative" : "positive",
                              sentences[k][1], sentences[k][0], sentences[k][1], n);
      for (guint j = 0; j < n_boxes; j++)
        g_string_append_printf (s, "%s{\"box_id\":\"b-%u-%u-%u\",\"xyxy_norm\":[0.%03u,0.%03u,0.%03u,0.%03u]}",
                                j > 0 ? "," : "", n, i, j,
                                g_rand_int_range (rand, 0, 500), g_rand_int_range (rand, 0, 500),
                                g_rand_int_range (rand, 500, 1000), g_rand_int_range (rand, 500, 1000));
      g_string_append (s, "]}]}");
    }
  g_string_append (s, "]}");

  return g_string_free (s, FALSE);
}

static GPtrArray *
make_documents (GRand *rand,
                guint  first,
                guint  n,
                gsize *json_bytes)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = make_json (rand, first + i);
      g_autoptr(GError) error = NULL;
      HilumDocument *document = hilum_document_new_from_string (json, -1, &error);

      g_assert_no_error (error);
      *json_bytes += strlen (json);
      g_ptr_array_add (documents, document);
    }

  return documents;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, N_REPS, sizeof (double), compare_doubles);
  return values[N_REPS / 2];
}

typedef struct
{
  const char       *label;
  const char       *search;
  int               status;
  HilumWorklistSort sort;
  gboolean          descending;
  double            ms[N_REPS];
  guint             rows;
} Query;

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("hilum-bench-worklist-XXXXXX", NULL);
  g_autofree char *release_path = g_build_filename (dir, "release.db", NULL);
  g_autofree char *path = g_build_filename (dir, "hilum.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20170316);
  g_autoptr(GError) error = NULL;
  Query queries[] = {
    { "all, by title", NULL, -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "all, by title, descending", NULL, -1, HILUM_WORKLIST_SORT_TITLE, TRUE },
    { "all, by study id", NULL, -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE },
    { "all, by updated", NULL, -1, HILUM_WORKLIST_SORT_UPDATED, TRUE },
    { "all, by date", NULL, -1, HILUM_WORKLIST_SORT_DATE, FALSE },
    { "status = annotated, by title", NULL, HILUM_STUDY_STATUS_ANNOTATED, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"neumotorax\"", "neumotorax", -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"Neumotórax derecho\"", "Neumotórax derecho", -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"cardio\", by updated", "cardio", -1, HILUM_WORKLIST_SORT_UPDATED, TRUE },
    { "search a study id", "00004242", -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"xyzzy\" (no match)", "xyzzy", -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"al\" (2 letters)", "al", -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"y\" (1 letter)", "y", -1, HILUM_WORKLIST_SORT_TITLE, FALSE },
    { "search \"hernia\" + status new", "hernia", HILUM_STUDY_STATUS_NEW, HILUM_WORKLIST_SORT_TITLE, FALSE },
  };
  double open_ms[N_REPS], open_filter_ms[N_REPS];
  gsize json_bytes = 0;
  gint64 t0, t_generate = 0, t_put = 0;
  GStatBuf st;

  /* The release: 4,555 studies into an empty store. */
  {
    g_autoptr(GPtrArray) documents = make_documents (rand, 0, N_RELEASE, &json_bytes);
    g_autoptr(HilumStore) store = hilum_store_open (release_path, &error);

    g_assert_no_error (error);
    t0 = g_get_monotonic_time ();
    g_assert_true (hilum_store_put_documents (store, documents, NULL, NULL, &error));
    g_assert_no_error (error);
    g_print ("put_documents, %u studies (%.1f MB of JSON): %.0f ms\n", N_RELEASE,
             json_bytes / 1e6, (g_get_monotonic_time () - t0) / 1e3);
  }

  /* 100,000 studies, in import-sized batches. */
  json_bytes = 0;
  {
    g_autoptr(HilumStore) store = hilum_store_open (path, &error);

    g_assert_no_error (error);
    for (guint first = 0; first < N_STUDIES; first += BATCH)
      {
        g_autoptr(GPtrArray) documents = NULL;

        t0 = g_get_monotonic_time ();
        documents = make_documents (rand, first, BATCH, &json_bytes);
        t_generate += g_get_monotonic_time () - t0;
        t0 = g_get_monotonic_time ();
        g_assert_true (hilum_store_put_documents (store, documents, NULL, NULL, &error));
        g_assert_no_error (error);
        t_put += g_get_monotonic_time () - t0;
      }
    g_assert_cmpuint (hilum_store_count_studies (store), ==, N_STUDIES);
  }
  g_stat (path, &st);
  g_print ("put_documents, %u studies (%.0f MB of JSON) in batches of %u: %.1f s "
           "(generating them: %.1f s); store file %.0f MB\n",
           N_STUDIES, json_bytes / 1e6, BATCH, t_put / 1e6, t_generate / 1e6, st.st_size / 1e6);

  for (guint rep = 0; rep < N_REPS; rep++)
    {
      g_autoptr(HilumStore) store = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      t0 = g_get_monotonic_time ();
      store = hilum_store_open (path, &error);
      g_assert_no_error (error);
      open_ms[rep] = (g_get_monotonic_time () - t0) / 1e3;
      rows = hilum_store_query_worklist (store, "neumotorax", -1, HILUM_WORKLIST_SORT_TITLE, FALSE, &error);
      g_assert_no_error (error);
      open_filter_ms[rep] = (g_get_monotonic_time () - t0) / 1e3;
      g_clear_object (&store);

      /* Each query on a freshly opened store: no statement or page cached by us. */
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_clear_pointer (&rows, g_ptr_array_unref);
          store = hilum_store_open (path, &error);
          g_assert_no_error (error);
          t0 = g_get_monotonic_time ();
          rows = hilum_store_query_worklist (store, queries[q].search, queries[q].status,
                                             queries[q].sort, queries[q].descending, &error);
          g_assert_no_error (error);
          queries[q].ms[rep] = (g_get_monotonic_time () - t0) / 1e3;
          queries[q].rows = rows->len;
          g_clear_object (&store);
        }
    }

  g_print ("\nWorklist at %u studies, median of %u (ms):\n", N_STUDIES, N_REPS);
  g_print ("  %-40s %8.1f\n", "open the store", median (open_ms));
  g_print ("  %-40s %8.1f\n", "open + search \"neumotorax\"", median (open_filter_ms));
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    g_print ("  %-40s %8.1f   (%u rows)\n", queries[q].label, median (queries[q].ms), queries[q].rows);

  remove_dir (dir);
  return 0;
}
