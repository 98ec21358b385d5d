/* test-translation-check.c — the bilingual flags of each ES/EN pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-translation-check"

#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "hilum-translation-check.h"

typedef struct { const char *es, *en, *labels; } Pair;

static JsonObject *
finding_new (const char *id,
             const char *es,
             const char *en,
             const char *labels,
             const char *polarity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) names = g_strsplit (labels ? labels : "", "|", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "finding_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "polarity");
  json_builder_add_string_value (builder, polarity);
  json_builder_set_member_name (builder, "text");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, en);
  json_builder_set_member_name (builder, "es");
  json_builder_add_string_value (builder, es);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i]; i++)
    if (names[i][0])
      json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

/* (nullable) The message of @flag for the pair, NULL when not raised. */
static char *
flag_message (const Pair *pair,
              const char *flag)
{
  g_autoptr(JsonObject) finding = finding_new ("f1", pair->es, pair->en, pair->labels, "positive");
  g_autoptr(GPtrArray) flags = hilum_translation_check_finding (finding);
  char *message = NULL;
  guint n = 0;

  for (guint i = 0; i < flags->len; i++)
    {
      HilumTranslationFlag *f = flags->pdata[i];

      g_assert_cmpstr (f->finding_id, ==, "f1");
      if (g_str_equal (f->flag, flag))
        {
          n++;
          message = g_strdup (f->message);
        }
    }
  g_assert_cmpuint (n, <=, 1);   /* one flag per kind per finding */
  return message;
}

static void
check_pairs (const char *flag,
             const Pair *raise,
             const Pair *fine)
{
  for (guint i = 0; raise[i].en; i++)
    {
      g_autofree char *message = flag_message (&raise[i], flag);

      if (message == NULL)
        g_error ("%s not raised for “%s” / “%s”", flag, raise[i].es, raise[i].en);
    }
  for (guint i = 0; fine[i].en; i++)
    {
      g_autofree char *message = flag_message (&fine[i], flag);

      if (message != NULL)
        g_error ("%s raised for “%s” / “%s”: %s", flag, fine[i].es, fine[i].en, message);
    }
}

static void
test_missing (void)
{
  static const Pair raise[] = {
    { "", "Left pleural effusion." }, { "   ", "Cardiomegaly." }, { "\n", "No pneumothorax." },
    { "Derrame pleural izquierdo.", "" }, { "Cardiomegalia.", "  " },
    { "", "2.5 cm nodule in the right upper lobe." }, { "Sin neumotórax.", "\t" },
    { " ", "Bilateral hilar enlargement." }, { NULL }
  };
  static const Pair fine[] = {
    { "", "" }, { "  ", " " }, { "Derrame pleural izquierdo.", "Left pleural effusion." },
    { "Cardiomegalia.", "Cardiomegaly." }, { "No se observa neumotórax.", "No pneumothorax." },
    { "Nódulo de 2,5 cm.", "2.5 cm nodule." }, { "Escoliosis.", "Scoliosis." },
    { "Cambios postquirúrgicos.", "Postsurgical changes." }, { NULL }
  };
  g_autofree char *message = NULL;

  check_pairs ("missing-translation", raise, fine);
  message = flag_message (&raise[0], "missing-translation");
  g_assert_cmpstr (message, ==, "The Spanish sentence is empty.");
  g_clear_pointer (&message, g_free);
  message = flag_message (&raise[3], "missing-translation");
  g_assert_cmpstr (message, ==, "The English sentence is empty.");
}

