/* hilum-cli-render.c — hilum-cli render (an image to an 8-bit PNG)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli render FILE -o OUT.png [--window CENTER WIDTH] [--preset NAME]
 *                    [--invert] [--frame N]
 *
 * A full-resolution 8-bit PNG (gray; RGB for colour images) after the modality LUT
 * and the file's VOI LUT function. The window is --window, else --preset, else the
 * first window of the file, else the value range of the image. MONOCHROME1 images
 * come out inverted (as they are meant to be seen); --invert flips that again.
 */
#define G_LOG_DOMAIN "hilum-cli-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-render.h"
#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-presets.h"

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

int
hilum_cli_render (int    argc,
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
