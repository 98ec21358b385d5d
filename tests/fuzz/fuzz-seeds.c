/* fuzz-seeds.c — the seed corpus of each fuzz target, written by the build
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-seeds DIR ARTIFACTS STAMP writes DIR/<target>/<n> for every target, makes the
 * folder ARTIFACTS for what a fuzzer finds, then STAMP (for the build): a valid input of
 * each
 * format (the shapes the tests use) and a few near misses, so the fuzzers start from
 * inputs that reach deep into the parsers.
 */
#include <glib.h>
#include <glib/gstdio.h>

typedef struct
{
  const char *target;
  const char *text;
} Seed;

static const Seed seeds[] = {
  { "fuzz-import-padchest-gr",
    "[{\"StudyID\": \"s1\", \"ImageID\": \"s1.png\", \"PreviousStudyID\": null, \"PreviousImageID\": null,"
    " \"findings\": [{\"sentence_en\": \"Cardiomegaly.\", \"sentence_es\": \"Cardiomegalia.\", \"abnormal\": true,"
    " \"boxes\": [[0.1, 0.2, 0.3, 0.4]], \"extra_boxes\": [], \"labels\": [\"cardiomegaly\"],"
    " \"locations\": [\"cardiac\"], \"progression\": \"stable\"},"
    " {\"sentence_en\": \"No effusion.\", \"sentence_es\": \"Sin derrame.\", \"abnormal\": false}]}]" },
  { "fuzz-import-padchest-gr", "[{\"StudyID\": \"s2\", \"ImageID\": \"x\", \"findings\": null, \"Extra\": {\"a\": [1]}}]" },
  { "fuzz-import-radfact",
    "[{\"example_id\": \"s1\", \"input\": \"Findings.\", \"target\": [{\"text\": \"Cardiomegaly.\","
    " \"boxes\": [{\"x_min\": 0.1, \"y_min\": 0.2, \"x_max\": 0.3, \"y_max\": 0.4}]}]}]" },
  { "fuzz-import-maira2",
    "{\"study_id\": \"s1\", \"frontal\": \"s1.png\", \"findings\": [{\"text\": \"Cardiomegaly.\","
    " \"boxes\": [[0.1, 0.2, 0.3, 0.4]]}]}\n{\"study_id\": \"s2\"}\n" },
  { "fuzz-import-ms-cxr",
    "dicom_id,image_id,label_text,category_name,x,y,w,h,image_width,image_height\n"
    "d1,s1.png,Cardiomegaly.,Cardiomegaly,10,20,30,40,100,100\n" },
  { "fuzz-import-coco",
    "{\"images\": [{\"id\": 1, \"file_name\": \"s1.png\", \"width\": 100, \"height\": 100}],"
    " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [10, 20, 30, 40]}],"
    " \"categories\": [{\"id\": 1, \"name\": \"Cardiomegaly\"}]}" },
  { "fuzz-import-hilum",
    "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"s1\", \"status\": \"new\"}, \"images\": [],"
    " \"readers\": [{\"reader_id\": \"r1\", \"role\": \"reader\"}], \"findings\": [{\"finding_id\": \"f1\","
    " \"polarity\": \"positive\", \"text\": {\"en\": \"Cardiomegaly.\", \"es\": \"Cardiomegalia.\"},"
    " \"labels\": [\"cardiomegaly\"], \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"i1\","
    " \"boxes\": [{\"box_id\": \"b1\", \"xyxy_norm\": [0.1, 0.2, 0.3, 0.4]}]}]}]}" },
  { "fuzz-document",
    "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"s1\"}, \"findings\": [{\"finding_id\": \"f1\","
    " \"polarity\": \"negative\", \"text\": {\"en\": \"No pneumothorax.\", \"es\": \"Sin neumotórax.\"}}]}" },
  { "fuzz-spell-tokenizer", "Índice cardiotorácico normal, neumotorax en T6 de 3x4 mm; https://example.org/a EPOC." },
  { "fuzz-decoder-reply",
    "{\"protocol\": 1, \"format\": \"dicom\", \"width\": 2, \"height\": 2, \"frames\": 1, \"pixels\": \"gray16\","
    " \"value_scale\": 1, \"value_offset\": 0}\n\x01\x00\x02\x00\x03\x00\x04\x00" },
};

int
main (int   argc,
      char *argv[])
{
  if (argc != 4 || g_mkdir_with_parents (argv[2], 0755) != 0)
    return 64;
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *dir = g_build_filename (argv[1], seeds[i].target, NULL);
      g_autofree char *name = g_strdup_printf ("seed-%u", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_mkdir_with_parents (dir, 0755) != 0 ||
          !g_file_set_contents (path, seeds[i].text, -1, NULL))
        return 1;
    }
  return g_file_set_contents (argv[3], "", 0, NULL) ? 0 : 1;
}