static void
test_copy (void)
{
  static const Pair raise[] = {
    { "Left pleural effusion.", "Left pleural effusion." },
    { "left pleural effusion", "Left pleural effusion." },
    { "Cardiomegaly", "Cardiomegaly." }, { "Scoliosis.", "scoliosis" },
    { "Pleural effusion of the left side.", "Left pleural effusion." },
    { "Blunting of the right costophrenic angle.", "Right costophrenic angle blunting." },
    { "There is a nodule in the left lung.", "Nodule in the left lung." },
    { "Thickening of the fissure.", "Fissure thickening." }, { NULL }
  };
  static const Pair fine[] = {
    { "Derrame pleural izquierdo.", "Left pleural effusion." },
    { "Cardiomegalia.", "Cardiomegaly." }, { "Escoliosis.", "Scoliosis." },
    { "Neumotórax.", "Pneumothorax." }, { "Derrame pleural bilateral.", "Bilateral pleural effusion." },
    { "Nódulo en el lóbulo superior derecho.", "Nodule in the right upper lobe." },
    { "Engrosamiento pleural apical.", "Apical pleural thickening." },
    { "Marcapasos.", "Pacemaker." }, { NULL }
  };
  g_autofree char *message = NULL;

  check_pairs ("untranslated-copy", raise, fine);
  message = flag_message (&raise[0], "untranslated-copy");
  g_assert_cmpstr (message, ==, "The Spanish sentence is the same as the English one.");
  g_clear_pointer (&message, g_free);
  message = flag_message (&raise[4], "untranslated-copy");
  g_assert_cmpstr (message, ==, "The Spanish sentence seems to be in English.");
}

static void
test_side (void)
{
  static const Pair raise[] = {
    { "Derrame pleural derecho.", "Left pleural effusion." },
    { "Derrame pleural izquierdo.", "Right pleural effusion." },
    { "Derrame pleural.", "Left pleural effusion." },
    { "Derrame pleural derecho.", "Pleural effusion." },
    { "Derrame pleural izquierdo.", "Bilateral pleural effusion." },
    { "Infiltrados en ambos campos.", "Right lung infiltrates." },
    { "Atelectasia basal dcha.", "Left basal atelectasis." },
    { "Nódulo en el vértice izq.", "Nodule in the right apex." }, { NULL }
  };
  static const Pair fine[] = {
    { "Derrame pleural izquierdo.", "Left pleural effusion." },
    { "Atelectasia basal derecha.", "Right basal atelectasis." },
    { "Derrame pleural bilateral.", "Bilateral pleural effusion." },
    { "Infiltrados en ambos pulmones.", "Infiltrates in both lungs." },
    { "DERRAME PLEURAL IZQUIERDO.", "left pleural effusion" },
    { "Hipertrofia del ventrículo izquierdo.", "Left ventricular hypertrophy." },
    { "Catéter en la aurícula derecha.", "Catheter in the right atrium." },
    { "Cardiomegalia.", "Cardiomegaly." }, { NULL }
  };
  g_autofree char *message = NULL;

  check_pairs ("side-mismatch", raise, fine);
  message = flag_message (&raise[0], "side-mismatch");
  g_assert_cmpstr (message, ==, "The English sentence says left, the Spanish one says derecho.");
  g_clear_pointer (&message, g_free);
  message = flag_message (&raise[2], "side-mismatch");
  g_assert_cmpstr (message, ==, "The English sentence says left, the Spanish one names no side.");
}

static void
test_number (void)
{
  static const Pair raise[] = {
    { "Nódulo de 3 cm.", "2.5 cm nodule." }, { "Nódulo de 2,5 mm.", "2.5 cm nodule." },
    { "Nódulo de 2,5.", "2.5 cm nodule." }, { "Aplastamiento vertebral de T7.", "T6 vertebral collapse." },
    { "Fractura del 5º arco costal.", "Fracture of the 4th rib." },
    { "Nódulos de 1 y 2 cm.", "1 cm nodule." }, { "Derrame del 30%.", "20% effusion." },
    { "Nódulo pulmonar.", "12 mm lung nodule." }, { NULL }
  };
  static const Pair fine[] = {
    { "Nódulo de 2,5 cm.", "2.5 cm nodule." }, { "Nódulo de 25 mm.", "25mm nodule." },
    { "Aplastamiento vertebral de D6.", "T6 vertebral collapse." },
    { "Fractura del 4º arco costal.", "Fracture of the 4th rib." },
    { "Nódulos de 1 y 2 cm.", "Nodules of 1 and 2 cm." }, { "Derrame del 30 %.", "30% effusion." },
    { "Nódulo de 2,50 cm.", "2.5 cm nodule." }, { "Cardiomegalia.", "Cardiomegaly." }, { NULL }
  };
  g_autofree char *message = NULL;

  check_pairs ("number-mismatch", raise, fine);
  message = flag_message (&raise[0], "number-mismatch");
  g_assert_cmpstr (message, ==, "Numbers differ: 2.5 cm in English, 3 cm in Spanish.");
  g_clear_pointer (&message, g_free);
  message = flag_message (&raise[7], "number-mismatch");
  g_assert_cmpstr (message, ==, "Numbers differ: 12 mm in English, no number in Spanish.");
}

