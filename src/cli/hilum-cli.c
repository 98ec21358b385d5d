/* hilum-cli.c — the command-line face of the Hilum core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commands (DESIGN.md §hilum-cli):
 *
 *   hilum-cli info [--json] FILE...
 *     Without --json: an aligned, translated text block per file, blank line between.
 *     With --json: one JSON object per file, each on its own line (JSON Lines). One file
 *     therefore prints a single JSON object; several files print one object per line,
 *     never an array, so the output can be streamed and appended to (`jq -s` makes an
 *     array of it). Keys are those of hilum_image_info_to_json().
 *
 *   hilum-cli render FILE -o OUT.png [--window CENTER WIDTH] [--preset NAME]
 *                    [--invert] [--frame N]
 *     A full-resolution 8-bit PNG (gray; RGB for colour images) after the modality LUT
 *     and the file's VOI LUT function. The window is --window, else --preset, else the
 *     first window of the file, else the value range of the image. MONOCHROME1 images
 *     come out inverted (as they are meant to be seen); --invert flips that again.
 *
 *   hilum-cli convert | import | export …
 *     The dataset formats and the store: see hilum-cli-convert.c.
 *
 *   hilum-cli spell --lang en|es [--json] [--suggest] TEXT|-
 *     Misspelled words with their character offsets: see hilum-cli-spell.c. Exits 0
 *     when the text was checked, misspelled words or not.
 *
 *   hilum-cli check-translations [--json] DOCUMENT
 *     The bilingual flags of each ES/EN sentence pair of a hilum-study/1 document: see
 *     hilum-cli-check.c. Exits 0 when the document was checked, flags or not.
 *
 * Every command exits 0 on success and otherwise 1 with one line on stderr,
 * "hilum-cli: <message>" (a file that failed is named in the message). With several
 * files, `info` prints what it can and reports each failed file on its own line.
 */
#define G_LOG_DOMAIN "hilum-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hilum-cli-check.h"
#include "hilum-cli-common.h"
#include "hilum-cli-convert.h"
#include "hilum-cli-spell.h"
#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-image-json.h"
#include "hilum-png.h"
#include "hilum-presets.h"

static void
print_usage (void)
{
  g_print ("%s\n\n%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n\n%s\n",
           _("Usage: hilum-cli COMMAND [OPTION…]"),
           _("Commands:"),
           "info", _("Show the metadata of DICOM, PNG or JPEG images"),
           "render", _("Render an image to an 8-bit PNG after window/level"),
           "convert", _("Convert annotations between dataset formats"),
           "import", _("Import annotations into the store"),
           "export", _("Export studies from the store"),
           "check-translations\n          ", _("Check the Spanish/English sentence pairs of a study document"),
           "spell", _("Check the spelling of English or Spanish text"),
           _("Run “hilum-cli COMMAND --help” for the options of a command."));
}

/* ---- info ------------------------------------------------------------------------ */

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static void
print_text_block (HilumImage *image)
{
  const HilumImageInfo *info = hilum_image_get_info (image);
  g_autoptr(GString) windows = g_string_new (NULL);
  g_autofree char *slope = format_number (info->rescale_slope);
  g_autofree char *intercept = format_number (info->rescale_intercept);
  g_autofree char *min = format_number (hilum_image_get_min_value (image));
  g_autofree char *max = format_number (hilum_image_get_max_value (image));
  g_autofree char *size = NULL;
  g_autofree char *bits = NULL;
  g_autofree char *rescale = NULL;
  g_autofree char *spacing = NULL;
  g_autofree char *range = NULL;
  g_autofree char *samples = NULL;
  const char *view;
  guint n_frames = hilum_image_get_n_frames (image);
  guint label_width = 0;
  struct { const char *label; const char *value; } rows[16];
  guint n_rows = 0;

  switch (hilum_image_get_view (image))
    {
    case HILUM_VIEW_FRONTAL:
      view = _("Frontal");
      break;
    case HILUM_VIEW_LATERAL:
      view = _("Lateral");
      break;
    case HILUM_VIEW_UNKNOWN:
    default:
      view = _("Unknown");
      break;
    }

  size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u × %u pixels, %u frame",
                                       "%u × %u pixels, %u frames", n_frames),
                          hilum_image_get_width (image), hilum_image_get_height (image),
                          n_frames);
  bits = g_strdup_printf (_("%u allocated, %u stored, %s"),
                          info->bits_allocated, info->bits_stored,
                          info->pixel_representation ? _("signed") : _("unsigned"));
  samples = g_strdup_printf ("%u", info->samples_per_pixel);
  rescale = g_strdup_printf (_("slope %s, intercept %s"), slope, intercept);
  for (guint i = 0; i < hilum_image_get_n_windows (image); i++)
    {
      double center, width;
      g_autofree char *c = NULL;
      g_autofree char *w = NULL;

      hilum_image_get_window (image, i, &center, &width);
      c = format_number (center);
      w = format_number (width);
      if (i > 0)
        g_string_append (windows, ", ");
      /* Translators: a window of the image, center and width */
      g_string_append_printf (windows, _("center %s width %s"), c, w);
    }
  if (windows->len == 0)
    g_string_append (windows, _("none"));
  if (info->has_pixel_spacing)
    {
      g_autofree char *r = format_number (info->pixel_spacing[0]);
      g_autofree char *c = format_number (info->pixel_spacing[1]);

      /* Translators: pixel spacing, between rows and between columns */
      spacing = g_strdup_printf (_("%s × %s mm"), r, c);
    }
  else
    spacing = g_strdup (_("unknown"));
  /* Translators: the lowest and highest pixel value of the image */
  range = g_strdup_printf (_("%s to %s"), min, max);

