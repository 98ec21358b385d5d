/* hilum-cli-info.c — hilum-cli info (the metadata of images)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli info [--json] FILE...
 *
 * Without --json: an aligned, translated text block per file, blank line between.
 * With --json: one JSON object per file, each on its own line (JSON Lines). One file
 * therefore prints a single JSON object; several files print one object per line,
 * never an array, so the output can be streamed and appended to (`jq -s` makes an
 * array of it). Keys are those of hilum_image_info_to_json(). With several files,
 * `info` prints what it can and reports each failed file on its own line (exit 1).
 */
#define G_LOG_DOMAIN "hilum-cli-info"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-info.h"
#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-image-json.h"

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

int
hilum_cli_info (int    argc,
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