static void
test_negation (void)
{
  static const Pair raise[] = {
    { "Sin derrame pleural.", "Pleural effusion." }, { "Derrame pleural.", "No pleural effusion." },
    { "Neumotórax.", "No evidence of pneumothorax." }, { "No se observa neumotórax.", "Pneumothorax." },
    { "Ausencia de derrame.", "Effusion." }, { "Cardiomegalia.", "Heart size is not enlarged." },
    { "Senos costofrénicos libres de derrame.", "Costophrenic angle blunting." },
    { "Consolidación.", "Lungs free of consolidation." }, { NULL }
  };
  static const Pair fine[] = {
    { "No se observa neumotórax.", "No pneumothorax." }, { "Sin derrame pleural.", "No pleural effusion." },
    { "No hay consolidación.", "Without consolidation." }, { "Derrame pleural.", "Pleural effusion." },
    { "No se aprecian nódulos.", "Absence of nodules." },
    { "Se descarta neumotórax.", "Negative for pneumothorax." },
    { "Senos costofrénicos libres.", "Unremarkable costophrenic angles." },
    { "Nódulo en el lóbulo superior.", "Nodule in the upper lobe." }, { NULL }
  };
  g_autofree char *message = NULL;

  check_pairs ("negation-mismatch", raise, fine);
  message = flag_message (&raise[0], "negation-mismatch");
  g_assert_cmpstr (message, ==, "The Spanish sentence is negated (“sin”), the English one is not.");
  g_clear_pointer (&message, g_free);
  message = flag_message (&raise[1], "negation-mismatch");
  g_assert_cmpstr (message, ==, "The English sentence is negated (“no”), the Spanish one is not.");
}

static void
test_label (void)
{
  static const Pair raise[] = {
    { "Cardiomegalia.", "Cardiomegaly.", "pleural effusion" },
    { "Derrame pleural.", "Pleural effusion.", "cardiomegaly" },
    { "Neumotórax.", "Pneumothorax.", "nodule" },
    { "Escoliosis.", "Scoliosis.", "pleural effusion|scoliosis" },
    { "Marcapasos.", "Pacemaker.", "pneumothorax" },
    { "Atelectasia basal.", "Basal atelectasis.", "scoliosis" },
    { "Cardiomegalia.", "Cardiomegaly.", "pleural effusion|nodule" },
    { "Sin hallazgos.", "Nothing to report.", "pneumothorax" }, { NULL }
  };
  static const Pair fine[] = {
    { "Derrame pleural.", "Pleural effusion.", "pleural effusion" },
    { "Cardiomegalia.", "Cardiomegaly.", "cardiomegaly" },
    { "No se observa neumotórax.", "No pneumothorax.", "pneumothorax" },
    { "Nódulos pulmonares.", "Lung nodules.", "nodule" },
    { "Derrames bilaterales.", "Bilateral effusions.", "pleural effusion" },
    { "Derrame pleural y cardiomegalia.", "Pleural effusion and cardiomegaly.", "pleural effusion|cardiomegaly" },
    { "ESCOLIOSIS.", "Scoliosis.", "scoliosis" },
    { "Derrame.", "", "pleural effusion" }, { NULL }
  };
  g_autofree char *message = NULL;

  check_pairs ("label-missing", raise, fine);
  message = flag_message (&raise[0], "label-missing");
  g_assert_cmpstr (message, ==, "Neither sentence names the label pleural effusion.");
  g_clear_pointer (&message, g_free);
  message = flag_message (&raise[6], "label-missing");
  g_assert_cmpstr (message, ==, "Neither sentence names the labels pleural effusion, nodule.");
}