#define ROW(l, v) G_STMT_START { rows[n_rows].label = (l); rows[n_rows].value = (v); n_rows++; } G_STMT_END
  ROW (_("File"), hilum_image_get_path (image));
  ROW (_("SOP Instance UID"), hilum_image_get_string (image, HILUM_IMAGE_SOP_INSTANCE_UID));
  ROW (_("Study Instance UID"), hilum_image_get_string (image, HILUM_IMAGE_STUDY_INSTANCE_UID));
  ROW (_("Series Instance UID"), hilum_image_get_string (image, HILUM_IMAGE_SERIES_INSTANCE_UID));
  ROW (_("Modality"), hilum_image_get_string (image, HILUM_IMAGE_MODALITY));
  ROW (_("View position"), hilum_image_get_string (image, HILUM_IMAGE_VIEW_POSITION));
  ROW (_("View"), view);
  ROW (_("Size"), size);
  ROW (_("Bits"), bits);
  ROW (_("Samples per pixel"), samples);
  ROW (_("Photometric"), hilum_image_get_string (image, HILUM_IMAGE_PHOTOMETRIC));
  ROW (_("Transfer syntax"), hilum_image_get_string (image, HILUM_IMAGE_TRANSFER_SYNTAX));
  ROW (_("Rescale"), rescale);
  ROW (_("Windows"), windows->str);
  ROW (_("Pixel spacing"), spacing);
  ROW (_("Values"), range);
#undef ROW

  for (guint i = 0; i < n_rows; i++)
    label_width = MAX (label_width, g_utf8_strlen (rows[i].label, -1));
  for (guint i = 0; i < n_rows; i++)
    {
      guint pad = label_width - g_utf8_strlen (rows[i].label, -1);

      g_print ("%s:%*s %s\n", rows[i].label, (int) pad, "", rows[i].value);
    }
}

static int
cmd_info (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per file"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  context = hilum_cli_option_context_new ("info", NULL,
                                          _("Show the metadata of DICOM, PNG or JPEG images."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (files == NULL || files[0] == NULL)
    return hilum_cli_fail ("%s", _("No file given; usage: hilum-cli info [--json] FILE…"));

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(HilumImage) image = NULL;
      g_autoptr(GError) local_error = NULL;

      image = hilum_decode_file (files[i], NULL, &local_error);
      if (image == NULL)
        {
          hilum_cli_print_error (local_error->message);
          status = 1;
          continue;
        }
      if (json)
        {
          g_autofree char *line = hilum_image_info_to_json_string (image);

          g_print ("%s\n", line);
        }
      else
        {
          if (i > 0)
            g_print ("\n");
          print_text_block (image);
        }
    }
  return status;
}

