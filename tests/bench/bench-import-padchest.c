/* bench-import-padchest.c — importing a PadChest-GR-sized file into a store
 *
 * Generates a release-sized grounded_reports file (4,555 studies, 7,037 positive and 3,422
 * negative findings, ~6 MB, boxes with 8 decimals, 39-digit ids) and times: parse + building
 * the documents, the store's bulk put, and the export back (checked equal to the input).
 * Prints figures; asserts no times (issue #3 asks ≤ 5 s for the import).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-format.h"
#include "hilum-json-number.h"
#include "hilum-store.h"

#define N_STUDIES   4555
#define N_POSITIVE  7037
#define N_NEGATIVE  3422

static const char * const labels[] = { "pleural effusion", "cardiomegaly", "atelectasis",
                                       "nodule", "pneumonia", "scoliosis", "aortic elongation" };
static const char * const locations[] = { "left", "right", "pleural", "basal", "upper lobe",
                                          "cardiac", "hilar" };

/* CPU seconds of this process: the machine is shared, wall time alone says little. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
random_id (GRand   *rand,
           GString *out)
{
  for (guint i = 0; i < 39; i++)
    g_string_append_c (out, '0' + (i == 0 ? g_rand_int_range (rand, 1, 10) : g_rand_int_range (rand, 0, 10)));
}

static void
append_box (GRand   *rand,
            GString *out)
{
  double x1 = g_rand_int_range (rand, 0, 60000000) / 1e8;
  double y1 = g_rand_int_range (rand, 0, 60000000) / 1e8;
  double x2 = x1 + g_rand_int_range (rand, 1000000, 40000000) / 1e8;
  double y2 = y1 + g_rand_int_range (rand, 1000000, 40000000) / 1e8;
  double v[4] = { x1, y1, x2, y2 };

  g_string_append_c (out, '[');
  for (guint i = 0; i < 4; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      hilum_json_number_append (out, v[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_boxes (GRand   *rand,
              GString *out,
              guint    n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_box (rand, out);
    }
  g_string_append_c (out, ']');
}

static char *
generate (gsize *size)
{
  GRand *rand = g_rand_new_with_seed (2024);
  GString *out = g_string_new ("[");
  guint positive_left = N_POSITIVE, negative_left = N_NEGATIVE;

  for (guint s = 0; s < N_STUDIES; s++)
    {
      guint left = N_STUDIES - s;
      /* Spread the findings evenly, with some variation, so the totals come out exact. */
      guint n_pos = positive_left / left + ((guint) g_rand_int_range (rand, 0, left) < positive_left % left);
      guint n_neg = negative_left / left + ((guint) g_rand_int_range (rand, 0, left) < negative_left % left);
      g_autoptr(GString) study = g_string_new (NULL);
      gboolean first = TRUE;

      positive_left -= n_pos;
      negative_left -= n_neg;
      random_id (rand, study);

      g_string_append_printf (out, "%s{\"StudyID\": \"%s\", \"ImageID\": \"%s_%06x.png\", ",
                              s > 0 ? ", " : "", study->str, study->str,
                              g_rand_int_range (rand, 0, 0xffffff));
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          g_autoptr(GString) prior = g_string_new (NULL);

          random_id (rand, prior);
          g_string_append_printf (out, "\"PreviousStudyID\": \"%s\", \"PreviousImageID\": \"%s_a1b2c3.png\", ",
                                  prior->str, prior->str);
        }
      else
        {
          g_string_append (out, "\"PreviousStudyID\": null, \"PreviousImageID\": null, ");
        }
      g_string_append (out, "\"findings\": [");
      for (guint f = 0; f < n_pos; f++)
        {
          guint l = g_rand_int_range (rand, 0, G_N_ELEMENTS (labels));

          g_string_append_printf (out, "%s{\"sentence_en\": \"Findings compatible with %s in the %s region, to be correlated with the clinical history and prior studies.\", "
                                  "\"sentence_es\": \"Hallazgos compatibles con %s en la región %s, a correlacionar con la historia clínica y estudios previos, señal ñ.\", "
                                  "\"abnormal\": true, \"boxes\": ",
                                  first ? "" : ", ", labels[l], locations[l], labels[l], locations[l]);
          append_boxes (rand, out, g_rand_int_range (rand, 1, 4));
          g_string_append (out, ", \"extra_boxes\": ");
          append_boxes (rand, out, g_rand_int_range (rand, 0, 3));
          g_string_append_printf (out, ", \"labels\": [\"%s\"], \"locations\": [\"%s\", \"%s\"], "
                                  "\"progression\": %s}",
                                  labels[l], locations[l], locations[(l + 1) % G_N_ELEMENTS (locations)],
                                  g_rand_int_range (rand, 0, 10) == 0 ? "\"stable\"" : "null");
          first = FALSE;
        }
      for (guint f = 0; f < n_neg; f++)
        {
          g_string_append_printf (out, "%s{\"sentence_en\": \"No other significant alterations.\", "
                                  "\"sentence_es\": \"Sin otras alteraciones significativas.\", "
                                  "\"abnormal\": false}", first ? "" : ", ");
          first = FALSE;
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]\n");
  g_rand_free (rand);
  *size = out->len;
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("hilum-bench-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "grounded_reports.json", NULL);
  g_autofree char *output = g_build_filename (dir, "out.json", NULL);
  g_autofree char *db = g_build_filename (dir, "hilum.db", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;
  guint n_positive = 0, n_negative = 0, n_boxes = 0;
  gsize size;
  gint64 t0, t1, t2, t3;
  double c0, c1, c2;

  text = generate (&size);
  g_assert_true (g_file_set_contents (input, text, size, NULL));

  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, input, NULL, problems, &error);
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  c1 = cpu_seconds ();

  store = hilum_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_put_documents (store, documents, NULL, NULL, &error));
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  c2 = cpu_seconds ();

  g_assert_true (hilum_format_export (HILUM_FORMAT_PADCHEST_GR, documents, output, NULL, NULL, &error));
  g_assert_no_error (error);
  t3 = g_get_monotonic_time ();
  g_assert_true (g_file_get_contents (output, &back, NULL, NULL));

  for (guint i = 0; i < documents->len; i++)
    for (guint f = 0; f < hilum_document_get_n_findings (documents->pdata[i]); f++)
      {
        JsonObject *finding = hilum_document_get_finding (documents->pdata[i], f);
        JsonArray *annotations = json_object_get_array_member (finding, "annotations");

        if (g_str_equal (hilum_finding_get_polarity (finding), "positive"))
          n_positive++;
        else
          n_negative++;
        for (guint a = 0; a < json_array_get_length (annotations); a++)
          n_boxes += json_array_get_length (json_object_get_array_member (json_array_get_object_element (annotations, a), "boxes"));
      }

  g_print ("PadChest-GR import benchmark (generated, release-sized)\n");
  g_print ("  file:              %.2f MB, %u studies, %u positive / %u negative findings, %u boxes\n",
           size / 1e6, documents->len, n_positive, n_negative, n_boxes);
  g_print ("  failed records:    %u\n", problems->len);
  g_print ("  parse + documents: %.0f ms (%.0f ms CPU)\n", (t1 - t0) / 1e3, (c1 - c0) * 1e3);
  g_print ("  store put:         %.0f ms (%.0f ms CPU; one transaction, %u studies in the store)\n",
           (t2 - t1) / 1e3, (c2 - c1) * 1e3, hilum_store_count_studies (store));
  g_print ("  import total:      %.0f ms (%.0f ms CPU; target <= 5000 ms)\n",
           (t2 - t0) / 1e3, (c2 - c0) * 1e3);
  g_print ("  export back:       %.0f ms, byte-identical to the input: %s\n",
           (t3 - t2) / 1e3, g_strcmp0 (back, text) == 0 ? "yes" : "NO");

  g_clear_object (&store);
  g_remove (input);
  g_remove (output);
  {
    const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (db, suffixes[i], NULL);

        g_remove (f);
      }
  }
  g_rmdir (dir);
  return 0;
}