/* Accents, ñ and case do not make a difference; a negative finding is checked too. */
static void
test_accents (void)
{
  g_autoptr(JsonObject) finding =
    finding_new ("neg", "No se observa derrame pleural en el ángulo costofrénico izquierdo, ni niño.",
                 "No pleural effusion in the left costophrenic angle.", "pleural effusion", "negative");
  g_autoptr(JsonObject) wrong =
    finding_new ("neg2", "Derrame pleural DERECHO.", "No left pleural effusion.", "pleural effusion",
                 "negative");
  g_autoptr(GPtrArray) flags = hilum_translation_check_finding (finding);
  g_autoptr(GPtrArray) wrong_flags = hilum_translation_check_finding (wrong);

  g_assert_cmpuint (flags->len, ==, 0);
  g_assert_cmpuint (wrong_flags->len, ==, 2);
  g_assert_cmpstr (((HilumTranslationFlag *) wrong_flags->pdata[0])->flag, ==, "side-mismatch");
  g_assert_cmpstr (((HilumTranslationFlag *) wrong_flags->pdata[0])->message, ==,
                   "The English sentence says left, the Spanish one says derecho.");
  g_assert_cmpstr (((HilumTranslationFlag *) wrong_flags->pdata[1])->flag, ==, "negation-mismatch");
}

static void
test_document (void)
{
  const char *json =
    "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"s1\"}, \"images\": [],"
    " \"readers\": [], \"findings\": ["
    "{\"finding_id\": \"a\", \"polarity\": \"positive\", \"text\": {\"en\": \"Left pleural effusion.\","
    " \"es\": \"Derrame pleural derecho de 3 cm.\"}, \"labels\": [\"pleural effusion\"]},"
    "{\"finding_id\": \"b\", \"polarity\": \"negative\", \"text\": {\"en\": \"No pneumothorax.\","
    " \"es\": \"No se observa neumotórax.\"}, \"labels\": [\"pneumothorax\"]},"
    "{\"finding_id\": \"c\", \"polarity\": \"positive\", \"text\": {\"en\": \"Cardiomegaly.\","
    " \"es\": \"\"}, \"labels\": [\"cardiomegaly\"]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumDocument) document = hilum_document_new_from_string (json, -1, &error);
  g_autoptr(GPtrArray) flags = NULL;
  static const char * const expected[][2] = {
    { "a", "side-mismatch" }, { "a", "number-mismatch" }, { "c", "missing-translation" },
  };

  g_assert_no_error (error);
  flags = hilum_translation_check_document (document);
  g_assert_cmpuint (flags->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < flags->len; i++)
    {
      HilumTranslationFlag *flag = flags->pdata[i];

      g_assert_cmpstr (flag->finding_id, ==, expected[i][0]);
      g_assert_cmpstr (flag->flag, ==, expected[i][1]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/translation-check/missing", test_missing);
  g_test_add_func ("/hilum/translation-check/copy", test_copy);
  g_test_add_func ("/hilum/translation-check/side", test_side);
  g_test_add_func ("/hilum/translation-check/number", test_number);
  g_test_add_func ("/hilum/translation-check/negation", test_negation);
  g_test_add_func ("/hilum/translation-check/label", test_label);
  g_test_add_func ("/hilum/translation-check/accents", test_accents);
  g_test_add_func ("/hilum/translation-check/document", test_document);

  return g_test_run ();
}