/* ---- render ---------------------------------------------------------------------- */

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static int
cmd_render (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *preset_name = NULL;
  g_autofree char *window_text = NULL;
  g_auto(GStrv) files = NULL;
  gboolean invert = FALSE;
  int frame = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PNG to FILE"), N_("FILE") },
    /* Only for --help: "--window C W" is taken out of argv before parsing, since a
     * GOption takes one value and a negative center would look like an option. */
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_text,
      N_("Window center and width (modality values)"), N_("CENTER WIDTH") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_name,
      N_("Window preset: default, auto, lung, mediastinum or bone"), N_("NAME") },
    { "invert", 0, 0, G_OPTION_ARG_NONE, &invert, N_("Invert the gray scale"), NULL },
    { "frame", 0, 0, G_OPTION_ARG_INT, &frame, N_("Render frame N (from 0)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gboolean have_window = FALSE;
  double center = 0, width = 0;
  HilumPreset preset = HILUM_PRESET_DEFAULT;
  guint n_frames;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--window"))
        {
          if (i + 2 >= argc || !parse_double (argv[i + 1], &center) ||
              !parse_double (argv[i + 2], &width))
            return hilum_cli_fail ("%s", _("--window needs two numbers: CENTER WIDTH"));
          have_window = TRUE;
          i += 2;
          continue;
        }
      g_ptr_array_add (args, argv[i]);
    }
  argc = args->len;
  g_ptr_array_add (args, NULL);
  argv = (char **) args->pdata;

  context = hilum_cli_option_context_new ("render", NULL,
                                          _("Render an image to a full-resolution 8-bit PNG after "
                                            "the modality and VOI LUTs."), entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);

  if (window_text != NULL)
    return hilum_cli_fail ("%s", _("--window needs two numbers: CENTER WIDTH"));
  if (files == NULL || files[0] == NULL)
    return hilum_cli_fail ("%s", _("No file given; usage: hilum-cli render FILE -o OUT.png"));
  if (files[1] != NULL)
    return hilum_cli_fail (_("Only one file can be rendered at a time (got “%s” and “%s”)"),
                           files[0], files[1]);
  if (output == NULL)
    return hilum_cli_fail ("%s", _("No output file given; use -o OUT.png"));
  if (have_window && preset_name != NULL)
    return hilum_cli_fail ("%s", _("Use either --window or --preset, not both"));
  if (have_window && !(width > 0))
    return hilum_cli_fail ("%s", _("The window width must be greater than 0"));
  if (preset_name != NULL && !hilum_preset_from_name (preset_name, &preset))
    return hilum_cli_fail (_("Unknown preset “%s”; use default, auto, lung, mediastinum or bone"),
                           preset_name);
  if (frame < 0)
    return hilum_cli_fail ("%s", _("The frame number cannot be negative"));

  image = hilum_decode_file (files[0], NULL, &error);
  if (image == NULL)
    return hilum_cli_fail ("%s", error->message);

  n_frames = hilum_image_get_n_frames (image);
  if ((guint) frame >= n_frames)
    return hilum_cli_fail (g_dngettext (GETTEXT_PACKAGE,
                                        "There is no frame %d in “%s”: it has %u frame",
                                        "There is no frame %d in “%s”: it has %u frames", n_frames),
                           frame, files[0], n_frames);

  if (!have_window)
    hilum_preset_compute (preset, image, frame, &center, &width);

  /* MONOCHROME1 means "low values are white": show it the way it is meant to be seen. */
  if (hilum_image_get_inverted_display (image))
    invert = !invert;

  if (!hilum_png_write_image (output, image, frame, center, width, invert, &error))
    return hilum_cli_fail ("%s", error->message);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("hilum-cli");

  if (argc < 2)
    return hilum_cli_fail ("%s", _("No command given; run “hilum-cli --help”"));

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "help"))
    {
      print_usage ();
      return 0;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("hilum-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (command, "info"))
    return cmd_info (argc - 1, argv + 1);
  if (g_str_equal (command, "render"))
    return cmd_render (argc - 1, argv + 1);
  if (g_str_equal (command, "convert"))
    return hilum_cli_convert (argc - 1, argv + 1);
  if (g_str_equal (command, "import"))
    return hilum_cli_import (argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return hilum_cli_export (argc - 1, argv + 1);
  if (g_str_equal (command, "spell"))
    return hilum_cli_spell (argc - 1, argv + 1);
  if (g_str_equal (command, "check-translations"))
    return hilum_cli_check_translations (argc - 1, argv + 1);

  return hilum_cli_fail (_("Unknown command “%s”; run “hilum-cli --help”"), command);
}
